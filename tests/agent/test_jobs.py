"""How a full scan is split: every regional service in exactly one job group."""

from __future__ import annotations

from collections import Counter

from cloudwarden.agent.jobs import GLOBAL_GROUP, global_types, group_services, plan_jobs
from cloudwarden.aws.collectors import load_all
from cloudwarden.aws.collectors.spec import Scope


def test_every_regional_service_is_in_exactly_one_group():
    regional = {s.type_name.split(".")[1] for s in load_all() if s.scope is Scope.REGIONAL}
    counted = Counter(s for services in group_services().values() for s in services)
    assert set(counted) == regional
    assert set(counted.values()) == {1}


def test_a_scan_is_one_global_job_and_one_job_per_region_and_read_group():
    jobs = plan_jobs("a" * 32, ["eu-west-1", "us-east-1"], "us-east-1")
    assert jobs[0].service_group == GLOBAL_GROUP
    assert [j.region for j in jobs].count("eu-west-1") == len(jobs[1:]) // 2
    assert len({j.slice_id for j in jobs}) == len(jobs)
    assert {j.slices_total for j in jobs} == {len(jobs)}
    assert global_types()
    assert "aws.iam.user" in global_types()
