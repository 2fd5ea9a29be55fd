"""A guideline year as data: its guideline, rubric, calendar, criteria and the measures that read them."""
