"""Generate realistic articles in bulk, for benchmarks and load tests (never on a real portal)."""

import datetime
import random
import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.html import escape

from wagtail.models import Locale, Page

from home.models import HomePage, PortalImage
from home.vietnamese import slugify
from news.demo.photos import ceremony_photo
from news.importers.provinces import PROVINCE_REFORM_DATE
from news.models import (
    ArticleDailyReads,
    ArticlePage,
    ArticlePageAuthor,
    ArticlePagePartner,
    ArticlePageProvince,
    Author,
    Partner,
    Province,
    SectionPage,
)
from news.search import search_text

SECTIONS = ["Tin tức - Sự kiện", "Tin địa phương", "Hợp tác phát triển", "Chuyển đổi số"]
SECTIONS += ["Thông tin chỉ đạo, điều hành"]  # never "Thông báo": /thong-bao/ is the notice list
YEARS = 15
BATCH = 1000

ACTIONS = [
    "Ký kết thỏa thuận hợp tác", "Triển khai", "Tổ chức hội nghị về", "Hướng dẫn thực hiện", "Tăng cường",
    "Sơ kết", "Tổng kết", "Đẩy mạnh", "Khai trương", "Công bố kế hoạch",
]  # fmt: skip
SUBJECTS = [
    "chuyển đổi số", "phát triển hạ tầng viễn thông", "dịch vụ công trực tuyến", "an toàn thông tin mạng",
    "phần mềm giám sát trực tuyến", "bưu chính công ích", "báo chí và xuất bản", "Internet cho trường học",
    "chính quyền điện tử", "thông tin cơ sở", "đào tạo kỹ năng số", "thanh toán không dùng tiền mặt",
]  # fmt: skip
PHRASES = [
    "Sở Thông tin và Truyền thông", "đã tổ chức lễ ký kết", "trên địa bàn tỉnh", "các doanh nghiệp viễn thông",
    "nâng cao chất lượng dịch vụ", "theo đúng quy định của pháp luật", "đại diện lãnh đạo các sở, ngành",
    "đáp ứng nhu cầu của người dân", "hỗ trợ và tạo điều kiện", "trong giai đoạn tới", "hoàn toàn miễn phí",
    "phát huy tiềm năng của thanh niên", "đảm bảo an toàn, an ninh thông tin", "các điểm cung cấp dịch vụ",
    "hạ tầng kỹ thuật", "triển khai đồng bộ", "phối hợp chặt chẽ", "kết quả tích cực", "Nghị định số 72/2013/NĐ-CP",
]  # fmt: skip
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
MIDDLE = ["Văn", "Thị", "Đình", "Hữu", "Minh", "Thu", "Quang", "Bá", "Ngọc", "Thanh"]
GIVEN = ["Cường", "Hậu", "Phương", "Luân", "Chuyền", "Hà", "Lan", "Dũng", "Hùng", "Trang", "Đức", "Yến"]
READ_SHARE = 0.1  # articles read in the last 7 days ("Đọc nhiều" has something to rank)
PARTNER_KINDS = ["Viễn thông", "Bưu điện tỉnh", "Tỉnh Đoàn", "Sở TT&TT", "Trung tâm CNTT", "Đài PT-TH"]


