from __future__ import annotations

import base64
import gzip

from cloudwarden.aws.secret_detection import (
    secret_kinds_in_text,
    secret_variable_kinds,
    secret_variable_names,
    user_data_secret_kinds,
)

# Example values from AWS's documentation, assembled so the repository holds none verbatim.
ACCESS_KEY_ID = "AKIA" + "IOSFODNN7EXAMPLE"
PASSWORD = "Sup3r" + "S3cretP4ss!"


def test_variables_whose_values_look_like_secrets_are_named() -> None:
    found = secret_variable_names(
        {
            "DB_PASSWORD": PASSWORD,
            "KEY_ID": ACCESS_KEY_ID,
            "LOG_LEVEL": "info",
            "BUCKET": "my-artifacts-bucket",
            "EMPTY": "",
            "UNSET": None,
        }
    )
    assert found == ["DB_PASSWORD", "KEY_ID"]


def test_each_secret_variable_has_its_detector_kinds_and_no_value() -> None:
    found = secret_variable_kinds(
        {"DB_PASSWORD": PASSWORD, "KEY_ID": ACCESS_KEY_ID, "LOG_LEVEL": "info", "UNSET": None}
    )
    assert found == {"DB_PASSWORD": ["Secret Keyword"], "KEY_ID": ["AWS Access Key"]}
    assert PASSWORD not in repr(found)
    assert ACCESS_KEY_ID not in repr(found)


def test_references_to_a_secret_store_are_not_secrets() -> None:
    arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"
    assert secret_variable_names({"DB_PASSWORD_SECRET": arn}) == []


def test_kinds_in_a_script_never_the_secret_itself() -> None:
    script = f"#!/bin/bash\nexport AWS_ACCESS_KEY_ID={ACCESS_KEY_ID}\nyum install -y httpd\n"
    kinds = secret_kinds_in_text(script, filename="user-data.sh")
    assert "AWS Access Key" in kinds
    assert all(ACCESS_KEY_ID not in kind for kind in kinds)


def test_clean_or_missing_text_has_no_secrets() -> None:
    assert secret_kinds_in_text("#!/bin/bash\nyum install -y httpd\n", filename="u.sh") == []
    assert secret_kinds_in_text(None) == []
    assert secret_kinds_in_text("") == []


def test_user_data_is_decoded_plain_or_gzipped() -> None:
    script = f"#!/bin/bash\nexport AWS_ACCESS_KEY_ID={ACCESS_KEY_ID}\n".encode()
    plain = base64.b64encode(script).decode()
    zipped = base64.b64encode(gzip.compress(script)).decode()
    assert "AWS Access Key" in user_data_secret_kinds(plain)
    assert "AWS Access Key" in user_data_secret_kinds(zipped)
    assert user_data_secret_kinds(base64.b64encode(b"#!/bin/bash\necho ok\n").decode()) == []
    assert user_data_secret_kinds(None) == []
