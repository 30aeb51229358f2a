"""Avatars never come from gravatar.com (issue 14 item 6): no e-mail hashes leave the portal."""

from django.urls import reverse


def test_admin_avatar_is_local(admin_client):
    html = admin_client.get(reverse("wagtailadmin_account")).content.decode()
    assert "gravatar" not in html
    assert 'class="avatar' in html
