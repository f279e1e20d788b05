"""Policy as code: checks (YAML + CEL), policies, frameworks, pure evaluation and scoring.

Knows nothing about boto3 or AWS calls: an inventory goes in, results come out.
"""
