"""Charts as SVG, drawn server-side: Vega-Lite specs (``charts/*.vl.json``) rendered by ``vl-convert``.

Why Vega-Lite through vl-convert: the chart is data (a JSON spec beside the code), the SVG comes out with
no JavaScript and no CDN (the report opens offline, from disk), and every mark carries an ``aria-label``
with its values that a screen reader and the browser tests read; each mark's label is written here
(``label``: "2025-09-11: 52 released, per SOURCE"). Dates at a coarser grain than a day are plotted at a
representative day (a month at its 15th).
"""

from __future__ import annotations

import copy
import json
import re
import threading
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

CHARTS_DIR = Path(__file__).with_name("charts")
_SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}
_LOCK = threading.Lock()  # one renderer a process; vl-convert is not documented as thread-safe


def plot_date(value: str | None) -> str | None:
    """A warehouse date value (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, ``YYYY-Www``, ``YYYY-SU``) as one day to
    plot it at; None for what has no place on a time axis (a decade, no date)."""
    if not value:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
        return f"{m[1]}-{m[2]}-15"
    if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
        try:
            return (date.fromisocalendar(int(m[1]), int(m[2]), 1) + timedelta(days=3)).isoformat()
        except ValueError:
            return None
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
        return f"{m[1]}-{_SEASON_MONTH[m[2]]:02d}-15"
    if re.fullmatch(r"\d{4}", value):
        return f"{value}-07-01"
    return None


@cache
def spec(name: str) -> dict[str, Any]:
    return json.loads((CHARTS_DIR / f"{name}.vl.json").read_text(encoding="utf-8"))


def render(name: str, values: list[dict[str, Any]]) -> str:
    """The chart ``name`` (``charts/NAME.vl.json``) over ``values`` as an SVG document (a string)."""
    import vl_convert

    s = copy.deepcopy(spec(name))
    s["data"] = {"values": values}
    with _LOCK:
        svg = vl_convert.vegalite_to_svg(s)
    # inline in HTML: drop the XML prolog; the SVG's own attributes stay
    return re.sub(r"^<\?xml[^>]*\?>\s*", "", svg)


def releases_chart(reports: list[dict[str, Any]]) -> tuple[str, int]:
    """Count per release report (a mark per source), and how many reports had no date to plot."""
    values = [{"date": d, "count": r["count"], "source": r["source"],
               "label": f"{r['date']}: {r['count']} released, per {r['source']}"}
              for r in reports if (d := plot_date(r["date"])) is not None and r["count"] is not None]
    return render("releases", values), len(reports) - len(values)


def held_chart(held: list[dict[str, Any]]) -> tuple[str, int]:
    values = [{"date": d, "count": r["count"], "source": r["source"],
               "label": f"{r['date']}: {r['count']} held, per {r['source']}"}
              for r in held if (d := plot_date(r["date"])) is not None]
    return render("held", values), len(held) - len(values)


def timeline_chart(events: list[dict[str, Any]]) -> tuple[str, int]:
    values = [{"date": d, "kind": e["kind"], "sources": e["reports"],
               "label": f"{e['date']}: {e['kind']}, {e['reports']} sources"}
              for e in events if (d := plot_date(e["date"])) is not None]
    return render("timeline", values), len(events) - len(values)
