"""Finding a member from a few typed letters, the way a chair types at the door.

``siob`` finds Siobhán, ``oneill`` finds O'Neill, ``2/1`` finds flat 2/1 and ``mac`` finds every
MacLeod. Keys are prepared once per member, so filtering 5,000 members per keystroke is a
substring test over plain strings.

At the door the matches are also ranked, so "gor" puts Gordon Stewart before Rab McGregor: a whole
first name or surname first, then the start of a word, then anywhere. Only an exact match that no
one else shares is sure enough to check someone in without asking.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

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


EXACT, WORD_START, ANYWHERE = 0, 1, 2  # how well a member fits what was typed: lower is better


def name_words(member: Member) -> frozenset[str]:
    """The member's first names and surnames as whole words, folded as the chair types them."""
    return frozenset(fold(f"{member.first_name} {member.surname}").split())


def ranker(query: str) -> Callable[[str, frozenset[str]], int | None]:
    """How well one member (their search key and name words) fits ``query``; None when not at all.

    Each typed word is judged on its own and the member ranks by the worst of them, so
    "gordon g51" is no better than a word start.
    """
    parts = fold(query).split()

    def rank(key: str, names: frozenset[str]) -> int | None:
        worst = EXACT
        for part in parts:
            if part in names:
                continue
            if part not in key:
                return None
            worst = max(worst, WORD_START if key.startswith(part) or f" {part}" in key else ANYWHERE)
        return worst

    return rank


def decisive(ranks: Iterable[int]) -> bool:
    """Sure enough to act on Enter: exactly one member fits, or the best fits exactly and alone."""
    best = sorted(ranks)[:2]
    return len(best) == 1 or (len(best) == 2 and best[0] == EXACT and best[1] != EXACT)
