"""The published site: the guideline, every submission and every evaluation as MkDocs pages."""
