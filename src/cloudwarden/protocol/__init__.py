"""The agent protocol: messages between the serverless agent and the platform, and signing.

Both sides import this package; it imports nothing of cloudwarden but the report model, so the
agent's Lambda zip stays small and the two sides cannot drift apart.
"""

from cloudwarden.protocol.messages import (
    AGENT_COMMANDS,
    Alert,
    AlertKind,
    CheckIn,
    Command,
    CommandName,
    Registered,
    Registration,
    ScanJob,
    SliceReport,
)
from cloudwarden.protocol.signing import (
    AGENT_HEADER,
    MAX_CLOCK_SKEW_SECONDS,
    NONCE_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    SignatureError,
    canonical_string,
    generate_private_key,
    private_key_from_pem,
    private_key_to_pem,
    public_key_pem,
    sign_request,
    verify_request,
)

__all__ = [
    "AGENT_COMMANDS",
    "AGENT_HEADER",
    "MAX_CLOCK_SKEW_SECONDS",
    "NONCE_HEADER",
    "SIGNATURE_HEADER",
    "TIMESTAMP_HEADER",
    "Alert",
    "AlertKind",
    "CheckIn",
    "Command",
    "CommandName",
    "Registered",
    "Registration",
    "ScanJob",
    "SignatureError",
    "SliceReport",
    "canonical_string",
    "generate_private_key",
    "private_key_from_pem",
    "private_key_to_pem",
    "public_key_pem",
    "sign_request",
    "verify_request",
]
