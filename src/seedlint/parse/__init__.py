"""YAML text -> plain JSON-like data plus a JSON-pointer -> span index.

Parsing uses ruamel.yaml's C-backed parser and composer (libyaml): every node keeps its
start and end marks at a fraction of the cost of the pure-Python round-trip loader. One
pass then turns nodes into data, as the configured Jekyll reads it, noting where YAML 1.2
tools would read a scalar otherwise. One module a job:

- ``parsing``: :func:`parse`, the entry point (and the byte-order-mark checks);
- ``document``: the :class:`Document` model and its lazy pointer -> span index;
- ``limits``: hostile-input pre-checks and the structure check on the event stream;
- ``backend``: ruamel backend selection and every ruamel-specific speed trick;
- ``syntax``: syntax errors explained;
- ``builder``: nodes -> data, and the span index.
"""

from __future__ import annotations

from .backend import parser_backend
from .document import Document, LineIndex, RawSpan
from .parsing import parse

__all__ = ["Document", "LineIndex", "RawSpan", "parse", "parser_backend"]
