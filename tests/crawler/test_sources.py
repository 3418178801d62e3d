import pytest

from crawler.sources import SourcesError, load_sources, parse_sources


def test_valid_file_loads(tmp_path):
    f = tmp_path / "s.yaml"
    f.write_text("sources:\n  - name: a\n    feeds: [https://a.example/feed.xml]\n    crawl_delay: 2\n")
    (src,) = load_sources(f)
    assert src.name == "a" and src.feeds == ("https://a.example/feed.xml",) and src.crawl_delay == 2
    assert src.allow_private is False


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"name": "a", "feeds": ["https://x/f"], "colour": "red"}, r"sources\[0\].*unknown field.*colour"),
        ({"name": "a"}, r"source 'a'.*at least one of feeds"),
        ({"name": "a", "feeds": ["ftp://x/f"]}, r"source 'a'.*'feeds' must be a list of http"),
        ({"name": "a", "urls": ["https://x/"], "max_pages": -1}, r"source 'a'.*'max_pages'"),
        ({"name": "a", "urls": ["https://x/"], "allow_private": "yes"}, r"source 'a'.*'allow_private'"),
        ({"feeds": ["https://x/f"]}, r"sources\[0\].*'name'"),
    ],
)
def test_bad_entries_name_file_entry_and_field(entry, message):
    with pytest.raises(SourcesError, match=message):
        parse_sources({"sources": [entry]}, "s.yaml")


def test_unreadable_and_invalid_yaml(tmp_path):
    with pytest.raises(SourcesError, match="cannot read"):
        load_sources(tmp_path / "missing.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("sources: [\n")
    with pytest.raises(SourcesError, match="not valid YAML"):
        load_sources(bad)
