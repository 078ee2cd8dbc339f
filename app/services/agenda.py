"""The standard agenda for each kind of meeting, as Scottish tenants' associations run them."""

from __future__ import annotations

OPENING = [
    ("Welcome and apologies", "welcome and apologies", "Chair", 5),
    ("Minutes of the last meeting", "minutes of last meeting", "Chair", 5),
    ("Matters arising", "matters arising", "Secretary", 10),
]
CLOSING = [
    ("Any other competent business", "any other competent business", "Chair", 10),
    ("Date of next meeting", "date of next meeting", "Chair", 2),
]
REPORTS = [
    ("Chair's report", "report", "Chair", 10),
    ("Secretary's report", "report", "Secretary", 10),
    ("Treasurer's report", "report", "Treasurer", 10),
]
AGM = [
    ("Annual report", "report", "Chair", 15),
    ("Annual accounts", "report", "Treasurer", 15),
    ("Election of office bearers", "election", "Chair", 20),
    ("Election of committee members", "election", "Chair", 15),
]


def standard_agenda(kind: str) -> list[tuple[str, str, str, int]]:
    """(title, kind, presenter, expected minutes) for a new meeting of this kind."""
    if kind == "annual general":
        return [*OPENING, *AGM, ("Motions", "motion", "Chair", 15), *CLOSING]
    if kind == "special general":
        return [OPENING[0], ("Business of the meeting", "motion", "Chair", 30), CLOSING[1]]
    if kind == "committee":
        return [*OPENING, *REPORTS[1:], *CLOSING]
    return [*OPENING, *REPORTS, ("Motions", "motion", "Chair", 15), *CLOSING]
