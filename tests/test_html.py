"""The HTML path: trafilatura's body plus pressecho's news clean-up and the page's own metadata."""

from __future__ import annotations

import json

import pytest

import pressecho
from conftest import DATA, need_shared
from pressecho.errors import NoArticleFound
from pressecho.extract.html import (
    boilerplate_kind,
    choose_title,
    parse_html,
    read_metadata,
    split_credit,
)
from pressecho.extract.news import dateline_credits, normalise_datetime
from pressecho.model import Article

PARAGRAPHS = [
    "Der russische Präsident Wladimir Putin und Nordkoreas Machthaber Kim Jong Un sind am Donnerstag in "
    "Wladiwostok zu ihrem ersten Gipfel zusammengetroffen. Die beiden Staatschefs trafen sich in der Stadt "
    "im äussersten Osten Russlands.",
    "«Ich freue mich, sie hier zu sehen», sagte der Kremlchef, als sich beide Politiker unter scharfen "
    "Sicherheitsvorkehrungen auf der Insel Russki erstmals die Hände schüttelten. Beide lächelten freundlich "
    "in die Kameras.",
    "Ihr erstes langes Vier-Augen-Gespräch haben Kim und Putin als «inhaltsvoll» bezeichnet. Dabei sei es "
    "auch um die Situation auf der koreanischen Halbinsel gegangen, die zu den grössten internationalen "
    "Problemen gehöre, sagte Kim.",
    "Im Anschluss an das Vier-Augen-Gespräch begannen die Delegationen beider Länder mehrstündige "
    "Verhandlungen. Nach russischen Angaben war aber zunächst nicht geplant, dass Vereinbarungen "
    "unterzeichnet werden.",
    "Russland hatte Kim bereits im Mai vergangenen Jahres eingeladen. Zuletzt war es im Jahr 2011 zu einem "
    "Gipfel zwischen den Führern Russlands und Nordkoreas gekommen. (sda/dpa)",
]
LEAD = (
    "Kim Jong Un und Wladimir Putin haben sich in Wladiwostok getroffen. Der Kremlchef fordert "
    "Sicherheitsgarantien für Nordkorea."
)
CAPTION = "Putin und Kim am 25. April 2019 in Wladiwostok."
TEASER = "Elf Memes aus deinem Alltag – heute mit Donald und Kim"


def news_page(charset: str = "utf-8") -> str:
    json_ld = [
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": "Gipfel in Wladiwostok: Putin und Kim treffen erstmals zusammen",
            "datePublished": "2019-04-25T13:15:00+02:00",
            "author": [
                {"@type": "Person", "name": "Anna Muster"},
                {"@type": "Organization", "name": "Watson"},
            ],
            "articleSection": "International",
        },
        {
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": [
                {"@type": "ListItem", "position": 1, "name": "Startseite"},
                {"@type": "ListItem", "position": 2, "name": "International"},
                {"@type": "ListItem", "position": 3, "name": "Nordkorea"},
            ],
        },
    ]
    body = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3])
    rest = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS[3:])
    return f"""<!DOCTYPE html>
<html lang="de"><head><meta charset="{charset}">
<title>Gipfel in Wladiwostok: Putin fordert Sicherheitsgarantien für Nordkorea | watson</title>
<meta property="og:title" content="Gipfel in Wladiwostok: Putin und Kim treffen erstmals zusammen">
<meta property="og:description" content="{LEAD}">
<meta property="og:site_name" content="watson">
<script type="application/ld+json">{json.dumps(json_ld, ensure_ascii=False)}</script>
</head><body>
<nav><ul><li><a href="/">Startseite</a></li><li><a href="/int">International</a></li></ul></nav>
<article>
<h1>Gipfel in Wladiwostok: Putin fordert Sicherheitsgarantien für Nordkorea</h1>
<p class="lead">{LEAD}</p>
<div class="body">
{body}
<figure><img src="kim.jpg" alt="Kim"><figcaption>{CAPTION} Bild: ap / evan vucci</figcaption></figure>
<p>Artikel teilen</p>
<h2>Keine Vereinbarung geplant</h2>
{rest}
</div>
<div class="donation"><h3>Danke für die ♥</h3><p>Würdest du gerne watson und unseren Journalismus
unterstützen?</p></div>
<h3>Das könnte dich auch interessieren:</h3>
<ul class="related"><li><a href="/a">{TEASER}</a></li><li><a href="/b">Die Nobelpreisträger warnen</a></li></ul>
<p>2 Kommentare</p>
</article>
<footer><p>© 2019 watson.ch</p></footer>
</body></html>"""


