"""The declared field mapper and its converters, on responses shaped like AWS's."""

from __future__ import annotations

import pytest

from cloudwarden.aws.collectors.mapping import (
    Map,
    chain,
    default,
    each,
    enabled,
    flag,
    given,
    nonempty,
    one,
    one_if_any,
    pairs,
    plain_dict,
    present,
    required,
    sorted_unique,
    strings,
    text_flag,
    text_int,
)

_TARGET = Map({"id": ("MountTargetId", required), "ip": "IpAddress"})


def test_a_map_reads_paths_and_names_its_fields_in_order() -> None:
    apply = Map({"status": "BackupPolicy.Status", "targets": ("MountTargets", each(_TARGET))})
    doc: dict[str, object] = {"id": "fs-1"}
    apply(doc, {"BackupPolicy": {"Status": "ENABLED"}, "MountTargets": [{"MountTargetId": "m"}]})
    assert apply.fields == ("status", "targets")
    assert doc == {"id": "fs-1", "status": "ENABLED", "targets": [{"id": "m", "ip": None}]}


def test_present_only_leaves_missing_fields_to_the_model_default() -> None:
    assert Map({"a": "A", "b": "B"}, present_only=True).read({"A": 1}) == {"a": 1}


def test_a_map_fills_at_least_one_field() -> None:
    with pytest.raises(ValueError, match="at least one"):
        Map({})


def test_required_makes_a_missing_value_a_failed_read() -> None:
    with pytest.raises(KeyError):
        _TARGET.read({"IpAddress": "10.0.0.1"})


def test_nonempty_turns_empty_values_into_none() -> None:
    assert [nonempty(value) for value in ("", [], None, "x", ["y"])] == [
        None,
        None,
        None,
        "x",
        ["y"],
    ]


def test_plain_dict_copies_a_map_and_gives_an_empty_one_when_none() -> None:
    found = {"env": "prod"}
    copied = plain_dict(found)
    assert copied == found
    assert copied is not found
    assert plain_dict(None) == {}


def test_chain_applies_converters_in_turn() -> None:
    read = chain(required, each(_TARGET))
    assert read([{"MountTargetId": "m", "IpAddress": "10.0.0.1"}]) == [
        {"id": "m", "ip": "10.0.0.1"}
    ]
    with pytest.raises(KeyError):
        read(None)


def test_common_converters() -> None:
    assert (enabled("Enabled"), enabled("Disabled"), enabled(None)) == (True, False, False)
    assert (flag(None), flag(1)) == (False, True)
    assert strings(None) == []
    assert strings([1, "a"]) == ["1", "a"]
    assert default("")(None) == ""
    assert default("")("x") == "x"
    assert pairs()([{"Key": "k", "Value": "v"}]) == {"k": "v"}
    assert one(_TARGET)({}) is None
    assert one(_TARGET)({"MountTargetId": "m"}) == {"id": "m", "ip": None}


def test_sorted_unique_gives_distinct_values_in_order() -> None:
    assert sorted_unique(["audit", "api", "audit"]) == ["api", "audit"]
    assert sorted_unique(None) == []


def test_a_projection_path_reads_every_enabled_item() -> None:
    logging = Map({"types": ("clusterLogging[?enabled].types[]", sorted_unique)})
    settings = [
        {"enabled": True, "types": ["audit", "api"]},
        {"enabled": False, "types": ["scheduler"]},
    ]
    assert logging.read({"clusterLogging": settings}) == {"types": ["api", "audit"]}


def test_given_keeps_the_document_value_when_the_answer_has_none() -> None:
    arn = Map({"arn": ("QueueArn", given), "url": "QueueUrl"})
    doc = {"arn": "arn:aws:sqs:us-east-1:123456789012:q"}
    arn(doc, {"QueueArn": ""})
    assert doc == {"arn": "arn:aws:sqs:us-east-1:123456789012:q", "url": None}
    arn(doc, {"QueueArn": "arn:aws:sqs:eu-west-1:123456789012:q"})
    assert doc["arn"] == "arn:aws:sqs:eu-west-1:123456789012:q"


def test_present_tells_a_missing_path_from_a_given_one() -> None:
    enabled = Map({"enabled": ("HubArn", present)})
    assert enabled.read({}) == {"enabled": False}
    assert enabled.read({"HubArn": "arn:aws:securityhub:us-east-1:123456789012:hub/default"}) == {
        "enabled": True
    }


def test_attribute_strings_as_flags_and_numbers() -> None:
    assert (text_flag("true"), text_flag("True"), text_flag("false"), text_flag(None)) == (
        True,
        True,
        False,
        False,
    )
    assert (text_int("30"), text_int(""), text_int(None)) == (30, None, None)


def test_one_if_any_is_none_when_no_field_has_a_value() -> None:
    defaults = one_if_any(
        Map({"http_tokens": "HttpTokens", "hop_limit": "HttpPutResponseHopLimit"})
    )
    assert defaults(None) is None
    assert defaults({"HttpTokens": None}) is None
    assert defaults({"HttpTokens": "required"}) == {"http_tokens": "required", "hop_limit": None}
