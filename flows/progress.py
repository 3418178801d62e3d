"""Progress events of a run, for whoever listens in this process (the command line's progress display).

The flows call :func:`report` once per batch (``tick=True`` for finer steps inside a
batch); ``newsfacts crawl``, ``demo`` and ``reprocess`` run their flow in-process and
subscribe with :func:`listening`. Nobody listens in a deployment run, and then a
report costs one empty-list check. A listener that raises is dropped from that
event, never the run: progress is a display, not work. Plain Python: no Prefect.

Stages, in order: ``discovered`` (done = sources discovered, total = sources,
``urls=`` new URLs so far), ``fetched`` (pages tried of the URLs discovered so far,
``fetched=``, ``failed=``), ``extracted`` (archived pages read, of those pending when
the stage started if known, ``articles=``, ``skipped=``, ``failed=``) and ``loaded``
(pages whose batch is loaded, ``articles=`` new, ``updated=``, ``duplicates=``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

__all__ = ["Listener", "STAGES", "listening", "report", "wanted"]

#: stages in the order a pipeline run reports them
STAGES = ("discovered", "fetched", "extracted", "loaded")
#: ``listener(stage, done, total, counts, tick)``; ``total`` is None when unknown
Listener = Callable[[str, int, "int | None", dict[str, int], bool], None]

_listeners: list[Listener] = []
_log = logging.getLogger(__name__)


def wanted() -> bool:
    """Whether anyone listens: work done only for the display (a count query) can be skipped when not."""
    return bool(_listeners)


def report(stage: str, done: int, total: int | None = None, *, tick: bool = False, **counts: int) -> None:
    """Tell the listeners that ``done`` of ``total`` items of ``stage`` are done; ``counts``: running tallies.

    ``tick``: a step inside a batch (a display may show it; a one-line-per-batch log skips it).
    """
    for listener in list(_listeners):
        try:
            listener(stage, done, total, counts, tick)
        except Exception:  # noqa: BLE001 - a broken display must not stop a crawl
            _log.debug("progress listener failed on %s", stage, exc_info=True)


@contextmanager
def listening(listener: Listener) -> Iterator[Listener]:
    """Subscribe ``listener`` for the ``with`` block."""
    _listeners.append(listener)
    try:
        yield listener
    finally:
        _listeners.remove(listener)
