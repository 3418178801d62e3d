"""Publisher page chrome for the benchmark pages: the markup real news sites wrap around an article.

Real publishers' pages carry far more markup than their article: nested layout ``div``\\ s with framework
class lists, ``data-``/``aria-`` attributes, SVG icons, responsive ``<picture>`` teasers, ad slots, menus
of menus, critical CSS and an inline JSON state that repeats the story. The blocks here add that to
``benchmarks.pages.page`` so that trafilatura parses a page like a publisher's, not a skeleton.

The amounts are set from the real publisher pages in ``../shared/fixtures/html`` (AP, Reuters, BBC,
Guardian, CBC ... 14 pages, measured with ``lxml``): their medians are ~1,100 elements, ~230 ``div``\\ s,
~65 SVG elements, ~200 links, ~100 KB of script and style, ~250 KB of HTML. ``tests/benchmarks/
test_chrome.py`` checks generated pages against the fixtures' range. All text and markup here is our own.
"""

from __future__ import annotations

import html
import json
import random

import lxml.html

#: our own simple icon shapes (24×24 viewBox), two paths each as icon sets draw them
ICONS = {
    "menu": ("M3 6h18v2H3z", "M3 11h18v2H3zm0 5h18v2H3z"),
    "search": ("M10 3a7 7 0 1 0 4.2 12.6l5.1 5.1 1.4-1.4-5.1-5.1A7 7 0 0 0 10 3z",
               "M10 5a5 5 0 1 1 0 10 5 5 0 0 1 0-10z"),
    "user": ("M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8z", "M4 20c0-4 4-6 8-6s8 2 8 6v1H4z"),
    "share": ("M18 8a3 3 0 1 0-3-3l-7 4a3 3 0 1 0 0 6l7 4a3 3 0 1 0 1-2l-7-4v-2l7-4a3 3 0 0 0 2 1z", "M0 0h24v24H0z"),
    "mail": ("M3 5h18v14H3z", "M3 5l9 7 9-7"),
    "link": ("M10 14a5 5 0 0 0 7 0l3-3a5 5 0 0 0-7-7l-1 1", "M14 10a5 5 0 0 0-7 0l-3 3a5 5 0 0 0 7 7l1-1"),
    "play": ("M8 5v14l11-7z", "M0 0h24v24H0z"),
    "arrow": ("M9 6l6 6-6 6", "M0 0h24v24H0z"),
    "bell": ("M12 22a2 2 0 0 0 2-2h-4a2 2 0 0 0 2 2z", "M18 16V11a6 6 0 0 0-12 0v5l-2 2v1h16v-1z"),
}
NETWORKS = ("X", "Facebook", "WhatsApp", "LinkedIn", "Telegram", "Email")
EDITIONS = ("International", "Europe", "UK", "US", "Asia")
#: words of the light pages' link texts (``benchmarks.pages``); the chrome's headlines add TOPICS
LINK_WORDS = ("Minsk", "talks", "sanctions", "prisoners", "border", "court", "vote", "exiles", "release", "opposition",
              "economy", "potash", "football", "film")
TOPICS = (*LINK_WORDS, "elections", "diplomacy", "energy", "rail", "weather", "health")
KICKERS = ("Analysis", "Explainer", "Live", "Exclusive", "Opinion", "Video", "Podcast", "In pictures", "Review")


def icon(name: str) -> str:
    a, b = ICONS[name]
    return (f'<svg class="icon icon--{name}" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" '
            f'focusable="false"><path fill="currentColor" d="{a} {b}"></path></svg>')


def _headline(rng: random.Random) -> str:
    return " ".join(rng.choice(TOPICS) for _ in range(rng.randrange(4, 10))).capitalize()


def _slug(rng: random.Random, sections: tuple[str, ...]) -> str:
    return f"{rng.choice(sections).lower().replace(' ', '-')}/{rng.randrange(10**7):07d}"


def masthead(rng: random.Random, site: str) -> str:
    """Top bar: edition switcher, account, notification and search buttons, each with its icon."""
    editions = "".join(f'<li class="edition-switcher__item"><a class="edition-switcher__link" href="{site}/'
                       f'{e.lower()}" data-edition="{e.lower()}" hreflang="en">{e}</a></li>' for e in EDITIONS)
    buttons = "".join(f'<div class="masthead__action masthead__action--{n}"><button class="btn btn--icon btn--ghost" '
                      f'type="button" aria-label="{n}" data-track="masthead-{n}">{icon(n)}</button></div>'
                      for n in ("menu", "search", "bell", "user"))
    return (f'<div class="masthead" data-component="masthead"><div class="masthead__inner container">'
            f'<div class="masthead__left"><div class="edition-switcher" aria-label="Edition"><button '
            f'class="edition-switcher__toggle" aria-expanded="false">Edition {icon("arrow")}</button><ul '
            f'class="edition-switcher__list">{editions}</ul></div></div><div class="masthead__right">{buttons}'
            f'<div class="masthead__subscribe"><a class="btn btn--primary" href="{site}/subscribe" '
            f'data-track="subscribe-top">Subscribe</a></div></div></div></div>')


