"""Replace Wagtail's placeholder welcome page with the portal's home page and site."""

from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("home.HomePage")

    if HomePage.objects.exists():
        return
    Page.objects.filter(content_type__app_label="wagtailcore", content_type__model="page", depth=2).delete()
    Site.objects.all().delete()
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="home")
    locale, _ = Locale.objects.get_or_create(language_code="vi")
    homepage = HomePage.objects.create(
        title="Trang chủ",
        draft_title="Trang chủ",
        slug="trang-chu",
        content_type=content_type,
        locale=locale,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/trang-chu/",
        live=True,
    )
    root = Page.objects.get(depth=1)
    root.numchild = 1
    root.save(update_fields=["numchild"])
    Site.objects.create(hostname="localhost", port=80, root_page=homepage, is_default_site=True, site_name="Cổng Tin")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_pages_images_settings"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_homepage, migrations.RunPython.noop)]
