"""The core: every decision Quorum takes, each written once as a pure function.

Laptop services, the UI and head office's server all call these; nothing here does I/O,
imports Qt, or touches the store, sync or reports.
"""
