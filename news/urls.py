"""The news app's public paths (PRODUCT.md §7), mounted at the site root by config/urls.py."""

from django.urls import path

from .views import ratings

app_name = "news"

urlpatterns = [
    path("danh-gia/<int:page_id>/", ratings.rating, name="rating"),
]
