"""Services: one transaction per user action; they return frozen rows, never ORM objects."""
