"""What lists of articles are read with: the card's columns and the article queryset."""

from collections import defaultdict
from datetime import timedelta

from django.db import connections
from django.db.models import ExpressionWrapper, F, FloatField, Prefetch, Q, Sum
from django.utils import timezone

from wagtail.models import PageManager

from home.renditions import CARD, drawn_renditions
from home.wagtail_overrides import PortalPageQuerySet

from .links import ArticlePageAuthor
from .reads import ArticleDailyReads

# The columns an article card reads (title, link, date, lead, picture) and those Wagtail needs
# to route and link a page: about half the columns of a full row, which the ORM was spending
# most of a listing's time building and reading.
CARD_FIELDS = ["title", "slug", "url_path", "path", "depth", "locale", "live", "content_type"]
CARD_FIELDS += ["date", "sapo", "withdrawn", "feature_image"]
# A notice's card says when it closes, whether it has ("Đã hết hạn"), and that it is pinned.
CARD_FIELDS += ["article_type", "deadline", "notice_valid_until", "pinned"]
NOTICE = "thong-bao"  # ArticleType.NOTICE (articles.py imports this module)


def notice_expired(now=None):
    """The condition "this notice has expired" as a filter: its deadline has passed, or the
    last day of its validity is before today in Vietnam (TIME_ZONE). Evaluated when the query
    runs, so a notice leaves the lists by itself, with no job or publish."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    return Q(article_type=NOTICE) & (Q(deadline__lt=now) | Q(notice_valid_until__lt=today))


def notice_open(now=None):
    """The opposite of `notice_expired()`, for a notice: no deadline or validity has passed."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    return (Q(deadline__isnull=True) | Q(deadline__gte=now)) & (
        Q(notice_valid_until__isnull=True) | Q(notice_valid_until__gte=today)
    )


class AgreementRules:
    """When an article reports an agreement, and whether it is in force: for one page here,
    for a list in ArticlePageQuerySet.agreements() just below. Mixed into ArticlePage."""

    @property
    def has_ceremony(self):
        return bool(self.signing_date or self.signing_place or self.valid_until)

    @property
    def agreement_in_force(self):
        return self.valid_until is None or self.valid_until >= timezone.localdate()


class NoticeRules:
    """Whether a notice has expired, for one page; for a list, `notice_expired()` above.
    Mixed into ArticlePage."""

    @property
    def is_notice(self):
        return self.article_type == NOTICE

    @property
    def is_expired(self):
        if not self.is_notice:
            return False
        now = timezone.now()
        return bool(
            (self.deadline is not None and self.deadline < now)
            or (self.notice_valid_until is not None and self.notice_valid_until < timezone.localdate(now))
        )


