"""Generate realistic news pages for the benchmarks, one at a time (never a whole corpus in memory).

    from benchmarks.pages import write_pages
    paths = write_pages(directory, 2000)      # page_000000.html ... (a generator: written as consumed)

Each page is an article of 500–1,500 words in heavy boilerplate: a navigation bar
of section links, a cookie banner, inline scripts and JSON-LD, a related-stories
list, a newsletter box, a most-read list and a footer of links, as publishers'
pages have. The article text is our own: paragraphs of the bundled sample site
(``newsfacts/demo_site/articles``) mixed with paragraphs from templates below
that name gazetteer people in their different spellings (romanisations,
Łacinka, Cyrillic, surname-only repeats), counts of people ("more than 1,100
political prisoners", "14 people") and relative dates ("last Tuesday", "two
weeks ago", "on 3 March"). Pages are deterministic in (seed, index).
"""

from __future__ import annotations

import html
import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from gazetteer.load import load_people
from newsfacts.demo_site import load_articles

SITE = "https://bench.newsfacts.test"
SECTIONS = ("World", "Europe", "Belarus", "Politics", "Human rights", "Business", "Opinion", "Culture", "Sport")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")

# Templates: {p}/{q} a person's spelling, {s} the surname of {p}, {n}/{m} counts, {d} a date phrase, {w} a weekday,
# {city} a place. Our own writing, in the register of the sample site.
TEMPLATES = (
    "{p} was among {n} political prisoners released {d}, according to the Viasna human rights centre.",
    "Officials in Minsk said {n} people had been pardoned {d}, while rights groups said more than {m} remained "
    "behind bars.",
    "{s} told reporters in {city} that the releases were welcome but that the crackdown had not ended.",
    "\"We will keep counting every name until the last one is home,\" {p} said at a news conference {d}.",
    "At least {n} journalists are still held in Belarus, the Belarusian Association of Journalists said {d}.",
    "The group of {n} crossed into Lithuania {d} and was met at the border by relatives and diplomats.",
    "{p}, who had been serving a long sentence, was taken to hospital for checks, {q} said on {w}.",
    "Rights defenders have recorded about {m} political prisoners, down from a peak reached two years ago.",
    "{s} has not been seen by lawyers since {d}, according to relatives who spoke to the outlet.",
    "Two weeks ago {p} met {q} in {city}; neither side described what had been agreed.",
    "Lukashenka pardoned {n} people convicted of \"extremism\" {d}, state media reported.",
    "Since the 2020 election, more than {m} people have passed through prisons for political reasons.",
    "{p} thanked European partners and said {n} families had been reunited {d}.",
    "Among those freed {d} were {n} foreign nationals and several people detained after the 2020 protests.",
    "The court in {city} sentenced {n} activists last {w} to terms of three to six years.",
)
CITIES = ("Vilnius", "Warsaw", "Minsk", "Brest", "Hrodna", "Homel", "Riga", "Berlin", "Brussels", "Kyiv")
FILLER = (
    "Analysts said the pattern of releases suggested a negotiation rather than a change of policy.",
    "The foreign ministry did not respond to a request for comment on the figures.",
    "European officials were cautious and said sanctions would stay until the arrests stopped.",
    "Relatives described months without letters and brief, supervised visits.",
    "The opposition in exile has asked for a full list of those still held.",
    "Prison authorities have not published any figures of their own.",
)


@lru_cache(maxsize=1)
def _material() -> tuple[tuple[tuple[str, ...], ...], tuple[str, ...]]:
    """Spellings of each gazetteer person (with at least two words), and every sample-site paragraph."""
    people = tuple(tuple(s for s in p.spellings if len(s.split()) >= 2) or (p.name,) for p in load_people())
    paragraphs = tuple(para.strip() for a in load_articles() for para in a.body_text.split("\n") if para.strip())
    return people, paragraphs


def _date_phrase(rng: random.Random, published: date) -> str:
    r = rng.random()
    if r < 0.25:
        return f"last {rng.choice(WEEKDAYS)}"
    if r < 0.45:
        return f"on {rng.choice(WEEKDAYS)}"
    if r < 0.6:
        return rng.choice(("two weeks ago", "three days ago", "last month", "earlier this year", "last year"))
    d = published - timedelta(days=rng.randrange(1, 400))
    if r < 0.8:
        return f"on {d.day} {MONTHS[d.month - 1]}"
    return f"in {MONTHS[d.month - 1]} {d.year}"


