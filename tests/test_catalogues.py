"""The Vietnamese catalogues: the project's (site/locale) and the overrides of Wagtail's and Django's messages
(site/locale-overrides). The shipped .mo files must say what their .po files say."""

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest

from django.conf import settings
from django.utils import translation

ROOT = Path(__file__).resolve().parents[1]
CATALOGUES = sorted(ROOT.glob("site/locale*/vi/LC_MESSAGES/*.po"))


def _catalogue(mo_path):
    with open(mo_path, "rb") as mo:
        return gettext.GNUTranslations(mo)._catalog


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs GNU gettext's msgfmt")
@pytest.mark.parametrize("po", CATALOGUES, ids=lambda po: str(po.relative_to(ROOT)))
def test_the_shipped_mo_is_compiled_from_its_po(po, tmp_path):
    compiled = tmp_path / "fresh.mo"
    subprocess.run([shutil.which("msgfmt"), "--check", "-o", str(compiled), str(po)], check=True, capture_output=True)
    assert _catalogue(po.with_suffix(".mo")) == _catalogue(compiled)


def test_both_catalogues_are_on_the_locale_path_and_share_no_message():
    """Both beat Wagtail's own catalogues; with no msgid in both, their order never matters."""
    assert settings.LOCALE_PATHS == [ROOT / "site" / "locale", ROOT / "site" / "locale-overrides"]
    project = _catalogue(ROOT / "site/locale/vi/LC_MESSAGES/django.mo")
    overrides = _catalogue(ROOT / "site/locale-overrides/vi/LC_MESSAGES/django.mo")
    assert sorted(key for key in project.keys() & overrides.keys() if key != "") == []


def test_overrides_translate_wagtail_and_django_messages():
    with translation.override("vi"):
        assert translation.gettext("Save draft") == "Lưu nháp"
        assert translation.gettext("Collapse all") == "Thu gọn tất cả"
