"""Read: article files, pasted text, the checks of `dossier check`, the curation file."""
