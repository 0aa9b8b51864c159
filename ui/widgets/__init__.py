"""Reusable widgets: the board's card delegate and column view, the PDF preview."""
