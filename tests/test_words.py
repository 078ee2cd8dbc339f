"""Every date shown goes through app/words.py, never through the laptop's locale.

``strftime("%B")`` prints "listopada" on a Polish laptop: a chair's minutes and status lines would
switch language with the computer. The wording module spells months and weekdays itself.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from app.model import Association
from app.services import AssociationFile
from app.store import inbox
from app.words import day_and_month, long_date

ROOT = Path(__file__).resolve().parents[1]
LOCALE_NAMES = re.compile(r"%[aAbBcx]")  # weekday and month names, and the locale's own date formats


def test_no_code_asks_the_locale_for_a_month_or_weekday_name():
    found = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
             for folder in ("app", "ui", "main.py")
             for path in ([ROOT / folder] if folder.endswith(".py") else sorted((ROOT / folder).rglob("*.py")))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             if LOCALE_NAMES.search(line) and "strftime" in line or re.search(r"\{[^}]*:%[aAbB]", line)]
    assert found == []


def test_the_scan_finds_a_locale_month():
    assert re.search(r"\{[^}]*:%[aAbB]", 'f"{moment.day} {moment:%B}"')


def test_sync_status_dates_in_british_english(tmp_path):
    with AssociationFile.create(tmp_path / "a.quorum", Association("Test TRA")) as book:
        book.store.conn.execute("UPDATE changes SET sent = 1")
        inbox.set_state(book.store, association_id="a", last_sync="2026-03-03T19:45:00")
        assert book.head_office.sync_status(now=datetime(2026, 11, 25, 22, 0)) == "Sent to head office on 3 March at 19:45"
    assert (day_and_month(date(2026, 12, 13)), long_date(date(2026, 12, 13))) == ("13 December", "13 December 2026")
