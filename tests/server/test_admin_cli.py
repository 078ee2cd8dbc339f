"""Head office's administration commands: plain messages, one clear sentence on error."""

from __future__ import annotations

import re

import pytest

import main


@pytest.fixture
def database(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'head-office.sqlite'}"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main.main(list(args))
    out, err = capsys.readouterr()
    return code, out.strip(), err.strip()


def test_create_an_association_and_more_codes(capsys, database):
    status, out, _ = run(capsys, "server", "create-association", "Govan  Tenants' Association", "--database", database)
    assert status == 0
    assert re.fullmatch(r"Added Govan Tenants' Association\. Its one-time enrolment code, valid for 14 days: "
                        r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", out)
    status, out, _ = run(capsys, "server", "--database", database, "enrolment-code", "Govan Tenants' Association")
    assert status == 0 and "valid for 14 days: " in out
    assert run(capsys, "server", "create-association", "Govan Tenants' Association", "--database", database) == (
        1, "", "There is already an association called “Govan Tenants' Association”.")
    assert run(capsys, "server", "enrolment-code", "Nowhere TRA", "--database", database) == (
        1, "", "There is no association called “Nowhere TRA” at head office.")


def test_add_a_staff_login(capsys, database):
    assert run(capsys, "server", "add-user", "TP.Team@Example.org", "--password", "a long passphrase",
               "--database", database) == (0, "Added a head-office administrator's login for tp.team@example.org.", "")
    assert run(capsys, "server", "add-user", "tp.team@example.org", "--password", "another long one",
               "--database", database)[0] == 1
    assert run(capsys, "server", "add-user", "x@example.org", "--password", "short", "--database", database) == (
        1, "", "A staff password needs at least 10 characters.")


def test_revoke_an_unknown_laptop(capsys, database):
    assert run(capsys, "server", "revoke-device", "no-such-laptop", "--database", database) == (
        1, "", "There is no enrolled laptop with the id no-such-laptop.")


def test_import_something_that_is_not_a_bundle(capsys, database, tmp_path):
    (tmp_path / "minutes.pdf").write_bytes(b"%PDF-1.4")
    assert run(capsys, "server", "import-bundle", str(tmp_path / "minutes.pdf"), "--database", database) == (
        1, "", "The file minutes.pdf is not a Quorum bundle, or it is damaged.")


def test_a_database_that_cannot_be_opened(capsys):
    status, _, err = run(capsys, "server", "enrolment-code", "X", "--database", "postgresql://nobody@127.0.0.1:1/none")
    assert status == 1 and err.startswith("Head office's database could not be opened")