class Command(BaseCommand):
    help = "Create N realistic articles fast (bulk inserts). Refuses production settings unless --force."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--force", action="store_true", help="Run even under production settings.")

    def handle(self, count, seed, force, **options):
        if getattr(settings, "IS_PRODUCTION", False) and not force:
            raise CommandError(
                "generate_articles fills the database with fake news: refusing under production settings."
            )
        if count < 1:
            raise CommandError("Give a positive number of articles.")
        rng = random.Random(seed)  # noqa: S311 -- reproducible fake content, not security
        # Its own generator: the articles stay the same as before reads were generated.
        reads_rng = random.Random(seed + 1)  # noqa: S311
        sections = self.sections()
        provinces_before = list(Province.objects.filter(is_pre_2025=True).values_list("pk", "name"))
        provinces_after = list(Province.objects.filter(is_current=True).values_list("pk", "name"))
        authors = self.authors(rng)
        partners = self.partners(rng, provinces_after)
        images = self.images()
        context = {
            "content_type": ContentType.objects.get_for_model(ArticlePage),
            "locale": Locale.get_default(),
            "now": timezone.now(),
            "today": timezone.localdate(),
            "reads_rng": reads_rng,
        }
        next_child = {section.pk: section.numchild for section in sections}
        made = 0
        while made < count:
            size = min(BATCH, count - made)
            with transaction.atomic():
                plans = []
                for _ in range(size):
                    section = rng.choice(sections)
                    next_child[section.pk] += 1
                    plans.append(
                        self.plan(
                            rng,
                            section,
                            next_child[section.pk],
                            provinces_before,
                            provinces_after,
                            authors,
                            partners,
                            images,
                        )
                    )
                self.insert(plans, context)
            made += size
            self.stderr.write(f"\r{made}/{count}", ending="")
        for section in sections:
            Page.objects.filter(pk=section.pk).update(numchild=next_child[section.pk])
        self.stderr.write("")
        self.stdout.write(f"created: {count} articles")

    def sections(self):
        home = HomePage.objects.first()
        existing = list(SectionPage.objects.child_of(home))
        if len(existing) >= 3:
            return existing
        for title in SECTIONS:
            if not SectionPage.objects.child_of(home).filter(slug=slugify(title)).exists():
                section = SectionPage(title=title, slug=slugify(title), show_in_menus=True)
                home.add_child(instance=section)
                section.save_revision().publish()
        return list(SectionPage.objects.child_of(home))

    def authors(self, rng):
        names = {f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}" for _ in range(80)}
        for name in sorted(names):
            Author.objects.get_or_create(slug=slugify(name), defaults={"name": name, "organisation": "Sở TT&TT"})
        return list(Author.objects.values_list("pk", "name"))

    def partners(self, rng, provinces):
        for kind in PARTNER_KINDS:
            for _, province in provinces:
                name = f"{kind} {province}"
                Partner.objects.get_or_create(slug=slugify(name), defaults={"name": name})
        return list(Partner.objects.values_list("pk", "name"))

    def images(self):
        images = list(PortalImage.objects.filter(title__startswith="Ảnh minh họa số "))
        for index in range(len(images), 12):
            title = f"Ảnh minh họa số {index + 1}"
            photo = ImageFile(_bytes(ceremony_photo(index)), name=f"minh-hoa-{index + 1}.jpg")
            image = PortalImage(title=title, alt_text=f"Quang cảnh lễ ký kết (ảnh minh họa {index + 1})")
            image.file.save(photo.name, photo, save=False)
            image.save()
            images.append(image)
        return [image.pk for image in images]

    def plan(self, rng, section, child_number, provinces_before, provinces_after, authors, partners, images):
        date = timezone.now() - datetime.timedelta(seconds=rng.randint(0, YEARS * 365 * 24 * 3600))
        pool = provinces_before if date.date() < PROVINCE_REFORM_DATE else provinces_after
        provinces = rng.sample(pool, rng.randint(1, 3))
        chosen_partners = rng.sample(partners, rng.randint(0, 3))
        chosen_authors = rng.sample(authors, rng.randint(1, 2))
        title = f"{provinces[0][1]}: {rng.choice(ACTIONS)} {rng.choice(SUBJECTS)}"
        paragraphs = [_sentence(rng, provinces[0][1]) for _ in range(rng.randint(3, 12))]
        return {
            "section": section,
            "child_number": child_number,
            "title": title,
            "slug": f"{slugify(title)[:200]}-{child_number}",
            "date": date,
            "sapo": _sentence(rng, provinces[0][1]),
            "paragraphs": paragraphs,
            "provinces": provinces,
            "partners": chosen_partners,
            "authors": chosen_authors,
            "image": rng.choice(images) if rng.random() < 0.7 else None,
        }

    def insert(self, plans, context):
        pages = [
            Page(
                title=plan["title"],
                draft_title=plan["title"],
                slug=plan["slug"],
                path=SectionPage._get_path(plan["section"].path, plan["section"].depth + 1, plan["child_number"]),
                depth=plan["section"].depth + 1,
                numchild=0,
                url_path=f"{plan['section'].url_path}{plan['slug']}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=plan["date"],
                last_published_at=plan["date"],
                content_type=context["content_type"],
                locale=context["locale"],
                translation_key=uuid.uuid4(),
            )
            for plan in plans
        ]
        Page.objects.bulk_create(pages)
        articles = []
        for page, plan in zip(pages, plans, strict=True):
            article = ArticlePage(
                page_ptr_id=page.pk,
                sapo=plan["sapo"],
                body=[("paragraph", f"<p>{escape(text)}</p>") for text in plan["paragraphs"]],
                date=plan["date"],
                feature_image_id=plan["image"],
            )
            names = [
                plan["sapo"],
                *plan["paragraphs"],
                *(n for _, n in plan["authors"] + plan["provinces"] + plan["partners"]),
            ]
            article.search_text = search_text(plan["title"], names)
            articles.append(article)
        _insert_child_rows(ArticlePage, articles)
        ArticlePageProvince.objects.bulk_create(
            ArticlePageProvince(content_object_id=page.pk, tag_id=pk)
            for page, plan in zip(pages, plans, strict=True)
            for pk, _ in plan["provinces"]
        )
        ArticlePagePartner.objects.bulk_create(
            ArticlePagePartner(content_object_id=page.pk, tag_id=pk)
            for page, plan in zip(pages, plans, strict=True)
            for pk, _ in plan["partners"]
        )
        ArticlePageAuthor.objects.bulk_create(
            ArticlePageAuthor(page_id=page.pk, author_id=pk, sort_order=order)
            for page, plan in zip(pages, plans, strict=True)
            for order, (pk, _) in enumerate(plan["authors"])
        )
        reads_rng = context["reads_rng"]
        ArticleDailyReads.objects.bulk_create(
            ArticleDailyReads(
                page_id=page.pk, day=context["today"] - datetime.timedelta(days=ago), count=reads_rng.randint(1, 500)
            )
            for page in pages
            if reads_rng.random() < READ_SHARE
            for ago in reads_rng.sample(range(7), reads_rng.randint(1, 7))
        )


def _insert_child_rows(model, objects):
    """Insert the child-table rows of a multi-table model whose parent rows already exist.

    Django's bulk_create refuses multi-table models; this writes only the model's own columns.
    """
    fields = model._meta.local_concrete_fields
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608
    rows = [[field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields] for obj in objects]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _sentence(rng, province):
    parts = rng.sample(PHRASES, rng.randint(4, 9))
    return f"Ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}, {province} " + ", ".join(parts) + "."


def _bytes(data):
    import io

    return io.BytesIO(data)
