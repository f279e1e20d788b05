"""Amazon Data Firehose (Kinesis Data Firehose): delivery streams, their encryption and logging.

ListDeliveryStreams answers names, ten at a time, and has no botocore paginator: the listing
walks ``ExclusiveStartDeliveryStreamName`` itself. DescribeDeliveryStream answers the rest.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from cloudwarden.aws.collectors.mapping import Tags
from cloudwarden.aws.collectors.registry import collectors
from cloudwarden.aws.collectors.spec import Call, Detail, Doc, RegionContext, ResourceSpec
from cloudwarden.inventory.registry import resource_type
from cloudwarden.inventory.resource import Document, Resource

DESTINATION_KINDS = {
    "ExtendedS3DestinationDescription": "extended_s3",
    "RedshiftDestinationDescription": "redshift",
    "ElasticsearchDestinationDescription": "elasticsearch",
    "AmazonopensearchserviceDestinationDescription": "opensearch",
    "AmazonOpenSearchServerlessDestinationDescription": "opensearch_serverless",
    "SplunkDestinationDescription": "splunk",
    "HttpEndpointDestinationDescription": "http_endpoint",
    "SnowflakeDestinationDescription": "snowflake",
    "IcebergDestinationDescription": "iceberg",
    "S3DestinationDescription": "s3",
}
"""Destination description keys, most specific first: an extended S3 destination is also
answered as a plain S3 one, so the first key present names the destination."""


S3_KINDS = frozenset({"ExtendedS3DestinationDescription", "S3DestinationDescription"})
"""Destinations that are S3 themselves; the others name their S3 backup bucket inside."""


class FirehoseDestination(Document):
    """One destination of a delivery stream."""

    destination_id: str | None = Field(default=None, description="The destination id.")
    kind: str = Field(
        description="extended_s3, s3, redshift, opensearch, splunk, http_endpoint, snowflake..."
    )
    s3_kms_key_arn: str | None = Field(
        default=None,
        description="The KMS key encrypting objects written to S3 (the destination, or the "
        "backup bucket of other kinds); null when the bucket's default encryption applies.",
    )
    cloudwatch_logging_enabled: bool = Field(
        default=False, description="Delivery errors are logged to CloudWatch Logs."
    )


@resource_type(
    "aws.firehose.delivery_stream", "A Firehose delivery stream: encryption, destinations, logs."
)
class DeliveryStream(Resource):
    """A delivery stream; its id is its name."""

    status: str | None = Field(default=None, description="CREATING, ACTIVE, DELETING...")
    stream_type: str | None = Field(
        default=None,
        description="DirectPut, KinesisStreamAsSource, MSKAsSource or DatabaseAsSource.",
    )
    created_at: datetime | None = Field(default=None, description="When it was created.")
    encryption_status: str | None = Field(
        default=None,
        description="Server-side encryption of the stream's buffer: ENABLED, ENABLING, DISABLED, "
        "DISABLING, ENABLING_FAILED...; null when it was never configured.",
    )
    encryption_key_type: str | None = Field(
        default=None, description="AWS_OWNED_CMK or CUSTOMER_MANAGED_CMK."
    )
    encryption_key_arn: str | None = Field(
        default=None, description="The customer managed key, for CUSTOMER_MANAGED_CMK."
    )
    source_kinesis_stream_arn: str | None = Field(
        default=None,
        description="The Kinesis data stream it reads, for KinesisStreamAsSource (that stream's "
        "own encryption protects the data then).",
    )
    source_msk_cluster_arn: str | None = Field(
        default=None, description="The MSK cluster it reads, for MSKAsSource."
    )
    destinations: list[FirehoseDestination] = Field(
        default_factory=list, description="Where records are delivered."
    )


def list_delivery_streams(client: Any, params: Any) -> dict[str, Any]:
    """Every delivery stream name, page after page."""
    names: list[str] = []
    request = dict(params)
    while True:
        page = client.list_delivery_streams(**request)
        names += page.get("DeliveryStreamNames", [])
        if not page.get("HasMoreDeliveryStreams") or not names:
            return {"DeliveryStreamNames": names}
        request["ExclusiveStartDeliveryStreamName"] = names[-1]


def _stream(item: Any, ctx: RegionContext) -> Doc:
    name = str(item)
    return {"id": name, "name": name, "arn": ctx.arn("firehose", f"deliverystream/{name}")}


def _destination(item: Any) -> Doc:
    key = next((k for k in DESTINATION_KINDS if k in item), None)
    description = (item.get(key) or {}) if key else {}
    s3 = description if key in S3_KINDS else (description.get("S3DestinationDescription") or {})
    kms = ((s3.get("EncryptionConfiguration") or {}).get("KMSEncryptionConfig") or {}).get(
        "AWSKMSKeyARN"
    )
    logging = description.get("CloudWatchLoggingOptions") or {}
    return {
        "destination_id": item.get("DestinationId"),
        "kind": DESTINATION_KINDS[key] if key else "unknown",
        "s3_kms_key_arn": kms,
        "cloudwatch_logging_enabled": bool(logging.get("Enabled")),
    }


_STREAM_FIELDS = (
    "arn",
    "status",
    "stream_type",
    "created_at",
    "encryption_status",
    "encryption_key_type",
    "encryption_key_arn",
    "source_kinesis_stream_arn",
    "source_msk_cluster_arn",
    "destinations",
)


def _apply_stream(doc: Doc, response: Any) -> None:
    stream = response["DeliveryStreamDescription"]
    encryption = stream.get("DeliveryStreamEncryptionConfiguration") or {}
    source = stream.get("Source") or {}
    key_type = encryption.get("KeyType")
    doc.update(
        {
            "arn": stream.get("DeliveryStreamARN") or doc["arn"],
            "status": stream.get("DeliveryStreamStatus"),
            "stream_type": stream.get("DeliveryStreamType"),
            "created_at": stream.get("CreateTimestamp"),
            "encryption_status": encryption.get("Status"),
            "encryption_key_type": key_type,
            "encryption_key_arn": encryption.get("KeyARN"),
            "source_kinesis_stream_arn": (source.get("KinesisStreamSourceDescription") or {}).get(
                "KinesisStreamARN"
            ),
            "source_msk_cluster_arn": (source.get("MSKSourceDescription") or {}).get(
                "MSKClusterARN"
            ),
            "destinations": [_destination(d) for d in stream.get("Destinations") or ()],
        }
    )


collectors.register(
    ResourceSpec(
        model=DeliveryStream,
        service="firehose",
        list=Call("ListDeliveryStreams", fetch=list_delivery_streams),
        items="DeliveryStreamNames",
        normalize=_stream,
        details=(
            Detail(
                Call("DescribeDeliveryStream", lambda doc: {"DeliveryStreamName": doc["id"]}),
                _apply_stream,
                _STREAM_FIELDS,
            ),
            Detail(
                Call("ListTagsForDeliveryStream", lambda doc: {"DeliveryStreamName": doc["id"]}),
                Tags(),
            ),
        ),
    )
)
