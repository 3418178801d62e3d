"""Crawl commands and deployment definitions, without a Prefect API (fast)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import yaml
from typer.testing import CliRunner

from crawler.fetch import Fetcher
from crawler.sources import load_sources
from newsfacts.cli import app

ROOT = Path(__file__).resolve().parents[2]
NEWSFACTS = str(Path(sys.executable).with_name("newsfacts"))


def test_demo_site_serves_and_writes_a_sources_file_for_it(tmp_path):
    out = tmp_path / "demo-sources.yaml"
    proc = subprocess.Popen([NEWSFACTS, "demo-site", "--port", "0", "--sources-out", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lines = [proc.stdout.readline(), proc.stdout.readline()]
        assert lines[0].startswith("Wrote") and "Sample news site at http://127.0.0.1:" in lines[1], lines
        (src,) = load_sources(out)
        assert src.allow_private and src.feeds and src.sitemaps and "utm_source" in src.urls[0]
        feed = Fetcher().get(src.feeds[0], allow_private=True)
        assert feed.status == 200 and b"<rss" in feed.body
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=10)
        proc.stdout.close()
        proc.stderr.close()


def test_crawl_names_the_bad_entry_before_starting_anything(tmp_path):
    bad = tmp_path / "s.yaml"
    bad.write_text("sources:\n  - name: x\n    feeds: [ftp://a/f]\n")
    result = CliRunner().invoke(app, ["crawl", "--sources", str(bad)])
    assert result.exit_code == 2 and "source 'x'" in result.output and "'feeds'" in result.output


def test_sources_env_variable_and_toml(tmp_path):
    toml = tmp_path / "s.toml"
    toml.write_text('[[sources]]\nname = "t"\nfeeds = ["https://a.example/feed.xml"]\ncrawl_delay = 2\n')
    assert load_sources(toml)[0].crawl_delay == 2
    result = CliRunner().invoke(app, ["crawl"], env={"NEWSFACTS_SOURCES": str(tmp_path / "missing.yaml")})
    assert result.exit_code == 2 and "missing.yaml" in result.output


def test_serve_without_a_prefect_api_says_how_to_get_one(tmp_path):
    env = {**os.environ, "PREFECT_HOME": str(tmp_path), "PREFECT_API_URL": ""}
    result = subprocess.run([NEWSFACTS, "serve", "--sources", str(ROOT / "crawler" / "default_sources.yaml")],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 2 and "prefect server start" in result.stderr


def test_default_sources_file_is_valid_and_public():
    sources = load_sources(ROOT / "crawler" / "default_sources.yaml")
    assert sources and not any(s.allow_private for s in sources)


def test_served_deployments_and_prefect_yaml_declare_the_same_two(tmp_path):
    from flows.serve import DEFAULT_CRON, deployments

    served = deployments(ROOT / "crawler" / "default_sources.yaml", tmp_path / "w.duckdb")
    assert [d.name for d in served] == ["scheduled-crawl", "on-demand"]
    assert {d.flow_name for d in served} == {"pipeline"}
    assert served[0].schedules[0].schedule.cron == DEFAULT_CRON == "*/30 * * * *" and not served[1].schedules
    assert served[0].parameters["sources_file"] == str(ROOT / "crawler" / "default_sources.yaml")

    declared = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    by_name = {d["name"]: d for d in declared["deployments"]}
    assert set(by_name) == {"scheduled-crawl", "on-demand", "shared-crawl"}
    assert by_name["scheduled-crawl"]["schedules"][0]["cron"] == DEFAULT_CRON
    # the shared crawl mode's deployment: the crawl flow, runs side by side (docs/shared_crawl.md)
    assert by_name["shared-crawl"]["entrypoint"] == "flows/crawl.py:crawl"
    assert by_name["shared-crawl"]["parameters"]["shared"] is True and by_name["shared-crawl"]["concurrency_limit"] > 1
    for d in by_name.values():
        path, func = d["entrypoint"].split(":")
        assert (ROOT / path).exists() and func in ("pipeline", "crawl")
        assert d["work_pool"]["name"] == "newsfacts-process"
        load_sources(ROOT / d["parameters"]["sources_file"])
