"""Quorum: the app by default, and the command line for the same work.

The laptop's commands are in ``app/commands.py``; head office's (``serve``, ``server ...``) beside the
server in ``app/server/commands.py``. This file only puts them together and starts one or the other.
The app's start imports neither, nor argparse: the window comes first (docs/benchmarks.md).
"""

from __future__ import annotations

import sys
from types import SimpleNamespace


def build_parser():
    """Every command: the laptop's, then head office's."""
    from app import commands
    from app.server import commands as head_office

    return commands.build_parser(head_office.add_parsers)


def gui_options(argv: list[str]) -> SimpleNamespace | None:
    """``[--data-dir DIR] [--file FILE]`` and nothing else: the app, whose start must not wait for
    the command-line parser and its help texts. None for anything else, which argparse reads."""
    found = {"data_dir": None, "file": None}
    words = list(argv)
    while words:
        option, equals, value = words.pop(0).partition("=")
        if option not in ("--data-dir", "--file") or not (equals or words):
            return None
        found[option[2:].replace("-", "_")] = value if equals else words.pop(0)
    return SimpleNamespace(command=None, **found)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = gui_options(argv) or build_parser().parse_args(argv)
    if args.command is None:
        from ui.start import run  # it starts the log once the window is up

        return run(args)
    from app import commands, journal, places
    from app.server import commands as head_office

    log_folder = places.log_folder(args.data_dir, args.file)
    log_file = journal.start(log_folder) if log_folder else None
    return commands.run(args, {**commands.COMMANDS, **head_office.COMMANDS}, log_file)


if __name__ == "__main__":
    sys.exit(main())
