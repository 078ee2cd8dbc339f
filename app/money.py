"""Money as a treasurer writes it, £1,243.17, held as whole pence so that totals add up exactly."""

from __future__ import annotations

import re

from app.errors import QuorumError

MINUS = "\u2212"
_AMOUNT = re.compile(r"\d+(\.\d{1,2})?|\.\d{1,2}")


def pounds(pence: int) -> str:
    """'£1,243.17'; a shortfall is '−£60.00'."""
    whole, part = divmod(abs(pence), 100)
    return f"{MINUS if pence < 0 else ''}£{whole:,}.{part:02d}"


def parse_pounds(text: str) -> int:
    """Pence from '£1,243.17', '1243.17', '1243', '-60' or '(60.00)'; a plain refusal for anything else."""
    cleaned = text.strip().replace(",", "").replace("£", "").replace(" ", "")
    negative = cleaned[:1] in ("-", MINUS) or (cleaned.startswith("(") and cleaned.endswith(")"))
    cleaned = cleaned.strip("-()" + MINUS)
    if not _AMOUNT.fullmatch(cleaned):
        raise QuorumError(f"“{text.strip()}” is not an amount of money; write it like 1,243.17.")
    whole, _, part = cleaned.partition(".")
    pence = int(whole or 0) * 100 + int(part.ljust(2, "0") or 0)
    return -pence if negative else pence
