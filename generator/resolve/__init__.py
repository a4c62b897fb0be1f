"""Resolve: every analysis and the curation -> one Dossier with stable ids."""
