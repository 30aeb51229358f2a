"""Media on S3-compatible storage (django-storages), against moto's standalone server over HTTP."""

import io
import json
import os
import re
import subprocess
import sys
import tarfile
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from storages.backends.s3 import S3Storage

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import override_settings

from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction

from home.renditions import rendition_specs

from . import s3_server
from .factories import ArticlePageFactory, PortalImageFactory
from .s3_server import s3_endpoint  # noqa: F401  the session's server
from .test_backup import fresh_database  # noqa: F401

ROOT = Path(__file__).resolve().parents[1]

SETTINGS_PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.core.files.storage import default_storage
print(json.dumps({"backend": settings.STORAGES["default"]["BACKEND"],
                  "options": settings.STORAGES["default"].get("OPTIONS", {}),
                  "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
                  "url": default_storage.url("anh/le-ky-ket.jpg")}))
"""


def _run(code_or_args, env, settings_module="config.settings.production"):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "AWS_"))}
    clean.update(DJANGO_SECRET_KEY="x" * 60, DJANGO_ALLOWED_HOSTS="congtin.example.gov.vn")
    clean.update(env, DJANGO_SETTINGS_MODULE=settings_module)
    command = [sys.executable, *(["-c", code_or_args] if isinstance(code_or_args, str) else code_or_args)]
    result = subprocess.run(command, cwd=ROOT, env=clean, capture_output=True, text=True, timeout=300)  # noqa: S603
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def _origin(url):
    scheme, _sep, rest = url.partition("://")
    return f"{scheme}://{rest.split('/')[0]}"


@pytest.fixture
def bucket(s3_endpoint):  # noqa: F811
    name = f"congtin-{uuid.uuid4().hex[:12]}"
    s3_server.client(s3_endpoint).create_bucket(Bucket=name)
    return name


@pytest.fixture
def s3_media(s3_endpoint, bucket):  # noqa: F811
    with override_settings(STORAGES=s3_server.storage_settings(s3_endpoint, bucket)):
        yield bucket


def _keys(endpoint, bucket):
    listing = s3_server.client(endpoint).list_objects_v2(Bucket=bucket)
    return sorted(item["Key"] for item in listing.get("Contents", []))


def test_without_a_bucket_media_stays_on_local_disk():
    probe = json.loads(_run(SETTINGS_PROBE, {}))
    assert probe["backend"] == "django.core.files.storage.FileSystemStorage"
    assert probe["img_src"] == ["'self'", "data:"]
    assert probe["url"] == "/media/anh/le-ky-ket.jpg"


@pytest.mark.parametrize("settings_module", ["config.settings.production", "config.settings.dev"])
def test_a_bucket_switches_media_to_s3_and_the_csp_follows_its_urls(settings_module):
    env = {
        "AWS_STORAGE_BUCKET_NAME": "congtin-media",
        "AWS_S3_ENDPOINT_URL": "https://s3.example.vn:9000",
        "AWS_S3_REGION_NAME": "hn-1",
        "AWS_ACCESS_KEY_ID": "key",
        "AWS_SECRET_ACCESS_KEY": "secret",
    }
    probe = json.loads(_run(SETTINGS_PROBE, env, settings_module))
    assert probe["backend"] == "storages.backends.s3.S3Storage"
    assert probe["options"] == {
        "bucket_name": "congtin-media",
        "endpoint_url": "https://s3.example.vn:9000",
        "region_name": "hn-1",
        "access_key": "key",
        "secret_key": "secret",
        "querystring_auth": False,
        "file_overwrite": False,
    }
    assert probe["url"].startswith("https://")
    assert "?" not in probe["url"]  # plain, cacheable URLs
    assert _origin(probe["url"]) in probe["img_src"]


def test_a_cdn_domain_is_the_only_media_origin_in_the_csp():
    env = {"AWS_STORAGE_BUCKET_NAME": "congtin-media", "AWS_S3_CUSTOM_DOMAIN": "media.congtin.example.gov.vn"}
    probe = json.loads(_run(SETTINGS_PROBE, env))
    assert probe["url"] == "https://media.congtin.example.gov.vn/anh/le-ky-ket.jpg"
    assert probe["img_src"] == ["'self'", "data:", "https://media.congtin.example.gov.vn"]


@pytest.mark.django_db
def test_originals_renditions_and_documents_go_to_the_bucket(s3_endpoint, s3_media, client, section):  # noqa: F811
    image = PortalImageFactory()
    page = ArticlePageFactory(parent=section, feature_image=image)
    document = Document.objects.create(title="Quyết định", file=ContentFile(b"%PDF-1.4 quyet dinh", name="qd.pdf"))

    response = client.get(page.url)
    assert response.status_code == 200
    src = re.search(r'<img[^>]* src="([^"]+)"', response.content.decode()).group(1)
    prefix = f"{s3_endpoint}/{s3_media}/"
    assert src.startswith(prefix + "images/le-ky-ket.")
    keys = _keys(s3_endpoint, s3_media)
    renditions = [rendition.file.name for rendition in image.renditions.all()]
    assert src.removeprefix(prefix) in renditions
    assert set(renditions) | {image.file.name, document.file.name} == set(keys)
    body = s3_server.client(s3_endpoint).get_object(Bucket=s3_media, Key=document.file.name)["Body"].read()
    assert body == b"%PDF-1.4 quyet dinh"
    # Two uploads of the same name do not overwrite each other, as on local disk.
    second = PortalImageFactory()
    assert second.file.name != image.file.name
    assert image.file.name in _keys(s3_endpoint, s3_media)


def _anonymous_status(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310  the tests' own server
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_documents_stay_private_in_a_bucket_that_lets_the_public_read_images(
    s3_endpoint,  # noqa: F811
    s3_media,
    client,
    section,
):
    policy = (ROOT / "deploy" / "s3-bucket-policy.json").read_text().replace("BUCKET", s3_media)
    s3_server.client(s3_endpoint).put_bucket_policy(Bucket=s3_media, Policy=policy)
    page = ArticlePageFactory(parent=section, feature_image=PortalImageFactory())
    src = re.search(r'<img[^>]* src="([^"]+)"', client.get(page.url).content.decode()).group(1)
    public = Document.objects.create(title="Quyết định", file=ContentFile(b"%PDF-1.4 cong khai", name="qd.pdf"))
    internal = Collection.get_first_root_node().add_child(name="Nội bộ")
    CollectionViewRestriction.objects.create(collection=internal, restriction_type=CollectionViewRestriction.LOGIN)
    private = Document.objects.create(
        title="Tờ trình", file=ContentFile(b"%PDF-1.4 noi bo", name="to-trinh.pdf"), collection=internal
    )

    assert _anonymous_status(src) == 200  # the bucket serves the page's images itself
    for document in (public, private):  # but no document, whoever knows or guesses its key
        assert _anonymous_status(f"{s3_endpoint}/{s3_media}/{document.file.name}") == 403
    served = client.get(public.url)  # the application streams it from the bucket, no redirect
    assert (served.status_code, b"".join(served.streaming_content)) == (200, b"%PDF-1.4 cong khai")
    refused = client.get(private.url)
    assert refused.status_code == 302
    assert not refused["Location"].startswith(s3_endpoint)


class CountingS3Storage(S3Storage):
    """The S3 storage, counting every call that is a request to the bucket."""

    calls = []

    def exists(self, name):
        self.calls.append(("exists", name))
        return super().exists(name)

    def size(self, name):
        self.calls.append(("size", name))
        return super().size(name)

    def _open(self, name, mode="rb"):
        self.calls.append(("open", name))
        return super()._open(name, mode)

    def _save(self, name, content):
        self.calls.append(("save", name))
        return super()._save(name, content)


@pytest.mark.django_db
def test_feeds_and_sitemaps_make_no_storage_request_per_item(s3_endpoint, bucket, client, section):  # noqa: F811
    storages = s3_server.storage_settings(s3_endpoint, bucket)
    storages["default"]["BACKEND"] = f"{__name__}.CountingS3Storage"
    with override_settings(STORAGES=storages):
        for number in range(5):
            ArticlePageFactory(parent=section, title=f"Bài {number}", feature_image=PortalImageFactory())
        urls = ("/rss/", "/sitemap.xml", "/sitemap-trang.xml", section.url)
        for url in urls:  # the first views make the renditions, once
            assert client.get(url).status_code == 200
        CountingS3Storage.calls.clear()
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200
        assert response.content.decode().count(f"{s3_endpoint}/{bucket}/images/") >= 5
        assert client.get("/rss/").content.decode().count("<enclosure") == 5
        assert CountingS3Storage.calls == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # SQLite's backup API waits for open transactions
def test_backup_reads_media_from_the_bucket(s3_endpoint, s3_media, tmp_path):  # noqa: F811
    default_storage.save("anh/a.jpg", ContentFile(b"a"))
    default_storage.save("tai-lieu/con/b.pdf", ContentFile(b"bb"))
    call_command("backup", output=str(tmp_path), stdout=io.StringIO())
    with tarfile.open(tmp_path / "media.tar.gz") as archive:
        contents = {member.name: archive.extractfile(member).read() for member in archive}
    assert contents == {"anh/a.jpg": b"a", "tai-lieu/con/b.pdf": b"bb"}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_local_disk_backup_restores_into_a_bucket(s3_endpoint, bucket, tmp_path, section, fresh_database):  # noqa: F811
    cache.clear()  # Wagtail caches renditions by image id, and ids restart after a flush
    with override_settings(MEDIA_ROOT=str(tmp_path / "media")):  # this test's files only
        image = PortalImageFactory()
        page = ArticlePageFactory(parent=section, title="Bài chuyển sang S3", feature_image=image)
        call_command("backup", output=str(tmp_path / "backup"), stdout=io.StringIO())
    env = {
        "DATABASE_URL": fresh_database,
        "AWS_STORAGE_BUCKET_NAME": bucket,
        "AWS_S3_ENDPOINT_URL": s3_endpoint,
        "AWS_S3_REGION_NAME": s3_server.REGION,
        "AWS_ACCESS_KEY_ID": s3_server.ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY": s3_server.SECRET_KEY,
        "DJANGO_ALLOWED_HOSTS": "testserver",
    }
    output = _run(["manage.py", "restore", str(tmp_path / "backup"), "--yes"], env, "config.settings.dev")
    # The original and the template sizes made on upload (home.renditions).
    media = sorted([image.file.name, *image.renditions.values_list("file", flat=True)])
    assert len(media) == 1 + len(rendition_specs())
    assert output == f"restored: the database and {len(media)} media files from {tmp_path / 'backup'}"
    assert _keys(s3_endpoint, bucket) == media
    check = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        f"print(Client().get({page.url!r}).content.decode().count({f'{s3_endpoint}/{bucket}/images/'!r}))"
    )
    assert int(_run(check, env, "config.settings.dev")) >= 1
