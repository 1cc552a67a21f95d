"""The codes reported by the reading, parsing and schema stages (no check function here).

They are registered so that they can be listed, documented, selected, ignored and
re-graded like every semantic rule.
"""

from __future__ import annotations

from ..diagnostics import Severity
from . import Rule, register

E, W = Severity.ERROR, Severity.WARNING

_CORE = [
    (
        "SL000",
        "internal-error",
        E,
        "seedlint itself failed on this file (please report it)",
        """
## What it does
Reports a failure inside seedlint or one of its rules, with the file it happened on.

## Why is this bad?
The file may hide other problems that seedlint could not check.

## Fix
Report the message and the file to the seedlint maintainers.""",
    ),
    (
        "SL001",
        "yaml-syntax",
        E,
        "the front matter is not valid YAML",
        """
## What it does
Reports a YAML syntax error at the position the parser stopped.

## Why is this bad?
Jekyll skips the whole record (or fails the build) when its front matter does not parse.

## Example
```yaml
---
title: "An unclosed quote
category: news
---
```

## Use instead
```yaml
---
title: "A closed quote"
category: news
---
```

## Fix
Correct the syntax at the reported line; tabs may not indent YAML.""",
    ),
    (
        "SL002",
        "duplicate-key",
        E,
        "a key appears twice in one mapping",
        """
## What it does
Reports the second occurrence of a key in the same mapping, naming the first one's line.

## Why is this bad?
YAML parsers silently keep only one of the values; which one differs between tools.

## Fix
Delete one of the two keys, keeping the right value.""",
    ),
    (
        "SL003",
        "no-front-matter",
        E,
        "the file does not start with a '---' front matter",
        """
## What it does
Reports a file whose first line is not `---`.

## Why is this bad?
Jekyll treats such a file as a static file: the record is silently not published.

## Fix
Start the file with a `---` line, the YAML fields, and a closing `---` line.""",
    ),
    (
        "SL004",
        "unclosed-front-matter",
        E,
        "the front matter is never closed",
        """
## What it does
Reports front matter with no closing `---` (or `...`) line, where the closing line was
expected.

## Why is this bad?
Jekyll does not see any front matter at all in such a file.

## Fix
Add a `---` line after the last field.""",
    ),
    (
        "SL005",
        "empty-front-matter",
        E,
        "the front matter holds no fields",
        """
## What it does
Reports `---` directly followed by `---` (or only comments between them).

## Fix
Fill in the record's fields.""",
    ),
    (
        "SL006",
        "front-matter-not-mapping",
        E,
        "the front matter is not a mapping",
        """
## What it does
Reports front matter that is a list or a single value instead of `key: value` lines.

## Fix
Write the record as a mapping of field names to values.""",
    ),
    (
        "SL007",
        "encoding",
        E,
        "the file is not UTF-8 text",
        """
## What it does
Reports bytes that are not valid UTF-8 (Latin-1, Windows-1252, UTF-16), at the first
offending byte.

## Why is this bad?
Jekyll reads UTF-8; other encodings produce mojibake or build failures.

## Fix
Re-save the file as UTF-8.""",
    ),
    (
        "SL008",
        "binary-file",
        E,
        "the file is binary or contains NUL bytes",
        """
## What it does
Reports a file that contains NUL bytes, such as an image renamed to `.md`.

## Fix
Remove the file from the content folder or restore the real record.""",
    ),
    (
        "SL009",
        "limit-exceeded",
        E,
        "a safety limit is exceeded (size, depth, aliases, nodes)",
        """
## What it does
Reports a file larger than `max-file-size`, nested deeper than `max-depth`, using more
aliases than `max-aliases`, or holding more than `max-nodes` keys and values once aliases
are expanded (alias bombs), and an alias inside the collection it refers to. Nothing after
the limit is checked.

## Why is this bad?
No real record comes near these limits; a file that does is broken or hostile.

## Fix
Simplify the file, or raise the limit in `[tool.seedlint.limits]`.""",
    ),
    (
        "SL010",
        "unsupported-tag",
        E,
        "an explicit YAML tag that is not plain data",
        """
## What it does
Reports explicit tags such as `!!python/object/apply:os.system`, `!!binary` or `!custom`;
the value is never constructed, only checked as plain data.

## Why is this bad?
Jekyll's safe loader rejects such tags; in an unsafe loader they can run code.

## Fix
Remove the tag.""",
    ),
    (
        "SL011",
        "invalid-key",
        E,
        "a mapping key that is not plain text",
        """
## What it does
Reports complex keys (`? [a, b] : c`) and merge keys that do not refer to a mapping. The
entry is left out of the data. A plain key such as `1:` is kept as the text `"1"`; the
schema reports it when it is not a known field.

## Fix
Use plain text keys.""",
    ),
    (
        "SL012",
        "unreadable-file",
        E,
        "the file cannot be read",
        """
## What it does
Reports a path that does not exist, cannot be read, is a broken symlink or disappeared
while seedlint was running. The rest of the run continues.

## Fix
Check the path and the file permissions.""",
    ),
    (
        "SL101",
        "missing-field",
        E,
        "a required field is missing",
        """
## What it does
Reports a required field missing from a mapping, at the first line of that mapping (for a
list entry, the line of its `- `).

## Example
```yaml
---
category: news
---
```

## Use instead
Add every required field of the schema (`seedlint rule SL101` lists none; see the schema).

## Fix
Add the field named in the message.""",
    ),
    (
        "SL102",
        "unknown-field",
        E,
        "a field the schema does not know",
        """
## What it does
Reports a key that the schema does not define, at the key, with a "did you mean"
suggestion when a known field is close.

## Why is this bad?
A misspelt field (`tittle:`) is silently ignored by the site, so the real field is missing.

## Fix
Correct the spelling or remove the field.""",
    ),
    (
        "SL103",
        "wrong-type",
        E,
        "a value of the wrong type",
        """
## What it does
Reports a value whose type differs from the schema's: text where a number is expected
(`width: "37"`), a fraction where a whole number is expected, a list where a mapping is.

## Fix
Write the value with the expected type (remove the quotes around numbers).""",
    ),
    (
        "SL104",
        "invalid-format",
        E,
        "a URL, date or domain that is malformed",
        """
## What it does
Reports URLs that are not absolute http(s) URLs, timestamps that are not
`YYYY-MM-DDTHH:MM:SSZ` or do not exist on the calendar, and malformed domains.

## Example
```yaml
---
webUrl: "htps:/example.com/a"
publishedDateTime: 2022-04-31T08:00:00Z
---
```

## Use instead
```yaml
---
webUrl: "https://example.com/a"
publishedDateTime: 2022-04-30T08:00:00Z
---
```

## Fix
Correct the value as the message says.""",
    ),
    (
        "SL105",
        "out-of-range",
        E,
        "a number outside the allowed range",
        """
## What it does
Reports numbers below a minimum or above a maximum (an image `width: 0`).

## Fix
Use a value inside the range named in the message.""",
    ),
    (
        "SL106",
        "invalid-length",
        E,
        "text that is empty or too long",
        """
## What it does
Reports empty titles, names and domains, and text outside the schema's length bounds.

## Fix
Fill in the value.""",
    ),
    (
        "SL107",
        "invalid-list",
        E,
        "a list that is empty or repeats an entry",
        """
## What it does
Reports lists with too few or too many entries, and repeated entries where each must be
unique (a topic listed twice), at the repeated entry.

## Fix
Add the missing entries or remove the repeated one.""",
    ),
    (
        "SL108",
        "unexpected-value",
        E,
        "a value outside the allowed set or form",
        """
## What it does
Reports values not among the schema's allowed values (`enum`, `const`) or not of the
expected form (`pattern`).

## Fix
Use one of the values the message lists.""",
    ),
    (
        "SL109",
        "schema-violation",
        E,
        "another schema constraint fails",
        """
## What it does
Reports schema constraints without a dedicated code (`anyOf`, `not`, ...).

## Fix
Compare the value with the schema's description of the field.""",
    ),
    (
        "SL110",
        "non-finite-number",
        E,
        "an infinite number or NaN, which JSON has no value for",
        """
## What it does
Reports `.inf`, `-.inf`, `.nan` (in any of YAML's spellings), at the value; also a number
too large for a double (`1e999`) where the schema constrains that value. The schema's own
errors at that value are left out: the schema engine works on JSON, which has no such
number, so it cannot judge it.

## Why is this bad?
Jekyll reads these as Ruby's `Infinity` and `NaN`, which a JSON Schema cannot describe,
and which templates rarely expect; it is almost always a typo or a placeholder.

## Example
```yaml
---
quality: .inf
---
```

## Use instead
```yaml
---
quality: 37
---
```

## Fix
Write a finite number, or quote the value (`".inf"`) to keep it as text.""",
    ),
]

CORE_RULES = [
    register(Rule(code, name, severity, summary, doc.strip()))
    for code, name, severity, summary, doc in _CORE
]
