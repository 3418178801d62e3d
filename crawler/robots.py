"""robots.txt, read once per host per crawl with protego (Google's rules, crawl-delay).

A missing robots.txt (4xx) allows everything, as RFC 9309 says. One that cannot
be fetched (timeout, 5xx, connection error, not complete by the deadline)
disallows the host for this run: the server may be struggling, and the URLs
stay pending for the next run. Only the first ``robots_max_bytes`` (setting,
512 KiB; RFC 9309 asks for at least 500 KiB) are read and obeyed: a huge
robots.txt is never mistaken for a missing one.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from protego import Protego

from crawler.fetch import Fetcher, FetchError

ROBOTS_AGENT = "newsfacts"  # the product token matched against User-agent lines


class Robots:
    """Per-host robots.txt rules for one crawl; ``allowed`` fetches a host's file on first use."""

    def __init__(self, fetcher: Fetcher, allow_private: bool = False, user_agent: str | None = None) -> None:
        self.fetcher = fetcher
        self.allow_private = allow_private
        self.user_agent = user_agent or fetcher.settings.user_agent
        self._rules: dict[str, Protego | str] = {}  # origin -> rules, or the reason the host is off limits

    def _origin(self, url: str) -> str:
        p = urlsplit(url)
        return f"{p.scheme}://{p.netloc}"

    def _load(self, origin: str) -> Protego | str:
        if origin not in self._rules:
            try:
                limit = self.fetcher.settings.robots_max_bytes
                body = self.fetcher.get(f"{origin}/robots.txt", allow_private=self.allow_private,
                                        truncate_at=limit).body
                if len(body) >= limit:  # cut: a half line could say something the whole line does not
                    body = body[:max(body.rfind(b"\n"), body.rfind(b"\r")) + 1] or body
                self._rules[origin] = Protego.parse(body.decode("utf-8", errors="replace"))
            except ValueError as exc:  # a redirect to a malformed Location: unreadable, like a timeout
                self._rules[origin] = f"robots.txt unavailable ({origin}/robots.txt: {exc}); host skipped this run"
            except FetchError as exc:
                if exc.status is not None and 400 <= exc.status < 500:
                    self._rules[origin] = Protego.parse("")
                else:
                    self._rules[origin] = f"robots.txt unavailable ({exc}); host skipped this run"
        return self._rules[origin]

    def refusal(self, url: str) -> str | None:
        """None if ``url`` may be fetched, else the reason it may not."""
        rules = self._load(self._origin(url))
        if isinstance(rules, str):
            return rules
        if not rules.can_fetch(url, ROBOTS_AGENT):
            return "disallowed by robots.txt"
        return None

    def crawl_delay(self, url: str) -> float:
        """Seconds robots.txt asks between requests to ``url``'s host (0 when it does not say)."""
        rules = self._load(self._origin(url))
        if isinstance(rules, str):
            return 0.0
        delay = rules.crawl_delay(ROBOTS_AGENT)
        return float(delay) if delay else 0.0
