"""umbrella.api: the HTTP API and the dashboard. `create_app()` returns the FastAPI app."""
from umbrella.api.app import create_app

__all__ = ["create_app"]
