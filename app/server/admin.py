"""Head office's own actions: associations, enrolment codes, staff logins, revoking laptops, bundles.

The ``server ...`` commands of main.py call these; the enrolment API calls ``exchange_code``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pydantic import ValidationError
from sqlalchemy import select, update
from sqlalchemy.engine import Connection, Engine

from app.errors import BundleError, HeadOfficeError
from app.ids import new_id
from app.server import asks, auth
from app.server.apply import Result, apply_ops, now
from app.server.db import associations, devices, enrolment_codes, patches, records, staff_users
from app.server.protocol import Op
from app.wire import bundle
from app.wire.protocol import signing_key

CODE_DAYS = 14


def _association_id(conn: Connection, name: str) -> str:
    found = conn.execute(select(associations.c.id).where(associations.c.name == name.strip())).scalar()
    if found is None:
        raise HeadOfficeError(f"There is no association called “{name.strip()}” at head office.")
    return found


def _new_code(conn: Connection, association_id: str) -> str:
    code = auth.new_code()
    expires = datetime.now(UTC) + timedelta(days=CODE_DAYS)
    conn.execute(enrolment_codes.insert().values(code_hash=auth.code_digest(code), association_id=association_id,
                                                 expires=expires.isoformat(timespec="seconds")))
    return code


def create_association(engine: Engine, name: str) -> str:
    """Add an association; returns its first one-time enrolment code."""
    name = " ".join(name.split())
    if not name:
        raise HeadOfficeError("An association needs a name.")
    with engine.begin() as conn:
        if conn.execute(select(associations.c.id).where(associations.c.name == name)).first():
            raise HeadOfficeError(f"There is already an association called “{name}”.")
        association_id = new_id()
        conn.execute(associations.insert().values(id=association_id, name=name, created=now(), last_seq=0,
                                                  oldest_seq=0))
        return _new_code(conn, association_id)


def enrolment_code(engine: Engine, name: str) -> str:
    """A fresh one-time code for another laptop of an existing association."""
    with engine.begin() as conn:
        return _new_code(conn, _association_id(conn, name))


def add_user(engine: Engine, email: str, password: str, role: str = auth.ADMINISTRATOR) -> None:
    """A staff login: an administrator sees every association; a housing officer only their patch."""
    email = email.strip().lower()
    if "@" not in email:
        raise HeadOfficeError(f"“{email}” is not an email address.")
    if len(password) < 10:
        raise HeadOfficeError("A staff password needs at least 10 characters.")
    if role not in (auth.ADMINISTRATOR, auth.OFFICER):
        raise HeadOfficeError("A staff login is an administrator or a housing officer.")
    hashed = auth.hash_password(password)  # slow on purpose: before the transaction, not inside it
    with engine.begin() as conn:
        if conn.execute(select(staff_users.c.id).where(staff_users.c.email == email)).first():
            raise HeadOfficeError(f"There is already a staff login for {email}.")
        conn.execute(staff_users.insert().values(email=email, password_hash=hashed, created=now(), role=role))


def assign(engine: Engine, email: str, name: str, assigned: bool = True) -> None:
    """Put an association in (or take it out of) a housing officer's patch."""
    with engine.begin() as conn:
        user = conn.execute(select(staff_users.c.id, staff_users.c.role)
                            .where(staff_users.c.email == email.strip().lower())).first()
        if user is None:
            raise HeadOfficeError(f"There is no staff login for {email.strip().lower()}.")
        if user.role != auth.OFFICER:
            raise HeadOfficeError(f"{email.strip().lower()} is an administrator, who sees every association already.")
        association_id = _association_id(conn, name)
        conn.execute(patches.delete().where(patches.c.user_id == user.id, patches.c.association_id == association_id))
        if assigned:
            conn.execute(patches.insert().values(user_id=user.id, association_id=association_id))


def revoke_device(engine: Engine, device_id: str) -> str:
    """Refuse a laptop from now on; returns its association's name."""
    with engine.begin() as conn:
        row = conn.execute(select(devices.c.association_id).where(devices.c.id == device_id.strip())).first()
        if row is None:
            raise HeadOfficeError(f"There is no enrolled laptop with the id {device_id.strip()}.")
        conn.execute(update(devices).where(devices.c.id == device_id.strip()).values(revoked=True))
        return conn.execute(select(associations.c.name).where(associations.c.id == row.association_id)).scalar_one()


RETRY_MINUTES = 10  # how long the laptop that used a code may ask again, if head office's answer was lost
CODE_REFUSED = ("That enrolment code is wrong, used already, or out of date; ask head office for a new one.")


class EnrolmentRefused(Exception):
    def __init__(self, status: int, code: str, message: str, wrong_code: bool = False) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.wrong_code = wrong_code  # a code head office never gave: counts towards the limit


