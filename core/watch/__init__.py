"""Watching feeds for the morning Inbox: sources (core.watch.sources), their conditional
fetching (fetching) and reading (feeds, discovery), rules in the query language (rules,
matching), the Inbox of proposals (inbox) and the polling rounds (polling). No Qt here."""