def menu_drawer(rng: random.Random, site: str, sections: tuple[str, ...]) -> str:
    """The site menu as a drawer: each section with its sub-sections, each in its own layout wrappers."""
    groups = []
    for s in sections:
        subs = "".join(f'<li class="drawer__item"><div class="drawer__link-wrap"><a class="drawer__link" '
                       f'href="{site}/{s.lower().replace(" ", "-")}/{t}" data-track="drawer">{t.capitalize()}</a>'
                       f'</div></li>' for t in rng.sample(TOPICS, 5))
        groups.append(f'<div class="drawer__group" data-section="{s.lower()}"><div class="drawer__heading">'
                      f'<a class="drawer__title" href="{site}/{s.lower().replace(" ", "-")}">{s}</a>'
                      f'{icon("arrow")}</div><ul class="drawer__list">{subs}</ul></div>')
    return (f'<div class="drawer" id="site-drawer" hidden aria-hidden="true"><div class="drawer__inner">'
            f'<div class="drawer__groups">{"".join(groups)}</div></div></div>')


def share_bar(site: str, url: str) -> str:
    """Share buttons, one per network, with icons and counts."""
    names = {"X": "share", "Facebook": "share", "WhatsApp": "share", "LinkedIn": "link", "Telegram": "share",
             "Email": "mail"}
    items = "".join(f'<li class="share-bar__item"><a class="share-bar__button share-bar__button--{n.lower()}" '
                    f'href="{site}/share?network={n.lower()}&amp;url={html.escape(url)}" target="_blank" '
                    f'rel="noopener" aria-label="Share on {n}" data-track="share-{n.lower()}">{icon(names[n])}'
                    f'<span class="visually-hidden">Share on {n}</span></a></li>' for n in NETWORKS)
    return f'<div class="share-bar" data-component="share"><ul class="share-bar__list">{items}</ul></div>'


def card(rng: random.Random, site: str, sections: tuple[str, ...]) -> str:
    """One story card as publishers' component libraries render it: media, kicker, headline, standfirst, meta."""
    slug = _slug(rng, sections)
    img = f"{site}/img/{slug}"
    kicker = rng.choice(KICKERS)
    return (f'<div class="card card--{rng.choice(("small", "medium", "wide"))}" data-component="card" '
            f'data-id="{rng.randrange(10**9)}"><div class="card__inner"><div class="card__media"><a '
            f'class="card__media-link" href="{site}/{slug}" tabindex="-1" aria-hidden="true"><picture>'
            f'<source type="image/avif" srcset="{img}-320.avif 320w, {img}-640.avif 640w, {img}-960.avif 960w" '
            f'sizes="(min-width: 900px) 33vw, 100vw"><source type="image/webp" srcset="{img}-320.webp 320w, '
            f'{img}-640.webp 640w" sizes="(min-width: 900px) 33vw, 100vw"><img class="card__image" '
            f'src="{img}-640.jpg" alt="" loading="lazy" decoding="async" width="640" height="360"></picture>'
            f'</a>{icon("play") if kicker == "Video" else ""}</div><div class="card__body"><div class="card__kicker">'
            f'<span class="kicker kicker--{kicker.lower().replace(" ", "-")}">{kicker}</span></div><h3 '
            f'class="card__headline"><a class="card__link" href="{site}/{slug}">{_headline(rng)}</a></h3>'
            f'<div class="card__meta"><span class="card__time"><time datetime="PT'
            f'{rng.randrange(1, 23)}H">{rng.randrange(1, 23)}h ago</time></span></div></div></div></div>')


def rail(rng: random.Random, site: str, sections: tuple[str, ...], title: str, n: int) -> str:
    """A titled row of story cards (recirculation), inside the usual section and container wrappers."""
    cards = "".join(card(rng, site, sections) for _ in range(n))
    return (f'<section class="rail" data-component="rail" aria-label="{title}"><div class="rail__inner container">'
            f'<div class="rail__header"><h2 class="rail__title">{title}</h2><a class="rail__more" href="{site}/'
            f'{rng.choice(sections).lower().replace(" ", "-")}">More {icon("arrow")}</a></div><div class="rail__grid '
            f'grid grid--{min(n, 4)}">{cards}</div></div></section>')


