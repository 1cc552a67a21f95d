"""The digests that key the result cache: of files, schemas, configs and seedlint itself.

BLAKE2b, taken from CPython's own ``_blake2`` module when it is there: ``hashlib`` loads
OpenSSL on import (~3 ms, a tenth of the imports of a run served from the cache).
"""

from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # another Python implementation
    from hashlib import blake2b

DIGEST_SIZE = 16


def hex_digest(data: bytes) -> str:
    """The digest of ``data``, as hexadecimal text."""
    return blake2b(data, digest_size=DIGEST_SIZE).hexdigest()


def new_digest() -> blake2b:
    """A digest to feed in pieces (``update``), for :func:`hex_digest`'s kind of text."""
    return blake2b(digest_size=DIGEST_SIZE)
