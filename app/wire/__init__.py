"""What the laptop and head office both speak: the sync protocol's words and versions, and the offline
bundle and receipt formats. Shared by the laptop's sync client (``app.sync``) and head office's
server (``app.server``), so neither imports the other; it imports nothing of either.
"""
