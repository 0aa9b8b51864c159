"""Forms and dialogs of the registers, payments and settings: every field with its own Swedish error line."""
