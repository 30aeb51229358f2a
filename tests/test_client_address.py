"""The reader's real address behind the trusted proxy: limits, IPv6 networks and the login lockout."""

import json

import pytest

from django.core.cache import cache
from django.test import Client, RequestFactory

from home.client_address import client_address, limited_address

from .factories import ArticlePageFactory


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def request(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_forwarded_for_is_ignored_unless_the_peer_is_a_trusted_proxy(settings):
    settings.RATING_TRUSTED_PROXIES = []
    assert client_address(request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"
    settings.RATING_TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_address(request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"
    assert client_address(request("127.0.0.1", "198.51.100.1")) == "198.51.100.1"
    # A client's own X-Forwarded-For before the proxy's hop is never believed.
    assert client_address(request("127.0.0.1", "192.0.2.66, 198.51.100.1")) == "198.51.100.1"
    assert client_address(request("127.0.0.1")) == "127.0.0.1"


def test_a_hop_that_is_not_an_address_gives_the_proxy_address(settings):
    settings.RATING_TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_address(request("127.0.0.1", "<script>")) == "127.0.0.1"
    assert client_address(request("127.0.0.1", "2001:DB8::0001")) == "2001:db8::1"


def test_ipv6_readers_are_limited_by_their_64(settings):
    assert limited_address(request("2001:db8:1:2:aaaa:bbbb:cccc:dddd")) == "2001:db8:1:2::/64"
    assert limited_address(request("::ffff:203.0.113.7")) == "203.0.113.7"
    assert limited_address(request("203.0.113.7")) == "203.0.113.7"


def test_votes_from_one_ipv6_64_share_one_limit(section, settings):
    settings.RATING_RATE_LIMIT = "1/10m"
    article = ArticlePageFactory(parent=section)

    def vote(address):
        return (
            Client()
            .post(
                f"/danh-gia/{article.pk}/",
                json.dumps({"score": 4}),
                content_type="application/json",
                REMOTE_ADDR=address,
            )
            .status_code
        )

    assert vote("2001:db8:1:2::1") == 200
    assert vote("2001:db8:1:2:ffff::9") == 429  # the same /64: a phone changes its address at will
    assert vote("2001:db8:1:3::1") == 200


@pytest.fixture
def login(django_user_model, settings):
    """A login to the admin as `bientap`, through the proxy, from the reader's `address`."""
    settings.AXES_ENABLED = True
    settings.RATING_TRUSTED_PROXIES = ["127.0.0.1"]
    django_user_model.objects.create_superuser("bientap", "b@example.gov.vn", "Mat-khau-dung-2026")

    def login(address, password):
        return Client().post(
            "/admin/login/",
            {"username": "bientap", "password": password},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=address,
        )

    return login


def test_login_lockout_is_per_username_and_real_address(login, settings):
    """Behind the proxy every request comes from 127.0.0.1: the lockout must see the reader."""
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login("198.51.100.66", "sai")
    assert login("198.51.100.66", "Mat-khau-dung-2026").status_code == 429
    # The editor, from her own address, still gets in.
    assert login("203.0.113.5", "Mat-khau-dung-2026").status_code == 302


def test_login_lockout_holds_across_one_ipv6_64(login, settings):
    """A /64 is one household or phone: its addresses share one count of failed logins."""
    answers = [login(f"2001:db8:1:1::{n}", "sai").status_code for n in range(1, 13)]
    limit = settings.AXES_FAILURE_LIMIT
    assert answers == [200] * (limit - 1) + [429] * (12 - limit + 1)
    assert login("2001:db8:1:1::99", "Mat-khau-dung-2026").status_code == 429
    # Another /64 (another household) is not locked out.
    assert login("2001:db8:1:2::1", "Mat-khau-dung-2026").status_code == 302
