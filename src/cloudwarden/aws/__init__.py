"""All AWS I/O: sessions and credentials, client configuration, regions, error kinds, collectors."""
