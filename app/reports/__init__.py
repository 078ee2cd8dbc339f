"""Printed documents: minutes, action list, agenda with notice, sign-in sheet and ballot slips.

Each renders from the plain dataclasses in app.model alone and writes an A4 PDF with embedded
fonts. Importing this package loads reportlab, which is slow, so import it only when printing.
"""

from app.reports.actions import actions_pdf
from app.reports.agenda import agenda_pdf
from app.reports.ballots import ballots_pdf
from app.reports.minutes import minutes_pdf
from app.reports.signin import signin_pdf

__all__ = ["actions_pdf", "agenda_pdf", "ballots_pdf", "minutes_pdf", "signin_pdf"]
