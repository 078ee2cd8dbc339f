"""Head office's pages for asks of the landlord and minutes: the queue per association, the answer
form, how long asks wait (a table and CSV files), and a meeting's minutes as a PDF.

Staff pages like the rest (login, CSRF on every form); an answer is written through
``apply.answer_ask``, the one write path, as a change every laptop of the association pulls.
A housing officer sees, downloads and answers only the asks of their patch.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from app.asks import ANSWER_WORDS, who_is_asked
from app.server import apply, asks, downloads, minutes
from app.server.db import reading, writing
from app.server.pages import csrf_ok, render, staff
from app.server.spreadsheet import cell

router = APIRouter(include_in_schema=False)

WAITING_COLUMNS = ["Association", "Asks", "Answered", "Average days to first answer", "Still waiting",
                   "Longest wait so far (days)"]
ASK_COLUMNS = ["Association", "Meeting date", "Ask", "Asked of", "Came from", "Status at the association",
               "Answer", "Expected by", "Answered on", "First answered on", "Days waited"]


@router.get("/asks")
def asks_overview(request: Request) -> Response:
    user = staff(request)
    with reading(request.app.state.engine) as conn:
        found = asks.by_association(conn, among=user.visible())
    on = asks.today()
    return render(request, "asks.html", user=user, associations=found, on=on, overall=asks.overall(found, on))


@router.get("/associations/{association_id}/asks")
def association_asks(request: Request, association_id: str, saved: str = "") -> Response:
    user = staff(request)
    return _queue(request, user, association_id[:40], saved=saved[:100])


def _queue(request: Request, user, association_id: str, status: int = 200, **context) -> Response:
    with reading(request.app.state.engine) as conn:
        found = asks.by_association(conn, association_id, among=user.visible())
    if not found:
        return render(request, "missing.html", 404, user=user)
    on = asks.today()
    return render(request, "association_asks.html", status, user=user, association=found[0], on=on,
                   waiting=found[0].waiting(on), answers=ANSWER_WORDS, **context)


@router.post("/associations/{association_id}/asks/{record_id:path}")
def answer(request: Request, association_id: str, record_id: str,
           csrf: Annotated[str, Form(max_length=100)] = "",
           status: Annotated[str, Form(max_length=40)] = "",
           due: Annotated[str, Form(max_length=20)] = "",
           text: Annotated[str, Form(max_length=4000)] = "") -> Response:
    user = staff(request)
    association_id, record_id = association_id[:40], record_id[:100]
    typed = {"record_id": record_id, "status": status, "due": due, "text": text}
    if not csrf_ok(request, csrf):
        return _queue(request, user, association_id, 403, typed=typed,
                      problem="The form was out of date; please try again.")
    if not user.sees(association_id):
        return render(request, "missing.html", 404, user=user)
    fields, problem = asks.parse_answer(status, due, text)
    if fields is None:
        return _queue(request, user, association_id, 422, typed=typed, problem=problem)
    try:
        with writing(request.app.state.engine) as conn:
            apply.answer_ask(conn, association_id, record_id, fields, asks.today())
    except apply.NotAnAsk:
        return _queue(request, user, association_id, 404, typed=typed,
                      problem="That ask is no longer there; the association may have removed it.")
    return RedirectResponse(f"/associations/{association_id}/asks?saved={quote(record_id, safe='')}"
                            f"#ask-{quote(record_id, safe='')}", status_code=303)


# -- CSV ----------------------------------------------------------------------------------------

@router.get("/asks/waiting.csv")
def waiting_csv(request: Request) -> Response:
    def whole(conn, listed: list[downloads.Listed]) -> bytes:
        found = asks.by_association(conn, among=[each.id for each in listed])
        on = asks.today()
        return _csv([*([each.name, *_figures(each.waiting(on))] for each in found),
                     ["All associations", *_figures(asks.overall(found, on))]])

    return downloads.download(request, staff(request), "asks-waiting", WAITING_COLUMNS, whole=whole)


def _figures(waiting) -> list:
    return [waiting.asks, waiting.answered, waiting.average_days, waiting.waiting, waiting.longest_days]


def _csv(rows: list[list]) -> bytes:
    return downloads.csv_text([cell(v) for v in row] for row in rows)


@router.get("/asks/asks.csv")
def asks_csv(request: Request) -> Response:
    def part(conn, association: downloads.Listed) -> bytes:
        found = asks.by_association(conn, association.id)
        return _csv([[a.association, a.asked_on, a.action.description, who_is_asked(a.action), a.came_from,
                      a.action.status, ANSWER_WORDS.get(a.action.answer_status, ""), a.action.answer_due,
                      a.action.answered_on, a.action.first_answered_on, a.days]
                     for each in found for a in sorted(each.asks, key=lambda a: a.asked_on or date.min)])

    return downloads.download(request, staff(request), "asks", ASK_COLUMNS, part)


# -- minutes ------------------------------------------------------------------------------------

@router.get("/associations/{association_id}/meetings/{meeting_id}/minutes.pdf")
def minutes_pdf(request: Request, association_id: str, meeting_id: str) -> Response:
    """The minutes as the chair prints them, from the records head office holds."""
    user = staff(request)
    record = None
    if user.sees(association_id[:40]):
        with reading(request.app.state.engine) as conn:
            record = minutes.meeting_record(conn, association_id[:40], meeting_id[:100])
    if record is None:
        return render(request, "missing.html", 404, user=user)
    from app.reports import minutes_pdf as print_minutes  # reportlab loads on the first download only

    out = io.BytesIO()
    print_minutes(record, out)
    name = f"minutes-{record.meeting.date.isoformat()}-{record.meeting.kind.replace(' ', '-')}.pdf"
    return Response(out.getvalue(), media_type="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
