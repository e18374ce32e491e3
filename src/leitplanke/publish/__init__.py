"""Publication of a rulebook in every machine-readable and human-readable format."""
