"""pressecho's own text-dump cleaner: reflow, furniture around the article, metadata, bad input."""

from __future__ import annotations

import pytest

import pressecho
from pressecho.errors import EmptyDocument, NoArticleFound
from pressecho.extract import dumpblocks
from pressecho.extract.dumpblocks import reflow, repair_mojibake, shape_of, shapes_of
from pressecho.extract.news import (
    boilerplate_kind,
    find_authors,
    find_credits,
    gallery_counter,
    is_teaser_heading,
    parse_date,
    photo_credit,
)
from pressecho.extract.textdump import REMOVED_KINDS, extract_textdump

GERMAN = """Startseite
Politik
Wirtschaft
Sport
Kultur
Streit um neue Brücke: Stadtrat vertagt Entscheidung
Von Max Muster
03.11.2020, 08:30 Uhr
Der Stadtrat hat die Entscheidung über den Neubau der Brücke am Dienstagabend erneut vertagt. Die \
Fraktionen konnten sich nicht auf eine Finanzierung einigen.
Die Kosten für das Projekt werden inzwischen auf mehr als zwölf Millionen Euro geschätzt. Ursprünglich \
waren sechs Millionen Euro veranschlagt worden.
Wie geht es weiter?
Der Bürgermeister kündigte an, das Thema im Dezember erneut auf die Tagesordnung zu setzen. Bis dahin \
sollen die Verwaltung und die Fraktionen einen Kompromiss suchen. (dpa)
Mehr zum Thema
Brückensanierung: Land sagt Zuschuss zu
Neuer Radweg am Fluss eröffnet
Das ist ein ganz anderer Artikel über ein ganz anderes Thema, der auf der Seite nur angeteasert wird \
und den man hier nicht lesen will.
Kommentare
Impressum
Datenschutz
"""

ENGLISH = """Home
News
World
Sport
Business
Flood barriers fail as river breaks its banks in York
By Jane Doe and John Smith
12 March 2021, 14:05
Residents of York were evacuated on Tuesday night after the river broke through the temporary flood \
barriers that had been put up along the embankment.
The city council said more than two hundred homes had been affected and that emergency shelters were \
open in three schools across the city.
"We have never seen the water rise this quickly," said one resident, who had lived on the street for \
forty years.
What happens next
The Environment Agency said it would review the barriers once the water had gone down, and warned that \
more rain was expected at the weekend.
Share this article
Facebook
Twitter
Related articles
Storm warning issued for the north of England
Council leader resigns over housing row
Sign up for our newsletter
© 2021 Example News Ltd. All rights reserved.
"""


def _texts(article: pressecho.model.Article) -> list[str]:
    return [p.text for p in article.paragraphs]


# ------------------------------------------------------------------------------------------------ reflow


def test_full_stop_at_line_start_continues_the_sentence():
    blocks = reflow(
        "Zuletzt war ein Gipfeltreffen zwischen Kim und Trump in der\nvietnamesischen Hauptstadt "
        "Hanoi gescheitert\n. Putin bot sich als Vermittler an.\n"
    )
    assert [b.text for b in blocks] == [
        "Zuletzt war ein Gipfeltreffen zwischen Kim und Trump in der vietnamesischen Hauptstadt Hanoi "
        "gescheitert. Putin bot sich als Vermittler an."
    ]


def test_lowercase_line_continues_the_one_before():
    blocks = reflow("Kremlchef Wladimir Putin hat sich nach\nseinem ersten Treffen ausgesprochen.\n")
    assert [b.text for b in blocks] == [
        "Kremlchef Wladimir Putin hat sich nach seinem ersten Treffen ausgesprochen."
    ]
    assert blocks[0].lines == 2


def test_wrapped_group_joins_mid_sentence_breaks_before_capitals():
    text = (
        "Am Mittwoch passierte Kim mit seinem gepanzerten Sonderzug die Grenze, acht Jahre nachdem sein\n"
        "Vater sich mit dem damaligen\n"
        "Kremlchef Dmitri Medwedew getroffen hatte. Für seinen Sohn soll es nicht\n"
        "das letzte Treffen gewesen sein.\n\n"
        "Neuer Absatz.\n"
    )
    assert [b.text[:20] for b in reflow(text)] == ["Am Mittwoch passiert", "Neuer Absatz."]


def test_one_block_per_line_is_not_joined():
    text = "Home\nnews\nwir helfen\nemail\nfacebook\nDie Stadt hat entschieden.\nquelle: ap / evan vucci\n"
    assert len(reflow(text)) == 7


def test_blank_line_groups_and_white_space():
    blocks = reflow("Erster\u00a0Absatz  mit   Leerraum.\n\n\n\tZweiter Absatz.\r\n")
    assert [b.text for b in blocks] == ["Erster Absatz mit Leerraum.", "Zweiter Absatz."]
    assert [b.group for b in blocks] == [0, 1]


