"""`python -m kadiyan` is the `kadiyan` command."""

from kadiyan.cli.main import app

app()
