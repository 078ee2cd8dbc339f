"""The constitution as the association adopted it, attached by the chair for the landlord's yearly pack.

Quorum keeps the rules it works by as settings (quorum, majorities, notice); the landlord wants
the document the members adopted. The chair attaches it once, as a text file or a PDF, and it
is kept in the association file (on this laptop) and printed in, or appended to, each pack.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

from app import model
from app.errors import QuorumError

SETTING = "constitution_document"
LARGEST = 20 * 1024 * 1024  # a scanned constitution of many pages, not a photo album


class ConstitutionFile:
    store: object

    def attach_constitution(self, path: Path) -> model.ConstitutionDocument:
        """Keep the constitution from a .txt or .pdf file; the file is checked before anything is saved."""
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise QuorumError(f"Quorum could not read {path.name}: {error.strerror or error}.") from error
        if len(data) > LARGEST:
            raise QuorumError(f"{path.name} is larger than 20 MB; please attach a smaller copy of the constitution.")
        document = _document(path.name, data)
        stored = {"name": document.name, "text": document.text, "pdf": base64.b64encode(document.pdf).decode()}
        self.store.set_setting(SETTING, json.dumps(stored))
        return document

    def constitution_document(self) -> model.ConstitutionDocument | None:
        """The attached constitution, or None when the chair has not attached one."""
        stored = self.store.setting(SETTING)
        if not stored:
            return None
        fields = json.loads(stored)
        return model.ConstitutionDocument(fields["name"], fields["text"], base64.b64decode(fields["pdf"]))


def _document(name: str, data: bytes) -> model.ConstitutionDocument:
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
