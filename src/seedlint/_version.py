"""The version of seedlint (its own module: any module can import it without the package's
lazy exports, which would put the whole package in its import graph)."""

__version__ = "0.1.0"
