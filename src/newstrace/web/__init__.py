"""Local web app over a store."""