@pytest.fixture(scope="module")
def article() -> Article:
    return pressecho.extract(news_page().encode("utf-8"))


def test_body_is_the_article_paragraphs_with_headings(article: Article) -> None:
    texts = [p.text for p in article.paragraphs]
    for p in PARAGRAPHS:
        assert p in texts
    heading = next(p for p in article.paragraphs if p.text == "Keine Vereinbarung geplant")
    assert heading.kind == "heading"
    assert all(p.kind == "text" for p in article.paragraphs if p.text in PARAGRAPHS)
    assert texts.index(PARAGRAPHS[2]) < texts.index("Keine Vereinbarung geplant") < texts.index(PARAGRAPHS[3])


def test_offsets_point_into_the_text(article: Article) -> None:
    for p in article.paragraphs:
        assert article.text[p.start : p.end] == p.text


def test_title_is_kept_apart_and_alternatives_are_recorded(article: Article) -> None:
    assert article.title == "Gipfel in Wladiwostok: Putin fordert Sicherheitsgarantien für Nordkorea"
    assert "Gipfel in Wladiwostok: Putin und Kim treffen erstmals zusammen" in article.title_alternatives
    assert all(article.title != p.text for p in article.paragraphs)


def test_metadata_from_the_page(article: Article) -> None:
    assert article.published == "2019-04-25T13:15+02:00"
    assert article.section == ["International", "Nordkorea"]
    assert article.authors == ["Anna Muster"]  # the outlet is not an author
    assert article.credits == ["sda", "dpa"]
    assert article.language == "de"
    assert article.format == "html"
    assert article.source == "watson"


def test_caption_and_credit_are_moved_out_of_the_body(article: Article) -> None:
    assert [(c.text, c.credit) for c in article.captions] == [(CAPTION, "ap / evan vucci")]
    assert CAPTION not in article.text


def test_share_donation_teaser_and_comments_are_removed_and_recorded(article: Article) -> None:
    for junk in ("teilen", "Danke für die", "unterstützen", "interessieren", TEASER, "Kommentare"):
        assert junk not in article.text
    removed = {(r.kind, r.text) for r in article.removed}
    assert ("share", "Artikel teilen") in removed
    assert ("teaser", "Das könnte dich auch interessieren:") in removed
    assert ("comments", "2 Kommentare") in removed
    assert any(kind == "donation" for kind, _ in removed)


def test_after_the_article_a_teaser_heading_takes_everything_after_it() -> None:
    page = news_page().replace(
        "<p>2 Kommentare</p>",
        "<h3>Mehr zum Thema</h3><p>Kim reist mit dem Zug nach Moskau</p><h4>Putin empfängt Gäste</h4>"
        "<p>Der Kreml lädt zum Empfang, und die Gäste kommen aus aller Welt.</p>",
    )
    a = pressecho.extract(page)
    assert PARAGRAPHS[-1] in a.text
    assert "Mehr zum Thema" not in a.text and "Moskau" not in a.text and "Empfang" not in a.text
    assert ("teaser", "Kim reist mit dem Zug nach Moskau") in {(r.kind, r.text) for r in a.removed}


def test_the_lead_is_kept(article: Article) -> None:
    assert article.paragraphs[0].text == LEAD


def test_lead_outside_trafilaturas_container_is_recovered() -> None:
    """A lead shown above the body container and stated as og:description is put back first."""
    page = news_page().replace(f'<p class="lead">{LEAD}</p>', "")
    page = page.replace(
        "<article>", f'<header class="intro"><div class="teaser-text">{LEAD}</div></header><article>'
    )
    a = pressecho.extract(page)
    assert a.paragraphs[0].text == LEAD
    assert PARAGRAPHS[0] in a.text


