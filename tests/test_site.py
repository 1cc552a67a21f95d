"""A whole Jekyll site, as its maintainer runs seedlint on it: collections found through
``_config.yml``, pages and layouts, ``_data`` records, configuration from any folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cli_runner import CliResult, run_cli
from seedlint.config import Config, Settings, jekyll_site, resolve_schema
from seedlint.run import discover

SITE_DATA = Path(__file__).parent / "data" / "site"
CONFIG_YML = """\
title: Everyday
baseurl: /everyday
collections:
  events:
    output: true
  learning:
    output: true
  news:
    output: true
  people:
    output: true
  samples:
    output: true
exclude:
  - drafts-by-hand
"""


def make_site(root: Path) -> Path:
    """A copy of the real fixture records with what a Jekyll site also has."""
    shutil.copytree(SITE_DATA, root)
    (root / "_config.yml").write_text(CONFIG_YML, encoding="utf-8")
    (root / "index.md").write_text("---\nlayout: default\ntitle: Home\n---\n# Hi\n")
    (root / "404.html").write_text("---\npermalink: /404.html\n---\n<h1>Not found</h1>\n")
    (root / "about.md").write_text("# About\n\nNo front matter: a static file.\n")
    (root / "_layouts").mkdir()
    (root / "_layouts" / "default.html").write_text("<html>{{ content }}</html>\n")
    (root / "_includes").mkdir()
    (root / "_includes" / "x.html").write_text("<nav>{{ site.title }}</nav>\n")
    for ignored in ("_site", "node_modules", "drafts-by-hand"):
        (root / ignored).mkdir()
        (root / ignored / "broken.md").write_text("---\ntitle: [\n---\n")
    return root


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return make_site(tmp_path / "site")


def run(*args: str) -> CliResult:
    return run_cli("check", "--no-cache", "--now", "2026-01-01T00:00:00Z", *args)


def report(*args: str) -> tuple[int, str]:
    result = run(*args)
    return result.status, result.stdout + result.stderr


def json_report(*args: str) -> list[dict[str, object]]:
    found: list[dict[str, object]] = json.loads(run("--format", "json", *args).stdout)
    return found


# --- discovery without configuration ------------------------------------------------------


def test_a_site_without_configuration_has_no_false_errors(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(site)
    status, out = report(".")
    assert status == 0, out
    # 2 events, 1 learning, 1 news, 1 organization, 3 topics, 2 people, 3 samples, and
    # index.md and 404.html: not about.md, the layout, the include or the ignored folders
    assert "All checks passed (15 files checked)." in out
    assert out.count("Note:") == 1
    assert "Note: _data/topics, _people, _samples have no schema" in out
    assert "`seedlint init`" in out


def test_each_collection_gets_its_built_in_schema(site: Path) -> None:
    settings = Settings(Config())
    expected = {
        "_events/2020-08-20-virtual-machines-live-demo-and-qa.md": "event",
        "_learning/courses/microsoft-learn-pillars-of-a-great-azure-architecture.md": "learning",
        "_data/organizations/qz.com.md": "organization",
        "_news/2020-04-13-azure-machine-learningnew-log-streaming-feature-is-now-available.md": (
            "news"
        ),
        "_people/shane-young.md": "front-matter",
        "_data/topics/05-portals.yaml": "front-matter",
        "index.md": "front-matter",
    }
    for relative, schema in expected.items():
        path = str(site / relative)
        assert resolve_schema(settings.config_for(path), path) == schema, relative


def test_a_broken_event_is_checked_against_the_event_schema(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    event = site / "_events" / "2020-08-20-virtual-machines-live-demo-and-qa.md"
    text = event.read_text(encoding="utf-8")
    event.write_text(text.replace("startDateTime:", "startDate:"), encoding="utf-8")
    monkeypatch.chdir(site / "_events")
    found = json_report(".")
    assert [(d["line"], d["code"], d["message"]) for d in found] == [
        (
            7,
            "SL102",
            "unknown field 'startDate'; did you mean 'startDateTime'? "
            "(the required field 'startDateTime' is missing)",
        )
    ]
    assert {Path(str(d["path"])) for d in found} == {
        Path("2020-08-20-virtual-machines-live-demo-and-qa.md")
    }


def test_pages_layouts_and_includes_are_checked_only_with_front_matter(site: Path) -> None:
    (site / "_layouts" / "post.html").write_text("---\nlayout: [default\n---\n<p/>\n")
    (site / "empty.md").write_text("---\n---\nJekyll renders it.\n")
    (site / "rule.md").write_text("----\nA horizontal rule, not front matter.\n")
    names = ("about.md", "_includes/x.html", "empty.md", "index.md", "rule.md", "_site/broken.md")
    named = [str(site / n) for n in (*names, "node_modules/broken.md", "drafts-by-hand/broken.md")]
    status, out = report(str(site / "_layouts"), *named)
    assert status == 1
    assert out.count("SL001") == 1 and "post.html:2:" in out
    assert "Found 1 error in 1 of 3 files." in out  # post.html, empty.md, index.md


def test_data_files_are_records(site: Path) -> None:
    topic = site / "_data" / "topics" / "05-portals.yaml"
    topic.write_text(topic.read_text(encoding="utf-8") + "\nname: again\n", encoding="utf-8")
    found = json_report(str(site / "_data"))
    last = topic.read_text(encoding="utf-8").count("\n")  # the repeated key's line
    assert [(Path(str(d["path"])).name, d["line"], d["code"]) for d in found] == [
        ("05-portals.yaml", last, "SL002")
    ]


def test_collections_dir_and_source_are_honoured(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "src" / "content" / "_events").mkdir(parents=True)
    shutil.copy(
        SITE_DATA / "_events" / "2020-08-20-virtual-machines-live-demo-and-qa.md",
        root / "src" / "content" / "_events" / "a.md",
    )
    (root / "_config.yml").write_text(
        "source: src\ncollections_dir: content\ncollections: [events]\n", encoding="utf-8"
    )
    path = str(root / "src" / "content" / "_events" / "a.md")
    assert resolve_schema(Config(), path) == "event"
    status, out = report(str(root))
    assert status == 0 and "(1 file checked)" in out, out


def test_a_plain_folder_of_records_is_still_news(tmp_path: Path) -> None:
    shutil.copytree(SITE_DATA / "_events", tmp_path / "records")
    found = json_report(str(tmp_path / "records"))
    assert {"SL101", "SL102"} <= {d["code"] for d in found}  # events are not news records


# --- configuration holds from any folder --------------------------------------------------


@pytest.fixture
def configured(site: Path) -> Path:
    (site / "seedlint.toml").write_text(
        'exclude = ["_drafts/**"]\n\n[[schemas]]\nfiles = ["_people/*.md"]\nschema = "event"\n',
        encoding="utf-8",
    )
    (site / "_drafts").mkdir()
    (site / "_drafts" / "draft.md").write_text("---\ntitle: [\n---\n")
    return site


@pytest.mark.parametrize(
    ("cwd", "path"),
    [
        (".", "_people/shane-young.md"),
        ("_people", "shane-young.md"),
        ("_people", "./shane-young.md"),
        ("_news", "../_people/shane-young.md"),
        ("..", "site/_people/shane-young.md"),
        ("_events", "ABSOLUTE"),
        ("LINK", "_people/shane-young.md"),
    ],
)
def test_schema_mappings_hold_from_any_folder(
    configured: Path, monkeypatch: pytest.MonkeyPatch, cwd: str, path: str
) -> None:
    if cwd == "LINK":
        link = configured.parent / "link"
        link.symlink_to(configured, target_is_directory=True)
        monkeypatch.chdir(link)
    else:
        monkeypatch.chdir(configured / cwd)
    if path == "ABSOLUTE":
        path = str(configured / "_people" / "shane-young.md")
    settings = Settings()
    assert resolve_schema(settings.config_for(path), path).endswith("event")


def test_a_config_found_through_a_symlinked_folder_maps_the_real_path(
    configured: Path, tmp_path: Path
) -> None:
    link = tmp_path / "elsewhere"
    link.symlink_to(configured / "_people", target_is_directory=True)
    config = Settings().config_for(str(configured / "x.md"))
    path = str(link / "shane-young.md")
    assert config.relative(path) == "_people/shane-young.md"


@pytest.mark.parametrize("cwd", [".", "_drafts"])
def test_exclude_holds_from_any_folder(
    configured: Path, monkeypatch: pytest.MonkeyPatch, cwd: str
) -> None:
    monkeypatch.chdir(configured / cwd)
    found = discover(["."], Settings())
    assert not any("draft" in f for f in found.files)
    assert bool(found.files) is (cwd == ".")


def test_a_monorepo_config_applies_from_the_git_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_site(tmp_path / "docs")
    (tmp_path / "docs" / "seedlint.toml").write_text(
        '[[schemas]]\nfiles = ["_people/**"]\nschema = "event"\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    found = json_report("docs/_people/shane-young.md", "docs/_events")
    assert {d["path"] for d in found} == {"docs/_people/shane-young.md"}
    assert "SL101" in {d["code"] for d in found}


# --- local images ----------------------------------------------------------------------------


def _with_local_image(folder: Path) -> Path:
    record = folder / "_news" / "2020-04-13-x.md"
    record.parent.mkdir(parents=True, exist_ok=True)
    source = SITE_DATA / "_news"
    text = next(source.iterdir()).read_text(encoding="utf-8")
    url = "https://azurecomcdn.azureedge.net/mediahandler/acomblog/updates/UpdatesV2/blog/"
    start = text.index(url)
    end = text.index('"', start)
    record.write_text(text[:start] + "/assets/missing.png" + text[end:], encoding="utf-8")
    return record


def test_a_config_file_alone_does_not_check_local_images(tmp_path: Path) -> None:
    record = _with_local_image(tmp_path)
    (tmp_path / "assets").mkdir()
    (tmp_path / "seedlint.toml").write_text('ignore = ["SL210"]\n', encoding="utf-8")
    assert "SL213" not in {d["code"] for d in json_report(str(record))}
    (tmp_path / "_config.yml").write_text("title: x\n")  # now the site root is known
    jekyll_site.cache_clear()  # as a new process would
    assert "SL213" in {d["code"] for d in json_report(str(record))}


def test_changed_data_files_are_records(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(site)
    topic = site / "_data" / "topics" / "05-portals.yaml"
    topic.write_text("name: x\n  bad: y\n", encoding="utf-8")
    (site / "changed.txt").write_text("_data/topics/05-portals.yaml\n_config.yml\nGemfile\n")
    found = json_report("--files-from", "changed.txt")
    assert [(d["path"], d["code"]) for d in found] == [("_data/topics/05-portals.yaml", "SL001")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("collections: [\n", "_config.yml: Jekyll's configuration is not valid YAML (line 2)"),
        ("\xff", "_config.yml: cannot read Jekyll's configuration"),
        (
            "x: " + "a" * (1024 * 1024),
            "_config.yml: Jekyll's configuration is over 1,048,576 bytes",
        ),
    ],
)
def test_a_broken_jekyll_configuration_is_a_usage_error(
    tmp_path: Path, text: str, message: str
) -> None:
    (tmp_path / "_news").mkdir()
    (tmp_path / "_news" / "a.md").write_text("---\ntitle: x\n---\n")
    (tmp_path / "_config.yml").write_bytes(text.encode("latin-1"))
    status, out = report(str(tmp_path))
    assert status == 2
    assert out.startswith(f"seedlint: error: {tmp_path}/{message}"), out


def test_odd_jekyll_settings_fall_back_to_the_defaults(tmp_path: Path) -> None:
    shutil.copytree(SITE_DATA / "_events", tmp_path / "_events")
    (tmp_path / "_config.yml").write_text(
        "collections: 5\nexclude: _events/2020-10*\nsource: 7\ncollections_dir: [1]\n"
    )
    status, out = report(str(tmp_path))
    assert status == 0 and "(1 file checked)" in out, out  # _events is built in


def test_a_key_given_twice_in_the_jekyll_configuration_keeps_the_last_value(tmp_path: Path) -> None:
    # Jekyll (Psych) reads such a _config.yml and keeps the last value: not a usage error
    shutil.copytree(SITE_DATA / "_events", tmp_path / "_events")
    (tmp_path / "_config.yml").write_text(
        "title: a\nexclude: []\ntitle: b\nexclude:\n  - _events/2020-10*\n"
    )
    status, out = report(str(tmp_path))
    assert status == 0 and "(1 file checked)" in out, out


@pytest.mark.parametrize("folder", ["/coll", "../coll", "coll/"])
def test_collections_dir_stays_inside_the_source_as_jekyll_keeps_it(
    tmp_path: Path, folder: str
) -> None:
    # Jekyll reads `collections_dir: /coll` (or `../coll`) as <source>/coll: it never
    # leaves the source (seedlint looked in /coll and checked no file)
    shutil.copytree(SITE_DATA / "_events", tmp_path / "coll" / "_events")
    (tmp_path / "_config.yml").write_text(f"collections_dir: {folder}\ncollections: [events]\n")
    status, out = report(str(tmp_path))
    assert status == 0 and "(2 files checked)" in out, out


def test_an_exclude_entry_excludes_every_path_that_starts_with_it(tmp_path: Path) -> None:
    # as Jekyll does (EntryFilter#glob_include?: start_with?): `READ` excludes README.md
    # and `notes` the folder notes2; `jekyll build` builds keep.md alone
    (tmp_path / "_config.yml").write_text("exclude: [READ, notes]\n")
    (tmp_path / "notes2").mkdir()
    for page in ("README.md", "notes2/a.md", "keep.md"):
        (tmp_path / page).write_text("---\ntitle: [\n---\n")  # broken front matter
    status, out = report(str(tmp_path))
    assert status == 1 and "Found 1 error in 1 of 1 file" in out, out
    assert out.startswith(f"{tmp_path}/keep.md:3:1: SL001 [error]"), out


def test_a_folder_the_site_includes_holds_pages(tmp_path: Path) -> None:
    # `include: [_pages]` makes Jekyll build the pages in _pages (seedlint skipped them);
    # _other stays skipped, as Jekyll skips it
    (tmp_path / "_config.yml").write_text("include: [_pages]\n")
    for page in ("_pages/about.md", "_other/b.md"):
        (tmp_path / page).parent.mkdir()
        (tmp_path / page).write_text("---\ntitle: [\n---\n")  # broken front matter
    status, out = report(str(tmp_path))
    assert status == 1 and "Found 1 error in 1 of 1 file" in out, out
    assert out.startswith(f"{tmp_path}/_pages/about.md:3:1: SL001 [error]"), out


def test_a_page_is_checked_only_when_jekyll_sees_front_matter(tmp_path: Path) -> None:
    # Jekyll (Utils.has_yaml_header?) reads the raw first line: after a byte-order mark,
    # or without a line break, "---" is no front matter and the page is copied as it is
    (tmp_path / "_config.yml").write_text("title: x\n")
    (tmp_path / "bom.md").write_bytes(b"\xef\xbb\xbf---\ntitle: [\n---\n")
    (tmp_path / "only.md").write_bytes(b"---")
    (tmp_path / "spaces.md").write_bytes(b"--- \t\r\ntitle: [\r\n---\r\n")
    status, out = report(str(tmp_path))
    assert status == 1 and "Found 1 error in 1 of 1 file" in out, out
    assert out.startswith(f"{tmp_path}/spaces.md:3:1: SL001 [error]"), out


def test_jekylls_own_excludes_name_folders_not_prefixes(tmp_path: Path) -> None:
    # `_site` (the output) is skipped, not a collection `_sites` that starts like it
    (tmp_path / "_config.yml").write_text("collections: [sites]\n")
    for name in ("_sites/a.md", "_site/a.md", "vendor/bundle2/a.md", "vendor/bundle/a.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("---\ntitle: [\n---\n")
    status, out = report(str(tmp_path))
    assert status == 1 and "Found 2 errors in 2 of 2 files" in out, out
    assert f"{tmp_path}/_sites/a.md:3:1: SL001" in out
    assert f"{tmp_path}/vendor/bundle2/a.md:3:1: SL001" in out


def test_drafts_live_in_the_collections_dir(tmp_path: Path) -> None:
    # with collections_dir, Jekyll reads _drafts (and _posts) there, not at the root
    (tmp_path / "_config.yml").write_text("collections_dir: coll\n")
    for name in ("coll/_drafts/a.md", "_drafts/b.md"):
        (tmp_path / name).parent.mkdir(parents=True)
        (tmp_path / name).write_text("---\ntitle: [\n---\n")
    status, out = report(str(tmp_path))
    assert status == 1 and "Found 1 error in 1 of 1 file" in out, out
    assert out.startswith(f"{tmp_path}/coll/_drafts/a.md:3:1: SL001 [error]"), out


def test_pages_jekyll_skips_by_name_are_not_checked(site: Path) -> None:
    """Jekyll skips a root file named `_x.md`, `.x.md`, `#x.md` or `x.md~` (EntryFilter's
    special and backup names): it is no page, so seedlint does not check it."""
    for name in ("_draft.md", "#scratch.md", "notes.md~"):
        (site / name).write_text("---\ntitle: [\n---\n", encoding="utf-8")
    (site / "kept.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    result = run("--format", "json", str(site))
    assert result.status == 1
    found = json.loads(result.stdout)
    assert [(Path(d["path"]).name, d["line"], d["code"]) for d in found] == [
        ("kept.md", 3, "SL001")
    ]
