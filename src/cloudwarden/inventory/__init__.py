"""Resource and inventory model, the resource-type registry and its field documentation.

This package knows nothing about boto3: collectors produce documents, this package types them.
"""
