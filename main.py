"""Quorum: the app by default, and command-line subcommands for the same work.

Every command prints plain messages and, on a problem the user can act on, exits non-zero with
one clear sentence and no traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app import __version__, journal, places
from app.errors import NotFoundError, QuorumError


def _common(default=None) -> argparse.ArgumentParser:
    """--data-dir and --file, accepted before or after the command name."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=default,
                        help="folder holding association files (or set QUORUM_DATA_DIR)")
    common.add_argument("--file", default=default, help="the association file to use (default: the one opened last)")
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common(argparse.SUPPRESS)  # so an option given before the command is not reset after it
    parser = argparse.ArgumentParser(prog="quorum", parents=[_common()],
                                     description="Run a tenants' association meeting and keep its record.")
    parser.add_argument("--version", action="version", version=f"Quorum {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    new = commands.add_parser("new", parents=[common], help="create an empty association")
    new.add_argument("name", help="the association's name, in quotes")
    demo = commands.add_parser("demo", parents=[common], help="create a demo association with a year of history")
    demo.add_argument("--if-no-data", action="store_true",
                      help="do nothing when the data folder already holds an association")
    commands.add_parser("check", parents=[common], help="check the association file is healthy")
    commands.add_parser("backup", parents=[common], help="take a backup of the association file now")
    restore = commands.add_parser("restore", parents=[common], help="put a backup in place of the association file")
    restore.add_argument("backup_file", metavar="FILE")
    commands.add_parser("backups", parents=[common], help="list the backups of the association file")
    printing = commands.add_parser("print", parents=[common], help="print a document to a PDF file")
    printing.add_argument("document", choices=["minutes", "actions", "agenda", "signin", "ballots", "pack"])
    printing.add_argument("--meeting", default=None, help="latest, next or a meeting id (default suits the document)")
    printing.add_argument("--post", help="for ballots: which election (default: the first contested one)")
    printing.add_argument("--large-print", action="store_true", help="16 point text for members with low vision")
    printing.add_argument("--address", choices=["street", "flat"], default="",
                          help="for the sign-in sheet: show the street, or the flat and street (never the number)")
    printing.add_argument("--year", type=int, help="for the landlord's yearly pack: which year, like 2026")
    printing.add_argument("--docx", action="store_true",
                          help="for draft minutes: an editable Word file instead of a PDF")
    printing.add_argument("--out", required=True, help="the PDF (or .docx) file to write")
    _members_parser(commands, common)
    _sync_parsers(commands, common)
    return parser


def _members_parser(commands, common) -> None:
    """``members import FILE [--dry-run]`` and ``members export FILE [--columns ...]``."""
    members = commands.add_parser("members", parents=[common], help="import or export the member list")
    actions = members.add_subparsers(dest="members_command", metavar="ACTION", required=True)
    bring = actions.add_parser("import", parents=[common], help="add members from a CSV or XLSX file")
    bring.add_argument("member_file", metavar="FILE")
    bring.add_argument("--dry-run", action="store_true", help="report what would happen and save nothing")
    save = actions.add_parser("export", parents=[common], help="save the member list as CSV or XLSX")
    save.add_argument("member_file", metavar="FILE", help="ends in .csv or .xlsx")
    save.add_argument("--columns", default=None,
                      help="columns to include, e.g. name,role,joined (default: all of "
                           "name,address,postcode,phone,email,consent,role,joined,left)")
    save.add_argument("--include-left", action="store_true", help="also list members who have left")


def association_path(args: argparse.Namespace) -> Path:
    """The file a command works on: --file, else the one opened last in the data folder."""
    if args.file:
        return Path(args.file).expanduser()
    folder = places.data_dir(args.data_dir)
    found = places.last_opened(folder)
    if found is None:
        raise NotFoundError(
            f"There is no association in {folder} yet; create one with “new NAME” or try “demo”."
        )
    return found


def cmd_new(args) -> str:
    from app.model import Association
    from app.services import AssociationFile

    if args.file:
        book = AssociationFile.create(Path(args.file), Association(args.name.strip()))
    else:
        book = AssociationFile.create_in(places.data_dir(args.data_dir), Association(args.name.strip()))
    with book:
        places.remember_opened(book.path.parent, book.path)
        return f"Created {args.name.strip()} in {book.path}."


def cmd_demo(args) -> str:
    from app.demo import NAME, create_demo

    folder = places.data_dir(args.data_dir)
    if args.if_no_data and places.association_files(folder):
        return ""
    path = create_demo(folder)
    places.remember_opened(folder, path)
    return f"Created the demo association, {NAME}, in {path}."


def cmd_check(args) -> str:
    from app.services import AssociationFile
    from app.store import inspect

    path = association_path(args)
    report = inspect(path)
    with AssociationFile.open(path) as book:
        altered = book.altered_minutes()
    if altered:
        raise QuorumError(
            "The approved minutes of " + ", ".join(altered) + " were changed outside Quorum after approval."
        )
    return (f"The file {path.name} is healthy: {report.members} members, {report.meetings} meetings, "
            "approved minutes unchanged.")


def cmd_backup(args) -> str:
    from app.services import AssociationFile

    with AssociationFile.open(association_path(args)) as book:
        return f"Backup saved to {book.backup()}."


def cmd_backups(args) -> str:
    from app.store import backups

    found = backups.available(association_path(args))
    if not found:
        return "There are no backups of this association yet."
    return "\n".join(f"{b.label}\n    {b.path}" for b in found)


def cmd_restore(args) -> str:
    from app.store import backups

    path = association_path(args)
    safety = backups.restore(path, Path(args.backup_file))
    kept = f" The file it replaced was kept as {safety}." if safety else ""
    return f"Restored {path.name} from {Path(args.backup_file).name}.{kept}"


DOCUMENT_NAMES = {"minutes": "minutes", "actions": "action list", "agenda": "agenda", "signin": "sign-in sheet",
                  "ballots": "ballot slips", "pack": "yearly pack for the landlord"}


def cmd_print(args) -> str:
    from app.services import AssociationFile

    if args.docx and args.document != "minutes":
        raise QuorumError("Only the minutes can be saved as an editable Word file (--docx).")
    if args.document == "pack" and args.year is None:
        raise QuorumError("Say which year the pack is for, like --year 2026.")
    which = args.meeting or ("latest" if args.document in ("minutes", "actions") else "next")
    with AssociationFile.open(association_path(args)) as book:
        if args.document == "pack":
            warnings = book.print_pack(args.year, Path(args.out), large_print=args.large_print)
            return "\n".join([f"Saved the {DOCUMENT_NAMES['pack']} for {args.year} to {args.out}.", *warnings])
        meeting = book.find_meeting(which)
        if args.docx:
            book.minutes_docx(meeting.id, Path(args.out))
            return f"Saved the draft minutes as an editable Word file to {args.out}."
        warnings = book.print_document(args.document, meeting.id, Path(args.out), large_print=args.large_print,
                                       post=args.post, address=args.address)
    return "\n".join([f"Saved the {DOCUMENT_NAMES[args.document]} to {args.out}.", *warnings])


def cmd_members(args) -> str:
    from app import exports, imports
    from app.services import AssociationFile

    path = Path(args.member_file)
    with AssociationFile.open(association_path(args)) as book:
        if args.members_command == "export":
            columns = exports.parse_columns(args.columns) if args.columns else None
            count = exports.export_members(book.members(include_left=args.include_left), path, columns)
            return f"Saved {count} member{'' if count == 1 else 's'} to {path}."
        found = imports.preview(imports.read_table(path), existing=book.members(include_left=True))
        if not found.mapping.keys() & {"first_name", "surname", "name"}:
            raise QuorumError(imports.summary(found, 0))
        if found.members and not args.dry_run:
            book.add_members(found.members)
        return imports.summary(found, imported=len(found.members), dry_run=args.dry_run)


def _sync_parsers(commands, common) -> None:
    """Head office: enrol, sync, the offline bundle, and the server with its admin commands."""
    enrol = commands.add_parser("enrol", parents=[common], help="exchange a head-office enrolment code for a token")
    enrol.add_argument("url", help="head office's address, like https://quorum.example.org")
    enrol.add_argument("code", help="the one-time code head office gave you")
    enrol.add_argument("--new", action="store_true",
                       help="make a new, empty association file and fill it from head office (a second laptop)")
    sync = commands.add_parser("sync", parents=[common], help="send changes to head office, then receive others'")
    sync.add_argument("--server", default=None, help="use this address instead of the enrolled one")
    sync.add_argument("--problems", action="store_true", help="only list changes head office did not accept")
    bundle = commands.add_parser("export-bundle", parents=[common], help="write waiting changes to a file for head office")
    bundle.add_argument("--out", required=True, help="the bundle file to write")
    receipt = commands.add_parser("import-receipt", parents=[common], help="mark changes in head office's receipt as sent")
    receipt.add_argument("receipt_file", metavar="FILE")
    database, later = argparse.ArgumentParser(add_help=False), argparse.ArgumentParser(add_help=False)
    for parser, default in ((database, None), (later, argparse.SUPPRESS)):  # given before or after the task
        parser.add_argument("--database", default=default,
                            help="sqlite:///PATH or postgresql://... (or set QUORUM_DATABASE; "
                                 "default: head-office.sqlite in the data folder)")
    serve = commands.add_parser("serve", parents=[common, database], help="run head office's server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    server = commands.add_parser("server", parents=[common, database], help="head office's administration commands")
    tasks = server.add_subparsers(dest="server_command", metavar="TASK", required=True)
    tasks.add_parser("create-association", parents=[later], help="add an association; prints its enrolment code")\
        .add_argument("name")
    tasks.add_parser("enrolment-code", parents=[later], help="a fresh code for another laptop").add_argument("name")
    user = tasks.add_parser("add-user", parents=[later], help="add a head-office staff login")
    user.add_argument("email")
    user.add_argument("--password", default=None, help="for scripts and tests; otherwise you are asked")
    tasks.add_parser("revoke-device", parents=[later], help="refuse a laptop from now on").add_argument("device_id")
    imported = tasks.add_parser("import-bundle", parents=[later], help="apply a laptop's bundle file")
    imported.add_argument("bundle_file", metavar="FILE")
    imported.add_argument("--receipt", default=None, help="where to write the receipt (default: beside the bundle)")


def _database(args) -> str:
    import os

    if args.database or os.environ.get("QUORUM_DATABASE"):
        return args.database or os.environ["QUORUM_DATABASE"]
    return f"sqlite:///{places.data_dir(args.data_dir) / 'head-office.sqlite'}"


def cmd_enrol(args) -> str:
    from app.services import AssociationFile
    from app.sync import enrol, join

    folder = places.data_dir(args.data_dir)
    if args.new or not (args.file or places.last_opened(folder)):
        path = join(Path(args.file).parent if args.file else folder, args.url, args.code)
        places.remember_opened(path.parent, path)
        with AssociationFile.open(path) as book:
            received = book.sync_with_head_office().received
        return f"Enrolled a new association file, {path}, and received {received} records from head office."
    with AssociationFile.open(association_path(args)) as book:
        answer = enrol(book, args.url, args.code)
    return (f"This laptop is now enrolled with head office for {answer['association_name']}; "
            "run “quorum sync” to send the record.")


def cmd_sync(args) -> str:
    from app.services import AssociationFile

    with AssociationFile.open(association_path(args)) as book:
        if args.problems:
            problems = book.sync_problems()
            return "\n".join(p.sentence for p in problems) or "Head office has accepted every change sent."
        report = book.sync_with_head_office(args.server)
        refused = {r["op_id"] for r in report.refused}
        return "\n".join([report.sentence, *(p.sentence for p in book.sync_problems() if p.op_id in refused)])


def cmd_export_bundle(args) -> str:
    from app.services import AssociationFile
    from app.sync import export_bundle

    with AssociationFile.open(association_path(args)) as book:
        manifest = export_bundle(book, Path(args.out))
    return (f"Wrote {manifest['ops']} changes to {args.out}. Give it to head office; import the receipt they "
            "give back with “quorum import-receipt FILE”.")


def cmd_import_receipt(args) -> str:
    from app.services import AssociationFile
    from app.sync import import_receipt

    with AssociationFile.open(association_path(args)) as book:
        report = import_receipt(book, Path(args.receipt_file))
    refused = f" {len(report.refused)} were not accepted; see “quorum sync --problems”." if report.refused else ""
    return f"Head office received {report.sent + report.duplicates} changes.{refused}"


def cmd_serve(args) -> str:
    from app.server.serve import serve

    serve(_database(args), args.host, args.port, args.workers)
    return ""


def cmd_server(args) -> str:
    import getpass

    from sqlalchemy.exc import SQLAlchemyError

    from app.errors import HeadOfficeError
    from app.server import admin, db

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
        admin.add_user(engine, args.email, password)
        return f"Added a head-office login for {args.email.strip().lower()}."
    if task == "revoke-device":
        return f"The laptop {args.device_id} of {admin.revoke_device(engine, args.device_id)} can no longer sync."
    done = admin.import_bundle(engine, Path(args.bundle_file), Path(args.receipt) if args.receipt else None)
    refused = f", {done.count('rejected')} not accepted" if done.count("rejected") else ""
    return (f"Imported the bundle for {done.association}: {done.count('ok')} new changes, "
            f"{done.count('duplicate')} already here{refused}. Give the laptop this receipt: {done.receipt}")


COMMANDS = {
    "new": cmd_new,
    "demo": cmd_demo,
    "check": cmd_check,
    "backup": cmd_backup,
    "backups": cmd_backups,
    "restore": cmd_restore,
    "print": cmd_print,
    "members": cmd_members,
    "enrol": cmd_enrol,
    "sync": cmd_sync,
    "export-bundle": cmd_export_bundle,
    "import-receipt": cmd_import_receipt,
    "serve": cmd_serve,
    "server": cmd_server,
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    log_file = journal.start(Path(args.file).expanduser().parent if args.file else places.data_dir(args.data_dir))
    if args.command is None:
        from ui.application import run

        return run(args)
    try:
        message = COMMANDS[args.command](args)
    except (QuorumError, FileExistsError) as error:
        journal.refused(error)
        print(error, file=sys.stderr)
        return 1
    except PermissionError as error:
        journal.refused(error)
        print(f"Quorum is not allowed to use {error.filename}.", file=sys.stderr)
        return 1
    except Exception as error:  # the last safety net: one sentence, details (without names) in the log
        journal.unexpected(error)
        print(f"Quorum hit an unexpected problem and stopped; nothing was half-saved. Details are in {log_file}.",
              file=sys.stderr)
        return 2
    if message:
        print(message)
    return 0


if __name__ == "__main__":
    sys.exit(main())
