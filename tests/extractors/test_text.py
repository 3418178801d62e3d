import gzip

import pytest

from extractors.text import ExtractionError, extract_article, read_page, sniff_binary

PAGE = ("<html><head><title>T</title><meta property='article:published_time' content='2025-09-12T09:00:00+03:00'>"
        "</head><body><article><h1>Headline here</h1><p>{}</p></article></body></html>")
BODY = "Officials said on Friday that more than 1,100 people remain in prison, according to rights groups. " * 5


def test_article_text_and_publication_date():
    art = extract_article(PAGE.format(BODY).encode(), url="http://example.test/a")
    assert art.published == "2025-09-12" and "1,100 people" in art.text


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
