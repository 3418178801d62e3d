"""Crawling commands (crawl, serve, demo-site, reprocess): registered on `app` when imported."""

from __future__ import annotations
