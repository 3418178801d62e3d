"""The deployments: ``pipeline/scheduled-crawl`` (cron) and ``pipeline/on-demand``, served by this process.

A Prefect ``Runner`` registers both with the Prefect API named by ``PREFECT_API_URL``
and runs their flow runs as subprocesses until SIGTERM/Ctrl-C. Runs are
limited to one at a time: the warehouse is a single DuckDB file with one writer.
The same deployments are declared in ``prefect.yaml`` for a process work pool.

Not ``prefect.serve``: its runner's SIGTERM handler calls ``Runner.stop()`` from the
signal handler, which runs on the thread of the running event loop, so Prefect's
``async_dispatch`` hands back the ``astop()`` coroutine instead of stopping, nobody
awaits it ("RuntimeWarning: coroutine 'Runner.astop' was never awaited") and
``sys.exit`` tears the loop down mid-call. ``_Runner`` schedules ``astop()`` on the
loop instead: the poller stops, the schedules pause, and the process exits 0.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from prefect.deployments.runner import EntrypointType, RunnerDeployment
from prefect.exceptions import TerminationSignal
from prefect.runner import Runner

from crawler.sources import load_sources
from flows.pipeline import pipeline
from warehouse.db import db_path

SCHEDULED = "scheduled-crawl"
ON_DEMAND = "on-demand"
DEFAULT_CRON = "*/30 * * * *"


def deployments(sources_file: str | Path, db: str | Path | None = None,
                cron: str = DEFAULT_CRON) -> list[RunnerDeployment]:
    """Both deployments of ``pipeline`` for a sources file, with absolute paths so runs find their files."""
    load_sources(sources_file)  # fail here, not at 3 a.m. in a scheduled run
    params = {"sources_file": str(Path(sources_file).resolve()), "db": str(db_path(db).resolve())}
    common = {"parameters": params, "entrypoint_type": EntrypointType.MODULE_PATH, "tags": ["newsfacts"]}
    return [
        pipeline.to_deployment(name=SCHEDULED, cron=cron, description="Crawl the sources on a schedule.", **common),
        pipeline.to_deployment(name=ON_DEMAND, description="Crawl the sources when asked.", **common),
    ]


class _Runner(Runner):
    """A ``Runner`` whose SIGTERM handler stops it on its event loop (see the module docstring)."""

    def handle_sigterm(self, *args: Any, **kwargs: Any) -> None:
        self._logger.info("SIGTERM received, stopping")
        try:
            loop = asyncio.get_running_loop()  # signal handlers run on the main thread: the loop's
        except RuntimeError:
            raise SystemExit(0) from None  # not serving yet (or any more): nothing to stop
        loop.call_soon_threadsafe(self._stop_soon)  # the loop may be mid-call here: schedule, signal-safely

    def _stop_soon(self) -> None:
        if not self.started:  # still registering the deployments: asyncio.run cancels that and returns
            raise SystemExit(0)
        self._stopping_task = asyncio.ensure_future(self.astop())  # kept: a task needs a reference


def serve_deployments(sources_file: str | Path, db: str | Path | None = None, cron: str = DEFAULT_CRON) -> None:
    """Serve both deployments until SIGTERM or Ctrl-C; one flow run at a time."""
    runner = _Runner(limit=1, pause_on_shutdown=True)
    served = deployments(sources_file, db, cron)
    for deployment in served:
        runner.add_deployment(deployment)
    names = ", ".join(f"{d.flow_name}/{d.name}" for d in served)
    print(f"Serving {names}; trigger a run with: prefect deployment run 'pipeline/{ON_DEMAND}'", flush=True)
    try:
        asyncio.run(runner.start())
    except (KeyboardInterrupt, TerminationSignal):
        pass  # Ctrl-C: asyncio.run has cancelled the runner and closed the loop
