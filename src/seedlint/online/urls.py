"""The URLs a record asks the online rules to check, each with its JSON pointer."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from ..diagnostics import escape_pointer_token

if TYPE_CHECKING:
    from ..config import Config
    from ..parse import Document

IMAGE, LINK = "image", "link"
_REMOTE = re.compile(r"\s*https?://[^/?#\s]+\S*\s*", re.I)


class UrlRef(NamedTuple):
    """One URL of a record: where it is, what it is, and for an image its declared size."""

    pointer: str  # of the URL text
    url: str
    kind: str  # IMAGE or LINK
    width: int | None = None
    height: int | None = None

    @property
    def target(self) -> str:
        """What is fetched: the URL without its fragment (``#...`` never reaches the
        server), so ``a#x`` and ``a#y`` are one request."""
        return self.url.partition("#")[0]

    @property
    def owner(self) -> str:
        """The pointer of the mapping holding the URL (and an image's width and height)."""
        return self.pointer.rsplit("/", 1)[0]


def is_remote(url: str) -> bool:
    """An ``http://`` or ``https://`` URL with a host (nothing else is fetched)."""
    return _REMOTE.fullmatch(url) is not None


def image_refs(data: Any, config: Config) -> list[UrlRef]:
    """The remote images of a record (``images`` lists at any depth, ``image``), in order;
    those under ``site-url`` are local files, checked offline."""
    from ..rules.images import image_refs as found_images
    from ..rules.images import local_path

    return [
        UrlRef(image.pointer, image.url.strip(), IMAGE, image.width, image.height)
        for image in found_images(data)
        if is_remote(image.url) and local_path(image.url, config.site_url) is None
    ]


def link_refs(data: Any, fields: tuple[str, ...]) -> list[UrlRef]:
    """The remote links at ``fields`` (``webUrl``, ``related[].webUrl``, ``a.b``), in the
    order of the fields."""
    found: list[UrlRef] = []
    for field in fields:
        for pointer, value in _at(data, _steps(field), ""):
            if isinstance(value, str) and is_remote(value):
                found.append(UrlRef(pointer, value.strip(), LINK))
    return found


def _steps(field: str) -> list[str]:
    """``related[].webUrl`` -> ``["related", "[]", "webUrl"]``."""
    steps: list[str] = []
    for part in field.split("."):
        name = part.replace("[]", "")
        if name:
            steps.append(name)
        steps.extend(["[]"] * part.count("[]"))
    return steps


def _at(data: Any, steps: list[str], pointer: str) -> Iterator[tuple[str, Any]]:
    if not steps:
        yield pointer, data
        return
    step, rest = steps[0], steps[1:]
    if step == "[]":
        if isinstance(data, list):
            for index, item in enumerate(data):
                yield from _at(item, rest, f"{pointer}/{index}")
    elif isinstance(data, dict) and step in data:
        yield from _at(data[step], rest, f"{pointer}/{escape_pointer_token(step)}")


def parse(data: bytes, path: str, config: Config) -> Document | None:
    """The parsed document of a record's bytes (``None`` when it has no front matter)."""
    from .. import frontmatter
    from ..parse import parse as parse_front_matter

    if len(data) > config.limits.max_file_size:
        return None
    try:
        text, has_bom = frontmatter.decode(data, path)
        front = frontmatter.split(text, has_bom, path)
    except frontmatter.DecodeProblem:
        return None
    doc = parse_front_matter(front, path, config.limits)
    return doc if isinstance(doc.data, dict) else None
