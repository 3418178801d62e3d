"""Each fault route of the fault site, fetched for real, ends in a FetchError or ExtractionError with its reason."""

import pytest

from crawler.fetch import Fetcher, FetchError
from crawler.settings import FetchSettings, fetch_settings
from extractors.text import ExtractionError, extract_article
from newsfacts.fault_site import serve_faults

EXPECTED = {
    "/fault/always-500": "HTTP 500", "/fault/gone-404": "HTTP 404", "/fault/gone-410": "HTTP 410",
    "/fault/redirect-loop": "redirect loop", "/fault/huge": "cap", "/fault/slow-body": "slow server",
    "/fault/pdf-as-html": "(PDF)", "/fault/binary-as-html": "(binary data)", "/fault/empty": "empty document",
}


@pytest.fixture(scope="module")
def fetcher():
    base = fetch_settings()
    fast = FetchSettings(**{**base.__dict__, "read_timeout": 1.0, "deadline": 2.0, "retries": 2, "backoff": 0.05})
    return Fetcher(fast)


@pytest.mark.parametrize(("path", "reason"), sorted(EXPECTED.items()))
def test_fault_is_refused_with_its_reason(fetcher, path, reason):
    with serve_faults(slow_seconds=2) as site:
        with pytest.raises((FetchError, ExtractionError), match=reason.replace("(", r"\(").replace(")", r"\)")):
            res = fetcher.get(site.base + path, allow_private=True)
            extract_article(res.body, url=res.final_url)


def test_retry_after_then_success(fetcher):
    with serve_faults() as site:
        res = fetcher.get(site.base + "/fault/retry-after", allow_private=True)
        assert res.status == 200 and site.hits["/fault/retry-after"] == 3


def test_non_final_failures_are_retried_next_run_and_final_ones_not(fetcher):
    with serve_faults() as site:
        with pytest.raises(FetchError) as e500:
            fetcher.get(site.base + "/fault/always-500", allow_private=True)
        with pytest.raises(FetchError) as e404:
            fetcher.get(site.base + "/fault/gone-404", allow_private=True)
    assert e500.value.transient and not e404.value.transient
