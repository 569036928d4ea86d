"""The JSON API: FastAPI routers over the services in `kadiyan.api.services`.

`kadiyan.api.app.create_app` builds the whole app (API and web pages) over one store.
"""
