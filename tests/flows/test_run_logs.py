"""Flow runs leave their INFO logs in Prefect, however they are started, and `newsfacts serve` stops cleanly.

A real ``prefect server start`` on a free loopback port (its own PREFECT_HOME), the
sample site on loopback, ``newsfacts serve`` and ``newsfacts crawl`` as subprocesses;
runs are triggered with ``prefect deployment run`` and their logs read back through
the API. Every process started here is stopped (its process group: SIGTERM, then SIGKILL).
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from uuid import UUID

import pytest

BIN = Path(sys.executable).parent
NEWSFACTS, PREFECT = str(BIN / "newsfacts"), str(BIN / "prefect")
pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(proc: subprocess.Popen) -> None:
    """Stop a process and everything it started (its process group): SIGTERM, then SIGKILL."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()


@pytest.fixture(scope="module")
def prefect_api(tmp_path_factory):
    """``prefect server start`` on loopback; yields (API URL, environment for subprocesses using it)."""
    home = tmp_path_factory.mktemp("prefect-home")
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    for name in ("PREFECT_API_URL", "NEWSFACTS_DB", "PREFECT_LOGGING_LEVEL", "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"):
        env.pop(name, None)
    port = free_port()
    proc = subprocess.Popen([PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    api = f"http://127.0.0.1:{port}/api"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None, f"prefect server start exited with {proc.returncode}"
            try:
                with urllib.request.urlopen(f"{api}/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline, "prefect server did not start within 120 s"
            time.sleep(0.5)
        yield api, {**env, "PREFECT_API_URL": api, "PREFECT_RUNNER_POLL_FREQUENCY": "1"}
    finally:
        stop(proc)


@pytest.fixture(scope="module")
def site_sources(tmp_path_factory):
    from crawler.sources import sample_site_sources, write_sources
    from newsfacts.demo_site import article_urls, serve_site, tracking_url

    with serve_site() as base:
        links = (tracking_url(article_urls(base)[0]),)
        yield write_sources(tmp_path_factory.mktemp("site") / "sources.yaml",
                            sample_site_sources(base, newsletter_links=links))


def client(api: str):
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    class _Client:
        def __enter__(self):
            self._settings = temporary_settings({PREFECT_API_URL: api})
            self._settings.__enter__()
            self._client = get_client(sync_client=True)
            return self._client.__enter__()

        def __exit__(self, *exc):
            self._client.__exit__(*exc)
            self._settings.__exit__(*exc)

    return _Client()


def run_messages(api: str, flow_run_id: UUID, want: tuple[str, ...], timeout: float = 30) -> list[str]:
    """The run's log messages, read through the API (waiting briefly for the last batch to be shipped)."""
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId

    deadline = time.monotonic() + timeout
    with client(api) as c:
        while True:
            logs = c.read_logs(LogFilter(flow_run_id=LogFilterFlowRunId(any_=[flow_run_id])))
            messages = [log.message for log in logs]
            if all(any(w in m for m in messages) for w in want) or time.monotonic() > deadline:
                return messages
            time.sleep(1)


def assert_batch_logs(messages: list[str]) -> None:
    text = "\n".join(messages)
    for words in ("pages fetched", "failed", "extracted", "loaded"):
        assert words in text, (words, text)
    assert "{'" not in text, text  # plain words, not Python dicts


def wait_for_deployment(api: str, proc: subprocess.Popen, name: str, timeout: float = 90) -> None:
    from prefect.exceptions import ObjectNotFound

    deadline = time.monotonic() + timeout
    with client(api) as c:
        while True:
            assert proc.poll() is None, f"newsfacts serve exited with {proc.returncode}"
            try:
                c.read_deployment_by_name(name)
                return
            except ObjectNotFound:
                assert time.monotonic() < deadline, f"{name} not registered within {timeout} s"
                time.sleep(0.5)


def test_served_run_logs_each_batch_and_serve_stops_cleanly_on_sigterm(prefect_api, site_sources, tmp_path):
    api, env = prefect_api
    serve_err = tmp_path / "serve.stderr"
    with open(serve_err, "w") as err:
        proc = subprocess.Popen([NEWSFACTS, "serve", "--sources", str(site_sources), "--db", str(tmp_path / "w.duckdb"),
                                 "--cron", "0 0 1 1 *"], env=env, stdout=subprocess.DEVNULL, stderr=err,
                                start_new_session=True)
    try:
        wait_for_deployment(api, proc, "pipeline/on-demand")
        out = subprocess.run([PREFECT, "deployment", "run", "pipeline/on-demand"], env=env, capture_output=True,
                             text=True, timeout=120)
        assert out.returncode == 0, out.stdout + out.stderr
        run_id = UUID(re.search(r"UUID: ([0-9a-f-]{36})", out.stdout).group(1))
        deadline = time.monotonic() + 300
        with client(api) as c:
            while not (run := c.read_flow_run(run_id)).state.is_final():
                assert time.monotonic() < deadline, f"run still {run.state.name}: {serve_err.read_text()[-3000:]}"
                time.sleep(1)
        assert run.state.is_completed(), (run.state, serve_err.read_text()[-3000:])
        assert_batch_logs(run_messages(api, run_id, ("pages fetched", "loaded")))

        proc.send_signal(signal.SIGTERM)  # as a service manager stops it
        assert proc.wait(timeout=60) == 0, serve_err.read_text()[-3000:]
    finally:
        stop(proc)
    stderr = serve_err.read_text()
    assert "never awaited" not in stderr and "Traceback" not in stderr, stderr[-3000:]


def test_cli_crawl_logs_each_batch_in_prefect_and_keeps_the_terminal_quiet(prefect_api, site_sources, tmp_path):
    api, env = prefect_api
    db = tmp_path / "w.duckdb"
    proc = subprocess.Popen([NEWSFACTS, "crawl", "--sources", str(site_sources), "--db", str(db)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=300)
    finally:
        stop(proc)
    assert proc.returncode == 0 and "Summary (" in out, out + err
    assert "| INFO" not in err, err  # the console handler shows warnings and errors only

    with client(api) as c:
        runs = [r for r in c.read_flow_runs() if r.parameters.get("db") == str(db)]
    (run,) = runs
    assert run.state.is_completed()
    assert_batch_logs(run_messages(api, run.id, ("pages fetched", "loaded")))
