"""Regenerate tests/data/jekyll/{scalars,documents}.json by running the real Jekyll.

    python3 tools/jekyll/regenerate.py [--out DIR] [--safe-yaml DIR] [--check]

Two flavours: `safe_yaml` (upstream Jekyll 3.x/4.x and GitHub Pages: SafeYAML 1.0.5 on Psych) and
`psych` (Debian's packaged Jekyll 4.3.1: Psych.safe_load). For each case it runs
read_front_matter.rb (Jekyll's own header check, front-matter regexp and loader) in each flavour,
and builds one throwaway site per flavour with Debian's `jekyll build`, every case a file in a
`_news` collection, to observe what the site really gets. The upstream build loads
upstream_loader_plugin.rb, which makes Jekyll load front matter with SafeYAML as upstream does.

Needs `ruby`, `jekyll` and SafeYAML 1.0.5 (SEEDLINT_SAFE_YAML, --safe-yaml, or
../shared/jekyll/safe_yaml beside the repository). Exits with status 77 (skipped) when one is
missing.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))

from cases import (  # noqa: E402
    DOCUMENT_CASES,
    FIELD_KINDS,
    PLACE_CASES,
    SCALAR_FORMS,
    DocumentCase,
    field_yaml,
)

FLAVOURS = ("safe_yaml", "psych")
TABLE_FILES = ("versions.json", "scalars.json", "documents.json", "places.json")
SKIPPED = 77
BODY = "Body.\n"
# Keys Jekyll itself puts in a collection document's data (the site's defaults give the layout).
# The title stays: where it is Jekyll's own (made from the file name) it reads {"t": "file_title"}.
JEKYLL_KEYS = {"layout", "slug", "ext", "draft", "categories", "tags", "date", "excerpt"}
CONFIG = """\
collections:
  news:
    output: true
defaults:
  - scope: {path: ""}
    values: {layout: dump}
"""
LAYOUT = "SEEDLINT-DOCUMENT {{ page.relative_path }}\n"

Json = Any


def safe_yaml_dir(option: str | None = None) -> Path | None:
    """SafeYAML's directory (the one holding lib/safe_yaml/load.rb), if it can be found.

    A location given (the option, else SEEDLINT_SAFE_YAML) is the only one tried; without one,
    ../shared/jekyll/safe_yaml beside the repository.
    """
    given = option or os.environ.get("SEEDLINT_SAFE_YAML")
    path = Path(given) if given else REPO.parent / "shared" / "jekyll" / "safe_yaml"
    path = path.parent if path.name == "lib" else path
    if (path / "lib" / "safe_yaml" / "load.rb").is_file():
        return path.resolve()
    return None


def missing_requirements(safe_yaml: str | None = None) -> list[str]:
    """What this machine lacks to regenerate the table (empty when it has everything)."""
    missing = [
        f"`{tool}` is not on PATH" for tool in ("ruby", "jekyll") if shutil.which(tool) is None
    ]
    if safe_yaml_dir(safe_yaml) is None:
        missing.append("SafeYAML 1.0.5 not found (set SEEDLINT_SAFE_YAML)")
    return missing


def _bytes(text: str) -> bytes:
    """A case's bytes: its text in UTF-8, where lone surrogates stand for bytes that are not."""
    return text.encode("utf-8", "surrogateescape")


def ruby_env(**extra: str) -> dict[str, str]:
    """The environment for Ruby: UTC, since Psych shows a time without a zone in local time."""
    return dict(os.environ, TZ="UTC", LANG="C.UTF-8", LC_ALL="C.UTF-8", **extra)


def read_like_jekyll(flavour: str, files: dict[str, str], safe_yaml: Path) -> dict[str, Json]:
    """read_front_matter.rb's verdict for each file (name -> text), in one flavour."""
    items = [
        {"id": name, "b64": base64.b64encode(_bytes(text)).decode()} for name, text in files.items()
    ]
    command = [
        "ruby",
        str(HERE / "read_front_matter.rb"),
        "--flavour",
        flavour,
        "--safe-yaml",
        str(safe_yaml),
    ]
    done = subprocess.run(
        command, input=json.dumps(items), capture_output=True, text=True, env=ruby_env()
    )
    if done.returncode != 0:
        raise RuntimeError(f"read_front_matter.rb failed ({flavour}):\n{done.stderr}")
    result: dict[str, Json] = json.loads(done.stdout)
    return result