def test_lead_marked_by_its_class_is_recovered() -> None:
    """Without a description to go by, a block classed as the lead above the first paragraph is it."""
    page = news_page().replace(f'<meta property="og:description" content="{LEAD}">', "")
    page = page.replace(f'<p class="lead">{LEAD}</p>', "")
    page = page.replace("<article>", f'<header><p class="article-excerpt">{LEAD}</p></header><article>')
    a = pressecho.extract(page)
    assert a.paragraphs[0].text == LEAD


def test_a_windows_1252_page_comes_out_right() -> None:
    a = pressecho.extract(news_page("windows-1252").encode("cp1252", errors="replace"))
    assert PARAGRAPHS[0] in a.text
    assert "äussersten" in a.text


def test_teaser_marker_mid_article_takes_only_its_link_lines() -> None:
    page = news_page().replace(
        "<h2>Keine Vereinbarung geplant</h2>",
        "<p>Lesen Sie auch:</p><p>Kim reist mit dem Zug</p><h2>Keine Vereinbarung geplant</h2>",
    )
    a = pressecho.extract(page)
    assert "Kim reist mit dem Zug" not in a.text
    assert "Keine Vereinbarung geplant" in a.text
    assert PARAGRAPHS[3] in a.text


def test_paragraph_text_has_no_invisible_characters() -> None:
    page = news_page().replace("Vier-Augen-Gespräch haben", "Vier-Au\u00adgen-Ge\u00adspräch\u200b haben")
    a = pressecho.extract(page)
    assert "\u00ad" not in a.text and "\u200b" not in a.text
    assert "Vier-Augen-Gespräch haben" in a.text


# ----------------------------------------------------------------------------------------- helpers


def test_split_credit() -> None:
    assert split_credit("Shiffrin in Aktion. © AFP / JEFF PACHOUD") == (
        "Shiffrin in Aktion.",
        "AFP / JEFF PACHOUD",
    )
    assert split_credit("Der Bundesrat tagt. (Foto: Keystone)") == ("Der Bundesrat tagt.", "Keystone")
    assert split_credit("Ein Bild ohne Nachweis.") == ("Ein Bild ohne Nachweis.", None)


@pytest.mark.parametrize(
    ("stated", "expected"),
    [
        ("2019-04-25T13:15:00+02:00", "2019-04-25T13:15+02:00"),
        ("2019-04-25T11:15:00Z", "2019-04-25T11:15+00:00"),
        ("2019-04-25", "2019-04-25"),
        ("25.04.2019, 13:15", "2019-04-25T13:15"),
        ("2019-13-45", None),
        ("gestern", None),
        ("Thu, 25 Apr 2019 13:15:00 +0200", "2019-04-25T13:15+02:00"),  # a feed's pubDate
        ("25 Apr 2019 11:15:00 GMT", "2019-04-25T11:15+00:00"),
        ("1556190900", "2019-04-25T11:15+00:00"),  # Unix seconds, as corpora store them
        ("1556190900000", "2019-04-25T11:15+00:00"),
        ("12345", None),
    ],
)
def test_normalise_datetime(stated: str, expected: str | None) -> None:
    assert normalise_datetime(stated) == expected


def test_h1_that_is_the_site_logo_does_not_become_the_title() -> None:
    page = """<html><head><title>Mineralöl im November | Bundesamt</title>
    <meta property="og:site_name" content="Bundesamt"></head>
    <body><h1>Bundesamt</h1><p>Text</p></body></html>"""
    meta = read_metadata(parse_html(page), None)
    title, _ = choose_title(meta, None)
    assert title == "Mineralöl im November"


def test_deeply_nested_markup_keeps_its_text() -> None:
    """libxml2 drops what lies deeper than 256 levels; pressecho flattens such pages first."""
    inner = " ".join(PARAGRAPHS)
    page = (
        "<html><body><h1>Tief</h1>"
        + "<div>" * 10_000
        + f"<p>{inner}</p>"
        + "</div>" * 10_000
        + "</body></html>"
    )
    a = pressecho.extract(page)
    assert PARAGRAPHS[0] in a.text


