"""Errors a chair may see: each message is one plain sentence, never a traceback."""


class QuorumError(Exception):
    """Something went wrong that the chair can understand and act on."""


class DamagedFileError(QuorumError):
    """The association file is damaged or is not a Quorum file."""


class NewerFileError(QuorumError):
    """The file was saved by a newer version of Quorum."""


class NotFoundError(QuorumError):
    """The record asked for does not exist."""


class LockedError(QuorumError):
    """Approved minutes and what they record cannot be changed."""


class RuleError(QuorumError):
    """The constitution does not allow what was asked."""


class ImportFileError(QuorumError):
    """A member list could not be read at all."""


class DiskError(QuorumError):
    """The disk is full or the folder cannot be written; nothing was saved."""


class InUseError(QuorumError):
    """Another Quorum has the association file open for writing."""


class FileGoneError(DiskError):
    """The file was moved, deleted or replaced, or its memory stick removed, while it was open."""


class ReadOnlyError(DiskError):
    """The file was opened read-only (in use elsewhere, or on a medium that cannot be written)."""


class SyncError(QuorumError):
    """Sending to or receiving from head office did not work."""


class HeadOfficeUnreachableError(SyncError):
    """Head office could not be reached; changes stay queued for next time."""


class UpdateNeededError(SyncError):
    """This laptop and head office run versions of Quorum that cannot sync; one needs updating."""


class NotEnrolledError(SyncError):
    """This association file is not enrolled with head office yet."""


class KeyringError(SyncError):
    """The system keyring holding the head-office token could not be read; the enrolment is not lost."""


class BundleError(QuorumError):
    """A bundle or receipt file is damaged, altered, or for another laptop."""


class HeadOfficeError(QuorumError):
    """A head-office administration command could not be done."""
