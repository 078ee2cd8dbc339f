"""The core: every decision Quorum takes about a meeting, written once as pure functions.

The laptop's services, the UI and head office's server all call these, so the register, the live
console, the minutes and head office's copy can never disagree. Nothing here does I/O, imports Qt,
or reaches the store, the sync client or the documents (tests/test_layers.py checks it).

- ``voting``: who may vote on a date (role, joining date, leaving date, age) and how they count (households).
- ``quorum``: the quorum state of a meeting, including proxies where the constitution counts them.
- ``motions``: who may propose and second, how many votes a motion or election may have, when a
  casting vote applies.
- ``record``: the meeting record the minutes are written from.
- ``snapshot``: approved minutes frozen, and the hash that seals them (``record_hash``, ``sealed``,
  ``intact``), chained to the earlier approved minutes.
- ``offices``: who held which role on a date.
- ``constitution``: the rules in force on a date.

The counting rules themselves (quorum numbers, majorities, elections) are ``app.rules``, whose
published interface stays as it is.
"""
