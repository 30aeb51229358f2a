"""Scheduled publishing and expiry: articles appear and go away only when `publish_scheduled` runs past their time."""

import datetime
import io
import re
from pathlib import Path
from unittest import mock

import pytest

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from news.models import ArticlePage

from .factories import ArticlePageFactory
from .test_roles import EDITOR, article_form

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"


def admin_time(value):
    """A datetime in a form the admin's date-time fields read unambiguously (ISO, local time)."""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def publish_scheduled(at):
    """Run `manage.py publish_scheduled` as if the clock said `at`."""
    with mock.patch("django.utils.timezone.now", return_value=at):
        call_command("publish_scheduled", stdout=io.StringIO())


@pytest.fixture
def editor_client(client, django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("bien_tap", "bien_tap@example.gov.vn", "mat-khau-thu-nghiem")
    user.groups.add(Group.objects.get(name=EDITOR))
    client.force_login(user)
    return client


def test_scheduled_article_goes_live_only_when_the_command_runs_past_its_time(section, editor_client, client):
    go_live = (timezone.now() + datetime.timedelta(hours=2)).replace(second=0, microsecond=0)
    url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", section.pk))
    response = editor_client.post(
        url, {**article_form("Lịch tiếp công dân tháng 12", go_live_at=admin_time(go_live)), "action-publish": "on"}
    )
    assert response.status_code == 302
    page = ArticlePage.objects.get(slug="lich-tiep-cong-dan-thang-12")
    assert page.live is False
    assert page.scheduled_revision is not None
    assert page.scheduled_revision.approved_go_live_at == go_live
    editor_client.logout()

    assert client.get(page.url).status_code == 404
    publish_scheduled(at=timezone.now())
    page.refresh_from_db()
    assert page.live is False
    publish_scheduled(at=go_live - datetime.timedelta(minutes=1))
    page.refresh_from_db()
    assert page.live is False
    assert client.get(page.url).status_code == 404

    publish_scheduled(at=go_live + datetime.timedelta(minutes=1))
    page.refresh_from_db()
    assert page.live is True
    assert client.get(page.url).status_code == 200


def test_expired_article_comes_down_only_when_the_command_runs_past_its_time(section, editor_client, client):
    page = ArticlePageFactory(parent=section, title="Thông báo tuyển dụng năm 2026")
    expire = (timezone.now() + datetime.timedelta(days=1)).replace(second=0, microsecond=0)
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    response = editor_client.post(
        url, {**article_form(page.title, expire_at=admin_time(expire)), "action-publish": "on"}
    )
    assert response.status_code == 302
    editor_client.logout()
    page.refresh_from_db()
    assert page.live is True and page.expire_at == expire

    publish_scheduled(at=expire - datetime.timedelta(minutes=1))
    page.refresh_from_db()
    assert page.live is True
    assert client.get(page.url).status_code == 200

    publish_scheduled(at=expire + datetime.timedelta(minutes=1))
    page.refresh_from_db()
    assert page.live is False and page.expired is True
    assert client.get(page.url).status_code == 404


def test_deploy_files_run_the_command_every_minute():
    cron = [line for line in (DEPLOY / "cron.example").read_text().splitlines() if line and line[0] not in "#S"]
    assert len(cron) == 1
    assert cron[0].startswith("* * * * * ")
    assert "manage.py publish_scheduled" in cron[0]
    service = (DEPLOY / "congtin-publish.service").read_text()
    assert re.search(r"^ExecStart=\S+python manage\.py publish_scheduled$", service, re.MULTILINE)
    assert "Type=oneshot" in service
    timer = (DEPLOY / "congtin-publish.timer").read_text()
    assert "OnCalendar=*-*-* *:*:00" in timer
    assert "Unit=congtin-publish.service" in timer
