"""The language pipeline: ``pressecho.analyze`` on the seed articles, the language registry, versions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import pressecho
import pressecho.language as language
from pressecho.errors import TextTooLong
from pressecho.language import Component, Pipeline
from pressecho.language.de.sentences import split_article
from pressecho.model import Article, Paragraph, Sentence

ENGLISH = (
    "The president said on Thursday that the talks with the government had been useful and that "
    "he would return to the capital next week, where the parliament is expected to vote on the plan."
)


def seed_article(path: Path) -> Article:
    gold = json.loads(path.read_text(encoding="utf-8"))
    paragraphs = [Paragraph(p["kind"], p["text"]) for p in gold["paragraphs"]]
    return Article.from_paragraphs(path.name, paragraphs, title=gold.get("title"))


def seed_copy(article: Article) -> Article:
    return Article.from_dict({**article.to_dict(), "sentences": [], "entities": [], "quotes": []})


@pytest.fixture(scope="module")
def seeds() -> list[Article]:
    from conftest import SEEDS, need_shared

    paths = sorted(need_shared(SEEDS).glob("0*.gold.json"))
    assert len(paths) == 2
    return [pressecho.analyze(seed_article(p)) for p in paths]


def test_seeds_are_analysed_by_the_german_pipeline(seeds: list[Article]) -> None:
    for article in seeds:
        assert article.language == "de"  # detected: the gold files do not say
        assert article.analysis is not None and article.analysis.status == "ok"
        assert article.analysis.components == ["sentences", "entities", "quotes"]
        assert article.analysis.version == language.stage_version("de")


def test_sentences_and_tokens_slice_to_their_text(seeds: list[Article]) -> None:
    for article in seeds:
        assert len(article.sentences) > 10
        bounds = [(p.start, p.end) for p in article.paragraphs]
        for sentence in article.sentences:
            assert sentence.tokens
            assert sentence.start == sentence.tokens[0].start and sentence.end == sentence.tokens[-1].end
            assert any(
                a <= sentence.start and sentence.end <= b for a, b in bounds
            )  # never across paragraphs
            for token in sentence.tokens:
                assert article.text[token.start : token.end] == token.text
        starts = [s.start for s in article.sentences]
        assert starts == sorted(starts)
        assert article.sentences == split_article(article)  # the pipeline's paragraph cache changes nothing
        assert article.sentences == pressecho.analyze(seed_copy(article), components=["sentences"]).sentences


def test_entities_include_putin_and_kim_with_their_mentions(seeds: list[Article]) -> None:
    for article in seeds:
        persons = {e.name: e for e in article.entities if e.label == "PER"}
        assert "Wladimir Putin" in persons and "Kim Jong Un" in persons
        assert "Putin" in persons["Wladimir Putin"].aliases
        assert len(persons["Kim Jong Un"].mentions) >= 3
        for entity in article.entities:
            for mention in entity.mentions:
                assert article.text[mention.start : mention.end] == mention.text


def test_quotes_have_offsets_cues_and_speaker_entities(seeds: list[Article]) -> None:
    for article in seeds:
        assert len(article.quotes) >= 3
        ids = {e.id: e for e in article.entities}
        kinds = {q.kind for q in article.quotes}
        assert "direct" in kinds
        for quote in article.quotes:
            first_part = quote.text.split(" … ")[0]
            assert article.text[quote.start :].startswith(first_part)
            assert quote.end <= len(article.text)
            if quote.cue_start is not None:
                assert article.text[quote.cue_start : quote.cue_end].split()[0] == quote.cue.split()[0]
            if quote.speaker_entity is not None:
                assert quote.speaker_entity in ids
            if quote.speaker_start is not None:
                assert article.text[quote.speaker_start : quote.speaker_end] == quote.speaker_mention
        speakers = {ids[q.speaker_entity].name for q in article.quotes if q.speaker_entity in ids}
        assert "Wladimir Putin" in speakers


def test_analysing_again_gives_the_same_not_more(seeds: list[Article]) -> None:
    article = seeds[1]
    before = (len(article.sentences), len(article.entities), len(article.quotes))
    pressecho.analyze(article)
    assert (len(article.sentences), len(article.entities), len(article.quotes)) == before


def test_only_some_components() -> None:
    article = Article.from_paragraphs("x", [Paragraph("text", "Angela Merkel sagte, das sei gut.")])
    pressecho.analyze(article, language="de", components=["sentences"])
    assert article.sentences and not article.entities and not article.quotes
    assert article.analysis is not None and article.analysis.components == ["sentences"]
    with pytest.raises(ValueError, match="no component"):
        pressecho.analyze(article, language="de", components=["parser"])


def test_a_non_german_article_is_recorded_as_not_analysed() -> None:
    article = Article.from_paragraphs("en", [Paragraph("text", ENGLISH)])
    article.sentences = [Sentence(0, 3)]  # left over from elsewhere: must not survive
    pressecho.analyze(article)
    assert article.analysis is not None
    assert (article.analysis.status, article.analysis.reason) == ("skipped", "unsupported-language")
    assert article.analysis.language == "en" and article.analysis.version == language.NO_PIPELINE
    assert not article.sentences and not article.entities and not article.quotes


def test_a_text_too_short_to_tell_is_skipped_unless_the_language_is_given() -> None:
    article = Article.from_paragraphs("short", [Paragraph("text", "Kim Jong Un lachte.")])
    pressecho.analyze(article)
    assert article.analysis is not None and article.analysis.reason == "unknown-language"
    pressecho.analyze(article, language="de-CH")
    assert article.language == "de" and article.analysis.status == "ok" and article.sentences


def test_a_text_over_the_limit_is_a_typed_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(language, "MAX_CHARS", 20)
    article = Article.from_paragraphs("long", [Paragraph("text", "Das ist ein Satz. " * 5)], language="de")
    with pytest.raises(TextTooLong) as info:
        pressecho.analyze(article)
    assert info.value.reason == "too-long"


def test_registry_runs_a_registered_language_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(language, "_FACTORIES", dict(language._FACTORIES))
    monkeypatch.setattr(language, "_PIPELINES", {})
    ran: list[str] = []

    def words(article: Article) -> None:
        ran.append("words")

    def names(article: Article) -> None:
        ran.append("names")

    language.register(
        "xx", lambda: Pipeline("xx", [Component("words", words, "1"), Component("names", names, "7")])
    )
    assert "xx" in language.languages()
    article = Article.from_paragraphs("xx", [Paragraph("text", "blub blub")], language="XX-YY")
    pressecho.analyze(article)
    assert ran == ["words", "names"]
    assert article.analysis is not None and article.analysis.version == "xx 1; words 1; names 7"
    assert language.stage_version("xx") == "xx 1; words 1; names 7"
    assert language.stage_version("en") == language.NO_PIPELINE


def test_versions_change_with_model_files(tmp_path: Path) -> None:
    model = tmp_path / "model.bin"
    model.write_bytes(b"weights 1")
    first = language.files_version([model])
    assert language.files_version([model]) == first
    model.write_bytes(b"weights 2")
    assert language.files_version([model]) != first
    german = language.stage_version("de")
    assert german.startswith("de ") and "sentences somajo-" in german and "entities " in german


def test_importing_pressecho_loads_no_models() -> None:
    import subprocess
    import sys

    code = "import sys, pressecho; print('somajo' in sys.modules or 'numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_analyze_many_gives_what_analyze_gives(seeds: list[Article]) -> None:
    fresh = [seed_copy(a) for a in seeds]
    english = Article.from_paragraphs("en", [Paragraph("text", ENGLISH)])
    timings: dict[str, float] = {}
    out = list(language.analyze_many([fresh[0], english, fresh[1]], batch_size=8, timings=timings))
    assert [a.raw_id for a in out] == [seeds[0].raw_id, "en", seeds[1].raw_id]
    for mine, theirs in zip([out[0], out[2]], seeds, strict=True):
        assert (mine.sentences, mine.entities, mine.quotes) == (
            theirs.sentences,
            theirs.entities,
            theirs.quotes,
        )
    assert out[1].analysis is not None and out[1].analysis.reason == "unsupported-language"
    assert set(timings) == {"sentences", "entities", "quotes"}


def test_analyze_many_refuses_a_batch_with_a_text_too_long(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(language, "MAX_CHARS", 30)
    short = Article.from_paragraphs("a", [Paragraph("text", "Er sagte, es sei gut.")], language="de")
    long = Article.from_paragraphs("b", [Paragraph("text", "Das ist ein Satz. " * 5)], language="de")
    with pytest.raises(TextTooLong):
        list(language.analyze_many([short, long]))
    assert short.analysis is None  # nothing of the batch ran


def test_language_of_a_text_is_not_swayed_by_web_addresses() -> None:
    from pressecho.language.detect import detect_language

    german = (
        "Der Hersteller erhöht die Kapazität der Fabrik, wie das Unternehmen am Montag mitteilte. "
        "Die Produktion soll im nächsten Jahr beginnen und ist auf mehrere Jahre ausgelegt. "
    )
    links = " ".join(f"battery-news.de/{k} www.example.de" for k in range(30))
    assert detect_language(german * 2 + links) == "de"
    assert (
        detect_language("De regering heeft het plan niet goedgekeurd, maar de minister wil het toch. " * 3)
        == "nl"
    )
    assert (
        detect_language("La empresa de energía anunció que el proyecto no se detendrá por la crisis. " * 3)
        == "es"
    )


def test_analyze_given_text_instead_of_an_article_says_what_to_pass() -> None:
    for wrong in ("Der Bundesrat muss noch zustimmen.", None):
        with pytest.raises(TypeError, match=r"takes an Article.*pressecho\.extract"):
            pressecho.analyze(wrong)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 verrückte Orte in Berlin. In Berlin lebe ich nun schon seit 9 Jahren.", "de"),
        ("Kim Jong Un traf Wladimir Putin und Angela Merkel in Berlin.", "de"),
        ("Stationäre Impforte in Bern, Biel, Thun und in einigen Spitälern weiterhin in Betrieb", "de"),
        ("The president said on Monday that the talks would continue.", "en"),
        ("Il governo ha approvato la legge con il voto della maggioranza.", "it"),
    ],
)
def test_a_short_text_is_told_by_its_function_words(text: str, expected: str) -> None:
    """A headline and a lead are enough: "in", "ich", "seit" are German too, not only English."""
    from pressecho.language.detect import detect_language

    assert detect_language(text) == expected
