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
