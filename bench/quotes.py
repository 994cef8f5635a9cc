"""Quotation quality and speed on annotated German WikiNews articles (GermEval 2023, SpkAtt task 2).

    python bench/quotes.py [--data DIR] [--out DIR] [--split heldout|dev|train|all] [--models DIR] [--no-layer]

For every article file the predictor reads only ``Sentences`` (the tokens), never ``Annotations``,
and writes a file of the same name to ``--out`` (default: a temporary folder) in the same format:
the input's Sentences with our Annotations (Message, Source, Cue, Addr, Frame as "sentence:token"
addresses, Form, STWR, IsNested, HasNested). The predictions are then scored against the files'
own Annotations.

Data: ``--data DIR`` scores every ``*.json`` in DIR. Without it, the default is the held-out part
of ``../shared/data/quotes/train``: every 5th file by sorted name (positions 4, 9, ... from 0),
140 of the 700 files, which no training or tuning ever read (see ``train_quotes.split_files``).

The measure is a re-implementation of the task's official scorer:

1. Every annotation of a document is a group: its Message token set, plus role token sets for
   Addr, Cue, Frame and Source (tokens as absolute positions in the document).
2. Matching: gold and predicted groups of a document are paired one to one by the Hungarian
   algorithm (``scipy.optimize.linear_sum_assignment``, maximising), scoring each pair by the token
   F1 of their Messages, plus 0.01 when the forms agree and 0.001 when the STWR labels agree (tie
   breakers, only when the Messages overlap at all). As in the official code every gold group is
   paired with some predicted group while both are left, even at zero overlap.
3. Per pair, and for each unpaired group against an empty one, every role (Message, Addr, Cue,
   Frame, Source) counts true positive, false positive and false negative tokens; that role's
   precision (recall) for that pair is tp/(tp+fp) (tp/(tp+fn)), undefined when the denominator
   is 0.
4. Macro averages over all pairs of all documents: a role's precision is the mean of its defined
   per-pair precisions (likewise recall); "joint" averages over all roles of all pairs, "roles"
   over all roles except Message. F1 is the harmonic mean of the averaged P and R.

Subtask 1 ("full") scores all annotations with the five roles; subtask 2 ("simplified") only
annotations that are not nested, with Message and Source. The headline ``joint_f1`` is the full
one. Per-role P/R/F1 are reported for Message, Source, Cue, Addr and Frame.

Prints one JSON line: per-role and joint P/R/F1 (full and simplified), form F1, the number of
documents, documents per CPU-second of the quote core on given tokens (``docs_per_second``), and
of the whole German language layer on each article's text (``layer_docs_per_second``: SoMaJo
sentences, entities, quotations; with the milliseconds each stage takes per document). CPU time,
not wall time, so a busy machine does not distort the figures.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import DATA, emit, peak_memory_mb  # noqa: E402
from pressecho.language.de.quotes import annotate  # noqa: E402
from pressecho.language.de.train_quotes import split_files  # noqa: E402
from pressecho.measure import f1, prf  # noqa: E402

ROLES_FULL = ("Message", "Addr", "Cue", "Frame", "Source")
ROLES_SIMPLE = ("Message", "Source")
FORM_NAMES = ("Direct", "Indirect", "FreeIndirect", "IndirectFreeIndirect", "Reported")


@dataclass
class Group:
    msg: list[int]
    roles: dict[str, list[int]]
    form: str | None
    stwr: str | None
    nested: bool


def _absolute(addrs: list[str], offsets: list[int]) -> list[int]:
    return sorted({offsets[int(s)] + int(t) for s, t in (a.split(":") for a in addrs)})


def read_groups(data: dict, offsets: list[int]) -> list[Group]:
    groups = []
    for a in data.get("Annotations", []):
        roles = {r: _absolute(a.get(r, []), offsets) for r in ROLES_FULL[1:]}
        groups.append(
            Group(
                _absolute(a.get("Message", []), offsets),
                roles,
                a.get("Form"),
                a.get("STWR"),
                bool(a.get("IsNested")),
            )
        )
    return groups


def _f1_overlap(gold: list[int], sys_: list[int]) -> float:
    both = len(set(gold) & set(sys_))
    if both == 0:
        return 0.0
    return f1(both / len(sys_), both / len(gold))


def match(sys_groups: list[Group], gold_groups: list[Group]) -> list[tuple[int, int]]:
    """Pairs (sys index, gold index) by maximal message overlap, as the official scorer does."""
    if not sys_groups or not gold_groups:
        return []
    scores = np.zeros((len(gold_groups), len(sys_groups)))
    for i, g in enumerate(gold_groups):
        for j, s in enumerate(sys_groups):
            overlap = _f1_overlap(g.msg, s.msg)
            if overlap > 0.0:
                overlap += (0.01 if g.form == s.form else 0.0) + (0.001 if g.stwr == s.stwr else 0.0)
            scores[i, j] = overlap
    rows, cols = linear_sum_assignment(scores, maximize=True)
    return [(int(c), int(r)) for r, c in zip(rows, cols, strict=True)]


class Tally:
    """Per-pair precision/recall values per role (macro), and form/STWR counts (micro)."""

    def __init__(self, roles: tuple[str, ...]) -> None:
        self.roles = roles
        self.prec: dict[str, list[float]] = {r: [] for r in roles}
        self.rec: dict[str, list[float]] = {r: [] for r in roles}
        self.form = {"tp": 0, "fp": 0, "fn": 0}
        self.stwr = {"tp": 0, "fp": 0, "fn": 0}

    def add_pair(self, s: Group | None, g: Group | None) -> None:
        for role in self.roles:
            gold = set(g.msg if role == "Message" else g.roles[role]) if g else set()
            pred = set(s.msg if role == "Message" else s.roles[role]) if s else set()
            tp = len(gold & pred)
            fp = len(pred - gold)
            fn = len(gold - pred)
            if tp + fp:
                self.prec[role].append(tp / (tp + fp))
            if tp + fn:
                self.rec[role].append(tp / (tp + fn))
        for attr, counts in (("form", self.form), ("stwr", self.stwr)):
            sv = getattr(s, attr) if s else None
            gv = getattr(g, attr) if g else None
            if sv == gv:
                counts["tp"] += 1  # as in the official code, also when both are missing
            else:
                counts["fp"] += sv is not None
                counts["fn"] += gv is not None

    @staticmethod
    def _prf(p_vals: list[float], r_vals: list[float]) -> dict[str, float]:
        p = sum(p_vals) / len(p_vals) if p_vals else 0.0
        r = sum(r_vals) / len(r_vals) if r_vals else 0.0
        return {"p": round(100 * p, 2), "r": round(100 * r, 2), "f1": round(100 * f1(p, r), 2)}

    def report(self) -> dict:
        out = {role: self._prf(self.prec[role], self.rec[role]) for role in self.roles}
        out["joint"] = self._prf(
            [v for r in self.roles for v in self.prec[r]], [v for r in self.roles for v in self.rec[r]]
        )
        if len(self.roles) > 1:
            out["roles"] = self._prf(
                [v for r in self.roles[1:] for v in self.prec[r]],
                [v for r in self.roles[1:] for v in self.rec[r]],
            )
        for name, c in (("form", self.form), ("stwr", self.stwr)):
            out[name] = {"f1": round(100 * prf(c["tp"], c["fp"], c["fn"], digits=6)["f1"], 2)}
        return out


def score(pairs: list[tuple[dict, dict]]) -> dict:
    """Official-style scores for (prediction, gold) document pairs (both in the GermEval format)."""
    full = Tally(ROLES_FULL)
    simple = Tally(ROLES_SIMPLE)
    for pred, gold in pairs:
        offsets = [0]
        for s in gold["Sentences"]:
            offsets.append(offsets[-1] + len(s["Tokens"]))
        g_all = read_groups(gold, offsets)
        s_all = read_groups(pred, offsets)
        for tally, nested in ((full, True), (simple, False)):
            gg = g_all if nested else [g for g in g_all if not g.nested]
            ss = s_all if nested else [s for s in s_all if not s.nested]
            pairs_ = match(ss, gg)
            for si, gi in pairs_:
                tally.add_pair(ss[si], gg[gi])
            for si in set(range(len(ss))) - {p[0] for p in pairs_}:
                tally.add_pair(ss[si], None)
            for gi in set(range(len(gg))) - {p[1] for p in pairs_}:
                tally.add_pair(None, gg[gi])
    return {"full": full.report(), "simplified": simple.report()}


def predict_file(path: Path) -> tuple[dict, dict, float]:
    """Read one article, predict from its tokens only, return (prediction, gold, CPU seconds)."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    sentences = [list(s["Tokens"]) for s in gold["Sentences"]]
    start = time.process_time()
    annotations = annotate(sentences)
    elapsed = time.process_time() - start
    pred = {
        "Annotations": annotations,
        "DocumentName": gold.get("DocumentName", path.stem),
        "Sentences": gold["Sentences"],
    }
    return pred, gold, elapsed


