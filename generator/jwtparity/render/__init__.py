"""Render stage: snippets from the templates, the docs page's generated block, drift."""
