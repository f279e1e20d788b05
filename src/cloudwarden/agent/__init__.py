"""The serverless agent: a Lambda function in the customer's account, its stack and its updates.

The agent never imports :mod:`cloudwarden.platform`; the platform may import
:mod:`cloudwarden.agent.template` to serve the stack template it launches.
"""
