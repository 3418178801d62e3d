import gzip

import pytest

from extractors.text import ExtractionError, extract_article, read_page, sniff_binary

PAGE = ("<html><head><title>T</title><meta property='article:published_time' content='2025-09-12T09:00:00+03:00'>"
        "</head><body><article><h1>Headline here</h1><p>{}</p></article></body></html>")
BODY = "Officials said on Friday that more than 1,100 people remain in prison, according to rights groups. " * 5


def test_article_text_and_publication_date():
    art = extract_article(PAGE.format(BODY).encode(), url="http://example.test/a")
    assert art.published.isoformat() == "2025-09-12" and "1,100 people" in art.text


@pytest.mark.parametrize(("data", "kind"), [
    (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (bytes(range(256)) * 10, "binary data"),
    (b"\x89PNG\r\n\x1a\n....", "PNG image"),
])
def test_binary_served_as_html_is_refused_with_its_kind(data, kind):
    assert sniff_binary(data) == kind
    with pytest.raises(ExtractionError, match=f"not an HTML page \\({kind}\\)"):
        extract_article(data, url="http://example.test/x")


def test_legacy_cyrillic_charsets_decode():
    title = "Политзаключённые вышли на свободу"
    body = "Николай Статкевич и ещё 51 человек освобождены в четверг, сообщили правозащитники. " * 5
    page = PAGE.replace("<head>", "<head><meta charset='windows-1251'>").replace("Headline here", title)
    art = extract_article(page.format(body).encode("cp1251"))
    assert "Статкевич" in art.text
    koi8 = PAGE.replace("Headline here", title).format(body).encode("koi8_r")
    assert "Статкевич" in extract_article(koi8).text


@pytest.mark.parametrize("data", [b"", b"   \n", b"<html><body></body></html>"])
def test_empty_pages_are_clear_errors(data):
    with pytest.raises(ExtractionError):
        extract_article(data, url="http://example.test/e")


def test_read_page_gunzips(tmp_path):
    f = tmp_path / "p.html.gz"
    f.write_bytes(gzip.compress(b"<html>x</html>"))
    assert read_page(f) == b"<html>x</html>"


def _with_canonical(href: str) -> bytes:
    head = f"<head><link rel='canonical' href='{href}'>"
    return PAGE.replace("<head>", head).format(BODY).encode()


@pytest.mark.parametrize(("fetched", "declared"), [
    ("https://www.example.org/news/a?utm_source=x", "https://amp.example.org/news/a"),
    ("https://amp.news.bbc.co.uk/story/1.amp", "https://www.bbc.co.uk/story/1"),
    ("http://127.0.0.1:8000/a?page=2", "http://127.0.0.1:8000/a"),
])
def test_canonical_on_the_same_registrable_domain_is_kept(fetched, declared):
    assert extract_article(_with_canonical(declared), url=fetched).canonical_url == declared


@pytest.mark.parametrize("declared", [
    "https://www.bbc.com/news/world-123",  # another site: the warehouse would cite it as the source
    "https://example.org.evil.com/news/a",
    "https://news.example.co.uk/a",  # same label, other registrable domain
    "http://[not-an-ipv6/a",  # malformed
    "javascript:alert(1)",
    "http://127.0.0.2:8000/a",
])
def test_canonical_on_another_domain_or_malformed_is_ignored(declared):
    fetched = "https://news.example.org/a" if "127" not in declared else "http://127.0.0.1:8000/a"
    art = extract_article(_with_canonical(declared), url=fetched)
    assert art.canonical_url == fetched and art.url == fetched


def test_registrable_domain_uses_the_shipped_list_offline(monkeypatch):
    import urllib.request

    from extractors import text

    def no_network(*args, **kwargs):
        raise AssertionError("tried to fetch the Public Suffix List")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    monkeypatch.setattr("tld.base.urlopen", no_network)
    assert text.registrable_domain("https://www.bbc.co.uk/x") == "bbc.co.uk"
    assert text.registrable_domain("https://a.b.example.com/") == "example.com"
    assert text.registrable_domain("not a url") is None
