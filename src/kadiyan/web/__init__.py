"""The web pages: server-rendered HTML over the same services as the API, no script."""
