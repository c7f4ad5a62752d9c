"""Database queries, one module per aggregate. They return domain values or plain rows."""
