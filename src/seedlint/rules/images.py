"""Local images: the file must exist and have the width and height the record declares."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from ..diagnostics import Severity, escape_pointer_token
from ..site import site_markers
from . import RuleContext, rule
from ._support import field_name

_IMAGE_KEYS = ("images", "image")


@dataclass(frozen=True)
class ImageRef:
    """An image a record shows: the pointer of its URL and of its declared size."""

    pointer: str  # of the URL text
    url: str
    width: int | None
    height: int | None

    @property
    def owner(self) -> str:
        return self.pointer.rsplit("/", 1)[0]


def image_refs(data: Any) -> list[ImageRef]:
    """Every image of a record, in document order: ``images: [{url, width, height}]``
    lists (at any depth, such as ``provider.images``) and ``image:`` as a URL or a mapping."""
    found: list[ImageRef] = []
    # an explicit stack, children pushed in reverse: document order without recursion
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        pointer, node = stack.pop()
        if isinstance(node, list):
            stack.extend(
                (f"{pointer}/{index}", value)
                for index, value in reversed(list(enumerate(node)))
                if isinstance(value, (dict, list))
            )
            continue
        children: list[tuple[str, Any]] = []
        for key, value in node.items():
            child = f"{pointer}/{escape_pointer_token(str(key))}"
            if key in _IMAGE_KEYS:
                found.extend(_images_at(child, value))
            elif isinstance(value, (dict, list)):
                children.append((child, value))
        stack.extend(reversed(children))
    return found


def _images_at(pointer: str, value: Any) -> Iterator[ImageRef]:
    """The images of one ``images`` or ``image`` field."""
    if isinstance(value, str):
        yield ImageRef(pointer, value, None, None)
        return
    entries = (
        [(f"{pointer}/{index}", entry) for index, entry in enumerate(value)]
        if isinstance(value, list)
        else [(pointer, value)]
    )
    for at, entry in entries:
        if isinstance(entry, dict) and isinstance(entry.get("url"), str):
            yield ImageRef(
                f"{at}/url", entry["url"], _size(entry.get("width")), _size(entry.get("height"))
            )


def _size(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def local_path(url: str, site_url: str | None) -> str | None:
    """The path under ``site`` of a site-relative URL (``/assets/a.png``) or one under
    ``site_url``; ``None`` for any other URL."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if not parts.scheme and not parts.netloc and parts.path.startswith("/"):
        path = parts.path
    elif site_url is not None and parts.scheme.lower() in ("http", "https"):
        site = urlsplit(site_url)
        base = site.path.rstrip("/")
        if (parts.hostname or "") != (site.hostname or "") or not parts.path.startswith(base + "/"):
            return None
        path = parts.path[len(base) :]
    else:
        return None
    return unquote(path).lstrip("/")


@functools.lru_cache(maxsize=4096)
def _image_size(path: str, mtime_ns: int, size: int) -> tuple[int, int] | None:
    """Width and height from the image's header; ``None`` for a format imagesize cannot
    read (the file's mtime and size key the cache)."""
    from io import BytesIO

    import imagesize

    from ..safeio import IMAGE_HEADER_SIZE, read_bounded

    try:  # a bounded hunk of a regular file: never a FIFO, a device or gigabytes
        width, height = imagesize.get(BytesIO(read_bounded(path, IMAGE_HEADER_SIZE, True)[0]))
    except (OSError, ValueError):
        return None
    return (width, height) if width > 0 and height > 0 else None


def _checked_images(ctx: RuleContext) -> list[tuple[ImageRef, str, str | None]]:
    """``(image, URL path shown to the user, file path or None when it is missing)``,
    shared by the image rules. Every file looked for is a dependency of the result."""
    return ctx.shared("images.checked", _find_images)  # type: ignore[no-any-return]


