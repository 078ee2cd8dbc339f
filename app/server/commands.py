"""Head office's command line: ``serve`` and the ``server ...`` administration tasks.

They sit beside the server rather than with the laptop's commands (``app/commands.py``): the laptop never
imports the server, and a chair's install carries no server libraries at all. So this module imports
nothing from the server at the top; each command brings in what it needs and, when the ``server`` extra
is not installed, says in one sentence how to install it.
"""

from __future__ import annotations

import argparse
import importlib
import os
from pathlib import Path
from types import ModuleType

from app import places
from app.errors import HeadOfficeError, QuorumError

NOT_INSTALLED = ("Head office's server is not installed with this copy of Quorum; "
                 "install it with: pip install 'quorum[server]'")


def add_parsers(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """``serve`` and ``server TASK``, each taking --database before or after the task."""
    database, later = argparse.ArgumentParser(add_help=False), argparse.ArgumentParser(add_help=False)
    for parser, default in ((database, None), (later, argparse.SUPPRESS)):  # given before or after the task
        parser.add_argument("--database", default=default,
                            help="sqlite:///PATH or postgresql://... (or set QUORUM_DATABASE; "
                                 "default: head-office.sqlite in the data folder)")
    serve = commands.add_parser("serve", parents=[common, database], help="run head office's server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument("--limit-concurrency", type=int, default=None, metavar="N",
                       help="at most N connections at once per worker; laptops beyond it are told to come back "
                            "(about 0.1 MB of memory each under load; docs/head-office.md)")
    server = commands.add_parser("server", parents=[common, database], help="head office's administration commands")
    tasks = server.add_subparsers(dest="server_command", metavar="TASK", required=True)
    tasks.add_parser("create-association", parents=[later], help="add an association; prints its enrolment code")\
        .add_argument("name")
    tasks.add_parser("enrolment-code", parents=[later], help="a fresh code for another laptop").add_argument("name")
    user = tasks.add_parser("add-user", parents=[later], help="add a head-office staff login")
    user.add_argument("email")
    user.add_argument("--password", default=None, help="for scripts and tests; otherwise you are asked")
    user.add_argument("--officer", action="store_true",
                      help="a housing officer, who sees only the associations assigned to them")
    for task, words in (("assign", "add an association to a housing officer's patch"),
                        ("unassign", "take an association out of a housing officer's patch")):
        patch = tasks.add_parser(task, parents=[later], help=words)
        patch.add_argument("email")
        patch.add_argument("name", help="the association's name")
    tasks.add_parser("revoke-device", parents=[later], help="refuse a laptop from now on").add_argument("device_id")
    imported = tasks.add_parser("import-bundle", parents=[later], help="apply a laptop's bundle file")
    imported.add_argument("bundle_file", metavar="FILE")
    imported.add_argument("--receipt", default=None, help="where to write the receipt (default: beside the bundle)")


def server_part(name: str) -> ModuleType:
    """``app.server.NAME``, or one sentence saying how to install the server when its libraries are missing."""
    try:
        return importlib.import_module(f"app.server.{name}")
    except ImportError as error:
        missing = error.name or ""
        if missing.startswith("app.") and not missing.startswith("app.server."):  # a bug, not a missing server
            raise
        raise QuorumError(NOT_INSTALLED) from None


def _database(args) -> str:
    if args.database or os.environ.get("QUORUM_DATABASE"):
        return args.database or os.environ["QUORUM_DATABASE"]
    return f"sqlite:///{places.data_dir(args.data_dir) / 'head-office.sqlite'}"


def cmd_serve(args) -> str:
    server_part("serve").serve(_database(args), args.host, args.port, args.workers, args.limit_concurrency)
    return ""


def cmd_server(args) -> str:
    import getpass

    db, admin = server_part("db"), server_part("admin")
    from sqlalchemy.exc import SQLAlchemyError

    try:
        engine = db.connect(_database(args))
    except (SQLAlchemyError, ImportError, ValueError) as error:
        raise HeadOfficeError(f"Head office's database could not be opened ({type(error).__name__}).") from None
    task = args.server_command
    if task == "create-association":
        code = admin.create_association(engine, args.name)
        return f"Added {' '.join(args.name.split())}. Its one-time enrolment code, valid for 14 days: {code}"
    if task == "enrolment-code":
        return f"A new one-time enrolment code for {args.name.strip()}, valid for 14 days: {admin.enrolment_code(engine, args.name)}"
    if task == "add-user":
        password = args.password or getpass.getpass("Password for the new login: ")
        if args.password is None and getpass.getpass("The same password again: ") != password:
            raise HeadOfficeError("The two passwords were different; nothing was saved.")
        admin.add_user(engine, args.email, password, "officer" if args.officer else "administrator")
        kind = "housing officer's login" if args.officer else "administrator's login"
        return f"Added a head-office {kind} for {args.email.strip().lower()}."
    if task in ("assign", "unassign"):
        admin.assign(engine, args.email, args.name, assigned=task == "assign")
        where = "now in" if task == "assign" else "no longer in"
        return f"{' '.join(args.name.split())} is {where} the patch of {args.email.strip().lower()}."
    if task == "revoke-device":
        return f"The laptop {args.device_id} of {admin.revoke_device(engine, args.device_id)} can no longer sync."
    done = admin.import_bundle(engine, Path(args.bundle_file), Path(args.receipt) if args.receipt else None)
    refused = f", {done.count('rejected')} not accepted" if done.count("rejected") else ""
    return (f"Imported the bundle for {done.association}: {done.count('ok')} new changes, "
            f"{done.count('duplicate')} already here{refused}. Give the laptop this receipt: {done.receipt}")


COMMANDS = {"serve": cmd_serve, "server": cmd_server}
