"""One word for one thing (issue 28.7): no admin message, as the newsroom reads it, uses a synonym
that docs/glossary-vi.md rejects ("không dùng")."""

import json
import re
from pathlib import Path

from bs4 import BeautifulSoup

from django.utils import translation

from .test_admin_vietnamese import SITE_PACKAGES, _msgids

ROOT = Path(__file__).resolve().parents[1]
REJECTED = re.compile(r"\(không dùng: ([^)]*)\)")


def rejected_synonyms():
    """{rejected word: the glossary's word}, from the glossary's "không dùng" notes."""
    rejected = {}
    for line in (ROOT / "docs/glossary-vi.md").read_text(encoding="utf-8").splitlines():
        if match := REJECTED.search(line):
            chosen = line.split("→", 1)[1].split("(", 1)[0].strip()
            rejected.update({word.strip(): chosen for word in match[1].split(",")})
    return rejected


def _uses(text, word):
    """Whether `text` uses `word` as a whole word ("đã đăng nhập", logged in, is not "đã đăng", published)."""
    pattern = rf"(?<!\w){re.escape(word)}(?!\w)(?! nhập| ký)"
    return re.search(pattern, text, flags=re.IGNORECASE) is not None


def test_the_glossary_names_the_synonyms_the_newsroom_does_not_use():
    rejected = rejected_synonyms()
    assert rejected["Phê chuẩn"] == "Duyệt"
    assert rejected["Đặt lịch"] == rejected["Hẹn giờ"] == "Lên lịch"


def test_no_server_message_uses_a_rejected_synonym():
    catalogues = [
        *SITE_PACKAGES.glob("wagtail/**/locale/en/LC_MESSAGES/django.po"),
        SITE_PACKAGES / "django/contrib/admin/locale/en/LC_MESSAGES/django.po",
        SITE_PACKAGES / "django/contrib/auth/locale/en/LC_MESSAGES/django.po",
        SITE_PACKAGES / "taggit/locale/en/LC_MESSAGES/django.po",
        ROOT / "site/locale/vi/LC_MESSAGES/django.po",
    ]
    msgids = {msgid.replace('\\"', '"').replace("\\n", "\n") for po in catalogues for msgid in _msgids(po) if msgid}
    found = {}
    with translation.override("vi"):
        for msgid in sorted(msgids):
            text = translation.gettext(msgid)
            for word, chosen in rejected_synonyms().items():
                if _uses(text, word):
                    found[msgid] = f"{text} ({word} → {chosen})"
    assert found == {}


def test_no_javascript_message_uses_a_rejected_synonym(client):
    response = client.get("/admin/jsi18n/")
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});", response.content.decode(), re.S).group(1))
    found = {}
    for msgid, text in catalogue.items():
        for word, chosen in rejected_synonyms().items():
            if any(_uses(string, word) for string in ([text] if isinstance(text, str) else text)):
                found[msgid] = f"{text} ({word} → {chosen})"
    assert found == {}


def test_the_editors_guide_uses_no_rejected_synonym():
    guide = (ROOT / "docs/huong-dan-bien-tap.md").read_text(encoding="utf-8")
    assert [word for word in rejected_synonyms() if _uses(guide, word)] == []


def test_the_province_and_partner_fields_say_what_an_editor_does(section, admin_client):
    form = admin_client.get(f"/admin/pages/add/news/articlepage/{section.pk}/").content.decode()
    assert (
        "Gõ tên tỉnh, thành phố (có dấu hay không dấu đều được) rồi chọn trong danh sách gợi ý; "
        "gõ dấu phẩy để thêm tỉnh, thành phố khác."
    ) in form
    assert (
        "Gõ một từ bất kỳ trong tên hoặc tên đầy đủ của đối tác rồi chọn trong danh sách gợi ý; "
        "gõ dấu phẩy để thêm đối tác khác."
    ) in form
    assert "dấu ngoặc kép" not in form


def test_the_image_upload_asks_for_a_file_not_a_text_file(admin_client):
    form = admin_client.get("/admin/images/add/").content.decode()
    label = BeautifulSoup(form, "html.parser").find("label", attrs={"for": "id_file"})
    assert label.get_text(strip=True) == "Tệp*"
    assert "Tệp văn bản" not in form
