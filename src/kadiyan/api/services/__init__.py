"""Read services shared by the JSON API and the web pages: plain dataclasses, no HTTP."""
