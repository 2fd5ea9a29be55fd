"""Rules of the guideline: in-file rules per area, and rules across files and years."""
