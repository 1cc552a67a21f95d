"""Rule selectors (``--select``, ``ignore = [...]``): codes, code prefixes, rule names, ALL.

A selector that names nothing is a mistake (a typo would switch a check off without a
word), so it is refused with a "did you mean". The built-in codes are listed here so that
checking a selection does not import the rules (a run served from the cache never does);
a selector that is not among them is looked up in the registry, plugins included.
"""

from __future__ import annotations

import re

BUILTIN_CODES = {
    "SL000": "internal-error",
    "SL001": "yaml-syntax",
    "SL002": "duplicate-key",
    "SL003": "no-front-matter",
    "SL004": "unclosed-front-matter",
    "SL005": "empty-front-matter",
    "SL006": "front-matter-not-mapping",
    "SL007": "encoding",
    "SL008": "binary-file",
    "SL009": "limit-exceeded",
    "SL010": "unsupported-tag",
    "SL011": "invalid-key",
    "SL012": "unreadable-file",
    "SL101": "missing-field",
    "SL102": "unknown-field",
    "SL103": "wrong-type",
    "SL104": "invalid-format",
    "SL105": "out-of-range",
    "SL106": "invalid-length",
    "SL107": "invalid-list",
    "SL108": "unexpected-value",
    "SL109": "schema-violation",
    "SL201": "provider-domain",
    "SL202": "amp-cache-url",
    "SL203": "secured-format",
    "SL204": "yaml11-value",
    "SL205": "http-url",
    "SL206": "unencoded-url",
    "SL207": "duplicate-related",
    "SL208": "self-related",
    "SL209": "date-time-form",
    "SL210": "file-name-date",
    "SL211": "future-date",
    "SL212": "title-whitespace",
    "SL213": "missing-local-image",
    "SL214": "image-size",
    "SL218": "related-title-whitespace",
    "SL301": "unused-suppression",
    "SL302": "unknown-suppression",
    "SL303": "invalid-suppression",
}
# Rules that run only when named in full (code or name) in select or extend-select: a
# prefix or ALL does not switch them on
OPT_IN = frozenset({"SL218"})

_CODE_LIKE = re.compile(r"[A-Za-z]{1,4}[0-9]{0,3}")


class SelectorError(ValueError):
    """A selector that names no rule; the message says which and what was meant."""


def _registry() -> dict[str, str]:
    """Every registered code -> name, plugins included (imports the rules)."""
    from .rules import all_rules

    return {rule.code: rule.name for rule in all_rules()}


def _resolve(selector: str, codes: dict[str, str]) -> str | None:
    upper = selector.upper()
    if upper == "ALL":
        return "ALL"
    if _CODE_LIKE.fullmatch(selector) and any(code.startswith(upper) for code in codes):
        return upper
    lower = selector.lower()
    return next((code for code, name in codes.items() if name == lower), None)


def resolve(selectors: tuple[str, ...] | list[str], where: str) -> tuple[str, ...]:
    """Codes and prefixes for ``selectors`` (names become their codes); raises
    :class:`SelectorError` for one that names no rule, naming ``where`` it was written."""
    resolved = []
    registry: dict[str, str] | None = None
    for raw in selectors:
        selector = raw.strip()
        found = _resolve(selector, BUILTIN_CODES)
        if found is None:
            registry = registry if registry is not None else _registry()
            found = _resolve(selector, registry)
        if found is None:
            raise SelectorError(f"{where}: {_unknown(selector, registry or BUILTIN_CODES)}")
        resolved.append(found)
    return tuple(resolved)


def _unknown(selector: str, codes: dict[str, str]) -> str:
    import difflib

    candidates = [*codes, *codes.values()]
    # the letters a code is most often typed with instead of digits: O for 0, I or l for 1
    digits = selector[:2].upper() + selector[2:].translate(str.maketrans("OoIl", "0011"))
    if _resolve(digits, codes) is not None:
        return _message(selector, digits.upper())
    close = difflib.get_close_matches(selector.upper(), list(codes), n=1, cutoff=0.6)
    close = close or difflib.get_close_matches(selector.lower(), candidates, n=1, cutoff=0.6)
    return _message(selector, close[0] if close else None)


def _message(selector: str, meant: str | None) -> str:
    hint = f"; did you mean '{meant}'?" if meant else ""
    return (
        f"'{selector}' is not a rule code, a code prefix (SL2), a rule name or ALL{hint} "
        "(`seedlint rules` lists them)"
    )


def matches(code: str, patterns: tuple[str, ...], explicit_only: bool = False) -> bool:
    """Whether a selection names ``code``: exactly, or (unless ``explicit_only``) by a
    prefix or ALL."""
    if explicit_only:
        return code in patterns
    return any(p == "ALL" or code.startswith(p) for p in patterns)
