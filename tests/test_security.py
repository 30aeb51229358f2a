import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from home.models import PortalImage

from .factories import ArticlePageFactory

ROOT = Path(__file__).resolve().parents[1]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", re.IGNORECASE)


def test_public_pages_send_a_strict_content_security_policy(client, section):
    article = ArticlePageFactory(parent=section)
    for url in ("/", section.url, article.url):
        response = client.get(url)
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
        assert "frame-ancestors 'none'" in policy
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert not INLINE_SCRIPT.search(response.content.decode()), url


def test_cached_pages_keep_their_security_headers(client, section, settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    article = ArticlePageFactory(parent=section)
    client.get(article.url)
    hit = client.get(article.url)
    assert hit["X-Page-Cache"] == "HIT"
    assert "script-src 'self'" in hit["Content-Security-Policy"]
    assert hit["X-Frame-Options"] == "DENY"
    assert hit["X-Content-Type-Options"] == "nosniff"


def test_admin_keeps_wagtails_own_scripts(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response


def test_admin_path_is_configurable():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.test", DJANGO_ADMIN_PATH="quan-tri")
    code = "import django; django.setup(); from django.urls import reverse; print(reverse('wagtailadmin_home'))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "/quan-tri/"


def test_repeated_failed_logins_lock_the_account(client, django_user_model, settings):
    settings.AXES_ENABLED = True
    django_user_model.objects.create_superuser("bientap", "b@example.gov.vn", "Mat-khau-dung-2026")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post("/admin/login/", {"username": "bientap", "password": "sai"})
        assert response.status_code == 200
    assert client.post("/admin/login/", {"username": "bientap", "password": "sai"}).status_code == 429
    locked = client.post("/admin/login/", {"username": "bientap", "password": "Mat-khau-dung-2026"})
    assert locked.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in locked.content.decode()
    # The lockout is per username and address: the page says so, not that the account is shut.
    assert "Đăng nhập vào tài khoản này từ kết nối của bạn bị tạm khóa một giờ" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_failed_login_says_so_in_plain_vietnamese(client, django_user_model):
    django_user_model.objects.create_user("bientap", "b@example.gov.vn", "Mat-khau-dung-2026")
    response = client.post("/admin/login/", {"username": "bientap", "password": "sai"})
    assert response.status_code == 200
    errors = re.findall(r'<li class="error">([^<]*)</li>', response.content.decode())
    assert errors == ["Tên đăng nhập hoặc mật khẩu không đúng. Vui lòng thử lại."]
    assert "_auth_user_id" not in client.session


def test_weak_passwords_are_refused():
    for weak in ("123456", "password", "congtin"):
        with pytest.raises(ValidationError):
            validate_password(weak)


def _png(width, height):
    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, format="PNG")
    return SimpleUploadedFile("bom.png", buffer.getvalue(), content_type="image/png")


def test_decompression_bomb_images_are_refused_with_a_vietnamese_message(admin_client, settings):
    upload = _png(8000, 6000)  # 48 million pixels, a few kilobytes on disk
    assert upload.size < 100_000
    response = admin_client.post(
        "/admin/images/add/", {"title": "Ảnh", "alt_text": "Ảnh thử", "file": upload, "collection": 1}
    )
    assert response.status_code == 200
    assert PortalImage.objects.count() == 0
    text = response.content.decode()
    assert "Ảnh có quá nhiều điểm ảnh (48000000)" in text


def test_only_images_the_portal_serves_are_accepted(admin_client):
    svg = SimpleUploadedFile("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", content_type="image/svg+xml")
    response = admin_client.post(
        "/admin/images/add/", {"title": "SVG", "alt_text": "Logo", "file": svg, "collection": 1}
    )
    assert response.status_code == 200
    assert PortalImage.objects.count() == 0
    assert "Định dạng ảnh không được hỗ trợ" in response.content.decode()


def test_a_database_outage_is_a_503_to_retry_not_a_500(client, section, monkeypatch):
    from django.db import OperationalError

    from news.models import ArticlePage

    article = ArticlePageFactory(parent=section)

    def database_gone(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(ArticlePage, "get_context", database_gone)
    response = client.get(article.url)
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response.content.decode() == "Hệ thống đang tạm gián đoạn. Vui lòng thử lại sau vài giây."


def test_the_policy_sent_is_the_one_django_csp_builds_from_the_settings(client, section):
    from csp.utils import build_policy

    assert client.get(section.url)["Content-Security-Policy"] == build_policy()


# The attack of issue 20: another site posts an admin form with `redirect=1` while an admin is
# logged in. The refusal must never hand the request back with a fresh token.
ATTACKS = {
    "create a superuser": (
        "/admin/users/new/",
        {
            "username": "attacker",
            "email": "attacker@example.com",
            "first_name": "A",
            "last_name": "B",
            "password1": "Tr0ng-Dong-2026!",
            "password2": "Tr0ng-Dong-2026!",
            "is_superuser": "on",
            "is_active": "on",
            "redirect": "1",
        },
    ),
    "create a group": ("/admin/groups/new/", {"name": "Kẻ tấn công", "redirect": "1"}),
    "delete a page": ("/admin/pages/{page}/delete/", {"redirect": "1"}),
}


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_a_refused_admin_post_is_never_offered_back_with_a_fresh_token(attack, section, django_user_model):
    from django.contrib.auth.models import Group
    from django.test import Client

    from wagtail.models import Page

    django_user_model.objects.create_superuser("admin", "admin@example.com", "pw-for-tests")
    admin = Client(enforce_csrf_checks=True)
    admin.login(username="admin", password="pw-for-tests")
    article = ArticlePageFactory(parent=section)
    before = (django_user_model.objects.count(), Group.objects.count(), Page.objects.count())
    path, fields = ATTACKS[attack]
    path = path.format(page=article.pk)

    refused = admin.post(path, fields, HTTP_ORIGIN="https://evil.example", HTTP_SEC_FETCH_SITE="cross-site")
    assert refused.status_code == 403
    page = refused.content.decode()
    assert "Phiên làm việc đã hết hạn hoặc biểu mẫu đã cũ." in page
    assert 'method="post"' not in page.lower()
    assert "csrfmiddlewaretoken" not in page
    assert 'name="password1"' not in page
    # The one click the attacker hoped for: replaying whatever the page offers changes nothing.
    assert admin.post(path, fields).status_code == 403
    assert (django_user_model.objects.count(), Group.objects.count(), Page.objects.count()) == before
    assert not django_user_model.objects.filter(username="attacker").exists()
