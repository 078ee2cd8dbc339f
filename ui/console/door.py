"""The console's door: checking members in, walk-ins, guests, proxies, apologies and departures.

Each is one undoable step run through the console, so a refusal (already here, no proxies under
this constitution) is explained in a sentence and nothing is kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app import model
from ui.console import commands

if TYPE_CHECKING:  # the dialogs are imported when first opened, not as the console opens
    from ui.console.action_dialogs import GuestDialog, ProxyDialog
    from ui.console.window import ConsoleWindow
    from ui.member_dialog import MemberDialog


class Door:
    def __init__(self, console: ConsoleWindow) -> None:
        self.console = console

    @property
    def _meeting_id(self) -> str:
        return self.console.meeting.id

    def check_in(self, member: model.Member) -> None:
        console = self.console
        if console.run(commands.CheckIn(console.session, self._meeting_id, member.id, member.name)):
            console.statusBar().showMessage(f"{member.name} checked in.", 5000)
            console.checkin.ready_for_next()

    def walk_in(self) -> MemberDialog:
        from ui.member_dialog import MemberDialog

        console = self.console
        dialog = MemberDialog(parent=console)
        dialog.setWindowTitle("New member at the door")
        dialog.accepted.connect(lambda: console.run(commands.WalkIn(console.session, self._meeting_id,
                                                                    dialog.member())))
        dialog.open()
        return dialog

    def add_guest(self) -> GuestDialog:
        from ui.console.action_dialogs import GuestDialog

        console = self.console
        dialog = GuestDialog(console)
        dialog.accepted.connect(lambda: console.run(commands.Guest(
            console.session, self._meeting_id, dialog.name.text().strip(), dialog.organisation.text().strip())))
        dialog.open()
        return dialog

    def add_proxy(self) -> ProxyDialog | None:
        """Only where the constitution allows proxies; the member just found is the one giving it."""
        console = self.console
        book = console.book
        if not book.rules(console.meeting.date).proxies_allowed:
            console.problem("The constitution does not allow proxy votes.")
            return None
        here = book.door.present_ids(self._meeting_id)
        members = book.register.voting_members(console.meeting.date)
        from ui.console.action_dialogs import ProxyDialog

        dialog = ProxyDialog([m for m in members if m.id not in here], [m for m in members if m.id in here],
                             console)
        found = console.checkin.chosen()
        if found is not None and console.checkin.search.text().strip():
            dialog.choose_giver(found.id)
        dialog.accepted.connect(lambda: console.run(commands.Proxy(
            console.session, self._meeting_id, dialog.giver.currentData(), dialog.holder.currentData(),
            dialog.giver.currentText(), dialog.holder.currentText())))
        dialog.open()
        return dialog

    def apology(self, member: model.Member) -> None:
        self.console.run(commands.Apology(self.console.session, self._meeting_id, member.id, member.name))

    def departure(self, member: model.Member) -> None:
        self.console.run(commands.Departure(self.console.session, self._meeting_id, member.id, member.name))

    def apology_for_chosen(self) -> None:
        member = self.console.checkin.chosen()
        if member:
            self.apology(member)

    def departure_for_chosen(self) -> None:
        member = self.console.checkin.chosen()
        if member:
            self.departure(member)

    def focus_search(self) -> None:
        search = self.console.checkin.search
        search.setFocus()
        search.selectAll()
