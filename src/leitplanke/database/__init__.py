"""The relational store of the web application: tables, engine, sessions and migrations."""
