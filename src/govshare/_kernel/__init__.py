"""The kernel: what every layer above shares (dates, the strict model base, levels, the
vocabulary, optional dependencies, strict YAML). It imports nothing else of govshare but
:mod:`govshare.errors`. Internal: its names are not part of the public API."""
