"""The `kadiyan` command line."""
