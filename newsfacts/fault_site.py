"""A loopback news site that misbehaves on purpose, for the fault suite.

Every route but the good articles injects one fault: slow answers, 5xx with
Retry-After, 404/410, connection resets, redirect loops, a 50 MB body, binary
served as HTML, legacy Cyrillic charsets, malformed or empty HTML, tracking
parameters, a robots.txt disallow. Good articles are the sample site's own
pages, so what lands can be checked against what was served.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from newsfacts.demo_site import render

GOOD_COUNT = 6
#: path -> what it does; the fault suite reports each as an injected fault
FAULTS = {
    "/fault/slow-headers": "answers after the read timeout",
    "/fault/slow-body": "sends the body one byte every 0.5 s",
    "/fault/retry-after": "503 with Retry-After: 1 twice, then a good article",
    "/fault/always-500": "500 on every try",
    "/fault/gone-404": "404 Not Found",
    "/fault/gone-410": "410 Gone",
    "/fault/reset": "connection reset before any response",
    "/fault/redirect-loop": "302 to itself",
    "/fault/huge": "a 50 MB body",
    "/fault/pdf-as-html": "a PDF served as text/html",
    "/fault/binary-as-html": "random bytes served as text/html",
    "/fault/cp1251": "an article in windows-1251 with no charset header",
    "/fault/koi8r-wrong-charset": "an article in koi8-r labelled utf-8",
    "/fault/malformed": "badly broken HTML around a real article",
    "/fault/empty": "200 with an empty body",
    "/private/secret": "disallowed by robots.txt",
    "/fault/hostile": "an article whose text holds shell commands and scripts (must never run)",
    "/fault/huge-article": "one 8 MB article (a text past spaCy's max_length)",
    "/fault/many-names": "an article naming 5,000 distinct people",
    "/fault/foreign-canonical": "an article whose rel=canonical points at another site",
    "/fault/bad-links-feed": "a feed whose links have a port of 99999, an unclosed IPv6 bracket, a 64-letter label",
    "/fault/redirect-bad-port": "302 to a URL with port 99999",
    "/fault/redirect-bad-host": "302 to a URL with an unclosed IPv6 bracket",
}
#: malformed links the bad-links feed lists (each must become one recorded failure)
BAD_LINKS = ("http://127.0.0.1:99999/news/nowhere", "http://[::1/news/nowhere",
             f"http://{'a' * 64}.example/news/nowhere")
HUGE_ARTICLE_TITLE = "A record of every hearing, read into the record"
MANY_NAMES_TITLE = "The long roll of names read out at the vigil"
FOREIGN_CANONICAL = "https://www.bbc.com/news/world-europe-00000000"
#: a robots.txt of 50 MB that disallows everything in its first line (the second site serves it)
HUGE_ROBOTS_BYTES = 50 * 1024 * 1024
#: shell and script payloads on /fault/hostile; each would create MARKER if anything ran them
HOSTILE = ("$(touch {marker}) `touch {marker}` ; touch {marker} ; <script>require('fs').writeFileSync('{marker}')"
           "</script> {{{{ __import__('os').system('touch {marker}') }}}}")
CYRILLIC_ARTICLE = (
    "<html><head><title>{title}</title><meta property='article:published_time' content='2025-09-12T09:00:00+03:00'>"
    "</head><body><article><h1>{title}</h1><p>{body}</p><p>{body}</p></article></body></html>"
)
CYRILLIC_TITLE = "Мікалай Статкевіч застаўся ў Беларусі"
CYRILLIC_BODY = ("Палітвязень Мікалай Статкевіч адмовіўся пакінуць краіну, паведамілі праваабаронцы ў пятніцу. "
                 "Паводле звестак праваабаронцаў, больш за 1100 чалавек застаюцца за кратамі. ") * 4
RUSSIAN_TITLE = "Николай Статкевич остался в Беларуси"
RUSSIAN_BODY = ("Политзаключённый Николай Статкевич отказался покинуть страну, сообщили правозащитники в пятницу. "
                "По данным правозащитников, более 1100 человек остаются за решёткой. ") * 4


def _simple_article(title: str, paragraphs: list[str], head: str = "") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><title>{title}</title>{head}"
            "<meta property='article:published_time' content='2025-09-12T09:00:00+00:00'></head>"
            f"<body><article><h1>{title}</h1>{body}</article></body></html>").encode()


def huge_article() -> bytes:
    """About 8 MB of one article's text: under the body cap, far past spaCy's max_length."""
    sentence = ("The clerk read docket {n} of the regional court aloud, hearing after hearing, "
                "while the families in the gallery waited for the names they knew. ")
    size = len(sentence) * 40
    paras = [" ".join(sentence.format(n=f"{k}-{j}") for j in range(40)) for k in range(8 * 1024 * 1024 // size)]
    return _simple_article(HUGE_ARTICLE_TITLE, paras)


def invented_names(n: int) -> list[str]:
    """``n`` distinct invented full names (given + surname) built from syllables."""
    given = ["Ivan", "Pavel", "Sergei", "Dmitry", "Andrei", "Mikhail", "Oleg", "Yuri", "Viktor", "Nikolai"]
    syll = ["ka", "lo", "ven", "dru", "mi", "sta", "rek", "po", "zen", "tul", "bra", "shi", "nor", "vek", "gal"]
    out = []
    i = 0
    while len(out) < n:
        a, b, c = syll[i % 15], syll[(i // 15) % 15], syll[(i // 225) % 15]
        out.append(f"{given[(i // 3375) % 10]} {(a + b + c).capitalize()}ski")
        i += 1
    return out


def many_names_article() -> bytes:
    names = invented_names(5_000)
    paras = [", ".join(names[i:i + 50]) + " were named by the organisers." for i in range(0, len(names), 50)]
    return _simple_article(MANY_NAMES_TITLE, paras)


def good_paths() -> list[str]:
    """Paths of the good articles (the first GOOD_COUNT sample-site stories)."""
    return [f"/news/{a.slug}" for a in render.load_articles()[:GOOD_COUNT]]


def all_paths() -> list[str]:
    """Every URL path the suite feeds the crawler: good articles, tracking-parameter copies, faults."""
    good = good_paths()
    return good + [good[0] + "?utm_source=newsletter&utm_medium=email&fbclid=x1"] + list(FAULTS)


class _Handler(BaseHTTPRequestHandler):
    server_version = "faultsite/1"
    hits: dict[str, int] = {}
    lock = threading.Lock()

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server API
        path = urlsplit(self.path).path
        with self.lock:
            n = self.hits[path] = self.hits.get(path, 0) + 1
        base = f"http://{self.headers.get('Host', '127.0.0.1')}"
        if path == "/robots.txt":
            if self.server.huge_robots:  # type: ignore[attr-defined]
                return self._send_huge(b"User-agent: *\nDisallow: /\n", b"# filler\n", HUGE_ROBOTS_BYTES, "text/plain")
            return self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        if path.startswith("/news/"):
            art = render.get_article(path.rsplit("/", 1)[-1])
            if art is None:
                return self._send(404, b"no such article")
            return self._send(200, render.render_article(art, base).encode("utf-8"))
        if path == "/private/secret":
            return self._send(200, b"<html><body><p>should never be fetched</p></body></html>")
        if path == "/fault/slow-headers":
            time.sleep(self.server.slow_seconds)  # type: ignore[attr-defined]
            return self._send(200, b"<html><body>late</body></html>")
        if path == "/fault/slow-body":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            try:
                for _ in range(40):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.5)
            except OSError:
                pass
            return None
        if path == "/fault/retry-after":
            if n <= 2:
                return self._send(503, b"busy", extra={"Retry-After": "1"})
            art = render.load_articles()[GOOD_COUNT]
            return self._send(200, render.render_article(art, base).encode("utf-8"))
        if path == "/fault/always-500":
            return self._send(500, b"boom")
        if path == "/fault/gone-404":
            return self._send(404, b"not found")
        if path == "/fault/gone-410":
            return self._send(410, b"gone")
        if path == "/fault/reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            return None
        if path == "/fault/redirect-loop":
            return self._send(302, b"", extra={"Location": "/fault/redirect-loop"})
        if path == "/fault/huge":
            size = 50 * 1024 * 1024
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(size))
            self.end_headers()
            chunk = b"<p>" + b"a" * 65_530 + b"</p>"
            try:
                for _ in range(size // len(chunk)):
                    self.wfile.write(chunk)
            except OSError:
                pass
            return None
        if path == "/fault/pdf-as-html":
            return self._send(200, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> stream\n" + bytes(range(256)) * 40)
        if path == "/fault/binary-as-html":
            return self._send(200, bytes((i * 7919) % 256 for i in range(20_000)))
        if path == "/fault/cp1251":
            page = CYRILLIC_ARTICLE.format(title=RUSSIAN_TITLE, body=RUSSIAN_BODY)
            page = page.replace("<head>", "<head><meta charset='windows-1251'>")
            return self._send(200, page.encode("cp1251"), "text/html")
        if path == "/fault/koi8r-wrong-charset":
            page = CYRILLIC_ARTICLE.format(title=RUSSIAN_TITLE + " (KOI8)", body=RUSSIAN_BODY)
            return self._send(200, page.encode("koi8_r"), "text/html; charset=utf-8")
        if path == "/fault/malformed":
            art = render.load_articles()[GOOD_COUNT + 1]
            html = render.render_article(art, base)
            broken = html.replace("</p>", "").replace("</div>", "").replace("<article", "<article <<<")
            return self._send(200, broken[: int(len(broken) * 0.9)].encode("utf-8"))
        if path == "/fault/empty":
            return self._send(200, b"")
        if path == "/fault/hostile":
            art = render.load_articles()[GOOD_COUNT + 2]
            payload = HOSTILE.format(marker=self.server.marker)  # type: ignore[attr-defined]
            html = render.render_article(art, base).replace("</h1>", f"</h1><p>{payload}</p>", 1)
            return self._send(200, html.encode("utf-8"))
        if path == "/fault/huge-article":
            return self._send(200, huge_article())
        if path == "/fault/many-names":
            return self._send(200, many_names_article())
        if path == "/fault/foreign-canonical":
            art = render.load_articles()[GOOD_COUNT + 3]
            html = render.render_article(art, base)
            html = html.replace("<head>", f"<head><link rel='canonical' href='{FOREIGN_CANONICAL}'>", 1)
            html = html.replace('rel="canonical"', 'rel="alternate"')  # the page's own canonical link loses
            return self._send(200, html.encode("utf-8"))
        if path == "/fault/bad-links-feed":
            items = "".join(f"<item><title>x</title><link>{link}</link></item>"
                            for link in (*BAD_LINKS, f"{base}{good_paths()[1]}"))
            feed = f"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>{items}</channel></rss>"
            return self._send(200, feed.encode("utf-8"), "application/rss+xml")
        if path == "/fault/redirect-bad-port":
            return self._send(302, b"", extra={"Location": "http://127.0.0.1:99999/news/nowhere"})
        if path == "/fault/redirect-bad-host":
            return self._send(302, b"", extra={"Location": "http://[::1/news/nowhere"})
        return self._send(404, b"unknown path")

    def _send_huge(self, head: bytes, filler: bytes, size: int, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(size))
        self.end_headers()
        try:
            self.wfile.write(head)
            chunk = filler * (65_536 // len(filler))
            for _ in range((size - len(head)) // len(chunk)):
                self.wfile.write(chunk)
        except OSError:
            pass

    def _send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8",
              extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            pass


@dataclass
class FaultSite:
    """A running fault site: its base URL and how often each path was requested."""

    base: str
    hits: dict[str, int]

    def served(self, paths: list[str]) -> int:
        """How many of ``paths`` were requested at least once."""
        return sum(1 for p in paths if self.hits.get(urlsplit(p).path, 0))


@contextmanager
def serve_faults(port: int = 0, slow_seconds: float = 6.0, marker: str = "/nonexistent/marker",
                 huge_robots: bool = False) -> Iterator[FaultSite]:
    """Serve the fault site on 127.0.0.1 and stop it on exit.

    ``slow_seconds``: how long /fault/slow-headers keeps the client waiting;
    ``marker``: the file /fault/hostile's payloads would create if anything ran them;
    ``huge_robots``: serve a 50 MB robots.txt whose first line disallows everything.
    """
    hits: dict[str, int] = {}
    handler = type("Handler", (_Handler,), {"hits": hits, "lock": threading.Lock()})
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    server.slow_seconds = slow_seconds  # type: ignore[attr-defined]
    server.marker = marker  # type: ignore[attr-defined]
    server.huge_robots = huge_robots  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield FaultSite(f"http://127.0.0.1:{server.server_address[1]}", hits)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
