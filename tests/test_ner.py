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


def test_numpy_scoring_matches_crfsuite(tmp_path: Path) -> None:
    """The CRF's scores summed per word form plus the place-in-sentence features (sentence ends,
    bigrams, quotes, capitals mid-sentence) must give CRFsuite's own Viterbi path."""
    lines: list[str] = []
    for i in range(30):
        lines += ["Herr\tO", f"Name{i % 7}\tB-PER", "aus\tO", f"Ort{i % 4}\tB-LOC", "kam\tO", ""]
        lines += [
            "Der\tO",
            "Film\tO",
            "„\tO",
            f"Titel{i % 3}\tB-OTH",
            "Neu\tI-OTH",
            "“\tO",
            "lief\tO",
            ".\tO",
            "",
        ]
        lines += [
            f"Ort{i % 4}-Stadt\tB-LOCpart",
            "und\tO",
            "Herr\tO",
            f"Name{i % 5}\tB-PER",
            ":\tO",
            "Ja\tO",
            "",
        ]
    train = tmp_path / "t.bio.txt"
    train.write_text("\n".join(lines), encoding="utf-8")
    sentences = train_ner.read_bio(train)
    res = ner.Resources(None, None, None)
    raw = train_ner.train_model(sentences, tmp_path / "m.crfsuite", max_iterations=30, resources=res)
    npz = train_ner.export_model(raw, tmp_path / "m.npz")
    probe = [
        ["Herr", "Name3", "aus", "Ort2", "kam"],
        ["Ort1", "kam"],
        ["x"],
        [],
        ["Der", "Film", "„", "Titel2", "Neu", "“", "lief", "und", "Herr", "Name6", "kam", "."],
        ["Ort3-Stadt", "und", "Herr", "Name1", ":", "Ja", "Neu"],
    ]
    ours = ner.Tagger(npz, res)
    assert ours.tag_full(probe) == ner.Tagger(raw, res).tag_full(probe)
    # the same scores, whatever else is tagged with them and however small the word-form table
    small = ner.Tagger(npz, res, max_types=6)
    assert [small.tag_full([s])[0] for s in probe] == ours.tag_full(probe)


# Sentences of GermEval's development file the CRF alone gets wrong and the shipped ensemble right,
# with their gold spans (token start, end, label).
ENSEMBLE_FIXES = [
    ("Doch Bermúdez wurde erwürgt .", [(1, 2, "PER")]),
    (
        "Die politischen Risiken ließen wegen dem Aufsehen erregenden Fall Michail Chodorkowski aufhorchen .",
        [(9, 11, "PER")],
    ),
    ("Sie verstarb am 18. April 1951 in Bracht .", [(7, 8, "LOC")]),
    ("JFE Holdings rückten etwa 3,5 Prozent vor .", [(0, 2, "ORG")]),
]


def test_shipped_tagger_runs_its_convolutional_taggers() -> None:
    """The package ships convolutional taggers and the default tagger adds them to the CRF: numpy
    reproduces the scores torch gave each of them, and together they tag sentences the CRF alone
    gets wrong (from GermEval's development file)."""
    import numpy as np

    shipped = sorted(ner.MODELS.glob(ner.CONV_MODEL_GLOB))
    assert len(shipped) >= 2, "no convolutional taggers shipped in models/"
    ensemble = ner.Tagger()
    assert [net.path for net in ensemble.neural] == shipped
    assert all(w > 0 for w in ensemble.neural_weights)
    for path in shipped:
        net = ner.ConvModel(path)
        assert net.probe is not None
        words, lengths, torch_scores = net.probe
        starts = np.cumsum([0, *lengths])
        sentences = [words[a:b] for a, b in zip(starts[:-1], starts[1:], strict=True)]
        alone = ner.Tagger(neural=[path], neural_weights=[1.0], crf_weight=0.0)
        scores, _ = alone.scores(sentences)
        assert alone.crf is not None
        cols = [(i, net.labels.index(lab)) for i, lab in enumerate(alone.crf.labels) if lab in net.labels]
        ours = scores[:, [i for i, _ in cols]]
        theirs = torch_scores[:, [j for _, j in cols]]
        assert np.allclose(ours, theirs, atol=0.02)
        assert (ours.argmax(axis=1) == theirs.argmax(axis=1)).all()
    crf_alone = ner.Tagger(neural=[])
    for sentence, spans in ENSEMBLE_FIXES:
        tokens = sentence.split()
        gold = {(" ".join(tokens[a:b]), label) for a, b, label in spans}
        assert _spans(tokens, ner.outer_only(ensemble.tag_full([tokens])[0])) == gold
        assert _spans(tokens, ner.outer_only(crf_alone.tag_full([tokens])[0])) != gold


