"""The command line: a thin layer over the same services the GUI uses (CLI.md is the contract)."""