_NO_SPACE_BEFORE = set(",.:;!?)»“”’«")  # « closes in the »…« style; close enough for timing
_NO_SPACE_AFTER = set("(„«»‚‹")


def detokenize(tokens: list[str]) -> str:
    """Plain text from tokens, roughly as it was written (for timing the text path only)."""
    out: list[str] = []
    for tok in tokens:
        if out and tok not in _NO_SPACE_BEFORE and out[-1] not in _NO_SPACE_AFTER:
            out.append(" ")
        out.append(tok)
    return "".join(out)


def layer_timing(files: list[Path]) -> dict:
    """CPU time of the whole German language layer on each article's text: SoMaJo sentences and
    tokens, entities (when that module is present) and quotations, one article at a time."""
    from pressecho.language.de.quotes import find_quotes
    from pressecho.language.de.sentences import split_article
    from pressecho.model import Article, Paragraph

    try:
        from pressecho.language.de.entities import find_entities
    except ImportError:  # pragma: no cover - the entity module is optional
        find_entities = None
    texts = []
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        texts.append(detokenize([t for s in data["Sentences"] for t in s["Tokens"]]))
    warm = Article.from_paragraphs("warm", [Paragraph("text", "Er sagte, es sei gut.")])
    find_quotes(warm)
    stages = {"sentences": 0.0, "entities": 0.0, "quotes": 0.0}
    for text in texts:
        article = Article.from_paragraphs("bench", [Paragraph("text", text)])
        t0 = time.process_time()
        article.sentences = split_article(article)
        t1 = time.process_time()
        if find_entities is not None:
            find_entities(article)
        t2 = time.process_time()
        find_quotes(article)
        t3 = time.process_time()
        stages["sentences"] += t1 - t0
        stages["entities"] += t2 - t1
        stages["quotes"] += t3 - t2
    total = sum(stages.values())
    n = max(1, len(texts))
    return {
        "layer_docs_per_second": round(n / total, 1) if total else None,
        "layer_ms_per_doc": {k: round(1000 * v / n, 2) for k, v in stages.items()},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=None, help="folder of GermEval JSON files (all are scored)")
    ap.add_argument("--split", choices=["heldout", "dev", "train", "all"], default="heldout")
    ap.add_argument("--out", type=Path, default=None, help="where to write the predictions")
    ap.add_argument("--no-layer", action="store_true", help="skip timing the whole language layer on text")
    ap.add_argument(
        "--models", type=Path, default=None, help="use the model files in DIR (train_quotes --out)"
    )
    args = ap.parse_args(argv)
    if args.models is not None:
        from pressecho.language.de import quotes as quote_module

        for name in ("MODEL_FILE", "MODEL2_FILE", "META_FILE"):
            setattr(quote_module, name, args.models / getattr(quote_module, name).name)
    if args.data is None:
        folder = DATA / "quotes" / "train"
        if not folder.is_dir():
            print(f"{folder} is not here", file=sys.stderr)
            return 2
        parts = split_files(folder)
        files = sorted(folder.glob("*.json")) if args.split == "all" else parts[args.split]
        data_desc = f"{folder} ({args.split})"
    else:
        files = sorted(args.data.glob("*.json"))
        data_desc = str(args.data)
    out = args.out or Path(tempfile.mkdtemp(prefix="pressecho-quotes-"))
    out.mkdir(parents=True, exist_ok=True)
    annotate([["Warm", "up", "."]])  # load the model outside the timing
    pairs = []
    elapsed = 0.0
    failures: dict[str, str] = {}
    for path in files:
        try:
            pred, gold, seconds = predict_file(path)
        except (OSError, ValueError, KeyError, TypeError) as exc:  # a file that is not GermEval JSON
            failures[path.name] = f"{type(exc).__name__}: {exc}"
            continue
        elapsed += seconds
        (out / path.name).write_text(json.dumps(pred, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        pairs.append((pred, gold))
    scores = score(pairs)
    full, simple = scores["full"], scores["simplified"]
    layer = {} if args.no_layer else layer_timing([p for p in files if p.name not in failures])
    emit(
        {
            "bench": "quotes",
            "data": data_desc,
            "documents": len(pairs),
            "failures": failures,
            "joint_f1": full["joint"]["f1"],
            "joint": full["joint"],
            "message": full["Message"],
            "source": full["Source"],
            "cue": full["Cue"],
            "addr": full["Addr"],
            "frame": full["Frame"],
            "roles": full["roles"],
            "form_f1": full["form"]["f1"],
            "simplified_joint": simple["joint"],
            "simplified_message": simple["Message"],
            "simplified_source": simple["Source"],
            "docs_per_second": round(len(pairs) / elapsed, 1) if elapsed else None,
            **layer,
            "out": str(out),
            "peak_mb": peak_memory_mb(),
        }
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