def _find_images(ctx: RuleContext) -> list[tuple[ImageRef, str, str | None]]:
    config = ctx.config
    site = config.site_folder(ctx.path)
    if site is None or not isinstance(ctx.data, (dict, list)):
        return []
    root = os.path.realpath(site)
    checked = []
    for image in image_refs(ctx.data):
        relative = local_path(image.url, config.site_url)
        if relative is None:
            continue
        top = os.path.join(root, relative.split("/", 1)[0])
        if "/" in relative and not os.path.isdir(top):
            # the checkout holds none of assets/: the images come from elsewhere (a
            # theme, another repository, the build); nothing here can say they are missing
            ctx.dependencies.add(top)
            continue
        file = os.path.realpath(os.path.join(root, relative))
        inside = os.path.commonpath([root, file]) == root
        ctx.dependencies.add(file)
        checked.append((image, relative, file if inside and os.path.isfile(file) else None))
    if checked and not config.site_root:
        # the site folder is the nearest one with a _config.yml: a new one moves it
        ctx.dependencies.update(site_markers(os.path.dirname(os.path.abspath(ctx.path))))
    return checked


@rule(
    "SL213",
    "missing-local-image",
    Severity.ERROR,
    "a local image (/assets/...) that does not exist",
)
def missing_local_image(ctx: RuleContext) -> None:
    """
    ## What it does
    Checks that each image with a site-relative URL (`/assets/images/logo.png`), or a
    URL under the configured `site-url`, exists under the site's folder: `site-root`
    (relative to the configuration file), else the nearest folder with Jekyll's
    `_config.yml`. Without either, local images are not checked; nor are they when the
    site holds no folder of that name at all (no `assets/`: the images come from a theme
    or another repository).

    ## Why is this bad?
    The page shows a broken image, and nothing else reports it before the site is built.

    ## Example
    In a site whose `assets/images/` holds `logo.png` only:
    ```yaml
    ---
    images:
      - url: /assets/images/missing.png
        width: 50
        height: 50
    ---
    ```

    ## Use instead
    ```yaml
    ---
    images:
      - url: /assets/images/logo.png
        width: 50
        height: 50
    ---
    ```

    ## Fix
    Add the image to the site or correct its path (names are case-sensitive).
    """
    for image, relative, file in _checked_images(ctx):
        if file is None:
            ctx.report(
                missing_local_image,
                image.pointer,
                f"{field_name(image.pointer)}: the local image '{relative}' is not in "
                f"the site folder {ctx.config.site_folder(ctx.path)}",
            )


@rule(
    "SL214",
    "image-size",
    Severity.ERROR,
    "a local image whose real width or height differs from the declared one",
)
def image_size(ctx: RuleContext) -> None:
    """
    ## What it does
    Reads the header of each local image that exists (see `missing-local-image`) and
    compares its real width and height in pixels with the declared `width` and `height`.

    ## Why is this bad?
    The page reserves the declared size: a wrong one stretches or squeezes the image,
    and social cards crop it.

    ## Example
    In a site whose `assets/images/logo.png` is 50 × 50 pixels:
    ```yaml
    ---
    images:
      - url: /assets/images/logo.png
        width: 400
        height: 400
    ---
    ```

    ## Use instead
    ```yaml
    ---
    images:
      - url: /assets/images/logo.png
        width: 50
        height: 50
    ---
    ```

    ## Fix
    Write the image's real size, or replace the image with one of the declared size.
    """
    for image, relative, file in _checked_images(ctx):
        if file is None or (image.width is None and image.height is None):
            continue
        stat = os.stat(file)
        real = _image_size(file, stat.st_mtime_ns, stat.st_size)
        if real is None:
            continue
        for name, declared, actual in (
            ("width", image.width, real[0]),
            ("height", image.height, real[1]),
        ):
            if declared is not None and declared != actual:
                pointer = f"{image.owner}/{name}"
                ctx.report(
                    image_size,
                    pointer,
                    f"{field_name(pointer)} is {declared} but '{relative}' is "
                    f"{real[0]} × {real[1]} pixels; write {actual}",
                )
