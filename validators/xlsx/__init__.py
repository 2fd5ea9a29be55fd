"""Reports as Excel/WPS workbooks and back (`python -m validators xlsx`)."""
