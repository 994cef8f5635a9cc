"""The bundled example corpus: short German articles by invented outlets about invented events.

``corpus/`` holds the pages (HTML and text dumps in both styles of the seeds); ``corpus.json``
lists every file with its outlet, URL, publication time and the event it reports (the known
stories that the clustering benchmark scores against).
"""

from __future__ import annotations

from pathlib import Path

CORPUS_DIR = Path(__file__).parent / "corpus"
INDEX_FILE = Path(__file__).parent / "corpus.json"
