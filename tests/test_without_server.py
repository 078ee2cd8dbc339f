"""A chair's install has no head-office server: `serve` and `server ...` say in one sentence how to add it,
and everything else works without the server's libraries (they are blocked here, as if not installed)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SERVER_LIBRARIES = ("fastapi", "starlette", "uvicorn", "sqlalchemy", "psycopg", "pydantic", "jinja2", "argon2",
                    "multipart", "python_multipart")
WITHOUT_SERVER = ("import sys\n"
                  f"for name in {SERVER_LIBRARIES!r}:\n"
                  "    sys.modules[name] = None  # import fails as if not installed\n"
                  "import main\n"
                  "sys.exit(main.main(sys.argv[1:]))\n")


def quorum_without_server(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", WITHOUT_SERVER, "--data-dir", str(tmp_path), *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("command", [["serve"], ["server", "create-association", "Test Street TRA"]])
def test_server_commands_say_how_to_install_the_server(tmp_path, command):
    done = quorum_without_server(tmp_path, *command)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.strip() == ("Head office's server is not installed with this copy of Quorum; "
                                   "install it with: pip install 'quorum[server]'")


def test_the_laptop_commands_work_without_the_server(tmp_path):
    assert quorum_without_server(tmp_path, "new", "Test Street TRA").returncode == 0
    done = quorum_without_server(tmp_path, "check")
    assert done.returncode == 0, done.stderr
    assert "is healthy" in done.stdout
