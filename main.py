"""Quorum: the app by default, and command-line subcommands for the same work.

Every command prints plain messages and, on a problem the user can act on, exits non-zero with
one clear sentence and no traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app import places
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
    printing.add_argument("document", choices=["minutes", "actions", "agenda", "signin", "ballots"])
    printing.add_argument("--meeting", default=None, help="latest, next or a meeting id (default suits the document)")
    printing.add_argument("--post", help="for ballots: which election (default: the first contested one)")
    printing.add_argument("--large-print", action="store_true", help="16 point text for members with low vision")
    printing.add_argument("--out", required=True, help="the PDF file to write")
    return parser


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
                  "ballots": "ballot slips"}


def cmd_print(args) -> str:
    from app.services import AssociationFile

    which = args.meeting or ("latest" if args.document == "minutes" else "next")
    with AssociationFile.open(association_path(args)) as book:
        meeting = book.find_meeting(which)
        book.print_document(args.document, meeting.id, Path(args.out), large_print=args.large_print, post=args.post)
    return f"Saved the {DOCUMENT_NAMES[args.document]} to {args.out}."


COMMANDS = {
    "new": cmd_new,
    "demo": cmd_demo,
    "check": cmd_check,
    "backup": cmd_backup,
    "backups": cmd_backups,
    "restore": cmd_restore,
    "print": cmd_print,
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        from ui.application import run

        return run(args)
    try:
        message = COMMANDS[args.command](args)
    except QuorumError as error:
        print(error, file=sys.stderr)
        return 1
    except FileExistsError as error:
        print(error, file=sys.stderr)
        return 1
    except PermissionError as error:
        print(f"Quorum is not allowed to use {error.filename}.", file=sys.stderr)
        return 1
    if message:
        print(message)
    return 0


if __name__ == "__main__":
    sys.exit(main())