def test_dev_pages_extract_with_consistent_offsets() -> None:
    """Twenty pages of the development split: each gives an article whose offsets hold."""
    folder = need_shared(DATA / "extraction" / "html")
    for path in sorted(folder.glob("*.html"))[:20]:
        a = pressecho.extract(path.read_bytes())
        assert a.paragraphs, path.name
        for p in a.paragraphs:
            assert a.text[p.start : p.end] == p.text
        assert Article.from_dict(json.loads(json.dumps(a.to_dict()))) == a


def test_a_fragment_of_markup_is_read_as_html() -> None:
    a = pressecho.extract(f"<div><p>{PARAGRAPHS[0]}</p></div>")
    assert a.text == PARAGRAPHS[0]
    assert a.format == "html"


@pytest.mark.parametrize(
    ("block", "kind"),
    [
        ("Artikel teilen", "share"),
        ("Auf WhatsApp teilen", "share"),
        ("Folgen Sie uns auf Instagram", "follow"),
        ("Newsletter abonnieren", "newsletter"),
        ("Jetzt spenden", "donation"),
        ("Das könnte dich auch interessieren:", "teaser"),
        ("Mehr zum Thema", "teaser"),
        ("Lesen Sie auch: Kim reist nach Moskau", "teaser"),
        ("2 Kommentare", "comments"),
        ("Die Kommentarfunktion ist geschlossen.", "comments"),
        ("Schlagworte: Nordkorea, Russland", "tags"),
        ("Pour lire la suite", "paywall"),
        ("To view the full story, please subscribe.", "paywall"),
        ("Mehr dazu findest du hier.", "link"),
        ("Video verfügbar bis 28.02.2021", "media"),
        # prose that merely starts like furniture stays
        (
            "Teilen wollte die Regierung die Verantwortung nicht, sagte der Minister am Dienstag vor den Medien.",
            None,
        ),
        ("Mehr als die Hälfte der Befragten gab an, die Kommentare unter Artikeln nie zu lesen.", None),
        ("Das Konzeptpapier finden Sie hier:", None),
    ],
)
def test_boilerplate_kinds(block: str, kind: str | None) -> None:
    assert boilerplate_kind(block) == kind


@pytest.mark.parametrize(
    ("opening", "agencies"),
    [
        ("Berlin (dpa) - Die Bundesregierung hat am Dienstag beschlossen", ["dpa"]),
        ("Washington (AFP/dpa) – Der Präsident hat", ["AFP", "dpa"]),
        ("(sda) Der Bundesrat will", ["sda"]),
        ("Bern (Keystone-SDA) - Der Nationalrat", ["sda"]),
        ("Die Partei (SPD) hat am Sonntag", []),
        ("Der Verein (gegründet 1900) - ein Porträt", []),
    ],
)
def test_dateline_credits(opening: str, agencies: list[str]) -> None:
    assert dateline_credits(opening) == agencies


def test_agency_dateline_in_the_first_paragraph_is_a_credit() -> None:
    page = news_page().replace(PARAGRAPHS[0], "Wladiwostok (AFP) - " + PARAGRAPHS[0])
    assert pressecho.extract(page).credits == ["AFP", "sda", "dpa"]


def test_site_names_are_taken_off_stated_headlines() -> None:
    page = """<html><head><title>Hund vertreibt Einbrecher – Zeugenaufruf – Hildesheimer Presse</title>
    <meta property="og:title" content="Hund vertreibt Einbrecher - Zeugenaufruf">
    <meta property="og:url" content="https://hildesheimer-presse.de/2023/11/01/hund/"></head>
    <body><h1>Hund vertreibt Einbrecher – Zeugenaufruf</h1></body></html>"""
    meta = read_metadata(parse_html(page), None)
    title, alternatives = choose_title(meta, None)
    assert title == "Hund vertreibt Einbrecher – Zeugenaufruf"
    assert alternatives == []  # the same headline with the site's name or other dashes is no alternative


def test_a_subtitle_after_a_dash_is_not_taken_for_a_site_name() -> None:
    page = """<html><head><title>Corona-Krise in Deutschland - Was jetzt gilt | Tagesblatt</title>
    <meta property="og:site_name" content="Tagesblatt"></head><body></body></html>"""
    meta = read_metadata(parse_html(page), None)
    assert meta.headlines == ["Corona-Krise in Deutschland - Was jetzt gilt"]


