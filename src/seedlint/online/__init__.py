"""Online checks (``seedlint check --online``): the real size of remote images and the
life of links.

Rules stay pure: a run collects the distinct URLs the selected online rules need from the
records' data (:mod:`.urls`), fetches each once, politely and within bounds
(:mod:`.fetcher`, :mod:`.images`, :mod:`.links`), keeps the outcomes in the cache folder
(:mod:`.urlcache`), and the rules of :mod:`seedlint.rules.online` turn the outcomes into
diagnostics at the right positions (:mod:`.run`).

Importing this package imports nothing else: the HTTP client (httpx) and the progress
bar (rich), from the ``online`` extra, load only when a run goes online.
"""
