"""The laptop's command line: the same work as the app, for scripts and for a chair who prefers typing.

Every command prints plain messages and, on a problem the user can act on, exits non-zero with
one clear sentence and no traceback. Head office's commands (``serve``, ``server ...``) live beside
the server, in ``app/server/commands.py``; ``main.py`` puts the two together.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from app import __version__, journal, places
from app.errors import NotFoundError, QuorumError

Command = Callable[[argparse.Namespace], str]
AddParsers = Callable[[argparse._SubParsersAction, argparse.ArgumentParser], None]


def common_options(default=None) -> argparse.ArgumentParser:
    """--data-dir and --file, accepted before or after the command name."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=default,
                        help="folder holding association files (or set QUORUM_DATA_DIR)")
    common.add_argument("--file", default=default, help="the association file to use (default: the one opened last)")
    return common


def build_parser(*more: AddParsers) -> argparse.ArgumentParser:
    """Every laptop command, then those ``more`` adds (head office's, from main.py)."""
    common = common_options(argparse.SUPPRESS)  # so an option given before the command is not reset after it
    parser = argparse.ArgumentParser(prog="quorum", parents=[common_options()],
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
    constitution = commands.add_parser("attach-constitution", parents=[common],
                                       help="keep the constitution as adopted (.txt or .pdf) for the landlord's pack")
    constitution.add_argument("constitution_file", metavar="FILE")
    _members_parser(commands, common)
    _sync_parsers(commands, common)
    for add in more:
        add(commands, common)
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


def _sync_parsers(commands, common) -> None:
    """Head office, seen from the laptop: enrol, sync, and the offline bundle."""
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
        places.remember_opened(book.path.parent, book.path, args.name.strip())
        return f"Created {args.name.strip()} in {book.path}."


def cmd_demo(args) -> str:
    from app.demo import NAME
    from app.services import AssociationFile

    folder = places.data_dir(args.data_dir)
    if args.if_no_data and places.association_files(folder):
        return ""
    path = AssociationFile.create_demo(folder)
    places.remember_opened(folder, path, NAME)
    return f"Created the demo association, {NAME}, in {path}."


def cmd_check(args) -> str:
    from app.services import AssociationFile

    path = association_path(args)
    report = AssociationFile.health(path)
    with AssociationFile.open(path, read_only=True) as book:
        altered = book.minutes.altered_minutes()
        changed = book.altered_changes()
    if altered:
        raise QuorumError(
            "The approved minutes of " + ", ".join(altered) + " were changed outside Quorum after approval."
        )
    if changed:
        one = len(changed) == 1
        raise QuorumError(f"{len(changed)} change{'' if one else 's'} waiting for head office "
                          f"{'was' if one else 'were'} altered on disk after being saved, so "
                          f"{'it' if one else 'they'} will not be sent; restore a backup.")
    return (f"The file {path.name} is healthy: {report.members} members, {report.meetings} meetings, "
            "approved minutes unchanged.")


def cmd_backup(args) -> str:
    from app.services import AssociationFile

    with AssociationFile.open(association_path(args)) as book:
        return f"Backup saved to {book.backup()}."


def cmd_backups(args) -> str:
    from app.services import AssociationFile

    found = AssociationFile.backups_of(association_path(args))
    if not found:
        return "There are no backups of this association yet."
    return "\n".join(f"{b.label}\n    {b.path}" for b in found)


def cmd_restore(args) -> str:
    from app.services import AssociationFile

    path = association_path(args)
    safety = AssociationFile.restore_backup(path, Path(args.backup_file))
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
    with AssociationFile.open(association_path(args), read_only=True) as book:
        if args.document == "pack":
            warnings = book.documents.print_pack(args.year, Path(args.out), large_print=args.large_print)
            return "\n".join([f"Saved the {DOCUMENT_NAMES['pack']} for {args.year} to {args.out}.", *warnings])
        meeting = book.meetings.find_meeting(which)
        if args.docx:
            book.documents.minutes_docx(meeting.id, Path(args.out))
            return f"Saved the draft minutes as an editable Word file to {args.out}."
        warnings = book.documents.print_document(args.document, meeting.id, Path(args.out), large_print=args.large_print,
                                       post=args.post, address=args.address)
    # a name that cannot be printed is said to the chair, who asked for the document (never logged)
    return "\n".join([f"Saved the {DOCUMENT_NAMES[args.document]} to {args.out}.", *warnings])


def cmd_attach_constitution(args) -> str:
    from app.services import AssociationFile
    from app.services.constitution_file import summary

    with AssociationFile.open(association_path(args)) as book:
        book.documents.attach_constitution(Path(args.constitution_file))
        return f"Kept the constitution from {summary(book.documents.constitution_document())}"


def cmd_members(args) -> str:
    from app import exports, imports
    from app.services import AssociationFile

    path = Path(args.member_file)
    read_only = args.members_command == "export" or getattr(args, "dry_run", False)
    with AssociationFile.open(association_path(args), read_only=read_only) as book:
        if args.members_command == "export":
            columns = exports.parse_columns(args.columns) if args.columns else None
            count = exports.export_members(book.register.members(include_left=args.include_left), path, columns)
            return f"Saved {count} member{'' if count == 1 else 's'} to {path}."
        found = imports.preview(imports.read_table(path), existing=book.register.members(include_left=True))
        if not found.mapping.keys() & {"first_name", "surname", "name"}:
            raise QuorumError(imports.summary(found, 0))
        if found.members and not args.dry_run:
            book.register.add_members(found.members)
        return imports.summary(found, imported=len(found.members), dry_run=args.dry_run)


def cmd_enrol(args) -> str:
    from app.services import AssociationFile

    folder = places.data_dir(args.data_dir)
    if args.new or not (args.file or places.last_opened(folder)):
        path = AssociationFile.join(Path(args.file).parent if args.file else folder, args.url, args.code)
        places.remember_opened(path.parent, path)
        with AssociationFile.open(path) as book:
            received = book.head_office.sync_with_head_office().received
        return f"Enrolled a new association file, {path}, and received {received} records from head office."
    with AssociationFile.open(association_path(args)) as book:
        answer = book.head_office.enrol(args.url, args.code)
    return (f"This laptop is now enrolled with head office for {answer['association_name']}; "
            "run “quorum sync” to send the record.")


def cmd_sync(args) -> str:
    from app.services import AssociationFile

    with AssociationFile.open(association_path(args), read_only=args.problems) as book:
        if args.problems:
            problems = book.head_office.sync_problems()
            return "\n".join(p.sentence for p in problems) or "Head office has accepted every change sent."
        report = book.head_office.sync_with_head_office(args.server)
        refused = {r["op_id"] for r in report.refused}
        return "\n".join([report.sentence, *(p.sentence for p in book.head_office.sync_problems() if p.op_id in refused)])


def cmd_export_bundle(args) -> str:
    from app.services import AssociationFile

    with AssociationFile.open(association_path(args)) as book:
        manifest = book.head_office.export_bundle(Path(args.out))
    return (f"Wrote {manifest['ops']} changes to {args.out}. Give it to head office; import the receipt they "
            "give back with “quorum import-receipt FILE”.")


def cmd_import_receipt(args) -> str:
    from app.services import AssociationFile

    with AssociationFile.open(association_path(args)) as book:
        report = book.head_office.import_receipt(Path(args.receipt_file))
    refused = f" {len(report.refused)} were not accepted; see “quorum sync --problems”." if report.refused else ""
    return f"Head office received {report.sent + report.duplicates} changes.{refused}"


COMMANDS = {
    "new": cmd_new,
    "demo": cmd_demo,
    "check": cmd_check,
    "backup": cmd_backup,
    "backups": cmd_backups,
    "restore": cmd_restore,
    "print": cmd_print,
    "attach-constitution": cmd_attach_constitution,
    "members": cmd_members,
    "enrol": cmd_enrol,
    "sync": cmd_sync,
    "export-bundle": cmd_export_bundle,
    "import-receipt": cmd_import_receipt,
}



def run(args: argparse.Namespace, commands: dict[str, Command], log_file: Path | None) -> int:
    """Do one command: its message on stdout and 0, or one sentence on stderr and 1 (2 if unexpected)."""
    try:
        message = commands[args.command](args)
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
        details = f" Details are in {log_file}." if log_file else ""
        print(f"Quorum hit an unexpected problem and stopped; nothing was half-saved.{details}",
              file=sys.stderr)
        return 2
    if message:
        print(message)
    return 0
