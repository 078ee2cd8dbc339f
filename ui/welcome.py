"""The three ways into Quorum on a first start, shared by the wizard and the launcher."""

NEW, OPEN, DEMO = "new", "open", "demo"
