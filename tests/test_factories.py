from news.models import ArticlePage

from .factories import ArticlePageFactory, AuthorFactory, PartnerFactory, PortalImageFactory


def test_article_factory_builds_a_live_tagged_article(section):
    author = AuthorFactory(name="Hùng Cường")
    partner = PartnerFactory(name="Công ty Cổ phần VNG")
    article = ArticlePageFactory(
        parent=section, title="Đồng Nai: Ký kết", authors=[author], provinces=["Đồng Nai"], partners=[partner]
    )
    article = ArticlePage.objects.get(pk=article.pk)
    assert article.slug == "dong-nai-ky-ket"
    assert article.live is True
    assert [item.author.name for item in article.authors.all()] == ["Hùng Cường"]
    assert [province.slug for province in article.provinces.all()] == ["dong-nai"]
    assert [p.slug for p in article.partners.all()] == ["cong-ty-co-phan-vng"]
    assert article.get_parent().specific == section


def test_image_factory_fills_alt_text_caption_and_credit(db):
    image = PortalImageFactory()
    assert image.alt_text.startswith("Quang cảnh lễ ký kết số ")
    assert (image.width, image.height) == (1200, 800)
    assert image.credit == "Ảnh: Phóng viên"
