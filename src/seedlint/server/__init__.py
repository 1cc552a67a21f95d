"""``seedlint server``: a language server (LSP over stdio) with live diagnostics, quick
fixes, hover and completion for records' front matter.

Needs the ``server`` extra (``pip install 'seedlint[server]'``: pygls and lsprotocol).
LSP types live in this package only; the linting is seedlint's own run layer.
"""

from __future__ import annotations


def serve() -> int:
    """Serve one client over stdin/stdout until it says ``exit``; the exit status."""
    from .protocol import server

    try:
        server.start_io()
    finally:
        server.worker.close()
        server.docs.close()
    return 0 if server.shut_down else 1
