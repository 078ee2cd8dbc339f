"""The door's ranking (app.search): whole names first, then word starts, then anywhere; sure only when alone."""

from __future__ import annotations

from app.model import Member
from app.search import ANYWHERE, EXACT, WORD_START, decisive, name_words, ranked, search_key

PEOPLE = [Member("Rab", "McGregor", "14 Wellhouse Road"), Member("Gordon", "Stewart", "2/1 Wellhouse Crescent"),
          Member("Agnes", "Gordon", "7 Ballantay Road"), Member("Seán", "Doherty", "3/2 Gorbals Street")]


def found(query: str) -> tuple[list[str], list[int]]:
    keys, names = [search_key(m) for m in PEOPLE], [name_words(m) for m in PEOPLE]
    order, ranks = ranked(query, list(range(len(PEOPLE))), keys, names)
    return [PEOPLE[i].name for i in order], ranks


def test_word_starts_come_before_letters_inside_a_word():
    assert found("gor") == (["Gordon Stewart", "Agnes Gordon", "Seán Doherty", "Rab McGregor"],
                            [WORD_START, WORD_START, WORD_START, ANYWHERE])


def test_a_whole_name_is_exact_and_alone_it_is_sure():
    names, ranks = found("gordon")
    assert names == ["Gordon Stewart", "Agnes Gordon"] and ranks == [EXACT, EXACT]
    assert not decisive(ranks)  # two people called Gordon: ask
    assert found("gordon stewart") == (["Gordon Stewart"], [EXACT])
    assert decisive([EXACT]) and decisive([ANYWHERE]) and decisive([EXACT, WORD_START])
    assert not decisive([WORD_START, WORD_START]) and not decisive([])


def test_accents_and_every_word_typed_count():
    assert found("sean 3/2")[0] == ["Seán Doherty"]
    assert found("nobody here") == ([], [])
