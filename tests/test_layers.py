"""The layers check themselves: import-linter's contracts (pyproject.toml, [tool.importlinter]) pass,
every module of app is placed on one side of each contract, and a contract broken on purpose fails.

The contracts (docs/architecture.md explains them):
- app never imports Qt (PySide6) or the UI;
- ui reaches app only through the front door (app.services), the model's dataclasses and a few
  small modules of values and words (ALLOWED_FOR_UI below);
- head office's server never imports the laptop's services, store or sync client, and the laptop
  never imports the server;
- the core (app.core, app.rules, app.model) imports nothing from the store, sync, reports or services;
- the sync client never imports the front door that calls it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
CONTRACTS = {contract["id"]: contract for contract in CONFIG["contracts"]}
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", str(ROOT / "pyproject.toml")], cwd=root,
                          capture_output=True, text=True, timeout=300, env={"PYTHONPATH": str(root), "PATH": ""})


def app_modules() -> set[str]:
    """app's top-level modules and packages, as ``app.NAME``."""
    found = {f"app.{p.stem}" for p in (ROOT / "app").glob("*.py") if p.stem != "__init__"}
    return found | {f"app.{p.name}" for p in (ROOT / "app").iterdir() if (p / "__init__.py").exists()}


def test_the_import_contracts_hold():
    done = lint(ROOT)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert f"Contracts: {len(CONTRACTS)} kept, 0 broken." in done.stdout


def test_every_module_of_app_is_placed_for_the_ui():
    """A new module of app must be either allowed to the UI or forbidden to it, on purpose."""
    ui = CONTRACTS["ui-front-door"]
    allowed = set(CONFIG["ui_may_use"])
    assert allowed.isdisjoint(ui["forbidden_modules"])
    assert app_modules() == allowed | set(ui["forbidden_modules"])


def test_every_module_of_the_laptop_is_kept_from_the_server():
    laptop = set(CONTRACTS["laptop-without-server"]["source_modules"])
    assert app_modules() - {"app.server"} <= laptop


BREAKS = {  # contract id -> (file written into a copy of the code, what it imports)
    "app-without-qt": ("app/words_on_screen.py", "import PySide6.QtWidgets\n"),
    "ui-front-door": ("ui/sneaky.py", "from app.store import Store\n"),
    "server-apart": ("app/server/sneaky.py", "from app.services import AssociationFile\n"),
    "laptop-without-server": ("app/services/sneaky.py", "def later():\n    from app.server import db\n"),
    "pure-core": ("app/core/sneaky.py", "from app.reports import minutes_pdf\n"),
    "sync-below-front-door": ("app/sync/sneaky.py", "from app.services import AssociationFile\n"),
}


def test_each_contract_is_tested_by_breaking_it():
    assert set(BREAKS) == set(CONTRACTS)


@pytest.mark.slow
@pytest.mark.parametrize("contract", sorted(BREAKS))
def test_a_broken_contract_fails(tmp_path, contract):
    for package in ("app", "ui"):
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    path, text = BREAKS[contract]
    (tmp_path / path).write_text(text)
    done = lint(tmp_path)
    assert done.returncode != 0, done.stdout[-3000:]
    broken = [line.split(" BROKEN")[0] for line in done.stdout.splitlines() if " BROKEN" in line]
    assert broken == [CONTRACTS[contract]["name"]], done.stdout[-3000:]
