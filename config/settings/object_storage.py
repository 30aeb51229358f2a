"""Media on S3-compatible object storage (django-storages), from its own environment variables.

When AWS_STORAGE_BUCKET_NAME is set, originals, renditions and documents live in the bucket
and every app server sees the same files. Empty keys fall back to boto3's chain (instance
role, ~/.aws). django-storages also reads these settings by name, so an unset one is None,
never "". The bucket lets the public read images only (deploy/s3-bucket-policy.json):
documents are served by the application, which checks their collection's privacy.
"""

import os

AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None  # MinIO, Ceph, a local cloud's S3
AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None  # a CDN in front of the bucket
AWS_S3_ADDRESSING_STYLE = os.environ.get("AWS_S3_ADDRESSING_STYLE") or None  # "path" for most MinIO setups


def s3_storage():
    """STORAGES["default"] for the bucket."""
    options = {
        "bucket_name": AWS_STORAGE_BUCKET_NAME,
        "endpoint_url": AWS_S3_ENDPOINT_URL,
        "region_name": AWS_S3_REGION_NAME,
        "custom_domain": AWS_S3_CUSTOM_DOMAIN,
        "addressing_style": AWS_S3_ADDRESSING_STYLE,
        "access_key": os.environ.get("AWS_ACCESS_KEY_ID", ""),
        "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY", ""),
    }
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        # Public images: plain URLs (no per-URL signature, so pages cache), and uploads with
        # the same name get a new one, as on local disk (django-storages overwrites by default).
        "OPTIONS": {key: value for key, value in options.items() if value}
        | {"querystring_auth": False, "file_overwrite": False},
    }
