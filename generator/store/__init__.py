"""Store: the analysis cache and the writer of the docs folder and the site."""