class ArticlePageQuerySet(PortalPageQuerySet):
    def notices(self, expired=None):
        """Published notices, the editors' pinned ones first, then the newest; with `expired`
        True or False, only those that have or have not expired now."""
        notices = self.published().filter(article_type=NOTICE)
        if expired is not None:
            notices = notices.filter(notice_expired() if expired else notice_open())
        return notices.order_by("-pinned", "-date", "-pk")

    def agreements(self, in_force=None):
        """Articles that report an agreement (AgreementRules.has_ceremony); with `in_force`
        True or False, only those whose agreement is or is no longer in force today."""
        agreements = self.filter(Q(signing_date__isnull=False) | Q(valid_until__isnull=False) | ~Q(signing_place=""))
        if in_force is None:
            return agreements
        today = timezone.localdate()
        if in_force:
            return agreements.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        return agreements.filter(valid_until__lt=today)

    def published(self):
        """Live, public articles: the only ones any public surface may show."""
        return self.live().public()

    def for_cards(self, renditions=True, sizes=(CARD,)):
        """Everything an article card shows (title, date, lead, picture), for the whole list at once.

        Only CARD_FIELDS are read: reading any other field of a card costs a query.
        `renditions=False` leaves the pictures' renditions to the caller, who fetches them
        together with other images (the article page: its own and its related cards');
        otherwise only those of `sizes` are read (home/renditions.py)."""
        cards = self.only(*CARD_FIELDS).select_related("feature_image")
        return cards.prefetch_related(drawn_renditions("feature_image__renditions", *sizes)) if renditions else cards

    def with_authors(self):
        """Bylines for a whole list (feeds and the API show them; cards do not)."""
        return self.prefetch_related(Prefetch("authors", queryset=ArticlePageAuthor.objects.select_related("author")))

    def newest_first(self):
        return self.order_by("-date", "-pk")

    def top_rated(self, min_votes, limit):
        """Best-rated published articles with at least `min_votes` votes ("Đánh giá cao")."""
        average = ExpressionWrapper(F("rating_summary__total") * 1.0 / F("rating_summary__count"), FloatField())
        return (
            self.published()
            .filter(rating_summary__count__gte=min_votes)
            .only(*CARD_FIELDS, "rating_summary")
            .select_related("rating_summary")
            .annotate(rating_average=average)
            .order_by("-rating_average", "-rating_summary__count", "-date")[:limit]
        )

    def most_read(self, days, limit):
        """The published articles most read over the last `days` days, today included ("Đọc nhiều").

        Withdrawn articles are left out: readers would find only a notice. The week's sums
        come off the reads' (day, page, count) index; the best few are then checked against
        the published articles, and only if too few pass is every published article joined."""
        since = timezone.localdate() - timedelta(days=days - 1)
        shown = self.published().filter(withdrawn=False)
        totals = ArticleDailyReads.objects.filter(day__gte=since).values("page").annotate(total=Sum("count"))
        totals = totals.order_by("-total", "-page")
        ranked = {row["page"]: row["total"] for row in totals[: limit * 4]}
        cards = {card.pk: card for card in shown.filter(pk__in=ranked).only(*CARD_FIELDS)}
        if len(cards) < limit and len(ranked) == limit * 4:
            ranked = {row["page"]: row["total"] for row in totals.filter(page__in=shown.values("pk"))[:limit]}
            cards = {card.pk: card for card in shown.filter(pk__in=ranked).only(*CARD_FIELDS)}
        winners = [cards[pk] for pk in ranked if pk in cards][:limit]
        for card in winners:
            card.reads = ranked[card.pk]
        return winners

    def featured(self, picked_ids):
        """The editors' picks in their order, or else the newest article (renditions: the caller's)."""
        if picked_ids:
            cards = self.published().filter(pk__in=picked_ids).for_cards(renditions=False)
            found = {page.pk: page for page in cards}
            return [found[pk] for pk in picked_ids if pk in found]
        return list(self.published().newest_first().for_cards(renditions=False)[:1])

    def latest_by_section(self, sections, per_section):
        """[(section, [articles…])] with the newest `per_section` articles of each.

        Each section's articles are read newest-first off the date index and stopped after
        `per_section` rows (a single ranked query over all articles had to number every article
        of every section first, which grows with the portal). Where the database takes a LIMIT
        inside a UNION (PostgreSQL) those reads go in one query, else one query per section.
        The pictures' renditions are left to the caller, who fetches the whole page's at once.
        """
        sections = list(sections)
        cards = self.published().for_cards(renditions=False).newest_first()
        reads = [cards.child_of(section)[:per_section] for section in sections]
        if len(reads) < 2 or not connections[self.db].features.supports_slicing_ordering_in_compound:
            return [(section, list(read)) for section, read in zip(sections, reads, strict=True)]
        by_parent = defaultdict(list)
        for article in reads[0].union(*reads[1:], all=True):
            by_parent[article.path[: -self.model.steplen]].append(article)
        # A UNION keeps no order: each section's few rows are sorted again.
        return [(s, sorted(by_parent[s.path], key=lambda a: (a.date, a.pk), reverse=True)) for s in sections]


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)
