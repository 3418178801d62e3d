"""``newsfacts web`` against a warehouse while a crawl writes to it: pages answer (or say "busy, retrying"),
never fail, and the crawl is never kept out: it finishes and its articles then show."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
NEWSFACTS = str(Path(sys.executable).with_name("newsfacts"))


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:  # noqa: S310 - the app on 127.0.0.1
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def test_pages_answer_while_the_demo_crawl_writes_and_the_crawl_finishes(tmp_path):
    db = tmp_path / "w.duckdb"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    web = subprocess.Popen([NEWSFACTS, "web", "--db", str(db), "--port", str(port)], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
    statuses: list[int] = []
    stop = threading.Event()

    def poll() -> None:
        while not stop.is_set():
            for path in ("/", "/events?kind=release", "/search?q=" + urllib.parse.quote("Tikhanovsky")):
                statuses.append(get(base + path)[0])
            time.sleep(0.1)

    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, body = get(base + "/")
                break
            except OSError:
                assert time.monotonic() < deadline and web.poll() is None, "newsfacts web did not start"
                time.sleep(0.2)
        assert status == 200 and "No warehouse yet" in body  # before the crawl: an explanation, not an error
        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        try:
            crawl = subprocess.run([NEWSFACTS, "demo", "--db", str(db)], capture_output=True, text=True, timeout=600)
        finally:
            stop.set()
            poller.join(60)
        assert crawl.returncode == 0, crawl.stderr[-2000:]
        assert statuses and set(statuses) <= {200, 503}, sorted(set(statuses))
        assert statuses.count(200) > 0
        status, body = get(base + "/")
        assert status == 200 and "Releases over time" in body
        assert "Siarhei Tsikhanouski" in get(base + "/search?q=" + urllib.parse.quote("Тихановский"))[1]
    finally:
        web.terminate()
        web.wait(timeout=10)
        web.stdout.close()
        web.stderr.close()
