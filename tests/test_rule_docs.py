"""The rule catalogue: every rule's documented examples run, and ``seedlint rules`` /
``seedlint rule CODE`` print it.

The examples run in one environment, which rule docs may refer to: a Jekyll site holding
a 50 x 50 ``assets/images/logo.png``, the record at ``_news/2021-03-04-example.md``, and
the clock at 2026-01-01.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cli_runner import run_cli
from conftest import lint, png
from seedlint import rules
from seedlint.rules.online import ONLINE_RULES

ALL_RULES = rules.all_rules()
# the online rules' examples run against a fake web in test_online_docs.py
OFFLINE_RULES = [r for r in ALL_RULES if r not in ONLINE_RULES]
WITH_EXAMPLE = [r for r in OFFLINE_RULES if r.examples()[0] is not None]
WITH_USE_INSTEAD = [r for r in OFFLINE_RULES if r.examples()[1] is not None]
OWN_RULES = [r for r in ALL_RULES if r.code[:3] in ("SL2", "SL3")]
SECTIONS = ("## What it does", "## Why is this bad?", "## Example", "## Use instead", "## Fix")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site")
    (root / "_config.yml").write_text("title: examples\n")
    (root / "assets" / "images").mkdir(parents=True)
    (root / "assets" / "images" / "logo.png").write_bytes(png(50, 50))
    (root / "_news").mkdir()
    return root


def codes_of(example: str, site: Path, code: str = "SL201") -> set[str]:
    """The codes found in an example, with the rule ``code`` selected (an opt-in rule
    runs only when named)."""
    path = str(site / "_news" / "2021-03-04-example.md")
    return {d.code for d in lint(example, path, extend_select=(code,))}


@pytest.mark.parametrize("rule", WITH_EXAMPLE, ids=lambda r: f"{r.code}-{r.name}")
def test_the_example_fails_with_the_rule(rule: rules.Rule, site: Path) -> None:
    example, _ = rule.examples()
    assert example is not None
    assert rule.code in codes_of(example, site, rule.code)


@pytest.mark.parametrize("rule", WITH_USE_INSTEAD, ids=lambda r: f"{r.code}-{r.name}")
def test_the_use_instead_passes_the_rule(rule: rules.Rule, site: Path) -> None:
    _, better = rule.examples()
    assert better is not None
    assert rule.code not in codes_of(better, site)


@pytest.mark.parametrize("rule", OWN_RULES, ids=lambda r: f"{r.code}-{r.name}")
def test_semantic_and_meta_rules_have_every_section(rule: rules.Rule) -> None:
    positions = [rule.doc.find(section) for section in SECTIONS]
    assert -1 not in positions and positions == sorted(positions), rule.doc
    assert all(value is not None for value in rule.examples())


def test_rules_declare_the_fixes_they_attach() -> None:
    fixing = {r.code: r.fix for r in ALL_RULES if r.fix}
    assert fixing == {
        "SL013": "safe",
        "SL202": "unsafe",
        "SL204": "safe",
        "SL205": "unsafe",
        "SL207": "unsafe",
        "SL209": "safe",
        "SL212": "unsafe",
        "SL218": "unsafe",
        "SL220": "unsafe",
        "SL223": "unsafe",
    }


def test_codes_and_names_are_unique_and_well_formed() -> None:
    assert len({r.code for r in ALL_RULES}) == len({r.name for r in ALL_RULES}) == len(ALL_RULES)
    assert all(re.fullmatch(r"SL\d{3}", r.code) for r in ALL_RULES)


# --- the commands ------------------------------------------------------------------------------


def test_rules_lists_every_rule() -> None:
    result = run_cli("rules")
    assert result.status == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == [r.code for r in ALL_RULES]
    assert (
        "SL201  provider-domain              error    provider.domain is neither the "
        "webUrl host nor a parent domain of it" in lines
    )
    assert any(
        line.startswith("SL202  amp-cache-url") and line.endswith("[fix: unsafe]") for line in lines
    )


def test_rules_as_json() -> None:
    result = run_cli("rules", "--format", "json")
    assert result.status == 0
    listed = {entry["code"]: entry for entry in json.loads(result.stdout)}
    assert listed["SL207"] == {
        "code": "SL207",
        "name": "duplicate-related",
        "severity": "warning",
        "summary": "the same story is listed twice in related",
        "fix": "unsafe",
        "origin": "seedlint",
    }
    assert set(listed) == {r.code for r in ALL_RULES}


@pytest.mark.parametrize("asked", ["SL201", "sl201", "provider-domain"])
def test_rule_prints_one_rule(asked: str) -> None:
    result = run_cli("rule", asked)
    assert result.status == 0
    out = result.stdout
    assert out.startswith("# SL201 provider-domain\n\nDefault severity: error. Fix: none.\n")
    assert "## Example" in out and "domain: vox.com" in out


def test_an_unknown_rule_exits_2() -> None:
    result = run_cli("rule", "SL999")
    assert result.status == 2
    assert "unknown rule 'SL999'" in result.stderr


def test_the_readme_lists_every_semantic_and_meta_rule() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| (SL[23]\d\d) \| `([a-z0-9-]+)` \|", readme, re.M))
    assert rows == {r.code: r.name for r in OWN_RULES}
