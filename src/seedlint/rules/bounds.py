"""Codes for the bounds that keep one file's report finite: too many problems in a file,
too many codes in one suppression comment.

They are reported by :mod:`seedlint.linter` and :mod:`seedlint.suppression` (no check
function here) and registered so that they can be listed, selected, ignored and re-graded
like every other code.
"""

from __future__ import annotations

from ..diagnostics import Severity
from . import Rule, register

W = Severity.WARNING
TOO_MANY_CODES = ",".join(["SL201"] * 33)  # one past MAX_CODES in seedlint.suppression

_BOUNDS = [
    (
        "SL017",
        "too-many-diagnostics",
        W,
        "a file has more problems than the max-diagnostics limit",
        """
## What it does
Reports, once and at the position of the first problem left out, that a file has more
problems than `max-diagnostics` (20,000 by default); the problems after that one are
not shown.

## Why is this bad?
No real record has thousands of problems: a file that does is broken or generated, and
a report of all of them would only bury the first, which is the one to look at.

## Fix
Fix the problems shown and run again, or raise `max-diagnostics` in
`[tool.seedlint.limits]`.""",
    ),
    (
        "SL304",
        "too-many-suppression-codes",
        W,
        "a suppression comment names more codes than seedlint reads",
        f"""
## What it does
Reports a `# seedlint: disable...` comment naming more than 32 codes, at the first code
past the 32nd; that code and the ones after it are ignored.

## Why is this bad?
A real suppression names a few codes; one naming dozens silences everything on its line
and hides the next real problem there.

## Example
```yaml
---
title: x  # seedlint: disable={TOO_MANY_CODES}
---
```

## Use instead
```yaml
---
title: x  # seedlint: disable=SL201
---
```

## Fix
Name only the codes that the line really has, or fix the problems.""",
    ),
]

BOUND_RULES = [
    register(Rule(code, name, severity, summary, doc.strip()))
    for code, name, severity, summary, doc in _BOUNDS
]
