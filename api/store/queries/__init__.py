"""Database queries, one module per aggregate. They return domain values or plain rows.

Write functions only stage changes (add, flush, delete); ``api/services`` commits.
"""
