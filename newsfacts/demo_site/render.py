"""Render the demo news site: article pages, index, RSS feed, sitemap and robots.txt.

Content lives as data in ``articles/*.md`` (YAML front matter, then one paragraph per
blank-line-separated block). Every renderer takes the base URL the site is reached at
(``http://127.0.0.1:54321``, no trailing slash) so that all links are absolute.

Pages carry deliberately heavy boilerplate (navigation, breadcrumbs, cookie banner,
newsletter box, related stories, footer) so that main-text extraction has work to do.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from functools import cache
from html import escape
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

import yaml

ARTICLES_DIR = Path(__file__).with_name("articles")
SITE_NAME = "Borderland Courier"
WIRE_NAME = "Borderland Wire Service"
TRACKING_QUERY = "utm_source=newsletter&utm_medium=email"
SECTIONS = ("World", "Europe", "Politics", "Human Rights", "Media", "Analysis")
REQUIRED_FIELDS = ("slug", "title", "author", "section", "published", "summary")


@dataclass(frozen=True)
class Article:
    slug: str
    title: str
    author: str
    section: str
    published: datetime
    summary: str
    paragraphs: tuple[str, ...]
    wire: bool = False  # True: also served as a syndicated copy under /wire/{slug}

    @property
    def path(self) -> str:
        return f"/news/{self.slug}"

    @property
    def wire_path(self) -> str:
        return f"/wire/{self.slug}"

    @property
    def section_slug(self) -> str:
        return section_slug(self.section)

    @property
    def body_text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def word_count(self) -> int:
        return len(self.body_text.split())


def section_slug(section: str) -> str:
    return section.lower().replace(" ", "-")


def _parse_datetime(value: object) -> datetime:
    dt = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if dt.tzinfo is None:
        raise ValueError(f"publication datetime needs a UTC offset: {value!r}")
    return dt


def parse_article(text: str, source: str = "<string>") -> Article:
    """Parse one Markdown file: ``---`` YAML front matter ``---`` then paragraphs."""
    parts = text.split("\n---\n", 1)
    if not text.startswith("---\n") or len(parts) != 2:
        raise ValueError(f"{source}: missing YAML front matter")
    meta = yaml.safe_load(parts[0][4:]) or {}
    missing = [f for f in REQUIRED_FIELDS if not meta.get(f)]
    if missing:
        raise ValueError(f"{source}: missing front matter fields {missing}")
    if meta["section"] not in SECTIONS:
        raise ValueError(f"{source}: unknown section {meta['section']!r}")
    paragraphs = tuple(" ".join(block.split()) for block in parts[1].split("\n\n") if block.strip())
    if not paragraphs:
        raise ValueError(f"{source}: empty body")
    return Article(
        slug=str(meta["slug"]),
        title=str(meta["title"]),
        author=str(meta["author"]),
        section=str(meta["section"]),
        published=_parse_datetime(meta["published"]),
        summary=str(meta["summary"]),
        paragraphs=paragraphs,
        wire=bool(meta.get("wire", False)),
    )


@cache
def load_articles() -> tuple[Article, ...]:
    """All articles, newest first. Slugs are unique; exactly one article has a wire copy."""
    articles = [parse_article(p.read_text(encoding="utf-8"), str(p)) for p in sorted(ARTICLES_DIR.glob("*.md"))]
    slugs = [a.slug for a in articles]
    if len(set(slugs)) != len(slugs):
        raise ValueError("duplicate article slugs")
    if sum(a.wire for a in articles) != 1:
        raise ValueError("exactly one article must be marked 'wire: true'")
    return tuple(sorted(articles, key=lambda a: a.published, reverse=True))


def get_article(slug: str) -> Article | None:
    return next((a for a in load_articles() if a.slug == slug), None)


def wire_articles() -> tuple[Article, ...]:
    return tuple(a for a in load_articles() if a.wire)


# ---------------------------------------------------------------- helpers

def _e(text: str) -> str:
    return escape(text, quote=True)


def _human_date(dt: datetime) -> str:
    offset = dt.strftime("%z")
    return f"{dt:%A}, {dt.day} {dt:%B %Y, %H:%M} (UTC{offset[:3]}:{offset[3:]})"


def _iso(dt: datetime) -> str:
    return dt.isoformat(timespec="seconds")


def http_date(dt: datetime) -> str:
    """RFC 7231 / RFC 822 date in GMT, as used in Last-Modified and RSS pubDate."""
    return format_datetime(dt.astimezone(UTC), usegmt=True)


def last_modified(articles: tuple[Article, ...] | list[Article] | None = None) -> datetime:
    return max(a.published for a in (articles if articles is not None else load_articles()))


def _related(article: Article, count: int = 4) -> list[Article]:
    others = [a for a in load_articles() if a.slug != article.slug]
    same = [a for a in others if a.section == article.section]
    rest = [a for a in others if a.section != article.section]
    return (same + rest)[:count]


_COOKIE_BANNER = """\
<div class="cookie-banner" id="cookie-consent" role="dialog" aria-label="Cookie consent">
  <p>We use cookies and similar technologies to keep you signed in, to measure how our pages are used and to show
  advertising that may interest you. You can accept all cookies, reject the optional ones, or change your choice
  at any time under Cookie settings at the bottom of every page.</p>
  <button type="button">Accept all</button> <button type="button">Reject optional</button>
  <a href="{base}/privacy">Read our privacy policy</a>
