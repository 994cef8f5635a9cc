"""The German NER tagger: shipped model, BIO handling, CoNLL scoring, and the training script."""

from __future__ import annotations

from pathlib import Path

import pytest

from pressecho.language.de import ner, train_ner


def _spans(tokens: list[str], tags: list[str]) -> set[tuple[str, str]]:
    return {(" ".join(tokens[a:b]), label) for a, b, label in ner.spans(tags)}


def test_tagger_finds_persons_places_organisations() -> None:
    sentences = [
        "Bundeskanzlerin Angela Merkel ist am Montag nach Paris gereist .".split(),
        "Der Siemens-Konzern hat seinen Sitz in München .".split(),
        "Die Europäische Union und die Vereinten Nationen kritisierten Russland scharf .".split(),
        "Wladimir Putin traf Kim Jong Un in Wladiwostok .".split(),
    ]
    tags = ner.tag(sentences)
    assert [len(t) for t in tags] == [len(s) for s in sentences]
    found = set().union(*(_spans(s, t) for s, t in zip(sentences, tags, strict=True)))
    assert ("Angela Merkel", "PER") in found
    assert ("Paris", "LOC") in found
    assert ("München", "LOC") in found
    assert ("Europäische Union", "ORG") in found
    assert ("Wladimir Putin", "PER") in found
    assert ("Kim Jong Un", "PER") in found
    assert ("Wladiwostok", "LOC") in found
    # only the four outer labels come out of tag(); -deriv/-part are O
    assert {t[2:] for ts in tags for t in ts if t != "O"} <= set(ner.LABELS)


def test_tag_handles_empty_and_odd_input() -> None:
    assert ner.tag([]) == []
    assert ner.tag([[]]) == [[]]
    odd = [["\u200b", "ÄÖÜ", "x" * 5000, "🙂", "", " ", "ﬁ", "1.000,00", "--"]]
    tags = ner.tag(odd)
    assert len(tags[0]) == len(odd[0])


def test_outer_only_maps_deriv_part_and_repairs_bio() -> None:
    assert ner.outer_only(["B-LOCderiv", "I-PER", "I-PER", "O", "B-ORGpart", "B-ORG"]) == [
        "O",
        "B-PER",
        "I-PER",
        "O",
        "O",
        "B-ORG",
    ]


def test_spans_read_bio_as_conlleval_does() -> None:
    assert ner.spans(["B-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-LOC", "I-ORG"]) == [
        (0, 2, "PER"),
        (3, 5, "LOC"),
        (5, 6, "LOC"),
        (6, 7, "ORG"),
    ]


def test_conll_score_counts_exact_spans_only() -> None:
    gold = [["B-PER", "I-PER", "O", "B-LOC"], ["B-ORG", "O"]]
    pred = [["B-PER", "O", "O", "B-LOC"], ["B-ORG", "O"]]
    score = train_ner.conll_score(gold, pred)
    assert score["per_type"]["PER"]["f1"] == 0.0
    assert score["per_type"]["LOC"]["f1"] == 1.0
    assert score["p"] == pytest.approx(2 / 3, abs=1e-3)
    assert score["r"] == pytest.approx(2 / 3, abs=1e-3)


def test_readers(tmp_path: Path) -> None:
    tsv = tmp_path / "x.tsv"
    tsv.write_text(
        "#\thttp://example.org\t[2010-01-01]\n1\tPeter\tB-PER\tO\n2\tlebt\tO\tO\n3\tin\tO\tO\n"
        "4\tBerliner\tB-LOCderiv\tO\n\n#\tsecond\n1\t#\tO\tO\n",
        encoding="utf-8",
    )
    sentences = train_ner.read_germeval(tsv)
    assert sentences[0] == (["Peter", "lebt", "in", "Berliner"], ["B-PER", "O", "O", "B-LOCderiv"], ["O"] * 4)
    assert sentences[1][0] == ["#"]
    bio = tmp_path / "x.bio.txt"
    bio.write_text("Peter\tB-PER\nlebt\tO\n\nBerlin\tB-LOC\n", encoding="utf-8")
    assert train_ner.read_bio(bio) == [(["Peter", "lebt"], ["B-PER", "O"]), (["Berlin"], ["B-LOC"])]


