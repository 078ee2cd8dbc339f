"""The laptop's sync commands: enrol, sync, export-bundle, import-receipt; and head office's import-bundle."""

from __future__ import annotations

import main
from app.server import admin


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main.main(list(args))
    out, err = capsys.readouterr()
    return code, out.strip(), err.strip()


def test_enrol_sync_and_problems_from_the_command_line(head_office, demo_path, capsys):
    _, code = head_office.new_association()
    file = str(demo_path)
    status, out, err = run(capsys, "enrol", head_office.url, code, "--file", file)
    assert status == 0, err
    assert out.startswith("This laptop is now enrolled with head office for Test Street TRA")
    status, out, err = run(capsys, "sync", "--file", file)
    assert status == 0, err
    assert out.startswith("Sent ") and "to head office and received 0." in out
    assert run(capsys, "sync", "--problems", "--file", file)[1] == "Head office has accepted every change sent."
    status, out, err = run(capsys, "enrol", head_office.url, code, "--file", file)
    assert (status, out, err) == (1, "", "This association file is already enrolled with head office.")


def test_a_second_laptop_enrols_a_new_file(head_office, chair, tmp_path, capsys):
    from app.store import inbox

    code = admin.enrolment_code(head_office.engine, inbox.state(chair.store, "association_name"))
    status, out, err = run(capsys, "enrol", head_office.url, code, "--new", "--data-dir", str(tmp_path / "second"))
    assert status == 0, err
    assert out.startswith("Enrolled a new association file, ") and out.endswith(" records from head office.")
    assert len(list((tmp_path / "second").glob("*.quorum"))) == 1


def test_sync_without_enrolment_is_one_sentence(demo_path, capsys):
    status, out, err = run(capsys, "sync", "--file", str(demo_path))
    assert (status, out) == (1, "")
    assert err == ("This association is not enrolled with head office yet; "
                   "use “enrol URL CODE” with the code head office gave you.")


def test_a_wrong_code_is_one_sentence(head_office, demo_path, capsys, failures_forgotten):
    status, _, err = run(capsys, "enrol", head_office.url, "WRNG-CODE-0000", "--file", str(demo_path))
    assert status == 1
    assert err == "That enrolment code is wrong, used already, or out of date; ask head office for a new one."


def test_bundle_round_trip_from_the_command_line(head_office, demo_path, tmp_path, capsys):
    _, code = head_office.new_association()
    file = str(demo_path)
    run(capsys, "enrol", head_office.url, code, "--file", file)
    bundle = tmp_path / "bundle.zip"
    status, out, err = run(capsys, "export-bundle", "--out", str(bundle), "--file", file)
    assert status == 0, err
    assert out.startswith("Wrote ") and "import the receipt" in out
    receipt = tmp_path / "receipt.json"
    status, out, err = run(capsys, "server", "import-bundle", str(bundle), "--receipt", str(receipt),
                           "--database", head_office.database_url)
    assert status == 0, err
    assert " new changes, 0 already here. Give the laptop this receipt: " in out
    status, out, err = run(capsys, "import-receipt", str(receipt), "--file", file)
    assert status == 0, err
    assert out.startswith("Head office received ") and out.endswith(" changes.")
    status, _, err = run(capsys, "import-receipt", str(bundle), "--file", file)
    assert (status, err) == (1, "The file bundle.zip is not a Quorum receipt, or it is damaged.")
