"""User accounts, roles and what each role may do; passwords, sessions and login throttling."""
