"""The rulebook: its model, vocabulary, loader, coverage, versions and diffs."""
