"""Exceptions shared by the modules that read settings (no imports: any module may raise them)."""


class ConfigError(Exception):
    """A configuration that cannot be used; the message names the file and the key."""
