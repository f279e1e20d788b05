"""The demo account is safe inside a long-lived process: it changes nothing process-global."""

from __future__ import annotations

import os

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ConnectTimeoutError, ReadTimeoutError

from cloudwarden.demo.account import emulated_account
from tests.support.blackhole import blackhole


def test_the_demo_leaves_the_environment_and_botocore_of_its_process_alone():
    before = dict(os.environ)
    with emulated_account(only=frozenset({"s3"})) as demo, blackhole() as hole:
        assert dict(os.environ) == before
        assert demo.client("s3").list_buckets()["Buckets"]
        # A client of the same process that is not the demo's is not answered by the emulator.
        other = boto3.Session(
            aws_access_key_id="AKIAOTHER", aws_secret_access_key="other", region_name="us-east-1"
        ).client(
            "s3",
            endpoint_url=hole.url,
            config=Config(connect_timeout=1, read_timeout=1, retries={"total_max_attempts": 1}),
        )
        with pytest.raises((ReadTimeoutError, ConnectTimeoutError)):
            other.list_buckets()
    assert dict(os.environ) == before


def test_the_demo_session_never_carries_the_callers_credentials(monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAREALKEY")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "real-secret")
    with emulated_account(only=frozenset({"sqs"})) as demo:
        credentials = demo.session.get_credentials()
        assert credentials is not None
        assert credentials.access_key != "AKIAREALKEY"
        assert demo.client("sqs").list_queues()["QueueUrls"]