def test_mojibake_is_repaired():
    assert repair_mojibake("FÃ¼r die GrÃ¶ÃŸe") == "Für die Größe"
    assert repair_mojibake("Für die Größe") == "Für die Größe"
    # UTF-8 read as Latin-1 (C1 controls, not Windows-1252's curly quotes)
    assert (
        repair_mojibake("Caymanâ\x80\x99s prison, â\x80\x9cthe caseâ\x80\x9d")
        == "Cayman’s prison, “the case”"
    )
    # Windows-1252 read as Latin-1: German quotes and dashes come back
    assert (
        repair_mojibake("Er sagte \x84nie wieder\x93 \x96 und ging.") == "Er sagte „nie wieder“ – und ging."
    )


def test_mojibake_in_some_lines_is_repaired_as_in_the_whole_text():
    from ftfy import fix_encoding

    text = "Startseite\nFÃ¼r die GrÃ¶ÃŸe\nPlain ASCII line\nSchon richtig: Größe\nâ€žZitatâ€œ sagte er.\n"
    assert repair_mojibake(text) == fix_encoding(text)
    assert repair_mojibake(text).split("\n")[1:3] == ["Für die Größe", "Plain ASCII line"]


def test_a_pages_shapes_are_each_blocks_own():
    """Measured together (shapes_of) or alone, cached or not: the same shapes, in the page's order."""
    texts = [
        "Startseite",
        "Politik",
        "Streit um neue Brücke: Stadtrat vertagt Entscheidung",
        "Von Max Muster",
        "03.11.2020, 08:30 Uhr",
        "Der Stadtrat hat die Entscheidung über den Neubau der Brücke erneut vertagt. Die Fraktionen "
        "konnten sich nicht einigen. (dpa)",
        "Politik",
        "Teilen | Drucken | Kommentare",
        "Foto: Erika Muster",
        "1 / 14",
    ]
    dumpblocks._SHAPE_CACHE.clear()
    together = shapes_of(texts)
    dumpblocks._SHAPE_CACHE.clear()
    alone = [shape_of(t) for t in texts]
    cached = shapes_of(texts)
    assert together == alone == cached
    assert together[1] is together[6]  # a line the page repeats is measured once
    assert [s.words for s in together[:4]] == [1, 1, 7, 3]
    assert together[4].date == "2020-11-03T08:30" and together[3].authors == ("Max Muster",)
    assert together[5].credit and together[5].prose and together[8].photo_credit == "Erika Muster"
    assert together[9].counter and together[7].kind == "share"


def test_language_of_a_text_with_a_dotted_capital_i():
    """Lower-casing "İ" gives two characters (the text is then split into words before lower-casing)."""
    from pressecho.language.detect import detect_language

    german = "Die Stadt hat den Plan für das Ufer und die Brücke am Montag vorgestellt. " * 3
    assert detect_language(german) == "de"
    assert detect_language("İstanbul: " + german) == "de"
    assert detect_language("İ İ İ") is None


def test_control_characters_and_terminal_escapes_never_reach_the_article():
    body = (
        "Der Stadtrat hat am Dienstag \x1b[1;31mbeschlossen\x1b[0m, die Brücke über den Fluss bis zum Jahr "
        "2030 vollständig zu sanieren und die Kosten mit dem Kanton zu teilen.\n"
        "Die Arbeiten sollen im Frühjahr beginnen, wie die Verwaltung mitteilte.\x07\x1b]0;pwned\x07 "
        "Sie dauern rund zwei Jahre.\x0cDie Anwohner werden vor Beginn der Arbeiten an einem Abend informiert.\n"
    )
    article = pressecho.extract(("Startseite\nPolitik\n\n" + body).encode())
    assert article.paragraphs[0].text.startswith("Der Stadtrat hat am Dienstag beschlossen, die Brücke")
    assert all(ch.isprintable() or ch == "\n" for ch in article.text)
    assert "mitteilte. Sie dauern rund zwei Jahre." in article.text  # the window-title sequence went whole
    assert [b.text for b in reflow("Erste Seite.\x0cZweite Seite.")] == ["Erste Seite.", "Zweite Seite."]


# ---------------------------------------------------------------------------------------------- articles


