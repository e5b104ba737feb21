"""Speakers: who is quoted in an article, what they said, and the registry of people."""
