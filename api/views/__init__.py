"""Views: the report page, its SVG charts and its PDF, rendered from shaped data.

A view turns what a service shaped (``api/schemas/report.py``) into text or bytes. It never
queries, commits or reads the clock; services call it.
"""
