"""Codes about seedlint's own comments: suppressions that are unused, unknown or malformed.

They are reported by :mod:`seedlint.suppression` (no check function here) and registered
so that they can be listed, selected, ignored and re-graded like every other code.
"""

from __future__ import annotations

from ..diagnostics import Severity
from . import Rule, register

W = Severity.WARNING

_META = [
    (
        "SL301",
        "unused-suppression",
        W,
        "a suppression comment that suppresses nothing",
        """
## What it does
Reports a code in a `# seedlint: disable...` comment when no diagnostic with that code
was there to suppress (codes that are not selected in this run are not reported).

## Why is this bad?
Stale suppressions pile up after the problem they silenced is fixed, and then hide the
next real problem on that line.

## Example
```yaml
---
title: "Azure Arc is now generally available"  # seedlint: disable=SL212
---
```

## Use instead
```yaml
---
title: "Azure Arc is now generally available"
---
```

## Fix
Remove the code from the comment (or the whole comment).""",
    ),
    (
        "SL302",
        "unknown-suppression",
        W,
        "a suppression comment names an unknown rule",
        """
## What it does
Reports a code or rule name in a `# seedlint: disable...` comment that no rule has.

## Why is this bad?
A mistyped code suppresses nothing, while the comment suggests that something is
deliberately silenced.

## Example
```yaml
---
title: "Azure Arc is now generally available "  # seedlint: disable=SL2112
---
```

## Use instead
```yaml
---
title: "Azure Arc is now generally available "  # seedlint: disable=SL212
---
```

## Fix
Correct the code; `seedlint rules` lists them.""",
    ),
    (
        "SL303",
        "invalid-suppression",
        W,
        "a seedlint comment that cannot be understood",
        """
## What it does
Reports a `# seedlint:` comment that is not `disable=CODES` at the end of a line,
`disable-next-line=CODES`, or `disable-file=CODES` before the first field, or that names
no code.

## Why is this bad?
The comment suppresses nothing, and whoever wrote it believes it does.

## Example
```yaml
---
# seedlint: disable=SL212
title: "Azure Arc is now generally available "
---
```

## Use instead
```yaml
---
# seedlint: disable-next-line=SL212
title: "Azure Arc is now generally available "
---
```

## Fix
Use one of the three forms, with the codes after `=` separated by commas.""",
    ),
]

META_RULES = [
    register(Rule(code, name, severity, summary, doc.strip()))
    for code, name, severity, summary, doc in _META
]