# Jekyll's cleanup and write phases grow with the square of a site's size (2,000 files: 7 s,
# 500: 0.8 s), so the cases are built as several small sites, a few at a time.
SITE_SIZE = 700


def versions(safe_yaml: Path) -> Json:
    """The versions of what reads: the table is true of these."""
    command = [
        "ruby",
        str(HERE / "read_front_matter.rb"),
        "--versions",
        "--safe-yaml",
        str(safe_yaml),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=True, env=ruby_env())
    found: Json = json.loads(done.stdout)
    package = (
        subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", "jekyll"], capture_output=True, text=True
        )
        if shutil.which("dpkg-query")
        else None
    )
    found["jekyll_package"] = (
        package.stdout.strip() if package and package.returncode == 0 else None
    )
    return found


def build_sites(
    flavour: str, files: dict[str, str], safe_yaml: Path, pool: ThreadPoolExecutor
) -> list[Future[dict[str, Json]]]:
    """Build the files as sites, in the pool: each job tells what its site got for its files.

    A file that is not UTF-8 (which can fail a whole build) is built in a site of its own, so a
    failure costs one small build, not a large one.
    """
    suspects = [name for name, text in files.items() if _is_not_utf8(text)]
    others = [name for name in files if name not in suspects]
    groups = [others[i : i + SITE_SIZE] for i in range(0, len(others), SITE_SIZE)]
    groups += [[name] for name in suspects]
    return [
        pool.submit(build_site, flavour, {name: files[name] for name in group}, safe_yaml)
        for group in groups
    ]


def _merged(jobs: list[Future[dict[str, Json]]]) -> dict[str, Json]:
    result: dict[str, Json] = {}
    for job in jobs:
        result.update(job.result())
    return result


def _is_not_utf8(text: str) -> bool:
    try:
        _bytes(text).decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def build_site(flavour: str, files: dict[str, str], safe_yaml: Path) -> dict[str, Json]:
    """Build a site of the files (path in the site -> text); what the site got for each.

    A file that makes the whole build fail is recorded as such and left out of the next try.
    """
    failed: dict[str, Json] = {}
    while True:
        remaining = {name: text for name, text in files.items() if name not in failed}
        with tempfile.TemporaryDirectory(prefix=f"seedlint-jekyll-{flavour}-") as tmp:
            site = _write_site(Path(tmp) / "site", flavour, remaining)
            observed = Path(tmp) / "observed.json"
            env = ruby_env(
                SEEDLINT_OBSERVE_OUT=str(observed), SEEDLINT_SAFE_YAML_LIB=str(safe_yaml / "lib")
            )
            command = ["jekyll", "build", "--quiet", "--source", str(site)]
            command += ["--destination", str(site / "_site")]
            done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=tmp)
            if done.returncode != 0:
                name, error = _build_failure(done.stderr, flavour, remaining)
                failed[name] = {"outcome": "build_failed", "error": error}
                continue
            records = json.loads(observed.read_text())
            result = {name: _observation(name, text, records) for name, text in remaining.items()}
        return {name: failed.get(name) or result[name] for name in files}


def _write_site(site: Path, flavour: str, files: dict[str, str]) -> Path:
    (site / "_layouts").mkdir(parents=True)
    (site / "_plugins").mkdir()
    (site / "_config.yml").write_text(CONFIG)
    (site / "_layouts" / "dump.html").write_text(LAYOUT)
    plugins = site / "_plugins"
    shutil.copy(HERE / "ruby_value.rb", plugins / "seedlint_ruby_value.rb")
    shutil.copy(HERE / "observer_plugin.rb", plugins / "seedlint_observer.rb")
    if flavour == "safe_yaml":
        shutil.copy(HERE / "upstream_loader_plugin.rb", plugins / "upstream_safe_yaml.rb")
    for name, text in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(_bytes(text))
    return site


