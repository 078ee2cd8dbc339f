"""The front door: what a chair does, as methods, over one open association file.

The UI and the CLI call these and nothing lower. Each method that changes something runs in
one transaction and returns a small ``Changes`` value saying which kinds of record changed,
so the UI can broadcast it once and let each view decide whether to refresh.
"""

from app.services.association_file import AssociationFile
from app.services.changes import Changes, QuorumState
from app.store.backups import Backup

__all__ = ["AssociationFile", "Backup", "Changes", "QuorumState"]
