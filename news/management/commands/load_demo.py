"""Load the demo portal: site tree, sections, partners, authors and the two seed articles."""

import datetime
import json
import secrets
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from wagtail.models import Site

from home.models import HomePage, PortalImage, PortalSettings, StandardPage
from home.vietnamese import slugify
from news.demo import showcase
from news.demo.photos import ceremony_photo
from news.importers import build_article_page, from_plain_text
from news.models import ArticlePage, ArticlePageSignatory, Partner, Province, SectionPage

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"


class Command(BaseCommand):
    help = "Load the demo content. Safe to run again: it creates only what is missing."

    def handle(self, *args, **options):
        data = json.loads((DEMO_DIR / "articles.json").read_text(encoding="utf-8"))
        with transaction.atomic():
            home = self.site_tree(data)
            sections = {item["title"]: self.section(home, item) for item in data["sections"]}
            for item in data["vietnamese_pages"]:
                self.vietnamese_page(home, item)
            self.english_pages(home, data["english_pages"])
            for item in data["partners"]:
                self.partner(item)
            for item in data["articles"]:
                self.article(sections[item["section"]], item)
            showcase.load(self, home, sections)
        self.admin_account()

    def site_tree(self, data):
        home = HomePage.objects.first()
        if home is None:
            raise SystemExit("No home page: run `python manage.py migrate` first.")
        base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        site = Site.objects.get(root_page=home)
        port = base.port or (443 if base.scheme == "https" else 80)
        if (site.hostname, site.port) != (base.hostname, port):
            site.hostname, site.port = base.hostname, port
            site.save()
        portal = PortalSettings.for_site(site)
        fields = {**data["portal"], "agency_links": json.dumps(data["portal"]["agency_links"])}
        if not portal.owning_agency:
            for field, value in fields.items():
                setattr(portal, field, value)
            portal.save()
            self.report("created", "Portal settings")
        elif not portal.agency_links:  # a demo loaded before the footer had its links
            portal.agency_links = fields["agency_links"]
            portal.save()
            self.report("created", "Links to other agencies")
        elif not portal.agency_name_en:  # a demo loaded before the footer had its English
            self.portal_in_english(portal, data["portal"])
        return home

    def portal_in_english(self, portal, data):
        for name in PortalSettings.TRANSLATED:
            setattr(portal, f"{name}_en", data[f"{name}_en"])
        names = {link["value"]["url"]: link["value"]["name_en"] for link in data["agency_links"]}
        links = [
            {**link.value, "name_en": link.value.get("name_en") or names.get(link.value["url"], "")}
            for link in portal.agency_links
        ]
        portal.agency_links = json.dumps([{"type": "link", "value": value} for value in links])
        portal.save()
        self.report("created", "Portal settings in English")

    def section(self, home, item):
        slug = slugify(item["title"])
        section = SectionPage.objects.child_of(home).filter(slug=slug).first()
        if section:
            self.report("unchanged", item["title"])
            return section
        section = SectionPage(title=item["title"], slug=slug, intro=item["intro"], show_in_menus=True)
        home.add_child(instance=section)
        section.save_revision().publish()
        self.report("created", item["title"])
        return section

    def vietnamese_page(self, home, item):
        """ "Giới thiệu" and "Liên hệ", linked from every page's footer."""
        if StandardPage.objects.child_of(home).filter(slug=item["slug"]).exists():
            self.report("unchanged", item["title"])
            return
        body = [("paragraph", f"<p>{escape(text)}</p>") for text in item["paragraphs"]]
        page = StandardPage(title=item["title"], slug=item["slug"], language="vi", intro=item["intro"], body=body)
        home.add_child(instance=page)
        page.save_revision().publish()
        self.report("created", item["title"])

    def english_pages(self, home, item):
        """The agency's structure and contacts in English, under /en/ (Nghị định 42/2022 Điều 7.2),
        each naming its Vietnamese counterpart ("Giới thiệu", "Liên hệ")."""
        root = StandardPage.objects.child_of(home).filter(slug="en").first()
        if root:
            self.report("unchanged", item["title"])
        else:
            root = StandardPage(title=item["title"], slug="en", language="en", intro=item["intro"])
            home.add_child(instance=root)
            root.save_revision().publish()
            self.report("created", item["title"])
        for child in item["children"]:
            counterpart = StandardPage.objects.child_of(home).filter(slug=child["counterpart"]).first()
            page = StandardPage.objects.child_of(root).filter(slug=child["slug"]).first()
            if page is None:
                body = [("paragraph", f"<p>{escape(text)}</p>") for text in child["paragraphs"]]
                page = StandardPage(
                    title=child["title"], slug=child["slug"], language="en", intro=child["intro"], body=body
                )
                page.counterpart = counterpart
                root.add_child(instance=page)
                page.save_revision().publish()
                self.report("created", child["title"])
            elif page.counterpart_id is None and counterpart and not page.has_unpublished_changes:
                page.counterpart = counterpart  # a demo loaded before pages had counterparts
                page.save_revision().publish()
                self.report("updated", child["title"])
            else:
                self.report("unchanged", child["title"])

    def partner(self, item):
        partner, created = Partner.objects.get_or_create(
            slug=slugify(item["name"]),
            defaults={"name": item["name"], "full_name": item.get("full_name", ""), "website": item.get("website", "")},
        )
        if created:
            self.report("created", partner.name)
        return partner

    def image(self, file_name, meta, seed):
        existing = PortalImage.objects.filter(title=meta["title"]).first()
        if existing:
            return existing
        palette = [tuple(colour) for colour in meta.get("palette", [])]
        photo = ceremony_photo(seed, *palette)
        image = PortalImage(
            title=meta["title"], alt_text=meta["alt_text"], caption=meta["caption"], credit=meta["credit"]
        )
        image.file.save(file_name, ImageFile(_bytes_file(photo), name=file_name), save=False)
        image.save()
        return image

    def article(self, section, item):
        article = from_plain_text((DEMO_DIR / "seeds" / item["seed"]).read_text(encoding="utf-8"))
        slug = slugify(article.title)
        if ArticlePage.objects.child_of(section).filter(slug=slug).exists():
            self.report("unchanged", article.title)
            return
        known = item["images"]
        images = {name: self.image(name, known[name], seed=name) for name in article.images if name in known}
        feature = None
        if item["feature_image"]:
            feature = self.image(item["feature_image"]["file"], item["feature_image"], seed=item["seed"])
        article.date = timezone.make_aware(datetime.datetime.fromisoformat(item["date"]))
        article.partners = item["partners"]
        provinces = Province.objects.filter(name__in=item["provinces"])
        page = build_article_page(article, images, provinces=provinces, feature_image=feature)
        page.slug = slug
        page.signing_date = _date(item["signing_date"])
        page.signing_place = item["signing_place"]
        page.valid_until = _date(item["valid_until"])
        page.legal_references = "\n".join(item["legal_references"])
        page.signatories = [ArticlePageSignatory(**person) for person in item["signatories"]]
        section.add_child(instance=page)
        page.save_revision().publish()
        self.report("created", article.title)

    def admin_account(self):
        users = get_user_model()
        if users.objects.filter(is_superuser=True).exists():
            return
        password = secrets.token_urlsafe(16)
        users.objects.create_superuser("admin", "admin@example.gov.vn", password)
        self.stdout.write(self.style.WARNING(f"Admin account created: admin / {password}  (shown only once)"))

    def report(self, status, label):
        self.stdout.write(f"{status}: {label}")


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def _bytes_file(data):
    import io

    return io.BytesIO(data)
