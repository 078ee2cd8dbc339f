"""A made-up register of 5,000 members (names from the demo's lists), for the benchmarks that need one."""

from __future__ import annotations

from datetime import date

from app.demo import FIRST_NAMES, STREETS, SURNAMES
from app.model import Member


def five_thousand(count: int = 5000) -> list[Member]:
    """Members spread over the demo's streets, flats like 2/1, some with a phone; no real person."""
    return [
        Member(
            FIRST_NAMES[n % len(FIRST_NAMES)],
            SURNAMES[(n // len(FIRST_NAMES)) % len(SURNAMES)],
            address=f"Flat {n % 4}/{n % 3 + 1}, {n // 12 + 1} {STREETS[n % len(STREETS)]}, Glasgow",
            postcode=f"G{15 + n % 39} {1 + n % 9}AB",
            phone=f"0141 {200 + n % 800} {1000 + n}" if n % 3 else "",
            joined=date(2020, 1, 1),
            id=f"bench-{n}",
        )
        for n in range(count)
    ]