def test_control_characters_go_and_c1_controls_read_as_windows_1252() -> None:
    page = (
        "<html><head><title>Sanierung</title></head><body><article><h1>Die Br\u00fccke \x1b[2J wird saniert</h1>"
        "<p>Der Stadtrat hat am Dienstag \x84einstimmig\x93 beschlossen, die Br\u00fccke \u00fcber den Fluss bis "
        "2030 zu sanieren.\x07</p><p>Die Arbeiten sollen im Fr\u00fchjahr beginnen, wie die Verwaltung "
        "mitteilte, und rund zwei Jahre dauern.</p></article></body></html>"
    )
    article = pressecho.extract(page)
    assert "\u201eeinstimmig\u201c beschlossen" in article.paragraphs[0].text
    assert all(ch.isprintable() or ch == "\n" for ch in article.text + (article.title or ""))


def test_text_search_walks_text_nodes_in_document_order_as_the_xpath_does() -> None:
    import lxml.html

    from pressecho.extract.html import _texts_containing

    page = lxml.html.fromstring(
        "<html><head><title>Bern Titel</title></head><body><div>Bern eins<p>Bern zwei <b>Bern drei</b>"
        " Bern vier</p><!-- Bern Kommentar --> Bern fünf<ul><li>Bern sechs</li></ul></div>Bern sieben</body></html>"
    )
    expected = [
        (node.getparent(), bool(node.is_tail)) for node in page.xpath("//body//text()[contains(., 'Bern')]")
    ]
    found = list(_texts_containing(page, "Bern"))
    assert found == expected
    assert [(el.tag if isinstance(el.tag, str) else "comment", tail) for el, tail in found] == [
        ("div", False),
        ("p", False),
        ("b", False),
        ("b", True),
        ("comment", True),
        ("li", False),
        ("div", True),
    ]


@pytest.mark.parametrize("title", ["Index of /archiv/2024", "Directory listing for /private/"])
def test_a_web_servers_list_of_files_is_no_article(title: str) -> None:
    items = "".join(
        f'<li><a href="bericht-{i}.html">Bericht {i} über die Gemeindeversammlung</a></li>' for i in range(30)
    )
    page = f"<html><head><title>{title}</title></head><body><h1>{title}</h1><ul>{items}</ul></body></html>"
    with pytest.raises(NoArticleFound, match="list of files"):
        pressecho.extract(page)


@pytest.mark.parametrize(
    ("site", "url", "outlet"),
    [
        ("BioBioChile - La Red de Prensa Más Grande de Chile", "https://www.biobiochile.cl/a", "BioBioChile"),
        (
            "www.leichtathletik.de | Das Leichtathletik-Portal",
            "https://www.leichtathletik.de/a",
            "leichtathletik.de",
        ),
        ("Neue Zürcher Zeitung", "https://www.nzz.ch/a", "Neue Zürcher Zeitung"),
    ],
)
def test_the_outlet_is_named_without_its_slogan(site: str, url: str, outlet: str) -> None:
    page = (
        f"<html><head><meta property='og:site_name' content='{site}'><title>Ein Titel</title></head><body>"
        "<article><h1>Ein Titel</h1><p>"
        + "Der Gemeinderat hat am Dienstag das neue Budget beschlossen. " * 5
        + "</p></article></body></html>"
    )
    assert pressecho.extract(page, url=url).source == outlet


def test_impossible_days_are_no_dates_and_stated_titles_lose_their_scripts() -> None:
    from pressecho.extract.html import plain_text
    from pressecho.extract.news import parse_date

    assert normalise_datetime("2024-02-30") is None and normalise_datetime("2024-02-29") == "2024-02-29"
    assert parse_date("31.04.2021") is None
    assert plain_text("<script>alert(1)</script> Echt &amp; wahr <b>fett</b>") == "Echt & wahr fett"


def _page(body: str, head: str = "") -> bytes:
    return f'<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">{head}</head><body>{body}</body></html>'.encode()


