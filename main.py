"""Quorum: the app by default, and the command line for the same work.

The laptop's commands are in ``app/commands.py``; head office's (``serve``, ``server ...``) beside the
server in ``app/server/commands.py``. This file only puts them together and starts one or the other.
"""

from __future__ import annotations

import sys
from pathlib import Path

from app import commands, journal, places
from app.server import commands as head_office


def build_parser():
    """Every command: the laptop's, then head office's."""
    return commands.build_parser(head_office.add_parsers)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    log_folder = Path(args.file).expanduser().parent if args.file else places.data_dir(args.data_dir)
    log_file = journal.start(log_folder) if not args.file or log_folder.is_dir() else None  # never make a stick's folder
    if args.command is None:
        from ui.application import run

        return run(args)
    return commands.run(args, {**commands.COMMANDS, **head_office.COMMANDS}, log_file)


if __name__ == "__main__":
    sys.exit(main())
