"""Work off the request path: django-tasks' database backend and its worker (issue 15)."""

from pathlib import Path

import pytest
from django_tasks_db.models import DBTaskResult

from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.management import call_command
from django.template import engines

from wagtail.images.models import Filter
from wagtail.images.templatetags.wagtailimages_tags import ImageNode
from wagtail.search.models import IndexEntry

from home.renditions import TEMPLATE_IMAGE_SPECS, rendition_specs
from news.api import FEATURE_IMAGE_SPEC
from news.feeds import ENCLOSURE_SPEC

from .factories import ArticlePageFactory, PortalImageFactory
from .purge_backend import PURGED

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
PURGE_BACKEND = {"default": {"BACKEND": "tests.purge_backend.RecordingBackend"}}


def template_image_specs():
    """The expanded specs of every `image`/`srcset_image`/`picture` tag of every template."""
    engine = engines["django"]
    folders = [Path(folder) for folder in django_settings.TEMPLATES[0]["DIRS"]]
    folders += [Path(django_settings.BASE_DIR) / app / "templates" for app in ("home", "news")]
    specs = set()
    for folder in folders:
        for path in folder.rglob("*.html"):
            template = engine.from_string(path.read_text())
            for node in template.template.nodelist.get_nodes_by_type(ImageNode):
                specs.update(Filter.expand_spec(node.filter_specs))
    return specs


def test_the_renditions_made_ahead_are_the_sizes_the_templates_feeds_and_api_use():
    assert len(TEMPLATE_IMAGE_SPECS) == 5
    assert len(rendition_specs()) == 18
    assert set(rendition_specs()) == template_image_specs() | {ENCLOSURE_SPEC, FEATURE_IMAGE_SPEC}


def test_without_a_worker_a_new_image_has_every_template_size_at_once(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = PortalImageFactory()
    assert set(image.renditions.values_list("filter_spec", flat=True)) == set(rendition_specs())


# Committed for real: the worker closes connections left in a transaction, as a test's would be.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_the_database_backend_work_waits_for_the_worker(section, settings):
    settings.TASKS = DATABASE_TASKS
    cache.clear()  # Wagtail caches renditions by image id, and ids restart after a flush
    settings.WAGTAILFRONTENDCACHE = PURGE_BACKEND
    PURGED.clear()
    image = PortalImageFactory()
    article = ArticlePageFactory(parent=section, slug="ban-tin-hang-doi", feature_image=image, live=False)
    article.save_revision().publish()

    queued = set(DBTaskResult.objects.values_list("task_path", flat=True))
    assert {
        "home.renditions.make_renditions_task",
        "wagtail.contrib.frontend_cache.tasks.purge_urls_from_cache_task",
        "modelsearch.tasks.insert_or_update_object_task",
    } <= queued
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"READY"}
    assert image.renditions.count() == 0
    assert PURGED == []
    assert not IndexEntry.objects.filter(object_id=str(article.pk)).exists()

    call_command("db_worker", batch=True, startup_delay=False, interval=0)

    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    assert set(image.renditions.values_list("filter_spec", flat=True)) == set(rendition_specs())
    assert "http://localhost/tin-tuc-su-kien/ban-tin-hang-doi/" in PURGED
    assert IndexEntry.objects.filter(object_id=str(article.pk)).exists()


@pytest.mark.parametrize("value", ["immediate", "database"])
def test_tasks_backend_variable_picks_the_backend(value):
    import subprocess
    import sys

    code = "from django.conf import settings; print(settings.TASKS['default']['BACKEND'])"
    env = {"TASKS_BACKEND": value, "DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": "/usr/bin:/bin"}
    output = subprocess.run(  # noqa: S603
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=django_settings.BASE_DIR,
    ).stdout.strip()
    assert (
        output
        == {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[value]
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_the_database_backend_workflow_emails_wait_for_the_worker(section, settings, django_user_model):
    from django.contrib.auth.models import Group
    from django.core import mail

    from wagtail.models import Workflow

    settings.TASKS = DATABASE_TASKS
    settings.EMAIL_BACKEND = "home.mail.TaskEmailBackend"
    settings.TASKS_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.WAGTAILADMIN_NOTIFICATION_USE_HTML = True  # so the HTML part travels too
    reporter = django_user_model.objects.create_user("phongvien", "phongvien@example.gov.vn", "mat-khau")
    moderator = django_user_model.objects.create_user("kiemduyet", "kiemduyet@example.gov.vn", "mat-khau")
    moderator.groups.add(Group.objects.get(name="Biên tập viên"))
    article = ArticlePageFactory(parent=section, slug="cho-duyet", live=False)
    article.save_revision(user=reporter)
    mail.outbox.clear()

    Workflow.objects.get(name="Duyệt bài").start(article, reporter)

    assert mail.outbox == []
    assert DBTaskResult.objects.filter(task_path="home.mail.send_email_task", status="READY").count() == 1

    call_command("db_worker", batch=True, startup_delay=False, interval=0)

    assert [message.to for message in mail.outbox] == [["kiemduyet@example.gov.vn"]]
    message = mail.outbox[0]
    assert message.extra_headers == {"Auto-Submitted": "auto-generated"}
    assert article.title in message.subject
    assert [mimetype for _content, mimetype in message.alternatives] == ["text/html"]
    assert article.title in message.alternatives[0][0]


def test_the_worker_unit_runs_the_database_worker_and_restarts():
    unit = (Path(django_settings.BASE_DIR) / "deploy" / "congtin-worker.service").read_text()
    exec_lines = [line for line in unit.splitlines() if line.startswith("ExecStart=")]
    assert exec_lines == ["ExecStart=/srv/congtin/.venv/bin/python manage.py db_worker --no-reload"]
    assert "Restart=always" in unit.splitlines()
    assert "EnvironmentFile=/etc/congtin/env" in unit.splitlines()