</div>"""

_NEWSLETTER = """\
<aside class="newsletter-box">
  <h2>Get the Morning Briefing</h2>
  <p>Our editors pick the stories that matter from Eastern Europe every weekday morning. Free, no spam,
  unsubscribe with one click.</p>
  <form action="{base}/newsletter" method="post"><input type="email" name="email" placeholder="Your email address">
  <button type="submit">Sign up</button></form>
</aside>"""


def _header(base: str, current_section: str | None = None) -> str:
    active = ' class="active"'
    items = "\n".join(
        f'    <li{active if s == current_section else ""}>'
        f'<a href="{base}/section/{section_slug(s)}">{_e(s)}</a></li>'
        for s in SECTIONS
    )
    return f"""\
<header class="site-header">
  <div class="top-bar"><a href="{base}/subscribe">Subscribe</a> | <a href="{base}/login">Sign in</a> |
  <a href="{base}/feed.xml">RSS</a> | <span>Independent reporting on Eastern Europe</span></div>
  <a class="logo" href="{base}/">{SITE_NAME}</a>
  <nav class="main-nav" aria-label="Sections"><ul>
    <li><a href="{base}/">Home</a></li>
{items}
    <li><a href="{base}/section/opinion">Opinion</a></li>
    <li><a href="{base}/podcasts">Podcasts</a></li>
  </ul></nav>
</header>"""


def _footer(base: str) -> str:
    links = [
        ("About us", "about"), ("Contact", "contact"), ("Careers", "careers"), ("Advertise", "advertise"),
        ("Privacy policy", "privacy"), ("Terms of use", "terms"), ("Cookie settings", "cookies"),
        ("Corrections", "corrections"), ("RSS feed", "feed.xml"), ("Sitemap", "sitemap.xml"),
    ]
    items = "\n".join(f'    <li><a href="{base}/{path}">{_e(label)}</a></li>' for label, path in links)
    return f"""\
<footer class="site-footer">
  <ul class="footer-links">
{items}
  </ul>
  <p class="social">Follow us: <a href="https://example.invalid/borderland">Social</a> ·
  <a href="https://example.invalid/borderland-video">Video</a> · <a href="{base}/apps">Apps</a></p>
  <p class="disclaimer">{SITE_NAME} is a sample site built for the newsfacts demo. Its stories were written for
  testing; quotations and many details are invented and must not be cited.</p>
  <p class="copyright">&copy; 2024&ndash;2025 {SITE_NAME}. All rights reserved.</p>
</footer>"""


def _page(*, base: str, title: str, head_extra: str, body: str, current_section: str | None = None) -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(title)}</title>
<link rel="alternate" type="application/rss+xml" title="{SITE_NAME}" href="{base}/feed.xml">
{head_extra}
<link rel="stylesheet" href="{base}/static/site.css">
<script async src="{base}/static/analytics.js"></script>
</head>
<body>
{_COOKIE_BANNER.format(base=base)}
{_header(base, current_section)}
{body}
{_footer(base)}
</body>
</html>
"""