_PROSE = (
    "<p>Bern (sda) – Bundesrätin Lisa Meierhans hat am Montag den umstrittenen Zeitplan für den Bahnausbau "
    "verteidigt. «Wir halten am Zeitplan fest», sagte sie vor den Medien in Bern.</p>"
    "<p>Der Urner Regierungsrat Beat Imholz zeigte sich wenig überzeugt. Der Bund habe die Kosten «massiv "
    "unterschätzt», sagte er. Seine Partei werde im Parlament eine Überprüfung verlangen.</p>"
)


def test_a_kicker_above_the_headline_and_a_closing_agency_credit_are_no_body() -> None:
    """'Schweiz' above the h1 is the kicker (the h1 is then the title, not a heading of the body); the
    dateline credit counts though a kicker and a lead come first; '(sda/dpa)' in a block classed
    "credit" is the agency's credit, not a picture's caption."""
    art = pressecho.extract(
        _page(
            '<article><span class="kicker">Schweiz</span><h1>Meierhans hält am Zeitplan fest</h1>'
            '<p class="intro">Die Verkehrsministerin verteidigt den Ausbau der Gotthardstrecke gegen Kritik.</p>'
            f'{_PROSE}<p class="credit">(sda/dpa)</p></article>',
            "<title>Meierhans hält am Zeitplan fest</title>",
        )
    )
    assert art.paragraphs[0].text.startswith("Die Verkehrsministerin")
    assert all(p.kind == "text" for p in art.paragraphs)
    assert art.credits == ["sda", "dpa"] and art.captions == []
    assert {(r.kind, r.text) for r in art.removed} >= {("kicker", "Schweiz"), ("credit-line", "(sda/dpa)")}


def test_a_kicker_of_several_words_right_above_the_headline_is_no_body() -> None:
    art = pressecho.extract(
        _page(
            '<article><span class="dachzeile">Nach Sitzung im Rathaus</span><h1>Meierhans hält am Zeitplan '
            f"fest</h1>{_PROSE}</article>",
            "<title>Meierhans hält am Zeitplan fest</title>",
        )
    )
    assert art.title == "Meierhans hält am Zeitplan fest"
    assert all(p.kind == "text" for p in art.paragraphs) and "Rathaus" not in art.paragraphs[0].text
    assert ("kicker", "Nach Sitzung im Rathaus") in {(r.kind, r.text) for r in art.removed}


@pytest.mark.parametrize(
    ("byline", "authors", "credits"),
    [
        ('<p class="author">Andrea Zwyssig, Bern</p>', ["Andrea Zwyssig"], []),
        ('<p class="author">Von Jana Feldmann, St. Gallen</p>', ["Jana Feldmann"], []),
        ('<p class="author">Kim Berger, Frankfurt am Main</p>', ["Kim Berger"], []),
        (
            '<div class="author-box"><span>Miriam Schöneck</span><span>Leiterin der Lokalredaktion</span></div>',
            ["Miriam Schöneck"],
            [],
        ),
        (
            '<div class="byline">Von Hauke Petersen, Britta Lorenzen und dpa</div>',
            ["Hauke Petersen", "Britta Lorenzen"],
            ["dpa"],
        ),
        ('<div class="author">Muster, Anna</div>', ["Anna Muster"], []),
        # an agency or a desk and its place: no one is named ("Berlin Reuters" was an author)
        ('<div class="byline">Reuters, Berlin</div>', [], ["Reuters"]),
        ('<div class="byline">Von AFP, Paris</div>', [], ["AFP"]),
        ('<div class="author">Redaktion, Auenfeld</div>', [], []),
    ],
)
def test_byline_markup_gives_names_not_places_or_roles_and_its_agency(
    byline: str, authors: list[str], credits: list[str]
) -> None:
    art = pressecho.extract(
        _page(f"<article><h1>Zeitplan</h1>{byline}{_PROSE.replace('(sda) ', '')}</article>")
    )
    assert art.authors == authors
    assert art.credits == credits


