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


def ranked(query: str, order: list[int], keys: list[str], names: list[frozenset[str]]) -> tuple[list[int], list[int]]:
    """The members (indices into ``keys`` and ``names``) that ``query`` finds, best first, and how well each fits.

    Each typed word is judged on its own and a member ranks by the worst of them, so "gordon g51" is
    no better than a word start. Members of equal rank keep their place in ``order``. One pass both
    finds and ranks, so ranking costs the door no second walk through 5,000 members.
    """
    parts = [(part, f" {part}") for part in fold(query).split()]
    buckets: tuple[list[int], list[int], list[int]] = ([], [], [])
    for index in order:
        key, whole, worst = keys[index], names[index], EXACT
        for part, start in parts:
            if part in whole:
                continue
            if key.startswith(part) or start in key:
                worst = worst or WORD_START
            elif part in key:
                worst = ANYWHERE
            else:
                break
        else:
            buckets[worst].append(index)
    order = buckets[EXACT] + buckets[WORD_START] + buckets[ANYWHERE]
    ranks = [EXACT] * len(buckets[EXACT]) + [WORD_START] * len(buckets[WORD_START]) + [ANYWHERE] * len(
        buckets[ANYWHERE])
    return order, ranks


def decisive(ranks: Iterable[int]) -> bool:
    """Sure enough to act on Enter: exactly one member fits, or the best fits exactly and alone."""
    best = sorted(ranks)[:2]
    return len(best) == 1 or (len(best) == 2 and best[0] == EXACT and best[1] != EXACT)
