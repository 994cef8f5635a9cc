"""The language layer: an article flows through small named components chosen by its language.

Like a spaCy pipeline, a :class:`Pipeline` is an ordered list of :class:`Component` objects, each
filling one part of the :class:`~pressecho.model.Article` (German: ``sentences`` -> ``entities`` ->
``quotes``) and reading what the ones before it filled. A registry maps language codes to the
functions that build their pipelines; everything language-specific lives in one package per
language (``pressecho.language.de``), so another language is one more package and one
:func:`register` call. An article in a language no pipeline reads is not an error: its
``analysis`` records that nothing ran and why.

Every pipeline has a stage version built from its components' versions (model and resource files
by content hash, code by the source of the modules that run). Stored results carry the version
that made them, so a corpus knows which articles to analyse again when pressecho's models change.

    import pressecho
    article = pressecho.analyze(pressecho.extract(page_bytes))
    article.sentences, article.entities, article.quotes, article.analysis
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import importlib.util
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from pressecho.errors import TextTooLong
from pressecho.language.detect import detect_language
from pressecho.model import Article, LanguageRun

# The longest text the layer reads, in characters (a long feature is ~60,000): beyond it an
# article is refused with TextTooLong rather than holding a worker for minutes (see bench/language.py).
MAX_CHARS = 500_000
# Stored on articles no pipeline reads: when a pipeline for their language arrives, they are stale.
NO_PIPELINE = "none"


@dataclass(frozen=True)
class Component:
    """One step of a pipeline: ``run`` fills its part of the article in place.

    ``run_many``, where a component has one, does the same for a batch of articles at once and
    gives exactly what ``run`` gives each (a tagger that decodes many sentences in one pass).
    """

    name: str
    run: Callable[[Article], Any]
    version: str  # changes whenever the component's output may change
    run_many: Callable[[list[Article]], Any] | None = None

    def run_batch(self, articles: list[Article]) -> None:
        if self.run_many is not None and len(articles) > 1:
            self.run_many(articles)
        else:
            for article in articles:
                self.run(article)


@dataclass
class Pipeline:
    """The components that analyse the articles of one language, in order."""

    language: str
    components: list[Component]
    code_version: str = "1"  # the pipeline's own code (how components are combined)
    sample: str | None = None  # a sentence to run once so models load before the first article

    def warm_up(self) -> None:
        """Load everything the components need now (a worker does this before its first article).

        Best effort: a component that fails here fails again on the articles, where it is recorded.
        """
        if self.sample:
            from pressecho.model import Paragraph

            sample = Article.from_paragraphs(
                "warm-up", [Paragraph("text", self.sample)], language=self.language
            )
            with contextlib.suppress(Exception):  # recorded per article instead
                self(sample)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.components]

    @cached_property
    def version(self) -> str:
        """The stage version stored with results: readable, so a user sees which component changed."""
        parts = [f"{self.language} {self.code_version}", *(f"{c.name} {c.version}" for c in self.components)]
        return "; ".join(parts)

    def __call__(
        self,
        article: Article,
        components: Iterable[str] | None = None,
        timings: dict[str, float] | None = None,
    ) -> Article:
        """Analyse the article in place (and return it).

        ``components``: run only these (by name; the ones they depend on must be among them or
        already filled). ``timings``: CPU seconds per component are added to it.
        """
        self.pipe([article], components, timings)
        return article

    def pipe(
        self,
        articles: Sequence[Article],
        components: Iterable[str] | None = None,
        timings: dict[str, float] | None = None,
    ) -> list[Article]:
        """Analyse a batch of articles in place, each component over the whole batch in turn.

        The results are those of analysing each article alone; components that can work on many
        articles at once do (German entities: the tagger decodes the batch's sentences together,
        about twice as fast a document as one article at a time in batches of 8).
        """
        batch = list(articles)
        for article in batch:
            check_length(article)
        wanted = self.names if components is None else list(components)
        unknown = [name for name in wanted if name not in self.names]
        if unknown:
            raise ValueError(
                f"no component {', '.join(unknown)} in the {self.language} pipeline ({self.names})"
            )
        chosen = [c for c in self.components if c.name in wanted]
        if components is None:  # a full run starts afresh: never build on results of an older text
            for article in batch:
                article.sentences, article.entities, article.quotes = [], [], []
        for component in chosen:
            started = time.process_time()
            component.run_batch(batch)
            if timings is not None:
                timings[component.name] = timings.get(component.name, 0.0) + time.process_time() - started
        for article in batch:
            article.analysis = LanguageRun("ok", self.language, self.version, [c.name for c in chosen])
        return batch


# ----------------------------------------------------------------------------------- registry

PipelineFactory = Callable[[], Pipeline]
_FACTORIES: dict[str, PipelineFactory | str] = {"de": "pressecho.language.de:pipeline"}
_PIPELINES: dict[str, Pipeline] = {}


def register(language: str, factory: PipelineFactory) -> None:
    """Make ``factory`` (called once, on first use) the pipeline of ``language`` (ISO 639-1)."""
    code = normalise_language(language)
    if code is None:
        raise ValueError(f"not a language code: {language!r}")
    _FACTORIES[code] = factory
    _PIPELINES.pop(code, None)


def languages() -> list[str]:
    """The languages a pipeline is registered for."""
    return sorted(_FACTORIES)


def normalise_language(language: str | None) -> str | None:
    """``de-CH``, ``DE``, ``de_AT`` -> ``de``; None or blank -> None."""
    if not language or not language.strip():
        return None
    return language.strip().lower().replace("_", "-").split("-")[0] or None


def pipeline_for(language: str | None) -> Pipeline | None:
    """The pipeline of a language (built on first use), or None when no pipeline reads it."""
    code = normalise_language(language)
    if code is None or code not in _FACTORIES:
        return None
    pipeline = _PIPELINES.get(code)
    if pipeline is None:
        factory = _FACTORIES[code]
        if isinstance(factory, str):
            module, _, name = factory.partition(":")
            factory = getattr(importlib.import_module(module), name)
        pipeline = _PIPELINES[code] = factory()
    return pipeline


def stage_version(language: str | None) -> str:
    """The version stored with a language's results (:data:`NO_PIPELINE` where no pipeline reads it)."""
    pipeline = pipeline_for(language)
    return pipeline.version if pipeline is not None else NO_PIPELINE


