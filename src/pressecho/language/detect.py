"""Which language an article is in, from its most frequent function words.

News bodies are long enough that counting closed-class words separates the languages pressecho
meets well; this keeps language identification free of model downloads. Returns an ISO 639-1 code
or None when the text is too short or matches no language clearly. Web addresses are not text
("battery-news.de" is no Spanish or Dutch "de"), and a word that is a function word of several
languages ("die", "de", "in") counts for each of them in equal parts.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import compress
from operator import not_

_STOPWORDS: dict[str, frozenset[str]] = {
    "de": frozenset(
        "der die das und ist nicht ein eine einen dem den des mit sich auf für von zu im "
        "auch es wird sind wurde hat haben nach bei aus sie er wie noch über nur oder "
        "aber wenn vor zum zur dass daß werden kann man so am um "
        # more of the most frequent ones, so a short German text (a headline and a lead) is told too
        "in an ich wir uns ihr ihm ihn mir mich du sein seine seiner ihre ihren ihrem einer eines einem "
        "kein keine war waren hatte hatten wurden diese dieser dieses mehr sehr schon jetzt dann doch "
        "nun seit bis gegen unter durch ohne beim vom ins als sei habe soll muss können alle immer "
        "wieder hier heute was wer wo ob weil denn".split()
    ),
    "en": frozenset(
        "the and is are was were of to in that it for on with as by at from this be have "
        "has had not but or an which they their would will there been".split()
    ),
    "fr": frozenset(
        "le la les et est des une un du dans que qui pour pas sur au aux avec ce il elle "
        "sont par plus ne se ont été cette leur".split()
    ),
    "it": frozenset(
        "il lo la gli le di che è e un una per non con del della sono nel alla si ha dei "
        "delle come anche più".split()
    ),
    "es": frozenset(
        "el la los las y es de que en un una por con para no se del al lo como más pero "
        "sus fue son está".split()
    ),
    "nl": frozenset(
        "de het een en van is dat niet op te zijn voor met die ook als aan er maar om "
        "bij door werd wordt".split()
    ),
    "pt": frozenset(
        "o os as e do da dos das em no na nos nas um uma para com não que se por mais como mas foi "
        "ao ele ela são está também pelo pela".split()
    ),
    "pl": frozenset("i w na z że się nie do to jest o jak po ale od za co tak przez był".split()),
}
_WORD = re.compile(r"[^\W\d_]+", re.U)
# the part of a web address after a dot ("battery-news.de", "www.example.it"): not a word of the text
_AFTER_DOT = re.compile(r"\.([^\W\d_]{2,3})\b")
# the languages each function word belongs to
_LANGUAGES_OF: dict[str, list[str]] = {}
for _lang, _words in _STOPWORDS.items():
    for _w in _words:
        _LANGUAGES_OF.setdefault(_w, []).append(_lang)


def function_words(language: str | None) -> frozenset[str]:
    """The lower-cased function words pressecho knows for a language (empty for others)."""
    return _STOPWORDS.get(language or "", frozenset())


def detect_language(text: str, min_hits: int = 5) -> str | None:
    head = text[:20_000]
    # the words lower-cased: lower-casing the text first is lower-casing each word, as no case mapping
    # turns a letter into anything but letters, except the dotted capital I ("i" and a combining dot)
    if "İ" in head:
        words: list[str] = [w for w in " ".join(_WORD.findall(head)).lower().split(" ") if w]
    else:
        head = head.lower()
        # most of the text's space-separated pieces are one word each, all letters: only the others
        # (with punctuation, digits, hyphens) go through the pattern. Word order does not matter here
        pieces = head.split()
        letters = list(map(str.isalpha, pieces))
        words = list(compress(pieces, letters))
        words += _WORD.findall(" ".join(compress(pieces, map(not_, letters))))
    if not words:
        return None
    # only function words are counted (a C-level filter: most of a text's words are not)
    counts = Counter(filter(_LANGUAGES_OF.__contains__, words))
    counts.subtract(w for w in map(str.lower, _AFTER_DOT.findall(head)) if w in _LANGUAGES_OF)
    scores = dict.fromkeys(_STOPWORDS, 0.0)
    for word in _LANGUAGES_OF.keys() & counts.keys():
        languages = _LANGUAGES_OF[word]
        for lang in languages:
            scores[lang] += counts[word] / len(languages)
    lang, best = max(scores.items(), key=lambda kv: kv[1])
    second = max((v for k, v in scores.items() if k != lang), default=0)
    if best < min(min_hits, max(1, len(words) // 10)) or best <= second:
        return None
    return lang
