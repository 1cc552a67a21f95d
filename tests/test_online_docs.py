"""The online rules' documented examples, run against a fake web (httpx's MockTransport):
no network. The fake web is the one the rule docs describe."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import png
from seedlint import rules
from seedlint.config import Config, Settings
from seedlint.online.options import OnlineOptions
from seedlint.rules.online import ONLINE_RULES

httpx = pytest.importorskip("httpx")


def fake_web(request: httpx.Request) -> httpx.Response:
    path = request.url.path
    if request.url.host != "example.com":
        return httpx.Response(404)
    if path == "/card.png":
        return httpx.Response(200, content=png(1200, 630), headers={"Content-Type": "image/png"})
    if path in ("/gone", "/gone.png"):
        return httpx.Response(404)
    if path == "/old":
        return httpx.Response(301, headers={"Location": "https://example.com/story"})
    if path == "/story":
        return httpx.Response(200, text="a story")
    if path == "/slow":
        raise httpx.ReadTimeout("timed out", request=request)
    if path == "/broken":
        return httpx.Response(500)
    if path == "/page":
        return httpx.Response(
            200, text="<!doctype html><p>a page", headers={"Content-Type": "text/html"}
        )
    return httpx.Response(404)


def codes_of(example: str, tmp_path: Path) -> set[str]:
    from seedlint.online.run import check_online

    path = tmp_path / "2021-03-04-example.md"
    path.write_text(example, encoding="utf-8")
    settings = Settings(Config(online=OnlineOptions(enabled=True, timeout=1)))
    run = check_online(
        [str(path)], settings, cache_dir=None, transport=httpx.MockTransport(fake_web)
    )
    result = run.results.get(str(path))
    return set() if result is None else {d.code for d in result.diagnostics}


@pytest.mark.parametrize("rule", ONLINE_RULES, ids=lambda r: f"{r.code}-{r.name}")
def test_the_online_examples_fail_and_pass(rule: rules.Rule, tmp_path: Path) -> None:
    example, better = rule.examples()
    assert example is not None and better is not None
    assert rule.code in codes_of(example, tmp_path)
    assert rule.code not in codes_of(better, tmp_path)


@pytest.mark.parametrize("rule", ONLINE_RULES, ids=lambda r: f"{r.code}-{r.name}")
def test_offline_the_online_rules_report_nothing(rule: rules.Rule) -> None:
    from conftest import lint

    example, _ = rule.examples()
    assert example is not None
    assert rule.code not in {d.code for d in lint(example)}