def _count(rng: random.Random, big: bool = False) -> str:
    n = rng.randrange(1000, 1500) if big else rng.choice((2, 3, 5, 12, 14, 18, 31, 52, 100, 200, 250))
    if big:
        return f"{n:,}"
    return rng.choice((str(n), str(n), "seven", "sixteen", "dozens of", "two dozen")) if n < 100 else str(n)


def _template_paragraph(rng: random.Random, published: date) -> str:
    people, _ = _material()
    cast = rng.sample(people, 3)
    sentences = []
    for _ in range(rng.randrange(2, 5)):
        p, q = rng.choice(cast), rng.choice(cast)
        sp, sq = rng.choice(p), rng.choice(q)
        sentences.append(rng.choice(TEMPLATES).format(
            p=sp, q=sq, s=sp.split()[-1], n=_count(rng), m=_count(rng, big=True), d=_date_phrase(rng, published),
            w=rng.choice(WEEKDAYS), city=rng.choice(CITIES)))
    sentences.append(rng.choice(FILLER))
    return " ".join(sentences)


def article(rng: random.Random, published: date) -> tuple[str, list[str]]:
    """A title and 500–1,500 words of paragraphs."""
    _, paragraphs = _material()
    target = rng.randrange(500, 1501)
    out, words = [], 0
    while words < target:
        para = rng.choice(paragraphs) if rng.random() < 0.5 else _template_paragraph(rng, published)
        out.append(para)
        words += len(para.split())
    title = out[0].split(". ")[0][:110]
    return title, out


def _teasers(rng: random.Random, n: int) -> str:
    """Story cards: headline, one-line summary, image, time: what fills the side and foot of a news page."""
    _, paragraphs = _material()
    cards = []
    for _ in range(n):
        text = rng.choice(paragraphs).split(". ")
        slug = f"{rng.choice(SECTIONS).lower().replace(' ', '-')}/{rng.randrange(10**6):06d}"
        cards.append(f'<div class="card"><a href="{SITE}/{slug}"><img src="{SITE}/img/{slug}.jpg" alt="" '
                     f'loading="lazy" width="320" height="180"><h3>{html.escape(text[0][:90])}</h3></a>'
                     f'<p class="summary">{html.escape(text[-1][:160])}</p><span class="time">'
                     f'{rng.randrange(1, 23)} hours ago</span></div>')
    return "\n".join(cards)


def _state(rng: random.Random) -> str:
    """An inline JSON app state, as script-rendered news sites ship in every page."""
    items = [{"id": rng.randrange(10**9), "slot": f"slot-{i}", "sizes": [[300, 250], [728, 90]],
              "targeting": {"section": rng.choice(SECTIONS), "kw": ["belarus", "prisoners", "politics"]},
              "lazy": True} for i in range(40)]
    return json.dumps({"props": {"ads": items, "flags": {f"feature_{i}": i % 3 == 0 for i in range(80)}}})


def _links(rng: random.Random, n: int, prefix: str) -> str:
    items = []
    for _ in range(n):
        slug = f"{rng.choice(SECTIONS).lower().replace(' ', '-')}/{rng.randrange(10**6):06d}"
        text = " ".join(rng.choice(("Minsk", "talks", "sanctions", "prisoners", "border", "court", "vote", "exiles",
                                    "release", "opposition", "economy", "potash", "football", "film"))
                        for _ in range(rng.randrange(3, 8))).capitalize()
        items.append(f'<li class="{prefix}-item"><a href="{SITE}/{slug}">{html.escape(text)}</a></li>')
    return "\n".join(items)


_SCRIPT = ("window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('js',new Date());"
           "gtag('config','G-BENCH');(function(w,d,s){var f=d.getElementsByTagName(s)[0],j=d.createElement(s);"
           "j.async=true;j.src='https://ads.example.test/tag.js?id='+Math.random();f.parentNode.insertBefore(j,f)})"
           "(window,document,'script');var cfg={consent:{necessary:true,analytics:false,ads:false},"
           "slots:['top','mid','side','bottom'],lazy:true,refresh:30};")


