"""The constitution as the association adopted it, attached by the chair for the landlord's yearly pack.

Quorum keeps the rules it works by as settings (quorum, majorities, notice); the landlord wants
the document the members adopted. The chair attaches it once, as a text file or a PDF, and it
is kept in the association file (on this laptop) and printed in, or appended to, each pack.
"""

from __future__ import annotations

from app import model
from app.errors import QuorumError

SETTING = "constitution_document"
LARGEST = 20 * 1024 * 1024  # a scanned constitution of many pages, not a photo album




def read_constitution(name: str, data: bytes) -> model.ConstitutionDocument:
    if data.startswith(b"%PDF-"):
        return model.ConstitutionDocument(name, pdf=data)
    if name.lower().endswith(".pdf"):
        raise QuorumError(f"{name} is not a PDF Quorum can read; try saving it again as a PDF.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise QuorumError(f"{name} is neither a PDF nor plain text; please save the constitution as either.") from None
    if not text.strip():
        raise QuorumError(f"{name} is empty.")
    return model.ConstitutionDocument(name, text=text.replace("\r\n", "\n"))
