"""Passwords, API tokens, roles and envelope encryption of secrets."""
