"""The nginx recipe serves uploaded media from local disk, and never the documents folder."""

import contextlib
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

RECIPE = Path(__file__).resolve().parents[1] / "deploy" / "nginx-microcache.conf"


def _free_port():
    with contextlib.closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310  loopback only
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, b"", error.headers


@pytest.fixture
def nginx(tmp_path):
    """The production recipe on a loopback port, with its media folder in tmp_path."""
    program = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    if program is None:
        pytest.skip("nginx is not installed")
    port = _free_port()
    media = tmp_path / "media"
    recipe = (
        RECIPE.read_text()
        .replace("/var/cache/nginx/congtin", str(tmp_path / "cache"))
        .replace("listen 80;", f"listen 127.0.0.1:{port};")
        .replace("alias /srv/congtin/media/;", f"alias {media}/;")
    )
    (tmp_path / "microcache.conf").write_text(recipe)
    kinds = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    temp = "\n".join(f"{kind}_temp_path {tmp_path / kind};" for kind in kinds)
    (tmp_path / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"worker_processes 1;\npid {tmp_path / 'nginx.pid'};\nerror_log {tmp_path / 'error.log'};\n"
        + "events { worker_connections 64; }\n"
        + f"http {{\ninclude /etc/nginx/mime.types;\naccess_log off;\n{temp}\n"
        + f"include {tmp_path / 'microcache.conf'};\n}}\n"
    )
    subprocess.run([program, "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)], check=True, timeout=30)  # noqa: S603
    try:
        for _ in range(100):
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}", media
    finally:
        subprocess.run([program, "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path), "-s", "stop"], timeout=30)  # noqa: S603


def test_nginx_serves_local_media_but_not_documents(nginx):
    base, media = nginx
    (media / "images").mkdir(parents=True)
    (media / "documents").mkdir()
    (media / "images" / "anh.jpg").write_bytes(b"\xff\xd8jpeg")
    (media / "documents" / "mat.pdf").write_bytes(b"%PDF")
    status, body, headers = _get(f"{base}/media/images/anh.jpg")
    assert (status, body, headers["Content-Type"]) == (200, b"\xff\xd8jpeg", "image/jpeg")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "max-age=2592000" in headers["Cache-Control"]
    assert _get(f"{base}/media/documents/mat.pdf")[0] == 404
    assert _get(f"{base}/media/images/khong-co.jpg")[0] == 404