def test_german_dump_body_metadata_and_tail():
    article = extract_textdump(GERMAN, raw_id="x")
    texts = _texts(article)
    assert texts[0].startswith("Der Stadtrat hat die Entscheidung")
    assert texts[-1].endswith("(dpa)")
    assert "Wie geht es weiter?" in texts
    assert [p.kind for p in article.paragraphs if p.text == "Wie geht es weiter?"] == ["heading"]
    assert not any("angeteasert" in t or "Radweg" in t for t in texts)
    assert article.title == "Streit um neue Brücke: Stadtrat vertagt Entscheidung"
    assert article.published == "2020-11-03T08:30"
    assert article.authors == ["Max Muster"]
    assert article.credits == ["dpa"]
    kinds = {r.kind for r in article.removed}
    assert {"title", "dateline", "tail"} <= kinds
    assert kinds <= set(REMOVED_KINDS)
    assert any(r.kind == "tail" and "angeteasert" in r.text for r in article.removed)


BANNER = (
    "Wir verwenden Cookies und andere Technologien auf unserer Website. Einige von ihnen sind essenziell, "
    "während andere uns helfen, diese Website und Ihre Erfahrung zu verbessern. Personenbezogene Daten können "
    "verarbeitet werden (z. B. IP-Adressen), z. B. für personalisierte Anzeigen und Inhalte oder Anzeigen- und "
    "Inhaltsmessung. Weitere Informationen über die Verwendung Ihrer Daten finden Sie in unserer "
    "Datenschutzerklärung. Sie können Ihre Auswahl jederzeit unter Einstellungen widerrufen oder anpassen."
)
# consent words in a news sentence: not the reader's consent, so not a notice
ABOUT_CONSENT = (
    "Die Zustimmung zur Regierung ist nach einer Umfrage des Instituts im Oktober deutlich gesunken, vor "
    "allem bei jüngeren Wählerinnen und Wählern."
)


def test_a_long_consent_banner_is_not_article_text():
    """A 70-word cookie banner reads like prose; as its own block it goes, run into the last paragraph
    it is cut off; an article paragraph that speaks of consent stays."""
    own_block = GERMAN.replace("Mehr zum Thema\n", BANNER + "\nMehr zum Thema\n")
    article = extract_textdump(own_block, raw_id="x")
    assert "Cookies" not in article.text and texts_equal(article, extract_textdump(GERMAN, raw_id="y"))
    assert any(r.kind == "consent" and r.text == BANNER for r in article.removed)

    last = "Bis dahin \\\nsollen die Verwaltung und die Fraktionen einen Kompromiss suchen. (dpa)"
    assert last.replace("\\\n", "") in GERMAN.replace("\\\n", "")
    run_in = GERMAN.replace("einen Kompromiss suchen. (dpa)", "einen Kompromiss suchen. " + BANNER)
    article = extract_textdump(run_in, raw_id="x")
    assert "Cookies" not in article.text
    assert article.paragraphs[-1].text.endswith(
        "sollen die Verwaltung und die Fraktionen einen Kompromiss suchen."
    )
    assert any(r.kind == "consent" and r.text == BANNER for r in article.removed)

    about = extract_textdump(
        GERMAN.replace("Wie geht es weiter?\n", ABOUT_CONSENT + "\nWie geht es weiter?\n"), raw_id="x"
    )
    assert ABOUT_CONSENT in _texts(about)


def texts_equal(a, b) -> bool:  # type: ignore[no-untyped-def]
    return _texts(a) == _texts(b)


def test_authors_are_the_articles_own_list():
    """A byline line's shape is cached across pages: an article that edits its authors must not change
    what the next page with the same byline gets."""
    first = extract_textdump(GERMAN, raw_id="x")
    first.authors.append("Erika Muster")
    second = extract_textdump(GERMAN, raw_id="y")
    assert second.authors == ["Max Muster"]
    assert type(second.authors) is list


def test_english_dump():
    article = pressecho.extract(ENGLISH.encode("utf-8"))
    texts = _texts(article)
    assert texts[0].startswith("Residents of York")
    assert texts[-1].startswith("The Environment Agency")
    assert ("heading", "What happens next") in [(p.kind, p.text) for p in article.paragraphs]
    assert not any("Storm warning" in t or "newsletter" in t for t in texts)
    assert article.title == "Flood barriers fail as river breaks its banks in York"
    assert article.published == "2021-03-12T14:05"
    assert article.authors == ["Jane Doe", "John Smith"]
    assert article.language == "en"


