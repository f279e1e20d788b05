"""The report: results, scores, grades, framework views; and its formats. No boto3 here."""
