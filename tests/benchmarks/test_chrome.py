"""Publisher chrome on the benchmark pages: as heavy as real publishers' markup, and the article unchanged."""

import statistics
from pathlib import Path

import pytest

from benchmarks.chrome import markup_profile
from benchmarks.pages import page
from extractors.text import extract_article, read_page

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "html"


@pytest.fixture(scope="module")
def real_profiles() -> list[dict[str, float]]:
    if not FIXTURES.is_dir():
        pytest.skip("../shared/fixtures/html is not beside the project")
    files = sorted(p for p in FIXTURES.rglob("*") if p.name.endswith((".html", ".html.gz")))
    assert len(files) >= 10
    return [markup_profile(read_page(p)) for p in files]


def test_publisher_pages_weigh_what_real_pages_weigh(real_profiles):
    generated = [markup_profile(page(i, seed=5)) for i in range(6)]
    for key in real_profiles[0]:
        real = [p[key] for p in real_profiles]
        ours = statistics.median(p[key] for p in generated)
        assert min(real) <= ours <= max(real), (key, ours, min(real), max(real))
    # the element count drives trafilatura's cost: within a third of the real pages' median
    real_elements = statistics.median(p["elements"] for p in real_profiles)
    ours_elements = statistics.median(p["elements"] for p in generated)
    assert abs(ours_elements - real_elements) <= real_elements / 3, (ours_elements, real_elements)


def test_light_pages_are_lighter_than_every_real_page(real_profiles):
    """Why the chrome exists: the benchmark's first pages had fewer elements and divs than any real page."""
    light = markup_profile(page(0, seed=5, chrome="light"))
    assert light["elements"] < min(p["elements"] for p in real_profiles)
    assert light["divs"] < min(p["divs"] for p in real_profiles)


def test_chrome_leaves_the_article_as_it_was():
    for i in range(3):
        light = extract_article(page(i, seed=9, chrome="light").encode("utf-8"))
        heavy = extract_article(page(i, seed=9).encode("utf-8"))
        assert heavy.text == light.text
        assert (heavy.title, heavy.published, heavy.author) == (light.title, light.published, light.author)
        assert "Advertisement" not in heavy.text and "Share on" not in heavy.text


def test_publisher_pages_carry_the_chrome():
    heavy, light = page(1, seed=9), page(1, seed=9, chrome="light")
    assert len(heavy) > 2 * len(light)
    assert '<script id="__NEXT_DATA__"' in heavy and '<script id="__NEXT_DATA__"' not in light
    assert markup_profile(heavy)["svg"] > 0 == markup_profile(light)["svg"]


def test_unknown_chrome_is_refused():
    with pytest.raises(ValueError, match="chrome must be one of"):
        page(0, chrome="heavy")
