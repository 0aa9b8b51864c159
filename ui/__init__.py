"""The PySide6 shell: windows, models and dialogs over the services of `app`."""