def test_gallery_becomes_a_caption_with_its_credit():
    dump = (
        "Die Regierung hat am Montag ein neues Gesetz zum Schutz der Wälder vorgestellt. Es soll im "
        "kommenden Jahr in Kraft treten und den Holzeinschlag begrenzen.\n"
        "1 / 8\n"
        "Wald im Herbst\n"
        "Ein Mischwald im Schwarzwald, aufgenommen im Oktober 2020.\n"
        "quelle: keystone / max muster\n"
        "Auf Facebook teilenAuf X teilen\n"
        "Umweltverbände begrüssten den Entwurf, forderten aber strengere Regeln für die Kontrolle der "
        "Betriebe und mehr Geld für die Aufforstung der geschädigten Flächen.\n"
    )
    article = extract_textdump(dump, raw_id="x")
    assert [(c.text, c.credit) for c in article.captions] == [
        ("Ein Mischwald im Schwarzwald, aufgenommen im Oktober 2020.", "keystone / max muster")
    ]
    assert len(article.paragraphs) == 2
    assert not any("Mischwald" in t or "Facebook" in t for t in _texts(article))
    assert {"gallery", "share"} <= {r.kind for r in article.removed}


def test_caption_followed_by_photo_credit():
    dump = (
        "Der Fluss trat in der Nacht über die Ufer und überschwemmte mehrere Strassen der Altstadt. Die "
        "Feuerwehr war mit allen Kräften im Einsatz.\n"
        "Helfer füllen Sandsäcke am Ufer.\n"
        "Foto: Erika Muster\n"
        "Am Morgen sank der Pegel wieder, doch die Aufräumarbeiten dürften nach Angaben der Stadt noch "
        "mehrere Wochen dauern.\n"
    )
    article = extract_textdump(dump, raw_id="x")
    assert [(c.text, c.credit) for c in article.captions] == [
        ("Helfer füllen Sandsäcke am Ufer.", "Erika Muster")
    ]
    assert len(article.paragraphs) == 2


def test_tail_is_cut_after_the_credit_line():
    body = (
        "Die Verhandlungen über den neuen Tarifvertrag sind am Freitag ohne Ergebnis zu Ende gegangen. "
        "Beide Seiten wollen sich in zwei Wochen erneut treffen."
    )
    dump = (
        f"{body}\n{body.replace('Freitag', 'Samstag')} (sda/dpa)\n"
        "Das könnte dich auch interessieren:\n"
        "Ein völlig anderer Text über ein anderes Ereignis, der als Teaser unter dem Artikel steht und "
        "nicht zum Artikel gehört, auch wenn er wie ein Absatz aussieht.\n"
        "Zur Story\n"
    )
    article = extract_textdump(dump, raw_id="x")
    assert len(article.paragraphs) == 2
    assert article.paragraphs[-1].text.endswith("(sda/dpa)")
    assert article.credits == ["sda", "dpa"]
    assert [r.kind for r in article.removed] == ["tail", "tail", "tail"]


def test_offsets_point_into_text():
    article = extract_textdump(GERMAN, raw_id="x")
    for p in article.paragraphs:
        assert article.text[p.start : p.end] == p.text


# --------------------------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "dump",
    [
        "Home\nNews\nSport\nImpressum\nDatenschutz\nKontakt\nFacebook\nTwitter\n© 2021 Example\n",
        "Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten. Mit der Nutzung unserer Website "
        "stimmen Sie der Verwendung von Cookies zu.\nAkzeptieren\nAblehnen\nImpressum\n",
        "Hallo",
    ],
)
def test_dump_without_article_raises_no_article_found(dump):
    with pytest.raises(NoArticleFound) as info:
        pressecho.extract(dump.encode("utf-8"))
    assert info.value.reason == "no-article"


def test_empty_dump():
    with pytest.raises(EmptyDocument):
        pressecho.extract(b"\n \n\t\n")


def test_large_and_odd_dumps_finish():
    one_line = "Das ist ein Satz mit vielen Wörtern, und er endet mit einem Punkt. " * 5000
    assert len(extract_textdump(one_line, raw_id="x").paragraphs) == 1
    many = "\n".join(f"Zeile {i}" for i in range(5000))
    assert extract_textdump(many, raw_id="x").paragraphs == []


# ---------------------------------------------------------------------------------------- news lexicon


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Auf Facebook teilenAuf X teilen", "share"),
        ("URL zum Kopieren", "share"),
        ("1 / 14", "counter"),
        ("Hits: 15", "counter"),
        ("quelle: ap / evan vucci", "photo-credit"),
        ("5 CHF", "donation"),
        ("Das könnte dich auch interessieren:", "teaser"),
        ("Mehr zum Thema", "teaser"),
        ("Lesen Sie auch", "teaser"),
        ("2 Kommentare", "comments"),
        ("Newsletter abonnieren", "newsletter"),
        ("Impressum", "navigation"),
        ("Copyright © 2020 Example GmbH", "copyright"),
        (
            "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert und "
            "werden geprüft, bevor der Beitrag erscheint.",
            "comments",
        ),
        ("Keine Vereinbarung geplant", None),
        (
            "Putin bezeichnete seinen Dialog mit Kim als konstruktiv und will das Gespräch bald fortsetzen.",
            None,
        ),
    ],
)
def test_boilerplate_kind(text, kind):
    assert boilerplate_kind(text) == kind


