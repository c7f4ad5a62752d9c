"""crampfood's HTTP service: FastAPI routes, API-key auth, persistence and the CLI."""
