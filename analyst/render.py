"""Pages to HTML: the Jinja2 templates (``templates/``) with autoescaping on, so a title or a name that
holds markup (``<script>``) shows as text."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2

from analyst.pages import Links

TEMPLATES_DIR = Path(__file__).with_name("templates")


@cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES_DIR), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render(template: str, page: dict[str, Any], links: Links, live: bool = False,
           params: dict[str, str] | None = None) -> str:
    """``templates/TEMPLATE.html`` with the page's values. ``live``: served by the web app (search box,
    filters and downloads shown); ``params``: the request's query, kept by the download links."""
    params = dict(params or {})

    def query_string(**extra: str) -> str:
        return urlencode({**params, **extra})

    page = {"q": "", **page}
    return environment().get_template(f"{template}.html").render(**page, links=links, live=live,
                                                                 query_string=query_string)
