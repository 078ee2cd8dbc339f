"""The constitution as the association adopted it, attached by the chair for the landlord's yearly pack.

Quorum keeps the rules it works by as settings (quorum, majorities, notice); the landlord wants
the document the members adopted. The chair attaches it once, as a text file or a PDF, and it
is kept in the association file (on this laptop) and printed in, or appended to, each pack.
A file is read and checked whole before anything is kept, so a bad one leaves the last one in place.
"""

from __future__ import annotations

import base64
import json
from datetime import date

from app import model
from app.errors import QuorumError
from app.words import long_date, plural

SETTING = "constitution_document"
LARGEST = 20 * 1024 * 1024  # a scanned constitution of many pages, not a photo album
WORD_PROCESSOR = (".doc", ".docx", ".odt", ".rtf", ".pages")


def read_constitution(name: str, data: bytes, today: date | None = None) -> model.ConstitutionDocument:
    """The constitution in ``data`` (the bytes of the file called ``name``), or a plain refusal."""
    if len(data) > LARGEST:
        raise QuorumError(f"{name} is larger than 20 MB; please attach a smaller copy of the constitution.")
    if data.startswith(b"%PDF-"):
        return model.ConstitutionDocument(name, pdf=data, attached=today, pages=_pdf_pages(name, data))
    if name.lower().endswith(".pdf"):
        raise QuorumError(f"{name} is not a PDF Quorum can read; try saving it again as a PDF.")
    if name.lower().endswith(WORD_PROCESSOR):
        raise QuorumError(f"Quorum cannot read {name} as it is; please save the constitution as a PDF "
                          "(in Word: File, Save As, PDF) and attach that.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise QuorumError(f"{name} is neither a PDF nor plain text; please save the constitution as either.") from None
    if not text.strip():
        raise QuorumError(f"{name} is empty.")
    return model.ConstitutionDocument(name, text=text.replace("\r\n", "\n"), attached=today)


def _pdf_pages(name: str, data: bytes) -> int:
    """Its pages, opened as the pack will open them, so a damaged PDF is refused now, not at printing."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        raise QuorumError(f"{name} is not a PDF Quorum can read; try saving it again as a PDF.") from None
    try:
        count = len(document)
    finally:
        document.close()
    if not count:
        raise QuorumError(f"{name} has no pages.")
    return count


def encode(document: model.ConstitutionDocument) -> str:
    """The document as the settings table keeps it."""
    return json.dumps({"name": document.name, "text": document.text, "pdf": base64.b64encode(document.pdf).decode(),
                       "attached": document.attached.isoformat() if document.attached else "",
                       "pages": document.pages})


def decode(stored: str) -> model.ConstitutionDocument:
    fields = json.loads(stored)
    attached = fields.get("attached")  # kept since the app could attach one; older files have none
    return model.ConstitutionDocument(fields["name"], fields["text"], base64.b64decode(fields["pdf"]),
                                      date.fromisoformat(attached) if attached else None, fields.get("pages", 0))


def summary(document: model.ConstitutionDocument | None) -> str:
    """What is attached, in a sentence for the chair: its file, kind, size and when it was attached."""
    if document is None:
        return ("No constitution is attached. The landlord's pack asks for a copy to be sent with it; attach the "
                "one the members adopted, as a PDF or a text file, and it is put into the pack.")
    kind = f"a PDF of {plural(document.pages, 'page')}" if document.pdf and document.pages else (
        "a PDF" if document.pdf else "a text file")
    when = f", attached on {long_date(document.attached)}" if document.attached else ""
    where = "printed in" if document.text else "added at the end of"
    return (f"{document.name}: {kind}, {file_size(document.size)}{when}. It is {where} each yearly pack "
            "for the landlord.")


def file_size(size: int) -> str:
    """'850 bytes', '12 KB', '1.4 MB', as a file manager says it."""
    if size < 1024:
        return plural(size, "byte")
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB"
