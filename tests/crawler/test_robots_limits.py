"""robots.txt read as a bounded prefix: a 50 MB file is obeyed, not refused by the body cap and taken for a missing
one; a robots.txt that cannot be read by the deadline keeps the host out of this run."""

from __future__ import annotations

import dataclasses
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from crawler.crawl import fetch_all
from crawler.fetch import Fetcher
from crawler.robots import Robots
from crawler.settings import fetch_settings
from crawler.sources import Source
from records.pages import FetchResult

HUGE = 50 * 1024 * 1024
SENT: dict[str, int] = {}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _robots(self, head: bytes, size: int, pause: float = 0.0, chunk: int = 64 * 1024) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(size))
        self.end_headers()
        filler = b"# a comment line that pads this robots.txt out\n" * (chunk // 48 + 1)
        sent = 0
        try:
            self.wfile.write(head)
            sent = len(head)
            while sent < size:
                part = filler[:min(chunk, size - sent)]
                self.wfile.write(part)
                sent += len(part)
                if pause:
                    time.sleep(pause)
        except OSError:  # the crawler hung up once it had read enough
            pass
        SENT[self.server.name] = sent

    def do_GET(self):  # noqa: N802
        kind = self.server.name
        if self.path == "/robots.txt" and kind == "huge":
            self._robots(b"User-agent: *\nDisallow: /\n", HUGE)
        elif self.path == "/robots.txt" and kind == "tail":
            # a 1 KiB prefix ends in the middle of the only rule: "Disallow: /" of "Disallow: /private"
            self._robots(b"User-agent: *\n" + b"#" * 998 + b"\n" + b"Disallow: /private\n", 600 * 1024)
        elif self.path == "/robots.txt" and kind == "slow":
            self._robots(b"User-agent: *\nAllow: /\n", 4096, pause=0.2, chunk=100)
        else:
            body = b"<p>page</p>"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)


@pytest.fixture
def serve():
    servers = []

    def start(name: str) -> str:
        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.name = name
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_a_50_mb_robots_txt_is_obeyed_from_its_first_bytes(serve):
    base = serve("huge")
    fetcher = Fetcher(retries=0)
    robots = Robots(fetcher, allow_private=True)
    assert robots.refusal(f"{base}/news/a") == "disallowed by robots.txt"
    src = Source(name="h", urls=(f"{base}/news/a",), crawl_delay=0.0, allow_private=True)
    ((url, err),) = list(fetch_all([f"{base}/news/a"], src, fetcher))
    assert "disallowed by robots.txt" in str(err) and err.final
    time.sleep(0.2)
    assert SENT["huge"] < 8 * 1024 * 1024  # the rest of the 50 MB was never read


def test_robots_prefix_limit_is_a_setting_and_a_cut_line_is_dropped(serve, monkeypatch):
    base = serve("tail")
    settings = dataclasses.replace(fetch_settings(), robots_max_bytes=1024)
    robots = Robots(Fetcher(settings, retries=0), allow_private=True)
    assert robots.refusal(f"{base}/a") is None  # the half line "Disallow: /" is not obeyed
    assert robots.refusal(f"{base}/private") is None  # the whole line is past the prefix
    wider = Robots(Fetcher(dataclasses.replace(settings, robots_max_bytes=2048), retries=0), allow_private=True)
    assert wider.refusal(f"{base}/a") is None and wider.refusal(f"{base}/private") == "disallowed by robots.txt"
    monkeypatch.setenv("NEWSFACTS_FETCH_ROBOTS_MAX_BYTES", "2048")
    fetch_settings.cache_clear()
    try:
        assert fetch_settings().robots_max_bytes == 2048
    finally:
        monkeypatch.delenv("NEWSFACTS_FETCH_ROBOTS_MAX_BYTES")
        fetch_settings.cache_clear()
    assert fetch_settings().robots_max_bytes == 512 * 1024


def test_a_robots_txt_cut_by_the_deadline_keeps_the_host_out_this_run(serve):
    base = serve("slow")
    settings = dataclasses.replace(fetch_settings(), deadline=0.5)
    fetcher = Fetcher(settings, retries=0)
    src = Source(name="s", urls=(f"{base}/a",), crawl_delay=0.0, allow_private=True)
    out = list(fetch_all([f"{base}/a", f"{base}/b"], src, fetcher))
    assert not any(isinstance(r, FetchResult) for r in out)
    for _url, err in out:
        assert "robots.txt unavailable" in str(err) and err.transient