def test_news_helpers():
    assert is_teaser_heading("Das könnte dich auch interessieren:")
    assert not is_teaser_heading("Keine Vereinbarung geplant")
    assert photo_credit("Bild: ap / watson") == "ap / watson"
    assert photo_credit("Der Bildband erscheint im Mai.") is None
    assert gallery_counter("1 / 14") == (1, 14)
    assert gallery_counter("15 / 14") is None
    assert find_authors("Von Claus Boelen-Theile") == ["Claus Boelen-Theile"]
    assert find_authors("Autor: Erika Muster und Max Muster") == ["Erika Muster", "Max Muster"]
    assert find_authors("Von Tunis nach Teheran") == []
    assert find_credits("... getroffen. (sda/dpa)")[0] == ["sda", "dpa"]
    assert parse_date("12 March 2021, 14:05") == "2021-03-12T14:05"
    assert parse_date("March 12, 2021 at 2:05 pm") == "2021-03-12T14:05"
    assert parse_date("25. April 2019 um 13.15 Uhr") == "2019-04-25T13:15"


def test_breadcrumb_trail_gives_the_section():
    dump = GERMAN.replace(
        "Streit um neue Brücke: Stadtrat vertagt Entscheidung\n",
        "Home » Politik » Kommunales » Streit um neue Brücke\nStreit um neue Brücke: Stadtrat vertagt Entscheidung\n",
    )
    article = extract_textdump(dump, raw_id="x")
    assert article.section == ["Politik", "Kommunales"]
    assert article.title == "Streit um neue Brücke: Stadtrat vertagt Entscheidung"
    assert any(r.kind == "breadcrumb" for r in article.removed)


# ---------------------------------------------------------------------------------------------- dispatch

QUOTING_DUMP = """Datenschutz-Einstellungen
Startseite
Politik
Ein Formular zum Nachbauen
Wer selbst ein Formular bauen will, braucht nicht viel. Der folgende Ausschnitt zeigt das Gerüst, das \
die meisten Seiten verwenden, und danach erklären wir jede Zeile.
<form action="/suche" method="get"><div class="feld"><label for="q">Suche</label><input id="q" name="q"></div>\
<div class="knopf"><button type="submit">Los</button></div><p class="hinweis">Mindestens drei Zeichen</p></form>
Das Element form umschließt alles, was abgeschickt wird. Die Angabe action nennt die Adresse, an die der \
Browser die Eingaben schickt, method sagt, wie er es tut.
Jedes Eingabefeld bekommt einen Namen, unter dem der Server den Wert findet. Ohne Namen kommt nichts an.
Kommentare
Impressum
"""


def test_a_dump_that_quotes_markup_is_a_text_dump():
    from pressecho.extract import looks_like_html

    assert not looks_like_html(QUOTING_DUMP)
    article = pressecho.extract(QUOTING_DUMP.encode())
    assert article.format == "textdump"
    assert "Das Element form umschließt alles" in article.text


def test_markup_is_html_with_or_without_a_document_around_it():
    from pressecho.extract import looks_like_html

    assert looks_like_html("<!DOCTYPE html><html><body><p>Hallo</p></body></html>")
    assert looks_like_html("  <div class='a'>Text</div>")
    fragment = "Vorspann ohne Tag\n" + "\n".join(f"<p>Absatz {i} mit etwas Text.</p>" for i in range(6))
    assert looks_like_html(fragment)
    assert not looks_like_html("Eine Zeile über <p> und <div> als Wörter.\nNoch eine Zeile.")


@pytest.mark.parametrize("doc_id", ["0f77a6e168ba7d6b", "17822be663f705e4"])
@pytest.mark.parametrize("style", ["block", "wrapped"])
def test_dev_dumps_quoting_forms_take_the_text_path(doc_id, style):
    from conftest import DATA, need_shared

    path = need_shared(DATA / "extraction" / style / f"{doc_id}.txt")
    assert pressecho.extract(path.read_bytes()).format == "textdump"