def warm_up() -> None:
    """Load every registered pipeline's models now."""
    for code in languages():
        pipeline = pipeline_for(code)
        if pipeline is not None:
            pipeline.warm_up()


def stage_versions() -> dict[str, str]:
    """The stage version of every registered language."""
    return {code: stage_version(code) for code in languages()}


def language_of(article: Article) -> str | None:
    """The article's language as the layer reads it: as extracted, else detected from its text."""
    return normalise_language(article.language) or detect_language(article.text)


def analyze(
    article: Article,
    *,
    language: str | None = None,
    components: Iterable[str] | None = None,
    timings: dict[str, float] | None = None,
) -> Article:
    """Sentences, entities and quotes of the article, by the pipeline of its language; returns it.

    The article is changed in place: ``sentences``, ``entities`` and ``quotes`` are filled (offsets
    into ``article.text``) and ``analysis`` says which pipeline and version ran. An article whose
    language has no pipeline (or cannot be told) is returned with empty results and an
    ``analysis`` of status ``skipped`` saying why; an article with no language set gets the one
    detected from its text (a text of a few words may not tell: pass ``language="de"``).
    ``components`` runs only those (``["sentences"]``); ``timings`` collects CPU seconds per
    component. A text longer than :data:`MAX_CHARS` raises :class:`~pressecho.errors.TextTooLong`.
    """
    if not isinstance(article, Article):  # a str is the likely slip: say what to do, not AttributeError
        raise TypeError(
            f"analyze() takes an Article, not {type(article).__name__}: pressecho.analyze(pressecho.extract(text))"
        )
    pipeline = _route(article, language)
    return article if pipeline is None else pipeline(article, components, timings)


def analyze_many(
    articles: Iterable[Article],
    *,
    batch_size: int = 8,
    language: str | None = None,
    components: Iterable[str] | None = None,
    timings: dict[str, float] | None = None,
) -> Iterator[Article]:
    """:func:`analyze` for a stream of articles, in batches of ``batch_size`` (faster, same results).

    Yields every article, in the order given, once its batch is done. Each batch is checked
    before it runs: a text over :data:`MAX_CHARS` raises :class:`~pressecho.errors.TextTooLong`
    and no article of that batch is analysed.
    """
    names = None if components is None else list(components)
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= batch_size:
            yield from _analyze_batch(batch, language, names, timings)
            batch = []
    yield from _analyze_batch(batch, language, names, timings)


def _analyze_batch(
    batch: list[Article], language: str | None, components: list[str] | None, timings: dict[str, float] | None
) -> list[Article]:
    for article in batch:
        check_length(article)
    groups: dict[str, tuple[Pipeline, list[Article]]] = {}
    for article in batch:
        pipeline = _route(article, language)
        if pipeline is not None:
            groups.setdefault(pipeline.language, (pipeline, []))[1].append(article)
    for pipeline, members in groups.values():
        pipeline.pipe(members, components, timings)
    return batch


def check_length(article: Article) -> None:
    """Raise :class:`~pressecho.errors.TextTooLong` for a text over :data:`MAX_CHARS`."""
    if len(article.text) > MAX_CHARS:
        raise TextTooLong(
            f"the text has {len(article.text):,} characters; the language layer reads at most {MAX_CHARS:,}"
        )


def _route(article: Article, language: str | None) -> Pipeline | None:
    """The pipeline that reads the article; None after recording on it why there is none."""
    if language is not None:
        article.language = normalise_language(language)
    code = language_of(article)
    if article.language is None and code is not None:
        article.language = code
    pipeline = pipeline_for(code)
    if pipeline is None:
        article.sentences, article.entities, article.quotes = [], [], []
        reason = "unknown-language" if code is None else "unsupported-language"
        message = (
            "the text's language could not be told"
            if code is None
            else f"no language pipeline for {code!r} (pressecho reads {', '.join(languages())})"
        )
        article.analysis = LanguageRun("skipped", code, NO_PIPELINE, [], reason, message)
    return pipeline


# ----------------------------------------------------------------------------------- versions


def files_version(paths: Sequence[Path], length: int = 10) -> str:
    """A short content hash of files (names and bytes), for component versions: a retrained model
    or an edited rule module changes it, and nothing else does."""
    digest = hashlib.sha256()
    for path in sorted(paths, key=lambda p: p.name):
        digest.update(path.name.encode("utf-8") + b"\0")
        digest.update(path.read_bytes() if path.exists() else b"<missing>")
        digest.update(b"\0")
    return digest.hexdigest()[:length]


def module_files(*modules: str) -> list[Path]:
    """The source files of modules, found without importing them (so versions are cheap)."""
    out = []
    for name in modules:
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.origin:
            out.append(Path(spec.origin))
    return out


__all__ = [
    "MAX_CHARS",
    "NO_PIPELINE",
    "Component",
    "Pipeline",
    "analyze",
    "analyze_many",
    "check_length",
    "files_version",
    "language_of",
    "languages",
    "module_files",
    "normalise_language",
    "pipeline_for",
    "register",
    "stage_version",
    "stage_versions",
    "warm_up",
]
