"""Ctrl-C and SIGTERM in the middle of a scan, sent to a real process."""

from __future__ import annotations

import json
import signal
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from cloudwarden.demo.emulator import FAKE_ENVIRONMENT
from tests.cli.held_endpoint import HeldEndpoint, held_endpoint
from tests.cli.test_cli import command, environment

KMS_DONE = "collected aws.kms.key in us-east-1"
CANCELLING = "cancelling: waiting for the calls in flight"
WAIT = 120  # seconds: a safety net against a hung test, never what the test relies on


@dataclass
class Running:
    process: subprocess.Popen[str]
    held: HeldEndpoint
    stderr: list[str]

    def wait_for(self, text: str) -> None:
        """Read stderr until a line contains ``text`` (the process's own progress, no sleep)."""
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.stderr.append(line)
            if text in line:
                return
        pytest.fail(f"the process ended before printing {text!r}:\n{''.join(self.stderr)}")

    def finish(self) -> tuple[int, str]:
        _, rest = self.process.communicate(timeout=WAIT)
        return self.process.returncode, "".join(self.stderr) + rest


@dataclass
class HalfReachable:
    held: HeldEndpoint
    env: dict[str, str]


@pytest.fixture
def half_reachable(seeded_server) -> Iterator[HalfReachable]:
    """KMS answers (the emulator), SQS hangs until released: a scan that is surely mid-way."""
    with held_endpoint() as held:
        env = {
            **FAKE_ENVIRONMENT,
            "AWS_ENDPOINT_URL": seeded_server,
            "AWS_ENDPOINT_URL_SQS": held.url,
        }
        yield HalfReachable(held, env)


def start(setup: HalfReachable, *args: str) -> Running:
    process = subprocess.Popen(
        command("-v", *args, "-r", "us-east-1", "-s", "kms", "-s", "sqs", "-q"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment(setup.env),
    )
    running = Running(process, setup.held, [])
    running.wait_for(KMS_DONE)
    assert running.held.received.wait(WAIT), "the SQS call never reached the held endpoint"
    return running


def test_ctrl_c_writes_the_partial_inventory_and_exits_130(half_reachable, tmp_path):
    output = tmp_path / "inventory.json"
    running = start(half_reachable, "inventory", "aws", "-o", str(output))
    running.process.send_signal(signal.SIGINT)
    running.wait_for(CANCELLING)
    running.held.release()
    code, stderr = running.finish()
    assert code == 130, stderr
    assert "Traceback" not in stderr
    inventory = json.loads(output.read_text())
    assert inventory["complete"] is False
    assert inventory["counts"]["aws.kms.key"]["us-east-1"] >= 1


def test_sigterm_writes_the_partial_report_and_exits_143(half_reachable, tmp_path):
    output = tmp_path / "report.json"
    running = start(half_reachable, "scan", "aws", "-o", str(output))
    running.process.send_signal(signal.SIGTERM)
    running.wait_for(CANCELLING)
    running.held.release()
    code, stderr = running.finish()
    assert code == 143, stderr
    assert "Traceback" not in stderr
    report = json.loads(output.read_text())
    assert report["complete"] is False
    assert any(r["resource_type"] == "aws.kms.key" for r in report["results"])


def test_a_second_ctrl_c_aborts_at_once_without_a_traceback(half_reachable, tmp_path):
    output = tmp_path / "inventory.json"
    running = start(half_reachable, "inventory", "aws", "-o", str(output))
    running.process.send_signal(signal.SIGINT)
    running.wait_for(CANCELLING)
    running.process.send_signal(signal.SIGINT)  # the SQS call is still held: no clean finish
    code, stderr = running.finish()
    assert code == 130, stderr
    assert "aborted" in stderr
    assert "Traceback" not in stderr
    assert not output.exists()