def test_training_script_trains_a_throwaway_model(tmp_path: Path) -> None:
    """A smoke test of the training path on a tiny made-up corpus: train, export, load, tag."""
    names = ["Anna Schulz", "Peter Meier", "Karl Vogt", "Eva Braun", "Jan Roth"]
    places = ["Hamburg", "Bremen", "Kiel", "Bonn", "Ulm"]
    lines: list[str] = []
    for i in range(40):
        first, last = names[i % 5].split()
        lines += [
            f"{first}\tB-PER",
            f"{last}\tI-PER",
            "wohnt\tO",
            "in\tO",
            f"{places[i % 5]}\tB-LOC",
            ".\tO",
            "",
        ]
    train = tmp_path / "tiny.bio.txt"
    train.write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "tiny.npz"
    lexicon = tmp_path / "lexicon.tsv"
    code = train_ner.main(
        ["model", "--train", str(train), "--out", str(out), "--max-iterations", "30", "--lexicon-folds", "2"]
        + ["--lexicon-out", str(lexicon)]
    )
    assert code == 0 and out.exists() and lexicon.exists()
    tagger = ner.Tagger(out, ner.Resources(lexicon=lexicon))
    assert tagger.tag_full([["Eva", "Braun", "wohnt", "in", "Bonn", "."]]) == [
        ["B-PER", "I-PER", "O", "O", "B-LOC", "O"]
    ]


def test_numpy_decoder_matches_crfsuite(tmp_path: Path) -> None:
    """The shipped .npz decoder must give CRFsuite's own Viterbi path."""
    lines: list[str] = []
    for i in range(30):
        lines += ["Herr\tO", f"Name{i % 7}\tB-PER", "aus\tO", f"Ort{i % 4}\tB-LOC", "kam\tO", ""]
    train = tmp_path / "t.bio.txt"
    train.write_text("\n".join(lines), encoding="utf-8")
    sentences = train_ner.read_bio(train)
    res = ner.Resources(None, None, None)
    raw = train_ner.train_model(sentences, tmp_path / "m.crfsuite", max_iterations=20, resources=res)
    npz = train_ner.export_model(raw, tmp_path / "m.npz")
    probe = [["Herr", "Name3", "aus", "Ort2", "kam"], ["Ort1", "kam"], ["x"], []]
    assert ner.Tagger(npz, res).tag_full(probe) == ner.Tagger(raw, res).tag_full(probe)


def test_neural_training_and_numpy_inference(tmp_path: Path) -> None:
    """The BiLSTM-CRF trains (torch, a training-only dependency) and runs with numpy alone."""
    pytest.importorskip("torch")
    lines: list[str] = []
    corpus: list[str] = []
    for i in range(24):
        lines += [f"Name{i % 6}\tB-PER", "besucht\tO", f"Stadt{i % 4}\tB-LOC", ".\tO", ""]
        corpus.append(f"Name{i % 6} besucht Stadt{i % 4} .")
    train = tmp_path / "t.bio.txt"
    train.write_text("\n".join(lines), encoding="utf-8")
    dev = tmp_path / "d.tsv"
    dev.write_text(
        "1\tName2\tB-PER\tO\n2\tbesucht\tO\tO\n3\tStadt1\tB-LOC\tO\n4\t.\tO\tO\n", encoding="utf-8"
    )
    text = tmp_path / "corpus.txt"
    text.write_text("\n".join(corpus * 5), encoding="utf-8")
    crf = tmp_path / "crf.npz"
    train_ner.main(["model", "--train", str(train), "--out", str(crf), "--max-iterations", "20"])
    out = tmp_path / "nn.npz"
    code = train_ner.main(
        ["neural", "--train", str(train), "--dev", str(dev), "--corpus", str(text), "--out", str(out)]
        + ["--crf", str(crf), "--epochs", "2", "--hidden", "8", "--lexicon-folds", "0"]
    )
    assert code == 0 and out.exists()
    tagger = ner.Tagger(crf, neural=out, neural_weights=[1.0])
    tags = tagger.tag_full([["Name2", "besucht", "Stadt1", "."], [], ["unbekannt"]])
    assert [len(t) for t in tags] == [4, 0, 1]
    assert ner.Tagger(crf, neural=out, neural_weights=[0.0]).tag_full([["Name2"]]) == ner.Tagger(
        crf, neural=[]
    ).tag_full([["Name2"]])
