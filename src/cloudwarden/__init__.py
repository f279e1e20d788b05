"""cloudwarden: continuous security and compliance scanning of AWS accounts."""

__version__ = "0.1.0"
