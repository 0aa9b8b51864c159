"""Table models over frozen service rows, with a filtering proxy (registers, payments, settings)."""
