"""Publish: the previous published build, what is new since, the feed, redirects."""
