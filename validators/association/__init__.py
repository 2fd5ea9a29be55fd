"""The association's own files: reviews, objections, and how they are opened."""
