"""Shared-passage alignment (pressecho.relate.align): edits it must tolerate, splits, offsets, seeds."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from conftest import DATA, SEEDS, SHARED, need_shared
from pressecho.model import PARAGRAPH_SEPARATOR, Article, Paragraph
from pressecho.relate.align import DEFAULT, STORY, Alignment, AlignParams, align, align_articles
from pressecho.relate.ngrams import words

AGENCY = (
    "Der russische Präsident Wladimir Putin hat sich nach dem Gipfel in Wladiwostok für internationale "
    "Sicherheitsgarantien für Nordkorea ausgesprochen. Eine atomare Abrüstung sei nicht möglich, ohne dem "
    "Staat seine territoriale Unversehrtheit zu garantieren, sagte Putin vor Journalisten. «Sie brauchen nur "
    "eine Garantie für ihre Sicherheit», so der Kremlchef. Über diese Garantien müsse die internationale "
    "Gemeinschaft nachdenken, weil sonst keine Lösung des Atomstreits in Sicht sei."
)
OTHER = (
    "Die Preise für Heizöl sind im vergangenen Monat deutlich gestiegen. Händler in Hamburg berichten von "
    "einer großen Nachfrage vor dem Winter, viele Haushalte füllen ihre Tanks früher als sonst. Experten "
    "erwarten, dass sich die Lage im Frühjahr wieder beruhigt."
)


def only(found: list[Alignment]) -> Alignment:
    assert len(found) == 1, found
    return found[0]


def test_an_exact_copy_is_one_passage_with_offsets_on_both_sides() -> None:
    b = "Vorspann ohne Bezug zum Thema. " + AGENCY + " Nachsatz, der nicht aus der Meldung stammt."
    al = only(align(AGENCY, b))
    assert (al.a_start, al.a_end) == (0, len(AGENCY))
    assert b[al.b_start : al.b_end] == AGENCY
    assert al.score == pytest.approx(1.0)


def test_spelling_quote_marks_hyphenation_and_case_do_not_break_a_passage() -> None:
    b = (
        AGENCY.replace("«", "„")
        .replace("»", "“")
        .replace("Sicherheitsgarantien", "Sicherheits-\ngarantien")
        .replace("Abrüstung", "ABRUESTUNG")
        .replace("ß", "ss")
    )
    b = b.replace("Sicherheits-\ngarantien", "Sicher-\nheitsgarantien")
    al = only(align(AGENCY, b))
    assert (al.a_start, al.a_end) == (0, len(AGENCY))
    assert (al.b_start, al.b_end) == (0, len(b))


def test_words_added_dropped_replaced_and_a_cut_clause_stay_one_passage() -> None:
    b = (
        AGENCY.replace("Der russische Präsident Wladimir Putin", "Der Kremlchef")  # a name replaced by a role
        .replace("nach dem Gipfel", "nach dem ersten Gipfel")  # a word added
        .replace(" sagte Putin vor Journalisten", " sagte Putin")  # words dropped
        .replace(", weil sonst keine Lösung des Atomstreits in Sicht sei.", ".")  # a clause cut
    )
    al = only(align(AGENCY, b))
    assert (al.a_start, al.a_end) == (0, len(AGENCY))  # rounded to the whole sentences
    assert (al.b_start, al.b_end) == (0, len(b))
    assert 0.6 < al.score < 1.0


def test_text_spliced_in_between_splits_the_passage() -> None:
    sentences = AGENCY.split(". ")
    first, second = ". ".join(sentences[:2]) + ".", ". ".join(sentences[2:])
    inserted = OTHER.split(". ")[0] + "."  # one sentence, fewer words than max_gap
    b = first + " " + inserted + " " + second
    found = align(AGENCY, b)
    assert len(found) == 2
    assert b[found[0].b_start : found[0].b_end] == first
    assert b[found[1].b_start : found[1].b_end] == second
    assert found[0].a_end <= found[1].a_start


def test_unrelated_texts_and_empty_texts_share_nothing() -> None:
    assert align(AGENCY, OTHER) == []
    assert align("", AGENCY) == []
    assert align(AGENCY, "") == []


def test_a_common_phrase_in_different_sentences_is_not_a_passage() -> None:
    a = "Am Montag traf sich der Präsident Recep Tayyip Erdogan mit Vertretern der Opposition in Ankara."
    b = "Kritiker werfen dem Präsident Recep Tayyip Erdogan vor, die Pressefreiheit einzuschränken."
    assert align(a, b) == []
    # but a whole short sentence both carry is
    c = OTHER + " So verlangt es die Verfassung. " + AGENCY
    d = "Ein anderer Anfang, der nichts damit zu tun hat. So verlangt es die Verfassung. Und ein anderes Ende."
    al = only(align(c, d))
    assert c[al.a_start : al.a_end] == "So verlangt es die Verfassung."


def test_prepared_words_give_the_same_result_as_strings() -> None:
    b = OTHER + " " + AGENCY.replace("Putin", "der Präsident")
    assert align(words(AGENCY), words(b)) == align(AGENCY, b)


def test_parameters_can_be_given_by_keyword_and_unknown_ones_are_refused() -> None:
    b = OTHER + " " + AGENCY
    assert align(AGENCY, b, min_chars=10_000, sentence_chars=10_000) == []
    assert align(AGENCY, b, AlignParams(seed=4)) == align(AGENCY, b)
    with pytest.raises(TypeError):
        align(AGENCY, b, min_chars_typo=3)
    assert STORY.short_chars < DEFAULT.min_chars


def test_align_articles_returns_passages_into_article_text() -> None:
    a = Article.from_paragraphs("raw-a", [Paragraph("text", p) for p in AGENCY.split(". ")])
    b = Article.from_paragraphs("raw-b", [Paragraph("text", OTHER), Paragraph("text", AGENCY)])
    passages = align_articles(a, b)
    assert passages and all(p.a == "raw-a" and p.b == "raw-b" for p in passages)
    covered = sum(p.a_end - p.a_start for p in passages)
    assert covered >= 0.95 * len(a.text)
    assert all(b.text[p.b_start : p.b_end].strip() == b.text[p.b_start : p.b_end] for p in passages)


# ---------------------------------------------------------------------------------------------
# the seeds and the development pairs


def seed_text(name: str) -> str:
    gold = json.loads((need_shared(SEEDS) / name).read_text(encoding="utf-8"))
    return PARAGRAPH_SEPARATOR.join(p["text"] for p in gold["paragraphs"])


def test_seeds_every_gold_passage_is_found() -> None:
    a = seed_text("000_e10715e7ea7c465e.gold.json")
    b = seed_text("001_527902e303ca14e5.gold.json")
    gold = json.loads((SEEDS / "reuse.gold.json").read_text(encoding="utf-8"))["shared_passages_in_000"]
    found = align(a, b, STORY)
    for passage in gold:
        start = a.index(passage)
        covered = {
            i for al in found for i in range(max(start, al.a_start), min(start + len(passage), al.a_end))
        }
        assert len(covered) == len(passage), passage
    # and the found passages do not cover much that is not shared
    assert sum(al.a_end - al.a_start for al in found) <= 1.25 * sum(map(len, gold))
    # every passage on the other side is in article 001 and carries some of the same words
    for al in found:
        assert set(words(a[al.a_start : al.a_end]).norms) & set(words(b[al.b_start : al.b_end]).norms)


def test_development_pairs_score_well_above_sentence_matching() -> None:
    pairs_path = need_shared(DATA / "reuse" / "pairs.jsonl")
    scorer_path = need_shared(SHARED / "eval" / "reuse_score.py")
    spec = importlib.util.spec_from_file_location("reuse_score", scorer_path)
    assert spec and spec.loader
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    pairs = [json.loads(line) for line in Path(pairs_path).read_text(encoding="utf-8").splitlines()][:100]
    found = {
        p["pair_id"]: [
            {
                "source_offset": al.a_start,
                "source_length": al.a_end - al.a_start,
                "target_offset": al.b_start,
                "target_length": al.b_end - al.b_start,
            }
            for al in align(p["source"], p["target"])
        ]
        for p in pairs
    }
    figures = scorer.score({p["pair_id"]: p for p in pairs}, found)
    assert figures["plagdet"] >= 0.9, figures
