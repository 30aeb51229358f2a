"""The showcase: enough content for the demo to show every public feature on the first `make run`.

Five sections of articles from 2010 to today, with authors, photos, provinces (current and
former units), partners, signing ceremonies, legal references and hand-picked related
articles; notices with deadlines, validity and attachments; the legal-document register;
readers' votes and a week of reads, so that "Đọc nhiều" and "Đánh giá cao" are full; and one
demo account per editorial role. Everything comes from showcase.json, photos and files are
made here (no network), and a second run creates nothing.
"""

import datetime
import io
import json
import secrets
from pathlib import Path

from PIL import Image

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.html import escape

from wagtail.documents import get_document_model
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.utils.file import hash_filelike

from home.models import HomePageFeaturedArticle, PortalImage
from home.vietnamese import slugify
from news.demo import files
from news.demo.photos import ceremony_photo
from news.importers.builder import SLUG_MAX_LENGTH
from news.models import (
    ArticleDailyReads,
    ArticlePage,
    ArticlePageAttachment,
    ArticlePageAuthor,
    ArticlePageRelated,
    ArticlePageSignatory,
    ArticleRating,
    ArticleRatingSummary,
    Author,
    LegalDocument,
    Partner,
    Province,
)
from news.models.legal import canonical_symbol

DATA = Path(__file__).with_name("showcase.json")
PHOTO_CREDIT = "Ảnh minh họa (tạo tự động)"
DEMO_VOTER = "demo:"  # the voter keys of the demo's own votes
# How a week of reads is spread, today first: more readers on recent days.
WEEK_SHARES = (0.22, 0.19, 0.16, 0.14, 0.11, 0.10, 0.08)
WEB_WIDTH = 1200  # the widest rendition the templates ask for (home/renditions.py)
NOTICE_HOUR = 8  # a notice is dated this morning, `days_ago` days back
DEADLINE_HOUR = 17  # applications close at the end of office hours


def load(command, home, sections):
    """Add the showcase to the demo `command` is loading; `sections` are the demo's, by title."""
    Showcase(command, home, sections).load()


