"""The codes about what Jekyll does with a record as a whole (reported by the reading and
parsing stages, from the consumer model :mod:`seedlint.jekyll`; no check function)."""

from __future__ import annotations

from ..diagnostics import Severity
from . import Rule, register

_CONSUMER = [
    (
        "SL013",
        "byte-order-mark",
        "the file starts with a UTF-8 byte-order mark: Jekyll publishes it as a static file",
        "safe",
        """
## What it does
Reports a UTF-8 byte-order mark (BOM) before the opening `---`.

## Why is this bad?
Jekyll decides whether a file is a record by reading its first bytes for `---`; with a BOM
it does not find them, so the file becomes a static file: the record is not in its
collection (`site.news`), gets no page, and its raw text, front matter included, is copied
into the built site. Jekyll gives no warning. (Only `_posts` tolerate a BOM: a file in a
`_posts` folder is not reported.)

A file whose first bytes are `EF BB BF` (an editor's "UTF-8 with BOM"), then `---`, is
reported at line 1; saved as plain UTF-8 it is a record again.

## Fix
Safe: the BOM is removed, which makes the file the record its author wrote.""",
    ),
    (
        "SL014",
        "front-matter-lost",
        "Jekyll cannot read the front matter and publishes the record without it",
        None,
        """
## What it does
Reports a value that the configured Jekyll loader (`jekyll-yaml`) cannot read: in Debian's
Jekyll (`psych`) a plain value starting with `:` (`:foo`, a Ruby symbol), the tags
`!ruby/symbol`, `!!set` and `!ruby/object:...`, an alias to no anchor; in upstream Jekyll
(`safe_yaml`) a merge key `<<` whose value is a list, a scalar or nil, and numbers Ruby
cannot convert (`1__0.5`); in both, a control character such as a form feed after the
opening `---`.

## Why is this bad?
Jekyll logs "could not read file", keeps the record, and publishes it with no front
matter at all: no title, no layout, no fields; nothing fails the build.

## Example
```yaml
---
base: &base {title: A record}
record:
  <<: [*base]
---
```

## Use instead
```yaml
---
base: &base {title: A record}
record:
  <<: *base
---
```

## Fix
Quote the value, or remove the tag or merge key the message names.""",
    ),
    (
        "SL015",
        "key-not-text",
        "Jekyll reads a key as a number, boolean, date or nil, not as a field name",
        None,
        """
## What it does
Reports an unquoted key that Jekyll reads as something other than its text: `yes:`
(true), `1:` (the number 1), `2020-01-01:` (a date), `~:` (nil in Debian's Jekyll).

## Why is this bad?
Jekyll's pages look fields up by name: a key read as `true` is not the field `yes`, so the
value never reaches the page.

## Example
```yaml
---
yes: 1
---
```

## Use instead
```yaml
---
"yes": 1
---
```

## Fix
Quote the key.""",
    ),
    (
        "SL016",
        "merge-key",
        "a merge key '<<' that Jekyll applies otherwise than YAML 1.1 says",
        None,
        """
## What it does
Reports a merge key `<<` whose keys the configured Jekyll does not merge: upstream
Jekyll (SafeYAML) merges a mapping written in place (`<<: {a: 1}`) before reading it, so
it merges nothing; Debian's Jekyll keeps a `<<` whose value is not a mapping (or list of
mappings) as an ordinary field named `<<`. A `<<` that Jekyll cannot merge at all is
`SL014`. (A `<<` merges where it stands: it overrides the keys written before it.)

## Why is this bad?
The keys the record seems to have are missing from the page.

## Example
```yaml
---
provider:
  <<: {name: Microsoft}
  domain: microsoft.com
---
```

## Use instead
```yaml
---
provider:
  name: Microsoft
  domain: microsoft.com
---
```

## Fix
Write the keys themselves, or merge an alias (`<<: *base`) of a mapping defined earlier.""",
    ),
]

CONSUMER_RULES = [
    register(Rule(code, name, Severity.ERROR, summary, doc.strip(), fix=fix))
    for code, name, summary, fix, doc in _CONSUMER
]