def page(index: int, seed: int = 7) -> str:
    """The HTML of page ``index``: deterministic in (seed, index)."""
    rng = random.Random(seed * 1_000_003 + index)
    published = date(2024, 1, 1) + timedelta(days=rng.randrange(700))
    title, paragraphs = article(rng, published)
    section = rng.choice(SECTIONS)
    url = f"{SITE}/{section.lower().replace(' ', '-')}/{published.isoformat()}-story-{index:06d}"
    author = rng.choice(("Tomas Rudnik", "Anna Kowalczyk", "Maria Lind", "Jonas Petraitis", "Ruth Adler"))
    esc = html.escape
    body = "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs)
    nav = "\n".join(f'<li><a href="{SITE}/{s.lower().replace(" ", "-")}">{s}</a></li>' for s in SECTIONS)
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
                     "datePublished": f"{published.isoformat()}T09:00:00Z",
                     "author": {"@type": "Person", "name": author},
                     "publisher": {"@type": "Organization", "name": "Bench Daily"}}).replace("</", "<\\/")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{esc(title)} | Bench Daily</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="{esc(paragraphs[0][:150])}">
<meta property="og:type" content="article"><meta property="og:title" content="{esc(title)}">
<meta property="og:site_name" content="Bench Daily"><meta property="og:url" content="{url}">
<meta property="article:published_time" content="{published.isoformat()}T09:00:00+00:00">
<meta name="author" content="{author}">
<link rel="canonical" href="{url}">
<link rel="stylesheet" href="{SITE}/static/main.css">
<script type="application/ld+json">{ld}</script>
<script>{_SCRIPT * 3}</script>
<style>.nav{{display:flex}}.related li{{margin:0 0 4px}}.cookie{{position:fixed;bottom:0}}</style>
</head><body>
<div class="cookie" id="consent"><p>We use cookies to improve your experience and to show you relevant
advertising. By continuing to browse you agree to our use of cookies.</p><button>Accept</button>
<button>Manage settings</button></div>
<header><a class="logo" href="{SITE}/">Bench Daily</a>
<nav class="nav"><ul>{nav}</ul>
<div class="mega-menu"><ul>{_links(rng, 90, "menu")}</ul></div></nav>
<form action="{SITE}/search"><input name="q" placeholder="Search"><button>Search</button></form>
<div class="ticker"><ul>{_links(rng, 8, "ticker")}</ul></div></header>
<main><div class="breadcrumb"><a href="{SITE}/">Home</a> › <a href="{SITE}/{section.lower()}">{section}</a></div>
<article>
<h1>{esc(title)}</h1>
<div class="byline">By <span class="author">{author}</span>
<time datetime="{published.isoformat()}T09:00:00Z">{published.day} {MONTHS[published.month - 1]} {published.year}</time>
</div>
<div class="share"><a href="#">Share on X</a> <a href="#">Share on Facebook</a> <a href="#">Email</a></div>
<div class="article-body">
{body}
</div>
<div class="tags"><a href="{SITE}/tag/belarus">Belarus</a> <a href="{SITE}/tag/prisoners">Political prisoners</a></div>
</article>
<aside class="related"><h2>Related stories</h2><ul>{_links(rng, 12, "related")}</ul>
<div class="cards">{_teasers(rng, 10)}</div></aside>
<aside class="newsletter"><h2>Newsletter</h2><p>Get the morning briefing in your inbox every weekday.
Sign up now and never miss a story.</p><form><input name="email"><button>Subscribe</button></form></aside>
<aside class="most-read"><h2>Most read</h2><ol>{_links(rng, 10, "most-read")}</ol></aside>
<section class="more"><h2>More from {section}</h2><div class="cards">{_teasers(rng, 12)}</div></section>
<script>{_SCRIPT * 2}</script>
</main>
<footer><ul>{_links(rng, 24, "footer")}</ul>
<p>© 2025 Bench Daily. All rights reserved. Terms of use · Privacy policy · Cookie policy · Contact us ·
Advertise with us · Careers</p></footer>
<script id="__STATE__" type="application/json">{_state(rng)}</script>
<script src="{SITE}/static/app.js" async></script>
</body></html>
"""


def write_pages(directory: str | Path, n: int, seed: int = 7) -> Iterator[Path]:
    """Write pages 0..n-1 into ``directory`` as ``page_NNNNNN.html``, yielding each path as it is written."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        path = directory / f"page_{i:06d}.html"
        path.write_text(page(i, seed), encoding="utf-8")
        yield path


def page_paths(directory: str | Path) -> Iterator[Path]:
    """The pages written in ``directory``, in order (a sorted directory listing of names, not of contents)."""
    yield from sorted(Path(directory).glob("page_*.html"))
