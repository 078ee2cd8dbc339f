"""Head office's server: the sync API, the one write path, and the staff pages (docs/sync.md)."""