def test_a_date_stated_only_in_the_first_paragraphs_dateline_is_the_date() -> None:
    art = pressecho.extract(
        _page(
            "<article><h1>Neue Gebühren</h1><p>Zürich, 3. März 2025 – Der Gemeinderat von Wiesenthal hat am "
            "Montagabend neue Gebühren für die Müllabfuhr beschlossen. Die Opposition kritisierte den Entscheid "
            "als überhastet und forderte eine Volksabstimmung.</p></article>"
        )
    )
    assert art.published == "2025-03-03"


def test_an_embedded_post_is_removed_from_the_body() -> None:
    art = pressecho.extract(
        _page(
            f"<article><h1>Zeitplan</h1>{_PROSE}"
            '<blockquote class="twitter-tweet"><p lang="de">Wer 30 auf der L12 fordert, hat die Pendler vergessen. '
            '<a href="https://t.co/x">pic.twitter.com/x</a></p>&mdash; Holger Dreesbach (@HDreesbach) '
            '<a href="https://twitter.com/x/status/1">May 5, 2025</a></blockquote>'
            "<p>Der Landtag will sich im Juni mit dem Thema befassen. Eine Petition hat bereits mehr als 12.000 "
            "Unterschriften.</p></article>"
        )
    )
    assert not any("Pendler" in p.text for p in art.paragraphs)
    assert any(r.kind == "embed" and "Pendler" in r.text for r in art.removed)
    assert art.paragraphs[-1].text.startswith("Der Landtag")


def test_a_paywalled_teaser_is_the_article_and_the_offer_is_removed() -> None:
    """trafilatura's fallback glued headline, teaser and the paywall's offer into one paragraph."""
    art = pressecho.extract(
        _page(
            "<article><h1>Klinikverbund Ostalb schließt Geburtsstation</h1>"
            '<p class="teaser">Der Klinikverbund Ostalb schließt die Geburtsstation in Heubach zum Jahresende. '
            "Die Hebammen sind entsetzt.</p>"
            '<div class="paywall"><h3>Jetzt weiterlesen mit Jagstbote Plus</h3><p>Sie haben bereits ein Abo? '
            "Hier anmelden</p><p>Alle Artikel lesen für nur 0,99 € im ersten Monat. Jederzeit kündbar.</p>"
            '<a href="/abo">Jetzt testen</a></div></article>',
            "<title>Klinikverbund Ostalb schließt Geburtsstation | Jagstbote</title>",
        )
    )
    assert [p.text for p in art.paragraphs] == [
        "Der Klinikverbund Ostalb schließt die Geburtsstation in Heubach zum Jahresende. Die Hebammen sind entsetzt."
    ]
    assert [r.text for r in art.removed if r.kind == "paywall"][-1] == "Jetzt testen"


def test_a_live_tickers_headline_is_the_title_and_its_entries_keep_their_order() -> None:
    entries = [
        "Die Stadtwerke melden, dass inzwischen wieder 80 Prozent der Haushalte Strom haben. Der Rest folgt.",
        "Die Feuerwehr hat am Umspannwerk Ost einen Kabelbrand gelöscht. Die Ursache ist noch unklar.",
        "In weiten Teilen von Nordhafen ist am Nachmittag der Strom ausgefallen. Betroffen sind 60.000 Haushalte.",
    ]
    html = "".join(
        f'<div class="entry"><time>{t}</time><p>{e}</p></div>'
        for t, e in zip(["18:40", "16:02", "15:30"], entries, strict=True)
    )
    art = pressecho.extract(
        _page(
            f'<article><h1>Liveticker: Stromausfall in Nordhafen</h1><div class="ticker">{html}</div></article>'
        )
    )
    assert art.title == "Liveticker: Stromausfall in Nordhafen"
    # the entries' time stamps, which trafilatura drops, head their entries
    assert [p.text for p in art.paragraphs] == ["18:40", entries[0], "16:02", entries[1], "15:30", entries[2]]
    assert [p.kind for p in art.paragraphs[::2]] == ["heading"] * 3


def test_a_published_line_gives_the_date_and_time() -> None:
    art = pressecho.extract(
        _page(
            '<article><h1>Zeitplan</h1><div class="date">Veröffentlicht am 17.01.2025 um 14:05 Uhr</div>'
            f"{_PROSE}</article>"
        )
    )
    assert art.published == "2025-01-17T14:05"
