"""A real S3-speaking server for the tests: moto's standalone server on a free loopback port.

Tests talk to it with boto3 over HTTP, as the portal talks to MinIO or a cloud's S3 service;
nothing inside boto3 is patched.
"""

import contextlib
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ACCESS_KEY = "test-access-key"
SECRET_KEY = "test-secret-key"  # noqa: S105
REGION = "us-east-1"


def _free_port():
    with contextlib.closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(port):
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
        return True
    return False


@pytest.fixture(scope="session")
def s3_endpoint():
    """The URL of a moto server started for this test session (stopped at its end)."""
    program = shutil.which("moto_server", path=str(Path(sys.executable).parent))
    if program is None:
        pytest.skip("moto_server is not installed (requirements-dev.in: moto[server])")
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603  a fixed program on loopback
        [program, "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        for _ in range(300):  # at most ~30 s for the server to listen
            if _answers(port) or server.poll() is not None:
                break
            time.sleep(0.1)
        if not _answers(port):
            pytest.fail(f"moto_server did not listen on 127.0.0.1:{port}")
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def client(endpoint):
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        region_name=REGION,
    )


def storage_settings(endpoint, bucket, **extra):
    """STORAGES as config/settings/base.py builds them for these environment variables."""
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint,
        "region_name": REGION,
        "access_key": ACCESS_KEY,
        "secret_key": SECRET_KEY,
        "querystring_auth": False,
        "file_overwrite": False,
        **extra,
    }
    return {
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
