"""Near-duplicates: copies and updated versions group, different reports of one event do not."""

from __future__ import annotations

from pressecho.relate.fingerprints import NearDuplicateIndex, near_duplicate_groups

BASE = (
    "Ein heftiges Hagelgewitter hat am Montagabend im Emmental große Schäden angerichtet. Hagelkörner mit "
    "einem Durchmesser von bis zu fünf Zentimetern durchschlugen Dächer und zertrümmerten Autoscheiben. "
    "Verletzt wurde nach ersten Erkenntnissen niemand. Die Gebäudeversicherung rechnet mit mehreren tausend "
    "Schadenmeldungen, die Feuerwehr stand bis in die Nacht im Einsatz."
)
OTHER = (
    "Der Lokführerstreik legt den Regionalverkehr in Sachsen lahm. Die Gewerkschaft fordert mehr Lohn und "
    "kürzere Schichten, die Bahn spricht von einer Provokation und will vor Gericht ziehen. Pendler müssen "
    "auf Busse ausweichen, die Züge stehen bis Freitag still."
)


def test_exact_and_near_copies_group_and_different_texts_do_not() -> None:
    index = NearDuplicateIndex()
    assert index.add("a", BASE) is None
    assert index.add("b", OTHER) is None
    exact = index.add("c", BASE.upper())  # case and spacing do not matter
    assert exact is not None and exact.of == "a" and exact.jaccard == 1.0
    updated = index.add("d", BASE + " Am Dienstag begannen die Aufräumarbeiten.")
    assert updated is not None and updated.of == "a"
    assert index.groups() == [["a", "c", "d"]]


def test_a_rewritten_report_is_not_a_copy() -> None:
    rewritten = " ".join(BASE.split()[::2])
    assert near_duplicate_groups([("a", BASE), ("b", rewritten)]) == []


def test_copy_of_a_copy_joins_the_first_group() -> None:
    groups = near_duplicate_groups(
        [("a", BASE), ("b", BASE + " Nachtrag."), ("c", BASE + " Nachtrag. Und mehr.")]
    )
    assert groups == [["a", "b", "c"]]


def test_lsh_bands_are_datasketchs_for_the_threshold() -> None:
    from datasketch import MinHashLSH

    from pressecho.relate.fingerprints import BANDS, NUM_PERM, ROWS, THRESHOLD

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    assert (lsh.b, lsh.r) == (BANDS, ROWS)


def test_signature_estimates_jaccard() -> None:
    from pressecho.relate.fingerprints import NUM_PERM, estimate_jaccard, shingles, signature

    words = [f"wort{i}" for i in range(400)]
    a, b = " ".join(words[:300]), " ".join(words[100:])
    sa, sb = shingles(a), shingles(b)
    true = len(set(sa.tolist()) & set(sb.tolist())) / len(set(sa.tolist()) | set(sb.tolist()))
    assert len(signature(a)) == NUM_PERM and signature(a).dtype.name == "uint32"
    assert abs(estimate_jaccard(signature(a), signature(b)) - true) < 0.12
    assert estimate_jaccard(signature(a), signature(a)) == 1.0
    assert len(signature("zu kurz")) == 0
