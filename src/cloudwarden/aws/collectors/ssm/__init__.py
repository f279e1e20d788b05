"""Systems Manager: the account's documents and parameters, patch baselines, maintenance
windows, managed instances and their compliance, and each region's Session Manager preferences.
"""