def ad_slot(rng: random.Random, name: str) -> str:
    """An ad slot as ad servers expect the page to reserve it."""
    size = rng.choice(("300x250", "728x90", "970x250", "320x50"))
    return (f'<div class="ad ad--{name}" data-ad-slot="{name}" data-ad-size="{size}" aria-hidden="true">'
            f'<div class="ad__label">Advertisement</div><div class="ad__container"><div id="gpt-{name}-'
            f'{rng.randrange(10**6)}" class="ad__unit"></div></div></div>')


def footer_columns(rng: random.Random, site: str) -> str:
    """Footer: columns of links under headings, and the publisher's social accounts with icons."""
    heads = ("About us", "Help", "Our journalism", "Advertise", "Legal")
    cols = "".join(f'<div class="footer__column"><h4 class="footer__heading">{h}</h4><ul class="footer__list">'
                   + "".join(f'<li class="footer__item"><a class="footer__link" href="{site}/about/{i}">'
                             f'{_headline(rng)[:28]}</a></li>' for i in range(6))
                   + "</ul></div>" for h in heads)
    social = "".join(f'<li class="social__item"><a class="social__link" href="{site}/follow/{n.lower()}" '
                     f'aria-label="{n}">{icon("share")}</a></li>' for n in NETWORKS)
    return (f'<div class="footer__columns container">{cols}</div><div class="footer__social"><ul class="social">'
            f'{social}</ul></div>')


def critical_css(rng: random.Random, kb: int = 40) -> str:
    """Inlined critical CSS: component rules of the kind build tools inline into every page."""
    blocks = ("card", "rail", "drawer", "masthead", "share-bar", "footer", "ad", "btn", "grid", "kicker")
    parts, size = [], 0
    while size < kb * 1024:
        b = rng.choice(blocks)
        rule = (f".{b}__{rng.choice(('inner', 'body', 'media', 'title', 'item', 'link', 'meta'))}"
                f"{rng.choice(('', '--wide', '--small', ':hover', ':focus-visible'))}{{display:"
                f"{rng.choice(('flex', 'grid', 'block'))};margin:{rng.randrange(0, 32)}px {rng.randrange(0, 32)}px;"
                f"padding:{rng.randrange(0, 24)}px;font-size:{rng.randrange(12, 28)}px;color:#"
                f"{rng.randrange(16**6):06x}}}")
        parts.append(rule)
        size += len(rule)
    return "".join(parts)


def app_state(rng: random.Random, title: str, paragraphs: list[str], site: str, sections: tuple[str, ...]) -> str:
    """The inline JSON state of a script-rendered site: the story again, as blocks, plus teasers and ad config."""
    story = {"headline": title, "blocks": [{"type": "paragraph", "id": f"p{i}", "model": {"text": p}}
                                           for i, p in enumerate(paragraphs)]}
    teasers = [{"id": rng.randrange(10**9), "url": f"{site}/{_slug(rng, sections)}", "headline": _headline(rng),
                "image": {"src": f"{site}/img/{rng.randrange(10**7)}.jpg", "width": 640, "height": 360}}
               for _ in range(120)]
    ads = [{"slot": f"slot-{i}", "sizes": [[300, 250], [728, 90]], "targeting": {"pos": i, "kw": TOPICS[:5]}}
           for i in range(30)]
    return json.dumps({"props": {"pageProps": {"story": story, "teasers": teasers, "ads": ads}},
                       "page": "/story", "buildId": f"{rng.randrange(16**10):010x}"}).replace("</", "<\\/")


def markup_profile(page: bytes | str) -> dict[str, float]:
    """What a page's markup weighs: elements, divs, SVG elements, links, KB of script and style, KB of HTML."""
    data = page.encode("utf-8") if isinstance(page, str) else page
    tree = lxml.html.fromstring(data)
    return {
        "elements": sum(1 for _ in tree.iter()),
        "divs": sum(1 for _ in tree.iter("div")),
        "svg": sum(1 for _ in tree.iter("svg", "path")),
        "links": sum(1 for _ in tree.iter("a")),
        "script_kb": sum(len(e.text or "") for e in tree.iter("script", "style")) / 1024,
        "html_kb": len(data) / 1024,
    }