def exchange_code(conn: Connection, code: str, device_name: str, association_record_id: str | None,
                  laptop_key: str | None = None) -> dict:
    """Use up a one-time code: the laptop gets a new device id and token for that association.

    The same laptop (``laptop_key``) asking again with the same code shortly afterwards gets the
    same device back, with a fresh token, since the first answer may never have reached it.
    """
    row = conn.execute(select(enrolment_codes).where(enrolment_codes.c.code_hash == auth.code_digest(code))
                       .with_for_update()).mappings().first()
    if row is None:
        raise EnrolmentRefused(403, "code_refused", CODE_REFUSED, wrong_code=True)
    key = auth.code_digest(laptop_key) if laptop_key else None
    theirs = conn.execute(select(associations.c.id, associations.c.name)
                          .where(associations.c.id == row["association_id"])).one()
    if row["used"]:
        if not (key and row["laptop_key"] == key and row["used"] >= _minutes_ago(RETRY_MINUTES)):
            raise EnrolmentRefused(403, "code_refused", CODE_REFUSED)
        return _enrolled_again(conn, row["device_id"], theirs)
    if row["expires"] < now():
        raise EnrolmentRefused(403, "code_refused", CODE_REFUSED)
    if association_record_id:
        _check_same_association(conn, theirs.id, association_record_id)
    token, device_id = auth.new_token(), new_id()
    conn.execute(devices.insert().values(id=device_id, association_id=theirs.id, token_hash=auth.token_digest(token),
                                         name=device_name, revoked=False, enrolled=now()))
    conn.execute(update(enrolment_codes).where(enrolment_codes.c.code_hash == row["code_hash"])
                 .values(used=now(), device_id=device_id, laptop_key=key))
    return {"device_id": device_id, "token": token, "association_id": theirs.id, "association_name": theirs.name}


def _minutes_ago(minutes: int) -> str:
    return (datetime.now(UTC) - timedelta(minutes=minutes)).isoformat(timespec="seconds")


def _enrolled_again(conn: Connection, device_id: str, theirs) -> dict:
    """The device a lost answer gave, with a new token (head office keeps only the old one's digest)."""
    token = auth.new_token()
    done = conn.execute(update(devices).where(devices.c.id == device_id, devices.c.revoked.is_(False))
                        .values(token_hash=auth.token_digest(token)))
    if done.rowcount != 1:
        raise EnrolmentRefused(403, "code_refused", CODE_REFUSED)
    return {"device_id": device_id, "token": token, "association_id": theirs.id, "association_name": theirs.name}


def _check_same_association(conn: Connection, association_id: str, record_id: str) -> None:
    """Refuse a laptop whose file holds a different association from the one head office already has."""
    existing = conn.execute(select(records.c.record_id).where(
        records.c.association_id == association_id, records.c.entity == "association",
        records.c.deleted.is_(False))).scalars().all()
    if existing and record_id not in existing:
        raise EnrolmentRefused(409, "other_file", "Head office already has this association's records from another "
                                                  "laptop; enrol a new, empty file instead (quorum enrol URL CODE --new).")


@dataclass
class Imported:
    device_id: str
    association: str
    results: list[Result]
    receipt: Path

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)


def import_bundle(engine: Engine, path: Path, receipt: Path | None = None) -> Imported:
    """Apply a laptop's bundle through the same path as a push, and write the receipt for the laptop."""
    path = Path(path)
    manifest, raw_ops = bundle.read_bundle(path)
    try:
        ops = [Op.model_validate(op) for op in raw_ops]
    except ValidationError as error:
        raise BundleError(f"The bundle {path.name} holds a change Quorum cannot read.") from error
    with engine.begin() as conn:
        device = conn.execute(select(devices).where(devices.c.id == str(manifest.get("device_id"))))\
            .mappings().first()
        if device is None:
            raise BundleError("This bundle comes from a laptop that is not enrolled with head office.")
        key = signing_key(device["token_hash"])
        bundle.check_signature(manifest, key)
        if device["revoked"]:
            raise BundleError("This bundle comes from a laptop whose access has been withdrawn.")
        if manifest.get("association_id") != device["association_id"]:
            raise BundleError("This bundle names a different association from the one its laptop is enrolled in.")
        results = apply_ops(conn, device["association_id"], device["id"], ops)
        answered = asks.answered_records(conn, device["association_id"])
        name = conn.execute(select(associations.c.name)
                            .where(associations.c.id == device["association_id"])).scalar_one()
    out = receipt or path.with_name(path.stem + "-receipt.json")
    bundle.write_receipt(out, device_id=device["id"], bundle_sha256=bundle.bundle_digest(path),
                         results=[r.as_dict() for r in results], key=key, records=answered)
    return Imported(device["id"], name, results, out)