def _json_ld(article: Article, base: str, url: str) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.summary,
        "datePublished": _iso(article.published),
        "dateModified": _iso(article.published),
        "author": [{"@type": "Person", "name": article.author}],
        "publisher": {"@type": "Organization", "name": SITE_NAME, "url": f"{base}/"},
        "articleSection": article.section,
        "mainEntityOfPage": {"@type": "WebPage", "@id": f"{base}{article.path}"},
        "url": url,
        "wordCount": article.word_count,
        "inLanguage": "en",
    }
    # "</" must not appear inside a script element.
    return json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/")


def _article_meta(article: Article, base: str, url: str, site_name: str) -> str:
    canonical = f"{base}{article.path}"
    return f"""\
<meta name="description" content="{_e(article.summary)}">
<meta name="author" content="{_e(article.author)}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="{_e(site_name)}">
<meta property="og:title" content="{_e(article.title)}">
<meta property="og:description" content="{_e(article.summary)}">
<meta property="og:url" content="{canonical}">
<meta property="article:published_time" content="{_iso(article.published)}">
<meta property="article:section" content="{_e(article.section)}">
<link rel="canonical" href="{canonical}">
<script type="application/ld+json">
{_json_ld(article, base, url)}
</script>"""


def _article_body(article: Article) -> str:
    paragraphs = "\n".join(f"    <p>{escape(p, quote=False)}</p>" for p in article.paragraphs)
    return f"""\
  <article class="story">
    <h1>{_e(article.title)}</h1>
    <p class="byline">By <span class="author">{_e(article.author)}</span> ·
    <time datetime="{_iso(article.published)}">{_human_date(article.published)}</time></p>
    <p class="standfirst"><em>{_e(article.summary)}</em></p>
{paragraphs}
  </article>"""


# ---------------------------------------------------------------- pages

def render_article(article: Article, base: str) -> str:
    url = f"{base}{article.path}"
    related = "\n".join(
        f'      <li><a href="{base}{a.path}">{_e(a.title)}</a> <span class="date">{a.published:%d %b %Y}</span></li>'
        for a in _related(article)
    )
    body = f"""\
<main class="content">
  <nav class="breadcrumbs" aria-label="Breadcrumb"><a href="{base}/">Home</a> &rsaquo;
  <a href="{base}/section/{article.section_slug}">{_e(article.section)}</a> &rsaquo;
  <span>{_e(article.title)}</span></nav>
  <div class="share-tools">Share this story: <a href="{base}/share?u={article.slug}&amp;via=mail">Email</a> ·
  <a href="{base}/share?u={article.slug}&amp;via=social">Social</a> · <a href="{base}/print/{article.slug}">Print</a>
  </div>
{_article_body(article)}
  <div class="story-footer">
    <p>Reporting by {_e(article.author)}; editing by the {SITE_NAME} Europe desk.</p>
    <p>Have a tip? <a href="{base}/contact">Contact our newsroom securely</a>.</p>
  </div>
{_NEWSLETTER.format(base=base)}
  <aside class="related-stories">
    <h2>Related stories</h2>
    <ul>
{related}
    </ul>
  </aside>
  <aside class="advert">Advertisement</aside>
</main>"""
    return _page(
        base=base,
        title=f"{article.title} | {SITE_NAME}",
        head_extra=_article_meta(article, base, url, SITE_NAME),
        body=body,
        current_section=article.section,
    )


def render_wire_copy(article: Article, base: str) -> str:
    """The syndicated copy: same story text, wire-service chrome, canonical pointing to the original."""
    url = f"{base}{article.wire_path}"
    others = "\n".join(
        f'    <li><a href="{base}{a.path}">{_e(a.title)}</a></li>'
        for a in load_articles()[:5]
        if a.slug != article.slug
    )
    body = f"""\
<div class="wire-banner">
  <strong>{WIRE_NAME}</strong> · Syndicated content for partner newsrooms · Not for resale
</div>
<main class="wire-content">
  <nav class="breadcrumbs" aria-label="Breadcrumb"><a href="{base}/">Home</a> &rsaquo;
  <a href="{base}/wire">Wire</a> &rsaquo; <span>{_e(article.section)}</span></nav>
  <p class="syndication-note">This story was first published by {SITE_NAME} at
  <a href="{base}{article.path}">{base}{article.path}</a> and is distributed by {WIRE_NAME}.</p>
{_article_body(article)}
  <div class="wire-footer">
    <p>Partners may republish this story in full with credit. Photographs are not included in this licence.</p>
    <p>Questions about syndication: <a href="{base}/contact">wire desk</a>.</p>
  </div>
  <aside class="latest-wire">
    <h2>More from the wire</h2>
    <ul>
{others}
    </ul>
  </aside>
</main>"""
    return _page(
        base=base,
        title=f"{article.title} - {WIRE_NAME}",
        head_extra=_article_meta(article, base, url, WIRE_NAME),
        body=body,
        current_section=article.section,
    )