def test_the_page_title_line_is_the_title_not_the_first_paragraph():
    """A dump starts with the page's <title>; with no headline near the body, it is the title."""
    body = (
        "Die Bootsführerausbildung in der Feuerwehr ist sehr praxisorientiert und schließt mit der Prüfung "
        "zum amtlichen Sportbootführerschein ab. Der theoretische Unterricht wird in einer eigenen Schulung "
        "durchgeführt.\n"
        "Die praktische Ausbildung ist Teil des Dienstbetriebes und findet laufend statt. Ausbildungsziel ist "
        "der sichere Umgang mit dem Wasserfahrzeug bei Wind und Strömung.\n"
        "Oft wird eines der Boote zur Unterstützung der Tauchergruppe eingesetzt. Dann muss der Bootsführer "
        "sein Fahrzeug auf Position bringen und sicher verankern.\n"
    )
    menu = "Startseite\nTauchen\nAusbildung\nTechnik\nLeichte Sprache\nKontakt\nLeichte Sprache\nImpressum\n"
    page_title = "Boote sicher führen: So übt die Feuerwehr | Feuerwehr Oldenburg"
    article = extract_textdump(page_title + "\n" + menu + body, raw_id="x")
    assert article.title == "Boote sicher führen: So übt die Feuerwehr"
    assert _texts(article)[0].startswith("Die Bootsführerausbildung")


def test_a_headline_opening_the_body_is_the_title_when_nothing_else_names_the_article() -> None:
    """A dump that does not start with the page's title: the short line above the first paragraph,
    which the classifier keeps as text, is the headline."""
    dump = (
        "Startseite\nSchweiz\nInternational\nSP kritisiert Sparplan des Bundesrats\n"
        "Der Bundesrat will die Abgaben im kommenden Jahr deutlich senken und dafür bei der Bildung sparen. "
        "SP-Präsident Cédric Wermuth kritisierte den Plan am Mittwoch in Bern scharf.\n"
        "Finanzministerin Karin Keller-Sutter verteidigte den Entscheid vor den Medien. Der Haushalt müsse "
        "wieder ins Gleichgewicht kommen, die Schuldenbremse lasse keinen anderen Weg zu.\n"
        "«Das ist ein Fehler», sagte Wermuth.\n"
        "Auch die Grünen kündigten Widerstand an. Sie wollen im Parlament einen Gegenvorschlag einbringen, "
        "der die Bildungsausgaben von den Kürzungen ausnimmt.\n"
        "Artikel teilen\nFacebook\nTwitter\n"
    )
    article = pressecho.extract(dump)
    assert article.title == "SP kritisiert Sparplan des Bundesrats"
    assert article.paragraphs[0].text.startswith("Der Bundesrat will")
    assert [p.text for p in article.paragraphs][2] == "«Das ist ein Fehler», sagte Wermuth."


def test_a_short_closing_sentence_before_the_share_buttons_ends_the_article() -> None:
    dump = (
        "Startseite\nSchweiz\nSP kritisiert Sparplan des Bundesrats\n"
        "Der Bundesrat will die Abgaben im kommenden Jahr deutlich senken und dafür bei der Bildung sparen. "
        "SP-Präsident Cédric Wermuth kritisierte den Plan am Mittwoch in Bern scharf.\n"
        "Auch die Grünen kündigten Widerstand an. Sie wollen im Parlament einen Gegenvorschlag einbringen, "
        "der die Bildungsausgaben von den Kürzungen ausnimmt.\n"
        "Die Debatte beginnt im Juni.\n"
        "Artikel teilen\nFacebook\nTwitter\nMehr zum Thema\n"
    )
    assert pressecho.extract(dump).paragraphs[-1].text == "Die Debatte beginnt im Juni."
    # not a short line of the page's furniture after the body
    assert (
        pressecho.extract(dump.replace("Die Debatte beginnt im Juni.", "Alle Rechte vorbehalten."))
        .paragraphs[-1]
        .text.startswith("Auch die Grünen")
    )


_AGENCY_DUMP = (
    "Putin droht dem Westen: «Wir werden antworten»\n\n"
    "Moskau (sda/dpa) – Der russische Präsident Wladimir Putin hat dem Westen mit Konsequenzen gedroht. "
    "«Wir werden antworten, und zwar entschieden», sagte Putin am Dienstag in Moskau.\n\n"
    "Der Kremlchef fügte hinzu, Russland sei zu Verhandlungen bereit. Die Gespräche mit Präsident Maillard "
    "sollen im Herbst in Genf beginnen, hiess es aus dem Aussenministerium.\n\n"
)


def test_a_headline_quoting_someone_is_no_button_and_a_dateline_credits_its_agency() -> None:
    """'antworten' is a comment button's word, but not inside quoted words; "Moskau (sda/dpa) –"."""
    article = pressecho.extract(_AGENCY_DUMP)
    assert article.title == "Putin droht dem Westen: «Wir werden antworten»"
    assert article.credits == ["sda", "dpa"]


