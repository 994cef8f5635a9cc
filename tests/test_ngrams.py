"""Word normalisation, hashed n-grams and the rare-n-gram candidate index (pressecho.relate.ngrams)."""

from __future__ import annotations

import random

import numpy as np
import pytest

from pressecho.relate.ngrams import Candidate, NgramIndex, fingerprints, gram_hashes, normalize_word, words

VOCAB = [f"wort{k}" for k in range(5000)]


def text_of(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(VOCAB) for _ in range(n)) + "."


def test_normalize_word_makes_spelling_variants_equal() -> None:
    assert normalize_word("Straße") == normalize_word("STRASSE") == "strasse"
    assert normalize_word("Müller") == normalize_word("Mueller") == "mueller"
    assert normalize_word("Čapljak") == "capljak"
    assert normalize_word("Sicher\u00adheit") == "sicherheit"
    assert normalize_word("Äußerst") == "aeusserst"


def test_words_keep_offsets_into_the_original_text() -> None:
    text = "Der „Müller“ sagte: «Die Straße ist gesperrt.»\n\nNeuer Absatz – mit Gedankenstrich."
    ws = words(text)
    assert ws.norms[:6] == ["der", "mueller", "sagte", "die", "strasse", "ist"]
    for norm, start, end in zip(ws.norms, ws.starts, ws.ends, strict=True):
        assert normalize_word(text[start:end]) == norm
    assert text[ws.starts[1] : ws.ends[1]] == "Müller"


def test_words_join_a_word_hyphenated_at_a_line_end() -> None:
    ws = words("Die Sicher-\nheit geht vor. Der Nord-\nSüd-Konflikt bleibt.")
    assert "sicherheit" in ws.norms
    k = ws.norms.index("sicherheit")
    assert ws.text[ws.starts[k] : ws.ends[k]] == "Sicher-\nheit"
    # an upper-case word after the line break is a compound's next part, not a broken word
    assert ws.norms[-4:-1] == ["nord", "sued", "konflikt"]


def test_words_mark_sentence_and_paragraph_starts() -> None:
    ws = words('Er kam. "Sie ging", sagte er, bzw. sie lief.\n\nZweiter Absatz mit 3. Stelle')
    starts = [w for w, s in zip(ws.norms, ws.sentence_start, strict=True) if s]
    assert starts == ["er", "sie", "zweiter"]  # not after "bzw." (lower case next) or the ordinal "3."
    paragraphs = [w for w, p in zip(ws.norms, ws.paragraph_start, strict=True) if p]
    assert paragraphs == ["er", "zweiter"]
    assert ws.sentence_end[ws.norms.index("kam")]


def test_gram_hashes_depend_on_order_and_are_stable() -> None:
    a = gram_hashes(["a", "b", "c"], 3)
    b = gram_hashes(["c", "b", "a"], 3)
    assert len(a) == 1 and a[0] != b[0]
    # blake2b-based: the same in every process (a fixed value, not Python's salted hash)
    assert a.tolist() == gram_hashes(words("A b, C!"), 3).tolist()
    assert gram_hashes(["a", "b"], 3).size == 0


@pytest.mark.parametrize("seed", range(5))
def test_winnowing_always_catches_a_shared_run_of_n_plus_window_minus_one_words(seed: int) -> None:
    rng = random.Random(seed)
    shared = text_of(rng, 8).rstrip(".")  # 8 = 5 + 4 - 1 words
    a = words(text_of(rng, 60) + " " + shared + " " + text_of(rng, 40))
    b = words(text_of(rng, 30) + " " + shared + " " + text_of(rng, 70))
    assert np.intersect1d(fingerprints(a), fingerprints(b)).size >= 1


def corpus(rng: random.Random) -> tuple[list[tuple[str, str]], set[tuple[str, str]]]:
    """20 unrelated documents; d5 copies from d1 (with edits), d9 from d5; all carry boilerplate."""
    boiler = "Alle Rechte vorbehalten, Nachdruck nur mit Genehmigung der Redaktion erlaubt."
    bodies = {f"d{k}": text_of(rng, 120) for k in range(20)}
    src = bodies["d1"].split()
    bodies["d5"] += " " + " ".join(src[10:40]).replace("wort1", "Wort1")
    bodies["d9"] = " ".join(bodies["d5"].split()[-25:]) + " " + bodies["d9"]
    docs = [(k, v + " " + boiler) for k, v in bodies.items()]
    return docs, {("d1", "d5"), ("d5", "d9"), ("d1", "d9")}


def test_incremental_index_finds_copies_and_ignores_boilerplate() -> None:
    docs, truth = corpus(random.Random(1))
    index = NgramIndex(max_df=5)
    found: set[tuple[str, str]] = set()
    for doc_id, text in docs:
        for cand in index.add(doc_id, text):
            assert isinstance(cand, Candidate) and cand.b == doc_id and cand.shared >= 2
            found.add((str(cand.a), str(cand.b)))
    # the boilerplate line is in every document: it is rare only among the first few
    assert truth <= found
    assert len(found - truth) <= 10  # pairs among the first max_df documents through the boilerplate
    assert not {p for p in found - truth if int(p[1][1:]) >= 5}
    assert len(index) == 20 and "d5" in index


def test_batch_pairs_count_document_frequency_over_the_whole_corpus() -> None:
    docs, truth = corpus(random.Random(2))
    index = NgramIndex(max_df=5)
    index.extend(docs)
    found = {(str(c.a), str(c.b)) for c in index.pairs()}
    assert found == truth


def test_merging_the_buffer_does_not_change_the_answers() -> None:
    docs, _ = corpus(random.Random(3))
    small, big = NgramIndex(max_df=5), NgramIndex(max_df=5)
    small.buffer_limit = 50  # merge into the sorted segment every few documents
    for doc_id, text in docs:
        assert small.add(doc_id, text) == big.add(doc_id, text)
    assert list(small.pairs()) == list(big.pairs())
    assert 0 < small.nbytes < 100_000


def test_keep_last_forgets_old_partners() -> None:
    rng = random.Random(4)
    shared = text_of(rng, 30)
    index = NgramIndex(keep_last=3)
    index.buffer_limit = 1
    index.add("old", text_of(rng, 50) + " " + shared)
    for k in range(5):
        index.add(f"x{k}", text_of(rng, 50))
    assert index.add("new", shared + " " + text_of(rng, 50)) == []


def test_index_rejects_a_document_twice() -> None:
    index = NgramIndex()
    index.add("a", "ein kurzer Text mit ein paar Wörtern darin")
    with pytest.raises(ValueError):
        index.add("a", "noch einmal")
