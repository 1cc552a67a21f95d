"""Rule plugins: distributions that declare rules under the ``seedlint.rules`` entry point
group (loaded by :mod:`seedlint.rules`)."""

from __future__ import annotations

import os
import sys
from importlib.machinery import PathFinder

ENTRY_POINT_GROUP = "seedlint.rules"
# set (to any non-empty value) to load no plugin: a run that must not depend on what else
# is installed, such as seedlint's own tests
NO_PLUGINS_VARIABLE = "SEEDLINT_NO_PLUGINS"


def plugins_shut_out() -> bool:
    """Whether ``SEEDLINT_NO_PLUGINS`` keeps every rule plugin out of this process."""
    return bool(os.environ.get(NO_PLUGINS_VARIABLE))


def plugins_may_exist() -> bool:
    """Whether an installed distribution may declare a rule plugin that this process loads
    (none when :func:`plugins_shut_out`).

    Importing ``importlib.metadata`` and parsing every distribution's entry points takes
    10-30 ms, up to a tenth of a one-file run, and most installs have no plugin. This only
    looks for the group's name in the ``entry_points.txt`` files of the folders on
    ``sys.path``, and answers True whenever it cannot tell (a zip on the path, another
    metadata finder).
    """
    if plugins_shut_out():
        return False
    if any(
        hasattr(finder, "find_distributions") and finder is not PathFinder
        for finder in sys.meta_path
    ):
        return True
    for folder in sys.path:
        folder = folder or "."
        if not os.path.isdir(folder):
            if os.path.exists(folder):
                return True  # a zip file or an egg: distributions may be inside
            continue
        metadata = [os.path.join(folder, "EGG-INFO")] if folder.lower().endswith(".egg") else []
        with os.scandir(folder) as entries:
            metadata += [
                entry.path
                for entry in entries
                if entry.name.lower().endswith((".dist-info", ".egg-info"))
            ]
        for path in metadata:
            try:
                with open(
                    os.path.join(path, "entry_points.txt"), encoding="utf-8", errors="replace"
                ) as file:
                    if ENTRY_POINT_GROUP in file.read():
                        return True
            except OSError:  # no entry points (or an .egg-info file, not a folder)
                continue
    return False