def test_an_interview_after_the_body_is_the_articles() -> None:
    interview = (
        "Interview\n\nNZZ: Herr Maillard, drohen Sie dem Parlament?\n\n"
        "Maillard: Nein. Wir informieren nur über unsere Möglichkeiten.\n\n"
        "NZZ: Und wenn das Volk Nein sagt?\n\nMaillard: Dann akzeptieren wir das selbstverständlich.\n\n"
    )
    texts = [p.text for p in pressecho.extract(_AGENCY_DUMP + interview).paragraphs]
    assert texts[-1] == "Maillard: Dann akzeptieren wir das selbstverständlich." and "Interview" in texts
    links = "Next: Elegantly activating a virtualenv\n\nPrevious: The high cost of slow builds\n\n" * 2
    assert not any(
        t.startswith(("Next:", "Previous:"))
        for t in (p.text for p in pressecho.extract(_AGENCY_DUMP + links).paragraphs)
    )


def test_a_labelled_date_far_from_the_headline_is_the_publication_date() -> None:
    """Blogs print "Veröffentlicht am ..." below the article; a comment's date after it is not it."""
    body = (
        "Der Gemeinderat hat am Dienstag beschlossen, das alte Schulhaus für acht Millionen Franken zu "
        "sanieren. Die Arbeiten sollen im Frühling beginnen und rund zwei Jahre dauern.\n"
        "Gegen das Projekt hatten sich im vergangenen Jahr viele Anwohnerinnen und Anwohner mit einer "
        "Petition gewehrt. Der Gemeinderat sagte, man habe die Einwände sorgfältig geprüft.\n"
    )
    dump = (
        "Startseite\nBlog\nKontakt\nSchulhaus wird saniert\n" + body + "Veröffentlicht am 06.12.2022\n"
        "2 Kommentare\nAnna sagt:\n24. Dezember 2022 um 03:36 Uhr\nToller Beitrag!\n"
    )
    article = pressecho.extract(dump)
    assert article.published == "2022-12-06"
    assert not any("Veröffentlicht" in p.text for p in article.paragraphs)


_REGIONAL_DUMP = """Regionales | Politik | Sport | Kultur

Landrat Pförtner will Kreisstraße sanieren

Von Carla Weidenhammer

Neustadt an der Ilm. Die Bundes-
regierung soll sich an den Kosten für die
Sanierung der Kreisstraße 17 beteiligen. Das
fordert Landrat Wolfgang Pförtner in einem
Brief an das Verkehrsministerium. „Ohne Hil-
fe aus Berlin schaffen wir das nicht“, schreibt
er.

Die Straße ist seit Jahren in schlechtem Zu-
stand. Nach Angaben des Kreises würde die Sa-
nierung rund 4,2 Millionen Euro kosten.

Foto: Kreisverwaltung Ilmtal
Die Kreisstraße 17 bei Unterholzen.

Teilen  Drucken  Mailen
"""


def test_a_print_like_dump_joins_hyphenated_words_and_finds_headline_and_caption() -> None:
    """Words hyphenated at the line's end are whole again (a hyphen that belongs to the word stays);
    the headline above a byline is the title, not the body's first paragraph; a photo credit's
    caption may follow it, when the text before it is the article's."""
    article = pressecho.extract(_REGIONAL_DUMP)
    assert article.title == "Landrat Pförtner will Kreisstraße sanieren"
    assert article.authors == ["Carla Weidenhammer"]
    texts = _texts(article)
    assert (
        texts[0].startswith("Neustadt an der Ilm. Die Bundesregierung soll") and "„Ohne Hilfe aus" in texts[0]
    )
    assert (
        texts[1].startswith("Die Straße ist seit Jahren in schlechtem Zustand.")
        and "die Sanierung" in texts[1]
    )
    assert len(texts) == 2
    assert [(c.text, c.credit) for c in article.captions] == [
        ("Die Kreisstraße 17 bei Unterholzen.", "Kreisverwaltung Ilmtal")
    ]
    wrapped = (
        "Die Forderung kommt von einer CDU-\nPolitikerin, die seit Jahren in Nord-\nund Süddeutschland für den "
        "Ausbau wirbt, und von\neinem 20-\njährigen Studenten aus der Region."
    )
    assert [b.text for b in reflow(wrapped)] == [
        "Die Forderung kommt von einer CDU-Politikerin, die seit Jahren in Nord- und Süddeutschland für den "
        "Ausbau wirbt, und von einem 20-jährigen Studenten aus der Region."
    ]


