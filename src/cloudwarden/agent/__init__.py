"""The serverless agent: runs inside the customer's account as a Lambda function."""