class Showcase:
    def __init__(self, command, home, sections):
        self.command = command
        self.home = home
        self.sections = dict(sections)
        self.data = json.loads(DATA.read_text(encoding="utf-8"))
        self.now = timezone.localtime()
        self.created_pages = []  # the articles this run created

    def report(self, status, label):
        self.command.report(status, label)

    def load(self):
        data = self.data
        for item in data["sections"]:
            self.sections[item["title"]] = self.command.section(self.home, item)
        self.authors = {key: self.author(item) for key, item in data["authors"].items()}
        for item in data["partners"]:
            self.command.partner(item)
        self.photos = {}
        self.documents = {}
        self.legal_documents(data["legal_documents"])
        # Articles that pick related ones come last, once the articles they pick exist.
        articles = sorted(data["articles"], key=lambda item: bool(item.get("related")))
        # Each article is saved several times while it is built and published: its references
        # (photos, files, picks) are indexed once, after, instead of at every save.
        with disable_reference_index_auto_update():
            pages = [(self.article(item), item) for item in articles]
        for page in self.created_pages:
            ReferenceIndex.create_or_update_for_object(page)
        if self.created_pages:
            self.featured(data["featured"])
        self.ratings(pages)
        self.reads(pages)
        self.accounts(data["accounts"])

    # Authors, photos, files, the register

    def author(self, item):
        author = Author.objects.filter(slug=slugify(item["name"])).first()
        if author is None:
            author = Author.objects.create(**item)
            self.report("created", author.byline)
        return author

    def photo(self, key):
        if key not in self.photos:
            meta = self.data["photos"][key]
            image = PortalImage.objects.filter(title=meta["title"]).first()
            if image is None:
                file_name = f"minh-hoa-{key}.jpg"
                palette = [tuple(colour) for colour in meta["palette"]]
                image = PortalImage(
                    title=meta["title"], alt_text=meta["alt_text"], caption=meta["caption"], credit=PHOTO_CREDIT
                )
                data = _web_size(ceremony_photo(key, *palette))
                image.file.save(file_name, ImageFile(io.BytesIO(data), name=file_name), save=False)
                image.save()
            self.photos[key] = image
        return self.photos[key]

    def document(self, key):
        """A Wagtail document made from the lines of `key` in the data: a PDF or a .docx."""
        if key not in self.documents:
            meta = self.data["documents"][key]
            document_model = get_document_model()
            document = document_model.objects.filter(title=meta["title"]).first()
            if document is None:
                write = files.pdf if meta["file"].endswith(".pdf") else files.docx
                data = write(meta["lines"])
                document = document_model(title=meta["title"], file_size=len(data))
                document.file_hash = hash_filelike(io.BytesIO(data))
                document.file.save(meta["file"], ContentFile(data), save=False)
                document.save()
            self.documents[key] = document
        return self.documents[key]

    def legal_documents(self, items):
        created = {}
        for item in items:
            if LegalDocument.objects.filter(symbol=canonical_symbol(item["symbol"])).exists():
                continue
            document = LegalDocument(
                symbol=item["symbol"],
                document_type=item["type"],
                issuer=item["issuer"],
                issued_on=_date(item["issued_on"]),
                effective_on=_date(item.get("effective_on")),
                abstract=item["abstract"],
                status=item.get("status", "con-hieu-luc"),
                file=self.document(item["file"]) if item.get("file") else None,
            )
            document.full_clean()
            document.save()
            created[item["symbol"]] = document
            self.report("created", str(document))
        # Replacements last: a document may name one listed before it or after.
        for item in items:
            if item["symbol"] in created and item.get("replaced_by"):
                document = created[item["symbol"]]
                document.replaced_by = LegalDocument.objects.get(symbol=canonical_symbol(item["replaced_by"]))
                document.save()

    # Articles

    def article(self, item):
        section = self.sections[item["section"]]
        slug = slugify(item["title"], max_length=SLUG_MAX_LENGTH)
        existing = ArticlePage.objects.child_of(section).filter(slug=slug).first()
        if existing is not None:
            self.report("unchanged", item["title"])
            return existing
        signing = item.get("signing") or {}
        page = ArticlePage(
            title=item["title"],
            slug=slug,
            sapo=item["sapo"],
            body=[("paragraph", f"<p>{escape(text)}</p>") for text in item["paragraphs"]],
            date=self.article_date(item),
            article_type=item.get("type", "tin"),
            source=item.get("source", ""),
            feature_image=self.photo(item["photo"]) if item.get("photo") else None,
            signing_date=_date(signing.get("date")),
            signing_place=signing.get("place", ""),
            valid_until=_date(signing.get("valid_until")),
            legal_references="\n".join(item.get("legal", [])),
        )
        page.authors = [ArticlePageAuthor(author=self.authors[key]) for key in item["authors"]]
        page.signatories = [ArticlePageSignatory(**person) for person in signing.get("signatories", [])]
        page.provinces.set(_named(Province, item.get("provinces", [])))
        page.partners.set(_named(Partner, item.get("partners", [])))
        picks = [ArticlePage.objects.get(title=title) for title in item.get("related", [])]
        page.related_items = [ArticlePageRelated(related_article=pick) for pick in picks]
        if "notice" in item:
            self.notice(page, item["notice"])
        section.add_child(instance=page)
        page.save_revision().publish()
        self.report("created", item["title"])
        self.created_pages.append(page)
        return page

    def featured(self, titles):
        """The home page's picks, set once with the articles: an editor's own picks are kept.
        The two seed articles are among them, so the real pages are a click from the home page."""
        if self.home.featured_articles.exists():
            return
        picks = [ArticlePage.objects.get(title=title) for title in titles]
        self.home.featured_articles = [HomePageFeaturedArticle(article=pick) for pick in picks]
        self.home.save_revision().publish()
        self.report("created", "Tin nổi bật trên trang chủ")

    def article_date(self, item):
        if "days_ago" in item:  # a notice, dated relative to the day the demo is loaded
            morning = self.now.replace(hour=NOTICE_HOUR, minute=0, second=0, microsecond=0)
            return morning - datetime.timedelta(days=item["days_ago"])
        return timezone.make_aware(datetime.datetime.fromisoformat(item["date"]))

    def notice(self, page, notice):
        """Deadline and validity counted from today, so some notices are open and some expired."""
        today = self.now.date()
        if "deadline_days" in notice:
            day = today + datetime.timedelta(days=notice["deadline_days"])
            page.deadline = timezone.make_aware(datetime.datetime.combine(day, datetime.time(DEADLINE_HOUR)))
        if "valid_days" in notice:
            page.notice_valid_until = today + datetime.timedelta(days=notice["valid_days"])
        page.pinned = notice.get("pinned", False)
        page.attachments = [
            ArticlePageAttachment(document=self.document(key), label=label) for key, label in notice["attachments"]
        ]

    # Readers

    def ratings(self, pages):
        """Readers' votes through the rating models, each summary rebuilt from its votes."""
        voted = set(
            ArticleRating.objects.filter(
                page__in=[page for page, _ in pages], voter_key__startswith=DEMO_VOTER
            ).values_list("page_id", flat=True)
        )
        created = 0
        for page, item in pages:
            if page.pk in voted or not item.get("ratings"):
                continue
            scores = [score for score, count in enumerate(item["ratings"], start=1) for _ in range(count)]
            ArticleRating.objects.bulk_create(
                ArticleRating(page=page, voter_key=f"{DEMO_VOTER}{page.pk}:{number}", score=score)
                for number, score in enumerate(scores)
            )
            ArticleRatingSummary.objects.get_or_create(page=page)
            ArticleRatingSummary.recompute(page.pk)
            created += len(scores)
        if created:
            self.report("created", f"{created} lượt đánh giá")

    def reads(self, pages):
        """A week of reads ending today, so "Đọc nhiều" (the last 7 days) is full whenever the
        demo is loaded; a later run adds the days since, never a second row for a day."""
        today = self.now.date()
        days = [today - datetime.timedelta(days=offset) for offset in range(len(WEEK_SHARES))]
        weekly = {page.pk: item["reads"] for page, item in pages if item.get("reads")}
        existing = set(
            ArticleDailyReads.objects.filter(page__in=weekly, day__gte=days[-1]).values_list("page_id", "day")
        )
        rows = [
            ArticleDailyReads(page_id=page_id, day=day, count=max(1, round(total * share)))
            for page_id, total in weekly.items()
            for day, share in zip(days, WEEK_SHARES, strict=True)
            if (page_id, day) not in existing
        ]
        ArticleDailyReads.objects.bulk_create(rows)
        if rows:
            self.report("created", f"{len(rows)} ngày lượt đọc")

    # Accounts

    def accounts(self, items):
        """One account per editorial role, each with a random password shown once, like the admin's."""
        users = get_user_model()
        for item in items:
            if users.objects.filter(username=item["username"]).exists():
                continue
            password = secrets.token_urlsafe(16)
            user = users.objects.create_user(
                item["username"],
                f"{item['username']}@example.gov.vn",
                password,
                first_name=item["first_name"],
                last_name=item["last_name"],
            )
            user.groups.add(Group.objects.get(name=item["group"]))
            self.command.stdout.write(
                self.command.style.WARNING(
                    f"Demo account created ({item['group']}): {item['username']} / {password}  (shown only once)"
                )
            )


def _web_size(jpeg):
    """The photo at the largest size the templates show (1200 px wide): its renditions,
    made on upload, then cost half as much as from the drawing's 1600 px."""
    with Image.open(io.BytesIO(jpeg)) as photo:
        photo = photo.resize((WEB_WIDTH, photo.height * WEB_WIDTH // photo.width), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        photo.save(out, format="JPEG", quality=82, optimize=True)
    return out.getvalue()


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def _named(model, names):
    """The provinces or partners called `names`; a name the data misspells is an error, not a silent gap."""
    found = list(model.objects.filter(name__in=names))
    missing = set(names) - {tag.name for tag in found}
    if missing:
        raise ValueError(f"No {model.__name__} named {sorted(missing)}")
    return found