def test_a_line_end_hyphen_stays_in_english_text_addresses_and_anglicisms() -> None:
    """Only a German syllable break loses its hyphen: English prose and web or e-mail addresses break
    lines at their own hyphens, and German keeps "Know-how", "Check-in"."""
    english = (
        "The council voted on Tuesday for a long-\nterm plan that the so-\ncalled ferry alliance had "
        "pushed for\nyears, and the well-\nknown operator agreed."
    )
    assert [b.text for b in reflow(english)] == [
        "The council voted on Tuesday for a long-term plan that the so-called ferry alliance had pushed for "
        "years, and the well-known operator agreed."
    ]
    german = (
        "Mehr Infos gibt es unter www.auenfelder-\nfaehre.de oder per Mail an info@auenfeld-\ntest.de, "
        "das Know-\nhow für den Check-\nin kommt von der Bundes-\nregierung."
    )
    assert [b.text for b in reflow(german)] == [
        "Mehr Infos gibt es unter www.auenfelder-faehre.de oder per Mail an info@auenfeld-test.de, das "
        "Know-how für den Check-in kommt von der Bundesregierung."
    ]


def test_a_subheading_after_a_photo_credit_is_no_caption() -> None:
    """After "Foto: X", a short sentence is the photo's caption, but a line without a full stop is as
    often the body's next subheading: it is not made the photo's caption."""
    prose = (
        "Auenfeld. Nach zwei Jahren Bauzeit ist die neue Fußgängerbrücke über die Aue am Samstag feierlich "
        "eröffnet worden. Hunderte Menschen kamen zur Einweihung, Bürgermeisterin Carla Reinholt schnitt "
        "das Band durch.\n\nFoto: Jana Feldmann\n\n{after}\n\nDie Brücke kostete rund 3,4 Millionen Euro, "
        "den größten Teil trug das Land. Sie verbindet die Altstadt mit dem neuen Wohngebiet am Mühlbach, "
        "und sie soll auch im Winter geräumt werden.\n\nDie Opposition hatte die Kosten kritisiert. Der "
        "Radweg entlang des Flusses soll bis 2027 fertig werden, hieß es aus dem Rathaus.\n"
    )
    head = "Neue Brücke über die Aue eröffnet\n\nVon Jana Feldmann\n\n"
    article = pressecho.extract(head + prose.format(after="Was die Anwohner jetzt erwartet"))
    assert article.captions == []
    article = pressecho.extract(
        head + prose.format(after="Hunderte Besucher kamen am Samstag zur Eröffnung.")
    )
    assert [(c.text, c.credit) for c in article.captions] == [
        ("Hunderte Besucher kamen am Samstag zur Eröffnung.", "Jana Feldmann")
    ]


def test_a_press_release_is_dated_by_the_dateline_that_opens_its_text() -> None:
    dump = (
        "PRESSEMITTEILUNG\n\nStadtwerke Auenfeld senken Gaspreis zum 1. Januar\n\n"
        "Auenfeld, 28. November 2025 – Die Stadtwerke Auenfeld senken zum 1. Januar 2026 den Arbeitspreis "
        "für Erdgas um 1,2 Cent pro Kilowattstunde. Davon profitieren rund 18.000 Haushalte.\n\n"
        "„Wir geben die gesunkenen Beschaffungskosten vollständig an unsere Kunden weiter“, sagt "
        "Geschäftsführer Dr. Matthias Quandtmeyer.\n"
    )
    article = pressecho.extract(dump)
    assert article.published == "2025-11-28"
    assert article.title == "Stadtwerke Auenfeld senken Gaspreis zum 1. Januar"


def test_a_dump_byline_names_the_author_not_the_place_she_writes_from() -> None:
    from pressecho.extract.news import find_authors

    assert find_authors("Von Jana Feldmann, St. Gallen") == ["Jana Feldmann"]
    assert find_authors("Von Andrea Zwyssig, Bern") == ["Andrea Zwyssig"]
    assert find_authors("Von Anna Muster, Ben Beispiel") == ["Anna Muster", "Ben Beispiel"]


def test_a_site_name_as_page_title_gives_way_to_the_headline_above_the_body() -> None:
    """A dump whose first line is only the site's name ("Auenfeld Aktuell"): the headline above the
    body is the title, though the classifier took it for the menu around it."""
    dump = (
        "Auenfeld Aktuell\nStartseite | Region | Sport\nStadtrat beschließt Ausbau des Busverkehrs\n28.11.2025\n"
        "Der Stadtrat von Auenfeld hat am Dienstagabend mit knapper Mehrheit beschlossen, den Busverkehr in "
        "den Ortsteilen ab Januar auszubauen. Künftig sollen die Linien im Halbstundentakt fahren.\n"
        "Bürgermeisterin Carla Reinholt sprach von einem wichtigen Schritt für die Dörfer. Die Kosten von "
        "rund 1,2 Millionen Euro im Jahr teilen sich Stadt und Kreis, wie die Verwaltung mitteilte.\n"
    )
    article = pressecho.extract(dump)
    assert article.title == "Stadtrat beschließt Ausbau des Busverkehrs"
    assert article.published == "2025-11-28"
    assert _texts(article)[0].startswith("Der Stadtrat von Auenfeld")
