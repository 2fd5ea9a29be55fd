"""Pydantic models of the guideline: one module per area, plus the profile and the year report."""
