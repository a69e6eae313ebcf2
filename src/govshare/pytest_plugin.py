"""pytest plugin (entry point ``pytest11``): collects govshare scenario files."""

from __future__ import annotations
