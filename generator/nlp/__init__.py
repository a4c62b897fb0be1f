"""Analyse: the only stage that imports spaCy. Article -> ArticleAnalysis."""
