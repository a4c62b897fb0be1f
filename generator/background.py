"""Work done in a forked process while this one goes on, its result handed back when asked for.

The child inherits everything the parent holds (the dossier, the loaded modules) and sends its
result back pickled through a pipe. Used where the parent has something else to do meanwhile:
the analysis of a first batch while the cache loads (generator.store.cache), the data pages
while the site's pages render (generator.pipeline).
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable
from multiprocessing.process import BaseProcess
from typing import Generic, TypeVar, cast

from generator.errors import DossierError

T = TypeVar("T")


class Background(Generic[T]):
    """`work` running in a forked process: `result()` waits for it (or raises its exception);
    `stop()` ends it if its result was never asked for."""

    def __init__(self, work: Callable[[], T], name: str) -> None:
        context = mp.get_context("fork")
        self.name = name
        self._receiving, sending = context.Pipe(duplex=False)

        def run() -> None:
            try:
                outcome: tuple[bool, object] = (True, work())
            except BaseException as exc:  # handed to the parent, which raises it
                outcome = (False, exc)
            sending.send(outcome)

        self._process: BaseProcess = context.Process(target=run)  # not a daemon: it may fork
        self._process.start()
        sending.close()

    def result(self) -> T:
        try:
            succeeded, value = self._receiving.recv()
        except EOFError:
            self._process.join()
            raise DossierError(
                f"the {self.name} process ended without a result "
                f"(exit code {self._process.exitcode})"
            ) from None
        finally:
            self._receiving.close()
        self._process.join()
        if not succeeded:
            assert isinstance(value, BaseException)
            raise value
        return cast(T, value)

    def stop(self) -> None:
        """End the process, unless it has ended (nothing once its result is in)."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._receiving.close()
