"""Render: Dossier + templates -> Markdown pages (pure), and the MkDocs hooks of the site."""
