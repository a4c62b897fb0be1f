"""Dossier: turn news articles into a sourced, searchable briefing website."""

__version__ = "0.1.0"

# Bumped whenever analysis output changes for the same input, so cached analyses are redone.
PIPELINE_VERSION = "1"
