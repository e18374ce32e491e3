"""Executable checks: drafts are tested against the rulebook's check specifications."""
