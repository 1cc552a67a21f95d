"""Regular expressions compiled on first use.

Why: the Jekyll model and the parser hold about 35 patterns, and compiling them all cost
about 7 ms at import (cProfile of ``import seedlint.jekyll``: 26 compiles, 7 of its 17 ms)
in every process, for a one-file run (a pre-commit hook) that uses a handful. After the
first use the compiled pattern's own methods are set on the object, so a match costs what
it costs on a compiled pattern: no wrapper call on the hot path.
"""

from __future__ import annotations

import re
from typing import Any, cast

_METHODS = ("match", "fullmatch", "search", "sub", "subn", "finditer", "findall", "split")


class _LazyPattern:
    def __init__(self, pattern: str, flags: int) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:  # only until the first use has set them
        compiled = re.compile(*self._source)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        self.pattern, self.flags, self.groups = compiled.pattern, compiled.flags, compiled.groups
        return getattr(compiled, name)


def lazy_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, done when the pattern is first used."""
    return cast("re.Pattern[str]", _LazyPattern(pattern, flags))
