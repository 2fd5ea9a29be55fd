"""The evaluation wing: the rubric, scoring by the check's verdicts, advice, and evaluation reports."""
