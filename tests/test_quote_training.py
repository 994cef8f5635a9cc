"""The quotation CRFs: training writes the numpy form the package reads, and it tags as CRFsuite does."""

from __future__ import annotations

from pathlib import Path

import pycrfsuite

from conftest import DATA, need_shared
from pressecho.language.de import train_quotes
from pressecho.language.de.quote_features import DocView, doc_feature_parts, doc_features
from pressecho.language.de.quotes import QuoteCRF, labels_from_annotations


def _docs(n: int) -> tuple[list[Path], list[DocView], list[list[str]]]:
    files = sorted(need_shared(DATA / "quotes" / "train").glob("*.json"))[:n]
    docs, gold = [], []
    for path in files:
        sentences, annotations = train_quotes.load(path)
        doc = DocView(sentences)
        docs.append(doc)
        gold.append(labels_from_annotations(doc, annotations))
    return files, docs, gold


def test_numpy_tagging_equals_crfsuite(tmp_path: Path) -> None:
    _, docs, gold = _docs(12)
    trainer = train_quotes._trainer({"max_iterations": 40}, False)
    for doc, labels in zip(docs[:8], gold[:8], strict=True):
        trainer.append(doc_feature_parts(doc)[0], labels)
    trainer.train(str(tmp_path / "m.crfsuite"))
    train_quotes.export(tmp_path / "m.crfsuite", tmp_path / "m.npz")
    ours = QuoteCRF(tmp_path / "m.npz")
    theirs = pycrfsuite.Tagger()
    theirs.open(str(tmp_path / "m.crfsuite"))
    tagged = 0
    for doc in docs:
        got = ours.tag(doc_features(doc).first_pass(), [len(doc.tokens)])
        want = theirs.tag(doc_feature_parts(doc)[0])
        assert got == want
        tagged += sum(label != "O" for label in got)
    assert tagged > 0  # the model finds something, so equal labels mean equal scores
    # with the kept score rows dropped before nearly every document, the labels stay the same
    forgetful = QuoteCRF(tmp_path / "m.npz")
    forgetful.MAX_KEPT = 5
    for _ in range(2):
        for doc in docs:
            got = forgetful.tag(doc_features(doc).first_pass(), [len(doc.tokens)])
            assert got == theirs.tag(doc_feature_parts(doc)[0])


def test_training_writes_models_the_package_loads(tmp_path: Path) -> None:
    files, docs, _ = _docs(6)
    model, model2, meta = tmp_path / "q.npz", tmp_path / "q2.npz", tmp_path / "meta.json"
    train_quotes.train(files, model, model2, meta, params={"max_iterations": 10}, folds=2)
    first, second = QuoteCRF(model), QuoteCRF(model2)
    assert "O" in first.labels and len(first.labels) > 1
    assert len(second.index) > 0 and meta.exists()
    assert len(first.tag(doc_features(docs[0]).first_pass(), [len(docs[0].tokens)])) == len(docs[0].tokens)