def render_index(base: str, section: str | None = None) -> str:
    """Home page (all articles) or a section front when ``section`` is given."""
    articles = [a for a in load_articles() if section is None or a.section == section]
    teasers = "\n".join(
        f"""    <li class="teaser">
      <h2><a href="{base}{a.path}">{_e(a.title)}</a></h2>
      <p class="meta"><a href="{base}/section/{a.section_slug}">{_e(a.section)}</a> ·
      <time datetime="{_iso(a.published)}">{a.published:%d %B %Y}</time> · {_e(a.author)}</p>
      <p>{_e(a.summary)}</p>
    </li>"""
        for a in articles
    )
    newsletter_picks = "\n".join(
        f'      <li><a href="{base}{a.path}?{TRACKING_QUERY.replace("&", "&amp;")}">{_e(a.title)}</a></li>'
        for a in load_articles()[:3]
    )
    heading = section or "Latest news"
    body = f"""\
<main class="front">
  <h1>{_e(heading)}</h1>
  <ul class="teasers">
{teasers}
  </ul>
  <aside class="newsletter-picks">
    <h2>From this week's newsletter</h2>
    <ul>
{newsletter_picks}
    </ul>
  </aside>
{_NEWSLETTER.format(base=base)}
</main>"""
    canonical = f"{base}/" if section is None else f"{base}/section/{section_slug(section)}"
    head = f"""\
<meta name="description" content="{SITE_NAME}: news on political prisoners and human rights in Belarus.">
<meta property="og:title" content="{_e(heading)} | {SITE_NAME}">
<meta property="og:type" content="website">
<link rel="canonical" href="{canonical}">"""
    return _page(base=base, title=f"{heading} | {SITE_NAME}", head_extra=head, body=body, current_section=section)


def render_not_found(base: str, path: str) -> str:
    body = f"""\
<main class="error">
  <h1>Page not found</h1>
  <p>We could not find <code>{_e(path)}</code>. It may have been moved or deleted.</p>
  <p><a href="{base}/">Go to the home page</a></p>
</main>"""
    return _page(base=base, title=f"Page not found | {SITE_NAME}", head_extra="", body=body)


def render_feed(base: str) -> str:
    """RSS 2.0 feed of all original articles (not the wire copy), newest first."""
    articles = load_articles()
    items = "\n".join(
        f"""  <item>
    <title>{xml_escape(a.title)}</title>
    <link>{base}{a.path}</link>
    <guid isPermaLink="true">{base}{a.path}</guid>
    <pubDate>{http_date(a.published)}</pubDate>
    <dc:creator>{xml_escape(a.author)}</dc:creator>
    <category>{xml_escape(a.section)}</category>
    <description>{xml_escape(a.summary)}</description>
  </item>"""
        for a in articles
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>{SITE_NAME}</title>
  <link>{base}/</link>
  <description>News on political prisoners and human rights in Belarus (sample site for newsfacts).</description>
  <language>en</language>
  <lastBuildDate>{http_date(last_modified(articles))}</lastBuildDate>
  <atom:link href="{base}/feed.xml" rel="self" type="application/rss+xml"/>
{items}
</channel>
</rss>
"""


def render_sitemap(base: str) -> str:
    """Sitemap: home page, every article, and the wire copy."""
    articles = load_articles()
    entries = [(f"{base}/", last_modified(articles))]
    entries += [(f"{base}{a.path}", a.published) for a in articles]
    entries += [(f"{base}{a.wire_path}", a.published) for a in articles if a.wire]
    urls = "\n".join(f"  <url><loc>{loc}</loc><lastmod>{_iso(mod)}</lastmod></url>" for loc, mod in entries)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{urls}
</urlset>
"""


def render_robots(base: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {base}/sitemap.xml\n"
