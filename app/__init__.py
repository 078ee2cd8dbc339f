"""Quorum's core: domain, rules, store, services, reports and sync. Never imports Qt."""

__version__ = "0.1.0"
