"""Every query of the platform, one module per aggregate; services own the transactions."""
