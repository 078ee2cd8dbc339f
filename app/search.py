"""Finding a member from a few typed letters, the way a chair types at the door.

``siob`` finds Siobhán, ``oneill`` finds O'Neill, ``2/1`` finds flat 2/1 and ``mac`` finds every
MacLeod. Keys are prepared once per member, so filtering 5,000 members per keystroke is a
substring test over plain strings.
"""

from __future__ import annotations

from collections.abc import Callable

from app.model import Member
from app.words import fold


def search_key(member: Member) -> str:
    """One string holding every way a chair might look a member up."""
    words = [member.first_name, member.surname, member.name, f"{member.surname} {member.first_name}",
             member.address, member.postcode, member.phone.replace(" ", "")]
    return " | ".join(fold(w) for w in words if w)


def matches(query: str, key: str) -> bool:
    """Every typed word must appear somewhere in the key."""
    return matcher(query)(key)


def matcher(query: str) -> Callable[[str], bool]:
    """``matches`` for one query and many keys: the query is folded once, not once per member."""
    parts = fold(query).split()
    return lambda key: all(part in key for part in parts)
