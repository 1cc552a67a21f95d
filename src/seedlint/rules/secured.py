"""The ``secured`` blob: ``base64(ciphertext);base64(initialisation vector)``."""

from __future__ import annotations

import binascii
import re
from base64 import b64decode

from ..diagnostics import Severity
from . import RuleContext, rule

BLOCK_SIZE = 16  # AES: the ciphertext is whole blocks, the IV one block
_BASE64 = re.compile(r"[A-Za-z0-9+/]*={0,2}")
_WHITE_SPACE = re.compile(r"\s")
_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")


def secured_problem(value: str) -> str | None:
    """Why ``value`` is not ``base64;base64`` with a whole-block ciphertext and a 16-byte IV."""
    if _WHITE_SPACE.search(value):
        return "it contains white space (a line break inside the value?); base64 has none"
    parts = value.split(";")
    if len(parts) != 2:
        return (
            f"it must be two base64 parts separated by one ';', found {len(parts)} "
            f"part{'s' if len(parts) != 1 else ''}"
        )
    decoded: list[bytes] = []
    for part, name in zip(parts, ("ciphertext", "IV"), strict=True):
        result = _decoded(part, name)
        if isinstance(result, str):
            return result
        decoded.append(result)
    ciphertext, iv = decoded
    if not ciphertext or len(ciphertext) % BLOCK_SIZE:
        return (
            f"the ciphertext (before ';') decodes to {len(ciphertext)} bytes, not a "
            f"non-empty multiple of {BLOCK_SIZE}; it was cut or altered"
        )
    if len(iv) != BLOCK_SIZE:
        return (
            f"the IV (after ';') decodes to {len(iv)} bytes instead of {BLOCK_SIZE}; "
            "it was cut or altered"
        )
    return None


def _decoded(part: str, name: str) -> bytes | str:
    """The bytes of one base64 part, or the reason it is not base64."""
    well_formed = _BASE64.fullmatch(part) is not None  # then every character is base64
    bad = None if well_formed else next((c for c in part.rstrip("=") if c not in _ALPHABET), None)
    if bad is not None:
        return f"the {name} part has {bad!r}, which is not a base64 character"
    if not well_formed or len(part) % 4:
        return (
            f"the {name} part is {len(part)} characters long with wrong '=' padding; "
            "base64 comes in groups of 4 characters"
        )
    try:
        return b64decode(part, validate=True)
    except binascii.Error as error:
        return f"the {name} part is not valid base64 ({error})"


@rule(
    "SL203",
    "secured-format",
    Severity.ERROR,
    "secured is not base64(ciphertext);base64(16-byte IV)",
)
def secured_format(ctx: RuleContext) -> None:
    """
    ## What it does
    Checks that `secured` is two base64 parts separated by `;`: the ciphertext, which
    decodes to a non-empty multiple of 16 bytes, and the initialisation vector, which
    decodes to exactly 16 bytes.

    ## Why is this bad?
    The site decrypts `secured` in the reader's browser; a blob cut by an editor, joined
    across lines or pasted from another record cannot be decrypted, and the reader gets
    an empty or broken page.

    ## Example
    ```yaml
    ---
    secured: "VjXTcMA2gyMWsaQDuN24xA==;3f4wCheQWPEHAqR0QB2C"
    ---
    ```

    ## Use instead
    ```yaml
    ---
    secured: "VjXTcMA2gyMWsaQDuN24xA==;3f4wCheQWPEHAqR0QB2Clw=="
    ---
    ```

    ## Fix
    Restore the value from the record's source (it cannot be repaired by hand).
    """
    data = ctx.data
    value = data.get("secured") if isinstance(data, dict) else None
    if isinstance(value, str) and value:
        problem = secured_problem(value)
        if problem is not None:
            ctx.report(secured_format, "/secured", f"secured is not base64;base64: {problem}")
