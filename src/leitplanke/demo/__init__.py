"""A demonstration data set: fictitious Berlin presences, people, accounts and assessments."""