def _build_failure(stderr: str, flavour: str, files: dict[str, str]) -> tuple[str, str]:
    """The file that made `jekyll build` fail (the last one its output names, after the read
    errors it logged), and the error it printed, without paths."""
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line).strip() for line in stderr.splitlines()]
    for index in reversed(range(len(lines))):
        named = [name for name in files if name in lines[index]]
        if named:
            name = max(named, key=len)
            line = re.sub(r"^\S+:\d+:in `[^']*': ", "", lines[index])  # a backtrace line's head
            line = re.sub(r"\s*'?/?\S*" + re.escape(name) + r"'?", "", line)
            if line.endswith(":") and index + 1 < len(lines):
                line += " " + lines[index + 1]
            return name, line.strip()
    raise RuntimeError(f"jekyll build failed ({flavour}):\n{stderr}")


def _observation(name: str, text: str, records: Json) -> Json:
    """What the built site got for one file: its outcome and, for a document, its data."""
    if name in records["static_files"]:
        copy = Path(records["static_files"][name])
        raw = copy.is_file() and copy.read_bytes() == _bytes(text)
        return {"outcome": "static_file" if raw else "static_file_not_copied"}
    if name not in records["documents"]:
        return {"outcome": "not_output", "error": records["errors"].get(name)}
    document = records["documents"][name]
    page = Path(document["dest"])
    rendered = page.is_file() and page.read_text(encoding="utf-8").startswith("SEEDLINT-DOCUMENT")
    result: Json = {"outcome": "document", "data": document["data"]}
    if not rendered:
        result["outcome"] = "document_not_written"
    elif name in records["errors"]:
        result.update(
            outcome="document_without_front_matter",
            reason="read_error",
            error=records["errors"][name],
        )
    elif not records["split"].get(name, False):
        result.update(outcome="document_without_front_matter", reason="no_closing_line")
    return result


def _pairs(hash_value: Json) -> list[tuple[Json, Json]]:
    if not isinstance(hash_value, dict) or hash_value.get("t") != "hash":
        return []
    return [(key, value) for key, value in hash_value["v"]]


def field_value(front_matter: Json, field: str, kind: str) -> Json:
    """The value of one field in an encoded front matter (the item, for a list item)."""
    found = [value for key, value in _pairs(front_matter) if key == {"t": "str", "v": field}]
    if not found:
        return {"t": "absent"}
    value = found[-1]
    if kind != "list item":
        return value
    if value.get("t") == "array" and len(value["v"]) == 1:
        return value["v"][0]
    return {"t": "not_one_item", "v": value}


def scalar_reading(reader: Json, field: str, kind: str) -> Json:
    if reader["read_as"] != "document":
        return {"t": "error", "v": reader.get("error", reader["read_as"])}
    return field_value(reader["front_matter"], field, kind)


def scalar_page(name: str, build: Json, field: str, kind: str) -> Json:
    """The outcome and the field's value in the built document's data.

    Where the front matter gives no title (or nil or false), Jekyll titles the document after its
    file name (Document#populate_title): that title is written {"t": "file_title"}, since the
    file names here are arbitrary.
    """
    page: Json = {"outcome": build["outcome"]}
    if "data" in build:
        value = field_value(build["data"], field, kind)
        if field == "title" and value == _file_title(name):
            value = {"t": "file_title"}
        page["value"] = value
    return page


def scalar_files() -> dict[str, tuple[str, str, str, str]]:
    """File name -> (kind, field, form, yaml) for every scalar row."""
    files: dict[str, tuple[str, str, str, str]] = {}
    for form in SCALAR_FORMS:
        for kind in FIELD_KINDS:
            name = f"_news/s{len(files):04d}.md"
            files[name] = (kind.kind, kind.field, form, field_yaml(kind, form))
    return files


def front_matter_only(name: str, data: Json) -> Json:
    """A built document's data without the keys Jekyll itself adds."""
    keep = []
    for key, value in _pairs(data):
        if key.get("t") == "str" and key["v"] in JEKYLL_KEYS:
            continue
        if key == {"t": "str", "v": "title"} and value == _file_title(name):
            value = {"t": "file_title"}
        keep.append([key, value])
    return {"t": "hash", "v": keep}


def _file_title(name: str) -> Json:
    """The title Jekyll gives a document that has none (Utils.titleize_slug of its file name's
    slug: a post's without its date)."""
    slug = re.sub(r"^\d{2,4}-\d{1,2}-\d{1,2}-", "", Path(name).stem)
    return {"t": "str", "v": " ".join(word.capitalize() for word in slug.split("-"))}


