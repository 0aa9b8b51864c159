"""Pure domain: dates, money, interest, stages, due actions and scoring. Standard library only."""
