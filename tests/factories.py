"""Factories for the portal's content, with realistic Vietnamese defaults."""

import datetime

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from django.utils import timezone

from wagtail.models import Collection, PageViewRestriction

from home.models import HomePage, PortalImage
from home.vietnamese import slugify
from news.models import ArticlePage, ArticlePageAuthor, Author, Partner, Province, SectionPage


class PortalImageFactory(wagtail_factories.ImageFactory):
    class Meta:
        model = PortalImage

    collection = factory.LazyFunction(Collection.get_first_root_node)
    title = factory.Sequence(lambda n: f"Ảnh lễ ký kết {n}")
    alt_text = factory.Sequence(lambda n: f"Quang cảnh lễ ký kết số {n}")
    caption = "Quang cảnh buổi lễ"
    credit = "Ảnh: Phóng viên"
    file = factory.django.ImageField(width=1200, height=800, color="#a50e24", filename="le-ky-ket.jpg")


class AuthorFactory(DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Phóng viên Số {n}")
    organisation = "Sở TT&TT Long An"


class PartnerFactory(DjangoModelFactory):
    class Meta:
        model = Partner
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Đối tác {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.name))


class SectionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = SectionPage

    title = factory.Sequence(lambda n: f"Chuyên mục {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.title))
    show_in_menus = True
    parent = factory.LazyFunction(HomePage.objects.get)


class ArticlePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArticlePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Lễ ký kết hợp tác số {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.title))
    sapo = "Ngày 27/8/2018, hai đơn vị đã ký kết thỏa thuận hợp tác."
    date = factory.Sequence(
        lambda n: timezone.make_aware(datetime.datetime(2024, 1, 1, 9, 30) + datetime.timedelta(days=n))
    )
    parent = factory.SubFactory(SectionPageFactory)

    @factory.post_generation
    def authors(page, create, extracted, **kwargs):
        if extracted:
            page.authors = [ArticlePageAuthor(author=author) for author in extracted]
            if create:
                page.save()

    @factory.post_generation
    def provinces(page, create, extracted, **kwargs):
        if extracted:
            page.provinces.set(list(Province.objects.filter(name__in=extracted)))
            if create:
                page.save()

    @factory.post_generation
    def partners(page, create, extracted, **kwargs):
        if extracted:
            page.partners.set(extracted)
            if create:
                page.save()


def hidden_articles(parent, title="Tin mật", **kwargs):
    """One article in each state that no public surface may show, keyed by state.

    Titles are `title` plus the state, so a search for the title finds them if they leak.
    """
    hidden = {
        "draft": ArticlePageFactory(parent=parent, title=f"{title} bản nháp", live=False, **kwargs),
        "unpublished": ArticlePageFactory(parent=parent, title=f"{title} đã gỡ", **kwargs),
        "login": ArticlePageFactory(parent=parent, title=f"{title} cần đăng nhập", **kwargs),
        "password": ArticlePageFactory(parent=parent, title=f"{title} có mật khẩu", **kwargs),
        "scheduled": ArticlePageFactory(parent=parent, title=f"{title} hẹn giờ", live=False, **kwargs),
    }
    hidden["unpublished"].unpublish()
    PageViewRestriction.objects.create(page=hidden["login"], restriction_type=PageViewRestriction.LOGIN)
    PageViewRestriction.objects.create(
        page=hidden["password"], restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
    )
    scheduled = hidden["scheduled"]
    scheduled.go_live_at = timezone.now() + datetime.timedelta(days=3)
    scheduled.save_revision().publish()
    scheduled.refresh_from_db()
    assert not scheduled.live and not hidden["draft"].live and not hidden["unpublished"].live
    return hidden
