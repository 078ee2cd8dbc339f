"""Ballot slips: numbered, several to a sheet, candidates by surname."""

from __future__ import annotations

import re

import pytest

from app.model import Candidate
from app.reports import ballots_pdf


@pytest.fixture
def committee(agm):
    election = agm.elections[2]
    return election, [c for c in agm.candidates if c.election_id == election.id]


def test_one_numbered_slip_per_voter(agm, committee, tmp_path, pages):
    election, candidates = committee
    path = tmp_path / "ballots.pdf"
    ballots_pdf(agm.association, agm.meeting, election, candidates, 14, path)
    texts = pages(path)
    words = " ".join(texts)
    assert sorted(int(n) for n in re.findall(r"No\. (\d+)", words)) == list(range(1, 15))
    assert len(texts) == 3  # six to a sheet
    assert words.count("Vote for up to 3") == 14
    assert words.count("Election of Committee members") == 14


def test_candidates_sorted_by_surname(agm, committee, tmp_path, pages):
    election, candidates = committee
    path = tmp_path / "ballots.pdf"
    ballots_pdf(agm.association, agm.meeting, election, candidates, 1, path)
    slip = pages(path)[0]
    order = ["Fatima Ahmed", "Tariq Khan", "Agnes MacLeod", "Jamie Reid"]
    assert [slip.index(name) for name in order] == sorted(slip.index(name) for name in order)


@pytest.mark.parametrize("candidates, sheets", [(8, 2), (12, 8)])
def test_more_candidates_fewer_slips_to_a_sheet(agm, tmp_path, pages, candidates, sheets):
    election = agm.elections[0]
    slate = [Candidate(election.id, f"Candidate Number{n:02d}") for n in range(candidates)]
    path = tmp_path / "ballots.pdf"
    ballots_pdf(agm.association, agm.meeting, election, slate, 8, path)
    texts = pages(path)
    assert len(texts) == sheets
    assert "Vote for 1 candidate only" in texts[0]
    assert f"Candidate Number{candidates - 1:02d}" in texts[-1]


def test_a_huge_slate_still_fits_one_slip(agm, tmp_path, pages):
    election = agm.elections[2]
    candidates = [Candidate(election.id, f"Candidate Number{n:02d}") for n in range(40)]
    path = tmp_path / "ballots.pdf"
    ballots_pdf(agm.association, agm.meeting, election, candidates, 2, path)
    texts = pages(path)
    assert len(texts) == 2
    assert "Candidate Number39" in texts[0]


@pytest.mark.parametrize("count, candidates", [(0, ["Tariq Khan"]), (5, [])])
def test_nothing_to_print_is_refused(agm, tmp_path, count, candidates):
    election = agm.elections[2]
    with pytest.raises(ValueError):
        ballots_pdf(
            agm.association,
            agm.meeting,
            election,
            [Candidate(election.id, n) for n in candidates],
            count,
            tmp_path / "ballots.pdf",
        )
    assert not (tmp_path / "ballots.pdf").exists()
