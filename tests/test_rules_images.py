"""Local images: missing-local-image (SL213) and image-size (SL214), in a site on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import lint, of, png, where
from seedlint.config import Config, from_section
from seedlint.rules.images import local_path

RECORD = """---
title: "A record with local images"
provider:
  name: Microsoft
  domain: microsoft.com
  images:
    - url: {provider_url}
      width: {width}
      height: {height}
related:
  - title: "Related"
    images:
      - url: "{related_url}"
        width: 50
        height: 50
---
"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A Jekyll site: _config.yml, a 50 x 50 logo (one with a space in its name), _news/."""
    (tmp_path / "_config.yml").write_text("title: test\n")
    images = tmp_path / "assets" / "images"
    images.mkdir(parents=True)
    (images / "logo.png").write_bytes(png(50, 50))
    (images / "wide logo.png").write_bytes(png(400, 100))
    (images / "drawing.svg").write_text("<svg/>")
    (tmp_path / "_news").mkdir()
    (tmp_path / "secret.png").write_bytes(png(1, 1))
    return tmp_path


def record(
    provider_url: str = "/assets/images/logo.png",
    width: int = 50,
    height: int = 50,
    related_url: str = "/assets/images/logo.png",
) -> str:
    return RECORD.format(
        provider_url=provider_url, width=width, height=height, related_url=related_url
    )


def check(site: Path, text: str, **config: object) -> list[tuple[int, int, str]]:
    found = lint(text, str(site / "_news" / "2020-04-13-x.md"), **config)
    return where([d for d in found if d.code in ("SL213", "SL214")])


def test_existing_images_of_the_declared_size_pass(site: Path) -> None:
    assert check(site, record()) == []
    assert check(site, record("/assets/images/wide%20logo.png", 400, 100)) == []


def test_a_missing_image(site: Path) -> None:
    text = record(related_url="/assets/images/Logo.png")
    found = of("SL213", lint(text, str(site / "_news" / "2020-04-13-x.md")))
    assert where(found) == [(13, 14, "SL213")]
    assert found[0].severity.value == "error"
    assert found[0].message == (
        f"related[0].images[0].url: the local image "
        f"'assets/images/Logo.png' is not in the site folder {site}"
    )


def test_a_declared_size_that_differs_from_the_file(site: Path) -> None:
    found = of("SL214", lint(record(width=400, height=40), str(site / "_news" / "x.md")))
    assert where(found) == [(8, 14, "SL214"), (9, 15, "SL214")]
    assert found[0].message == (
        "provider.images[0].width is 400 but 'assets/images/logo.png' is 50 × 50 pixels; write 50"
    )


def test_a_format_without_a_readable_size_is_only_checked_for_existence(site: Path) -> None:
    assert check(site, record("/assets/images/drawing.svg", 7, 7)) == []


def test_a_path_leaving_the_site_is_missing(site: Path) -> None:
    assert check(site, record("/../secret.png", 1, 1)) == [(7, 12, "SL213")]


def test_urls_under_the_configured_site_url(site: Path) -> None:
    url = "https://everyday-cc.github.io/azure/assets/images/logo.png"
    assert check(site, record(url, 60, 50), site_url="https://everyday-cc.github.io/azure") == [
        (8, 14, "SL214")
    ]
    assert check(site, record(url, 60, 50)) == []  # another site: not a local image


def test_site_root_overrides_the_jekyll_folder(
    site: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("other")
    (elsewhere / "assets").mkdir()  # a site that holds assets/, but not these images
    assert check(site, record(), site_root=str(elsewhere)) == [(7, 12, "SL213"), (13, 14, "SL213")]


def test_without_a_known_site_local_images_are_not_checked(tmp_path: Path) -> None:
    (tmp_path / "_news").mkdir()
    assert check(tmp_path, record("/assets/missing.png")) == []


def test_site_root_from_a_configuration_file_is_relative_to_it(site: Path) -> None:
    config = from_section({"site-root": "."}, str(site / "_news" / "seedlint.toml"))
    assert config.site_folder(str(site / "_news" / "x.md")) == str(site / "_news")
    assert Config(root=str(site / "_news")).site_folder(str(site / "_news" / "x.md")) == str(site)


@pytest.mark.parametrize(
    ("url", "site_url", "path"),
    [
        ("/assets/a%20b.png?v=2#top", None, "assets/a b.png"),
        ("//cdn.example.com/a.png", None, None),
        ("https://example.com/blog/assets/a.png", "https://Example.com/blog/", "assets/a.png"),
        ("http://example.com/blog/assets/a.png", "https://example.com/blog", "assets/a.png"),
        ("https://example.com/blogger/a.png", "https://example.com/blog", None),
        ("https://example.org/blog/a.png", "https://example.com/blog", None),
        ("assets/a.png", None, None),
    ],
)
def test_local_path(url: str, site_url: str | None, path: str | None) -> None:
    assert local_path(url, site_url) == path
