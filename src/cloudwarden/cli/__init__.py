"""Thin Typer commands: parse arguments, call one function of the core, print the result."""
