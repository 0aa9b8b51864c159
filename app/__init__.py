"""Bostadsinkasso: the Qt-free core (domain, persistence, services, documents, command line)."""