def document_outcome(name: str, build: Json) -> Json:
    outcome: Json = {key: value for key, value in build.items() if key != "data"}
    if "data" in build:
        outcome["front_matter"] = front_matter_only(name, build["data"])
    return outcome


def site_path(index: int, case: DocumentCase) -> str:
    """Where a document case goes in the site: a `_news` document, a post or a page."""
    return {
        "news": f"_news/d{index:03d}.md",
        "post": f"_posts/2020-01-01-p{index:03d}.md",
        "page": f"p{index:03d}.md",
    }[case.place]


def regenerate(out: Path, safe_yaml: Path) -> None:
    scalars = scalar_files()
    scalar_texts = {name: f"---\n{row[3]}---\n{BODY}" for name, row in scalars.items()}
    documents = {site_path(i, case): case for i, case in enumerate(DOCUMENT_CASES + PLACE_CASES)}
    news = {**scalar_texts, **{n: c.text for n, c in documents.items() if c.place == "news"}}
    everything = {**scalar_texts, **{name: case.text for name, case in documents.items()}}
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        reading = {f: pool.submit(read_like_jekyll, f, news, safe_yaml) for f in FLAVOURS}
        building = {f: build_sites(f, everything, safe_yaml, pool) for f in FLAVOURS}
        readers = {f: job.result() for f, job in reading.items()}
        builds = {f: _merged(jobs) for f, jobs in building.items()}

    scalar_rows = []
    for name, (kind, field, form, yaml) in scalars.items():
        row: Json = {"kind": kind, "field": field, "form": form, "yaml": yaml}
        row["read"] = {f: scalar_reading(readers[f][name], field, kind) for f in FLAVOURS}
        row["site"] = {f: scalar_page(name, builds[f][name], field, kind) for f in FLAVOURS}
        scalar_rows.append(row)
    scalar_rows.sort(key=lambda row: (row["field"], row["form"]))

    document_rows: list[Json] = []
    place_rows: list[Json] = []
    for name, case in documents.items():
        row = {"id": case.id, "description": case.description, "text": case.text}
        row["site"] = {f: document_outcome(name, builds[f][name]) for f in FLAVOURS}
        if case.place == "news":
            row["read"] = {f: readers[f][name] for f in FLAVOURS}
            document_rows.append(row)
        else:
            row.update(place=case.place, path=name)
            place_rows.append(row)

    out.mkdir(parents=True, exist_ok=True)
    _write(out / "scalars.json", scalar_rows)
    _write(out / "documents.json", sorted(document_rows, key=lambda row: row["id"]))
    _write(out / "places.json", sorted(place_rows, key=lambda row: row["id"]))
    (out / "versions.json").write_text(
        json.dumps(versions(safe_yaml), indent=1, sort_keys=True) + "\n"
    )


def _write(path: Path, rows: list[Json]) -> None:
    text = json.dumps(rows, indent=1, ensure_ascii=True, sort_keys=True)
    path.write_text(text + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=REPO / "tests" / "data" / "jekyll")
    parser.add_argument(
        "--safe-yaml", help="SafeYAML 1.0.5's directory (default: $SEEDLINT_SAFE_YAML)"
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if the files in --out differ from what Jekyll reads now",
    )
    args = parser.parse_args(argv)
    missing = missing_requirements(args.safe_yaml)
    if missing:
        print("skipped: " + "; ".join(missing), file=sys.stderr)
        return SKIPPED
    safe_yaml = safe_yaml_dir(args.safe_yaml)
    assert safe_yaml is not None
    if not args.check:
        regenerate(args.out, safe_yaml)
        return 0
    with tempfile.TemporaryDirectory(prefix="seedlint-jekyll-check-") as tmp:
        regenerate(Path(tmp), safe_yaml)
        stale = [name for name in TABLE_FILES if not _same_file(Path(tmp) / name, args.out / name)]
    for name in stale:
        print(f"{args.out / name}: not what Jekyll reads now (regenerate it)", file=sys.stderr)
    return 1 if stale else 0


def _same_file(left: Path, right: Path) -> bool:
    return right.is_file() and left.read_bytes() == right.read_bytes()


if __name__ == "__main__":
    sys.exit(main())