def test_viterbi_finds_the_best_path() -> None:
    """Batched Viterbi over sentences of different lengths against brute force."""
    import itertools

    import numpy as np

    rng = np.random.default_rng(0)
    lengths = [3, 0, 1, 5, 2, 4]
    n_labels = 3
    emissions = rng.normal(size=(sum(lengths), n_labels)).astype(np.float32)
    transitions = rng.normal(size=(n_labels, n_labels)).astype(np.float32)
    paths = ner.viterbi(emissions, lengths, transitions)
    start = 0
    for length, path in zip(lengths, paths, strict=True):
        em = emissions[start : start + length]
        start += length

        def score(p: tuple[int, ...], em: np.ndarray = em) -> float:
            return float(
                sum(em[t, y] for t, y in enumerate(p))
                + sum(transitions[a, b] for a, b in zip(p[:-1], p[1:], strict=True))
            )

        best = max(itertools.product(range(n_labels), repeat=length), key=score) if length else ()
        assert tuple(path) == best


def test_gazetteer_compact_lookups(tmp_path: Path) -> None:
    table = {"Berlin": ("S", "T"), "Haus": ("N", "D"), "Müller": ("F",), "x": ("?",)}
    gaz = ner.Gazetteer.from_table(table)
    path = tmp_path / "g.npz"
    gaz.save(path)
    loaded = ner.Gazetteer.load(path)
    assert len(loaded) == 3  # "x" has no known tag
    assert loaded.get("Berlin") == ("S", "T") and loaded.get("Haus") == ("D", "N")
    assert loaded.get("berlin") is None and loaded.get("Nirgendwo", ()) == ()
    assert "Müller" in loaded and "Mueller" not in loaded
    loaded.prefetch(["Berlin", "Nirgendwo"])
    assert loaded.get("Berlin") == ("S", "T") and loaded.get("Nirgendwo") is None
    shipped = ner.Resources().gazetteer
    assert len(shipped) > 100_000 and "T" in shipped.get("Berlin", ()) and "N" in shipped.get("Haus", ())


def test_conv_training_and_numpy_inference(tmp_path: Path) -> None:
    """The convolutional tagger trains (torch, a training-only dependency) and numpy reproduces
    torch's scores from the exported file."""
    pytest.importorskip("torch")
    import numpy as np

    lines: list[str] = []
    corpus: list[str] = []
    for i in range(24):
        lines += [f"Name{i % 6}\tB-PER", "besucht\tO", f"Stadt{i % 4}\tB-LOC", ".\tO", ""]
        corpus.append(f"Name{i % 6} besucht Stadt{i % 4} .")
    train = tmp_path / "t.bio.txt"
    train.write_text("\n".join(lines), encoding="utf-8")
    dev = tmp_path / "d.tsv"
    dev.write_text(
        "1\tName2\tB-PER\tO\n2\tbesucht\tO\tO\n3\tStadt1\tB-LOC\tO\n4\t.\tO\tO\n\n1\tWer\tO\tO\n2\t?\tO\tO\n",
        encoding="utf-8",
    )
    text = tmp_path / "corpus.txt"
    text.write_text("\n".join(corpus * 5), encoding="utf-8")
    crf = tmp_path / "crf.npz"
    train_ner.main(["model", "--train", str(train), "--out", str(crf), "--max-iterations", "20"])
    out = tmp_path / "conv.npz"
    code = train_ner.main(
        ["conv", "--train", str(train), "--dev", str(dev), "--corpus", str(text), "--out", str(out)]
        + ["--epochs", "3", "--hidden", "8", "--lexicon-folds", "0", "--word-dims", "4", "--filters", "4"]
    )
    assert code == 0 and out.exists()
    res = ner.Resources(lexicon=None)
    net = ner.ConvModel(out)
    assert net.probe is not None
    words, lengths, torch_scores = net.probe
    sentences = [words[sum(lengths[:i]) : sum(lengths[: i + 1])] for i in range(len(lengths))]
    alone = ner.Tagger(crf, res, neural=out, neural_weights=[1.0], crf_weight=0.0)
    scores, _ = alone.scores(sentences)
    assert alone.crf is not None
    cols = [(i, net.labels.index(lab)) for i, lab in enumerate(alone.crf.labels) if lab in net.labels]
    ours = scores[:, [i for i, _ in cols]]
    theirs = torch_scores[:, [j for _, j in cols]]
    assert np.allclose(ours, theirs, atol=1e-3)
    tagger = ner.Tagger(crf, res, neural=out, neural_weights=[1.0])
    tags = tagger.tag_full([["Name2", "besucht", "Stadt1", "."], [], ["unbekannt"]])
    assert [len(t) for t in tags] == [4, 0, 1]
    assert ner.Tagger(crf, res, neural=out, neural_weights=[0.0]).tag_full([["Name2"]]) == ner.Tagger(
        crf, res, neural=[]
    ).tag_full([["Name2"]])
    figures = train_ner.tune_combination(
        crf, [out], train_ner.read_germeval(dev), write=True, grid=(0.0, 1.0)
    )
    assert figures["weights"][0] in (0.0, 1.0) and ner.ConvModel(out).weight == figures["weights"][0]
