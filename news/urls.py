"""The news app's public paths (PRODUCT.md §7), mounted at the site root by config/urls.py."""

from django.urls import path

from home import converters  # noqa: F401  (registers <db_id:…>)

from . import feeds
from .views import discovery, legal, notices, ratings, reads, saved_copy, site_map

app_name = "news"


urlpatterns = [
    path("danh-gia/<db_id:page_id>/", ratings.rating, name="rating"),
    path("luot-doc/<db_id:page_id>/", reads.read_beacon, name="read"),
    path("luu-bai/<db_id:page_id>/", saved_copy.saved_copy, name="saved_copy"),
    path("tim-kiem/", discovery.search, name="search"),
    path("tinh-thanh/", discovery.province_index, name="provinces"),
    path("tinh-thanh/<slug:slug>/", discovery.province_detail, name="province"),
    path("doi-tac/", discovery.partner_index, name="partners"),
    path("doi-tac/<slug:slug>/", discovery.partner_detail, name="partner"),
    path("tac-gia/", discovery.author_index, name="authors"),
    path("tac-gia/<slug:slug>/", discovery.author_detail, name="author"),
    path("so-do-cong/", site_map.site_map, name="site_map"),
    path("thong-bao/", notices.notice_index, name="notices"),
    path("van-ban/", legal.document_index, name="legal_documents"),
    path("van-ban/<slug:slug>/", legal.document_detail, name="legal_document"),
    path("rss/", feeds.ArticleFeed(), name="feed"),
    path("rss/tinh-thanh/<slug:slug>/", feeds.ProvinceFeed(), name="province_feed"),
    path("rss/doi-tac/<slug:slug>/", feeds.PartnerFeed(), name="partner_feed"),
    path("rss/thong-bao/", feeds.NoticeFeed(), name="notice_feed"),
    # Last: any other slug under /rss/ names a section (a section may not take the slugs above:
    # SectionPage.RESERVED_SLUGS).
    path("rss/<slug:slug>/", feeds.SectionFeed(), name="section_feed"),
]
