"""Batches of documents to worker processes, for the stages that run over a whole corpus.

Ingest, re-extraction and the language stage all do the same thing: the main process (the only
SQLite writer) sends batches of items to worker processes, keeps a bounded number in flight so
memory stays flat however large the corpus, and takes the results back as they come. What they
must not do is lose a batch to a parser that segfaults or runs out of memory on one document: a
dead worker breaks the whole process pool and every batch in flight with it. This pool then runs
the lost items one at a time in a fresh pool, and the item that kills a worker again gets a
failure result (``crashed``) instead of stopping the run.

Workers start by forkserver (spawn where there is none), so they do not inherit the writer's
SQLite handle or the progress bar's thread, as forked ones would.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


class WorkerPool(Generic[Item, Result]):
    """Run ``run(batch) -> results`` in worker processes; inline when ``workers`` is 0.

    ``run`` must be a module-level function (workers import it by name) that returns one result
    per item; ``crashed(item)`` is the result of an item whose worker died on it twice.
    """

    def __init__(
        self,
        workers: int,
        run: Callable[[list[Item]], list[Result]],
        crashed: Callable[[Item], Result],
        *,
        max_in_flight: int | None = None,
        initializer: Callable[[], None] | None = None,
    ) -> None:
        self.workers = workers
        self.run = run
        self.crashed = crashed
        self.max_in_flight = max_in_flight or max(2, 2 * workers)
        self.initializer = initializer
        self.pool: ProcessPoolExecutor | None = None
        self.in_flight: dict[Future[list[Result]], list[Item]] = {}

    def _start(self) -> ProcessPoolExecutor:
        if self.pool is None:
            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
            self.pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=self.initializer)
        return self.pool

    def submit(self, batch: list[Item]) -> Iterator[list[Result]]:
        """Send a batch; yields the results of finished batches while waiting for room."""
        if self.workers <= 0:
            yield self.run(batch)
            return
        while len(self.in_flight) >= self.max_in_flight:
            yield from self._collect()
        try:
            future = self._start().submit(self.run, batch)
        except BrokenProcessPool:  # a worker died since the last collect: the pool refuses new work
            yield from self._recover([batch])
            return
        self.in_flight[future] = batch

    def drain(self) -> Iterator[list[Result]]:
        """The results of every batch still in flight."""
        while self.in_flight:
            yield from self._collect()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def _collect(self) -> Iterator[list[Result]]:
        done, _ = wait(list(self.in_flight), return_when=FIRST_COMPLETED)
        lost: list[list[Item]] = []
        for future in done:
            batch = self.in_flight.pop(future)
            try:
                yield future.result()
            except BrokenProcessPool:
                lost.append(batch)
        if lost:
            yield from self._recover(lost)

    def _recover(self, lost: list[list[Item]]) -> Iterator[list[Result]]:
        """A worker died and took every batch in flight with it: find the item that did it."""
        lost = lost + list(self.in_flight.values())
        self.in_flight.clear()
        self._restart()
        for batch in lost:
            for item in batch:
                try:
                    yield self._start().submit(self.run, [item]).result()
                except BrokenProcessPool:
                    self._restart()
                    yield [self.crashed(item)]

    def _restart(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = None
