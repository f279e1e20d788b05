"""Workload Identity Federation: the platform as an OIDC issuer for customers' AWS roles."""
