"""seedlint's model of the consumer, Jekyll: what it reads from a record.

Every statement seedlint makes about what Jekyll reads comes from this package:
:mod:`.scalars` (one scalar node, per loader: :mod:`.safe_yaml` and :mod:`.psych` guess a
plain scalar's type, :mod:`.ruby` holds Ruby's values) and :mod:`.document` (a whole file:
a record, a record without its front matter, or a static file).
"""

from .document import Outcome, Reading, read_file, read_front_matter, reading_change
from .readings import Divergence, PlainReadings, as_json, pick, plain_readings, resolve_plain
from .ruby import Lost, RubyDateText, RubySymbol
from .scalars import (
    DEFAULT_FLAVOUR,
    FLAVOUR_NAMES,
    FLAVOURS,
    NOT_TEXT_STARTS,
    SHORT_NAMES,
    SPECIAL_WORDS,
    STR_TAG,
    Flavour,
    agreed,
    alias_value,
    collection_tag_refused,
    describe,
    is_date,
    obviously_text,
    other,
    plain,
    same,
    scalar,
    spelling,
)

__all__ = [
    "Divergence",
    "PlainReadings",
    "as_json",
    "pick",
    "plain_readings",
    "resolve_plain",
    "DEFAULT_FLAVOUR",
    "FLAVOURS",
    "NOT_TEXT_STARTS",
    "SPECIAL_WORDS",
    "FLAVOUR_NAMES",
    "SHORT_NAMES",
    "Flavour",
    "Lost",
    "Outcome",
    "Reading",
    "RubyDateText",
    "RubySymbol",
    "STR_TAG",
    "agreed",
    "collection_tag_refused",
    "alias_value",
    "describe",
    "is_date",
    "obviously_text",
    "other",
    "plain",
    "read_file",
    "read_front_matter",
    "reading_change",
    "same",
    "scalar",
    "spelling",
]
