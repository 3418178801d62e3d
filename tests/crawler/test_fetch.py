"""Fetching against a real HTTP server on 127.0.0.1."""

from http.server import BaseHTTPRequestHandler

import pytest

from crawler.fetch import Fetcher, FetchError
from tests.loopback import serve

HITS: dict[str, int] = {}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):  # noqa: N802
        HITS[self.path] = HITS.get(self.path, 0) + 1
        if self.path == "/ok":
            self._send(200, b"<html><body>hello</body></html>")
        elif self.path == "/flaky" and HITS[self.path] < 2:
            self.send_response(503)
            self.send_header("Retry-After", "1")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/flaky":
            self._send(200, b"finally")
        elif self.path == "/big":
            self._send(200, b"x" * 200_000)
        else:
            self._send(404, b"missing")

    def _send(self, status, body):
        self.send_response(status)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def base():
    with serve(Handler) as url:
        yield url


def test_ok_page(base):
    r = Fetcher().get(f"{base}/ok", allow_private=True)
    assert r.status == 200 and b"hello" in r.body and r.final_url == f"{base}/ok"


def test_loopback_refused_unless_allowed(base):
    with pytest.raises(FetchError, match="non-public address 127.0.0.1"):
        Fetcher().get(f"{base}/ok")


def test_404_is_final_and_not_retried(base):
    HITS.pop("/nope", None)
    with pytest.raises(FetchError, match="HTTP 404"):
        Fetcher(backoff=0.01).get(f"{base}/nope", allow_private=True)
    assert HITS["/nope"] == 1


def test_503_with_retry_after_is_retried(base):
    r = Fetcher(backoff=0.01).get(f"{base}/flaky", allow_private=True)
    assert r.body == b"finally" and HITS["/flaky"] == 2


def test_body_size_cap(base):
    with pytest.raises(FetchError, match="over the 100000-byte cap"):
        Fetcher(max_bytes=100_000).get(f"{base}/big", allow_private=True)


def test_non_http_scheme_refused():
    with pytest.raises(FetchError, match="only http"):
        Fetcher().get("file:///etc/passwd", allow_private=True)


def test_settings_file_and_environment_override(monkeypatch):
    from crawler.settings import SettingsError, fetch_settings

    fetch_settings.cache_clear()
    monkeypatch.setenv("NEWSFACTS_FETCH_READ_TIMEOUT", "2.5")
    try:
        assert fetch_settings().read_timeout == 2.5
        assert "newsfacts" in fetch_settings().user_agent
        fetch_settings.cache_clear()
        monkeypatch.setenv("NEWSFACTS_FETCH_MAX_BYTES", "lots")
        with pytest.raises(SettingsError, match="NEWSFACTS_FETCH_MAX_BYTES: max_bytes must be an integer"):
            fetch_settings()
    finally:
        fetch_settings.cache_clear()
