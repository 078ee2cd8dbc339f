"""Head office's pages: staff log in, see each association's record, and download CSV files.

Server-rendered (Jinja2), no JavaScript. The session cookie is HttpOnly and SameSite=Lax; every
form carries a CSRF token that must match a second, SameSite=Strict cookie; logins are throttled per
address and per email. A housing officer sees only the associations of their patch, on every page
and in every download; an administrator sees them all.
"""

from __future__ import annotations

import hmac
import secrets
from datetime import date
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from app.server import auth, downloads, figures, summaries
from app.server.db import reading, writing
from app.server.spreadsheet import cell
from app.words import long_date

SESSION_COOKIE = "quorum_session"
CSRF_COOKIE = "quorum_csrf"
PER_EMAIL = auth.Throttle(free=5, longest=60)  # a stranger can slow a staff login down, never lock it
PER_ADDRESS = auth.Throttle(free=20, longest=15 * 60)
HERE = Path(__file__).resolve().parent

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.filters["long_date"] = long_date
templates.env.globals["MEETING_STATUS"] = {"draft": "Planned", "open": "In progress", "closed": "Held"}


class NeedsLogin(Exception):
    """The page needs a staff login; the app answers with a redirect to /login."""


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def render(request: Request, name: str, status: int = 200, **context) -> Response:
    csrf = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)
    response = templates.TemplateResponse(request, name, {"csrf": csrf, "today": date.today(), **context},
                                          status_code=status)
    if request.cookies.get(CSRF_COOKIE) != csrf:
        response.set_cookie(CSRF_COOKIE, csrf, httponly=True, samesite="strict", secure=_secure(request))
    return response


def staff(request: Request) -> auth.Staff:
    with reading(request.app.state.engine) as conn:
        user = auth.session_user(conn, request.cookies.get(SESSION_COOKIE))
    if user is None:
        raise NeedsLogin()
    return user


def csrf_ok(request: Request, token: str) -> bool:
    cookie = request.cookies.get(CSRF_COOKIE, "")
    return bool(cookie and token) and hmac.compare_digest(cookie, token)


@router.get("/login")
def login_page(request: Request) -> Response:
    return render(request, "login.html")


@router.post("/login")
def login(request: Request, email: Annotated[str, Form(max_length=320)] = "",
          password: Annotated[str, Form(max_length=1000)] = "",
          csrf: Annotated[str, Form(max_length=100)] = "") -> Response:
    if not csrf_ok(request, csrf):
        return render(request, "login.html", 403, problem="The form was out of date; please try again.")
    address = f"login-from:{request.client.host if request.client else '?'}"
    email_key = f"login:{email.strip().lower()}"
    engine = request.app.state.engine
    with writing(engine) as conn:
        wait = auth.take_turn(conn, address, PER_ADDRESS)
        if not wait:
            wait = auth.take_turn(conn, email_key, PER_EMAIL)
            if wait:
                auth.forgive(conn, address)
    if wait:
        seconds = max(1, round(wait))
        response = render(request, "login.html", 429, email=email,
                          problem=f"Too many failed attempts. Wait {_duration(seconds)}, then try again.")
        response.headers["Retry-After"] = str(seconds)
        return response
    user_id = auth.check_password(engine, email, password)  # slow on purpose, so outside any transaction
    if user_id is None:
        return render(request, "login.html", 401, email=email,
                      problem="That email address and password do not match a head-office login.")
    with writing(engine) as conn:
        auth.forgive(conn, email_key, everything=True)
        auth.forgive(conn, address)
        auth.forget_old(conn)
        session_id = auth.start_session(conn, user_id)
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(SESSION_COOKIE, session_id, httponly=True, samesite="lax", secure=_secure(request),
                        max_age=auth.SESSION_SECONDS)
    return response


def _duration(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = -(-seconds // 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


@router.post("/logout")
def logout(request: Request, csrf: Annotated[str, Form(max_length=100)] = "") -> Response:
    if not csrf_ok(request, csrf):
        return render(request, "login.html", 403, problem="The form was out of date; please try again.")
    with writing(request.app.state.engine) as conn:
        auth.end_session(conn, request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("/")
def associations_page(request: Request) -> Response:
    user = staff(request)
    with reading(request.app.state.engine) as conn:
        found = summaries.overview(conn, among=user.visible())
    for each in found:
        each.last_sync = figures.when(each.last_sync)
    return render(request, "associations.html", user=user, associations=found)


@router.get("/associations/{association_id}")
def association_page(request: Request, association_id: str) -> Response:
    user = staff(request)
    with reading(request.app.state.engine) as conn:
        found = figures.associations_overview(conn, association_id[:40], among=user.visible())
    if not found:
        return render(request, "missing.html", 404, user=user)
    return render(request, "association.html", user=user, association=found[0])


@router.get("/style.css")
def style() -> Response:
    return Response((HERE / "templates" / "style.css").read_text(encoding="utf-8"), media_type="text/css",
                    headers={"Cache-Control": "max-age=3600"})


# -- CSV ----------------------------------------------------------------------------------------

EXPORTS = {
    "meetings": ["Association", "Date", "Time", "Meeting", "Status", "Minutes", "Present", "Apologies", "Guests"],
    "decisions": ["Association", "Meeting date", "Meeting", "Motion", "For", "Against", "Abstentions", "Result",
                  "Carried"],
    "actions": ["Association", "Meeting date", "Action", "Who", "Due", "Status", "Completed"],
}


EXPORTED = {"meetings": summaries.MEETINGS, "decisions": summaries.DECISIONS, "actions": summaries.ACTIONS}


@router.get("/export/{what}.csv")
def export(request: Request, what: str) -> Response:
    user = staff(request)
    if what not in EXPORTS:
        return Response("There is no such export.", status_code=404, media_type="text/plain")
    query = EXPORTED[what]

    def part(conn, association: downloads.Listed) -> bytes:
        return downloads.csv_text(conn.execute(query, {"association": association.id, "name": cell(association.name)}))

    return downloads.download(request, user, what, EXPORTS[what], part)
