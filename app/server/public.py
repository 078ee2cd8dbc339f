"""The public page of a meeting's summary for members, opened from the QR code on the poster.

No login: the address holds a long random token made on the laptop, and the page shows only a
summary the chair chose to publish. It shows the chair's text and nothing else of the record, and
asks search engines not to list it.
"""

from __future__ import annotations

import hmac
import json
import re

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import select

from app import digest
from app.server.db import associations, reading, records
from app.server.pages import templates

router = APIRouter(include_in_schema=False)
TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def _published(conn, token: str) -> tuple[str, dict] | None:
    """(association name, digest document) for a published digest with this token."""
    rows = conn.execute(select(records.c.association_id, records.c.doc)
                        .where(records.c.entity == "digest", records.c.deleted.is_(False))).all()
    for row in rows:
        doc = json.loads(row.doc)
        if doc.get("published") and hmac.compare_digest(str(doc.get("token") or ""), token):
            name = conn.execute(select(associations.c.name)
                                .where(associations.c.id == row.association_id)).scalar_one()
            return name, doc
    return None


@router.get("/digest/{token}")
def digest_page(request: Request, token: str) -> Response:
    found = None
    if TOKEN.match(token):
        with reading(request.app.state.engine) as conn:
            found = _published(conn, token)
    if found is None:
        return templates.TemplateResponse(request, "digest.html", {"summary": None}, status_code=404,
                                          headers={"X-Robots-Tag": "noindex"})
    name, doc = found
    return templates.TemplateResponse(request, "digest.html",
                                      {"association": name, "summary": digest.parse(doc.get("text") or "")},
                                      headers={"X-Robots-Tag": "noindex", "Cache-Control": "no-store"})
