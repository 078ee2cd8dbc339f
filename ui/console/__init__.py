"""The live meeting console: check-in, quorum, agenda and notes, motions, votes, actions."""
