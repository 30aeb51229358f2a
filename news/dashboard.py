"""The newsroom's dashboard: write a new article, my drafts, waiting for my approval, scheduled,
read most today and the newest ratings. Each panel is one short query (plus, for the approval panel, one to know
whether the user approves at all), whatever the size of the portal."""

from typing import NamedTuple

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.admin.ui.components import Component
from wagtail.models import GroupApprovalTask, Revision, TaskState

from home.vietnamese import format_datetime

from .models import ArticleDailyReads, ArticlePage, ArticleRating, SectionPage

ROWS = 5
# GroupApprovalTask's actions, as Wagtail's own list of pages to moderate offers them.
APPROVAL_ACTIONS = [
    ("reject", _("Request changes"), True),
    ("approve", _("Approve"), False),
    ("approve", _("Approve with comment"), True),
]


class Row(NamedTuple):
    url: str
    title: str
    detail: str
    actions: tuple = ()  # (url, label, asks for a comment)


def _edit_url(page_id):
    return reverse("wagtailadmin_pages:edit", args=[page_id])


def _action_url(page_id, action, task_state_id):
    return reverse("wagtailadmin_pages:workflow_action", args=[page_id, action, task_state_id])


class NewsroomPanel(Component):
    """A titled list of pages: each row a link to the page's editor and a short detail."""

    template_name = "news/admin/dashboard_panel.html"
    title = ""
    empty = ""
    footer = None

    def __init__(self, user):
        self.user = user

    def is_shown(self):
        return True

    def rows(self):
        raise NotImplementedError

    def get_context_data(self, parent_context):
        return {"panel": self, "rows": self.rows() if self.is_shown() else None}

    def render_html(self, parent_context=None):
        return super().render_html(parent_context) if self.is_shown() else ""


class WriteArticlePanel(Component):
    """ "Viết bài mới": one click opens a new article in the chosen section."""

    name = "newsroom_write"
    order = 5
    template_name = "news/admin/write_panel.html"

    def __init__(self, user):
        self.user = user

    def sections(self):
        """The live sections the user may add an article to, in menu order (one query; the
        user's page permissions are read once per request)."""
        sections = SectionPage.objects.live().order_by("path")
        return [
            (section.title, reverse("wagtailadmin_pages:add", args=("news", "articlepage", section.pk)))
            for section in sections
            if section.permissions_for_user(self.user).can_add_subpage()
        ]

    def get_context_data(self, parent_context):
        return {"sections": self._sections}

    def render_html(self, parent_context=None):
        self._sections = self.sections()
        return super().render_html(parent_context) if self._sections else ""


class MyDraftsPanel(NewsroomPanel):
    name = "newsroom_my_drafts"
    order = 10
    title = _("My drafts")
    empty = _("You have no drafts.")

    def rows(self):
        pages = (
            ArticlePage.objects.filter(owner=self.user, has_unpublished_changes=True)
            .order_by("-latest_revision_created_at")
            .values("pk", "draft_title", "latest_revision_created_at")[:ROWS]
        )
        return [
            Row(_edit_url(page["pk"]), page["draft_title"], format_datetime(page["latest_revision_created_at"]))
            for page in pages
        ]


class AwaitingMyApprovalPanel(NewsroomPanel):
    name = "newsroom_awaiting_my_approval"
    order = 20
    title = _("Waiting for my approval")
    empty = _("Nothing is waiting for your approval.")

    def is_shown(self):
        if not hasattr(self, "_shown"):
            groups = GroupApprovalTask.objects.filter(active=True, groups__user=self.user)
            self._shown = self.user.is_superuser or groups.exists()
        return self._shown

    def rows(self):
        states = TaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS,
            workflow_state__base_content_type__app_label="wagtailcore",
            workflow_state__base_content_type__model="page",
        )
        if not self.user.is_superuser:
            states = states.filter(task__groupapprovaltask__groups__user=self.user).distinct()
        states = states.order_by("started_at").values(
            "pk", "workflow_state__object_id", "revision__object_str", "task__name", "started_at",
            "workflow_state__requested_by__username", "workflow_state__requested_by__first_name",
            "workflow_state__requested_by__last_name",
        )[:ROWS]  # fmt: skip
        return [
            Row(
                _edit_url(state["workflow_state__object_id"]),
                state["revision__object_str"],
                f"{_requester(state)} · {state['task__name']} · {format_datetime(state['started_at'])}",
                tuple(
                    (_action_url(state["workflow_state__object_id"], action, state["pk"]), label, modal)
                    for action, label, modal in APPROVAL_ACTIONS
                ),
            )
            for state in states
        ]


class ScheduledPanel(NewsroomPanel):
    name = "newsroom_scheduled"
    order = 30
    title = _("Scheduled to publish")
    empty = _("Nothing is scheduled.")

    def rows(self):
        revisions = (
            Revision.page_revisions.filter(approved_go_live_at__isnull=False)
            .order_by("approved_go_live_at")
            .values("object_id", "object_str", "approved_go_live_at")[:ROWS]
        )
        return [
            Row(_edit_url(rev["object_id"]), rev["object_str"], format_datetime(rev["approved_go_live_at"]))
            for rev in revisions
        ]


class ReadMostTodayPanel(NewsroomPanel):
    name = "newsroom_read_most_today"
    order = 40
    title = _("Read most today")
    empty = _("No readers yet today.")

    def rows(self):
        reads = (
            ArticleDailyReads.objects.filter(day=timezone.localdate())
            .order_by("-count", "-page_id")
            .values("page_id", "page__title", "count")[:ROWS]
        )
        return [Row(_edit_url(row["page_id"]), row["page__title"], _readers(row["count"])) for row in reads]


class NewestRatingsPanel(NewsroomPanel):
    name = "newsroom_newest_ratings"
    order = 50
    title = _("Newest ratings")
    empty = _("No ratings yet.")

    def is_shown(self):
        return self.user.has_perm("news.view_articlerating")

    @property
    def footer(self):
        return (reverse("news_ratings_report"), _("All ratings, article by article"))

    def rows(self):
        ratings = ArticleRating.objects.order_by("-created_at", "-pk").values(
            "page_id", "page__title", "score", "created_at"
        )[:ROWS]
        return [
            Row(
                _edit_url(row["page_id"]), row["page__title"], f"{row['score']}★ · {format_datetime(row['created_at'])}"
            )
            for row in ratings
        ]


def _requester(state):
    first, last = state["workflow_state__requested_by__first_name"], state["workflow_state__requested_by__last_name"]
    return f"{first} {last}".strip() or state["workflow_state__requested_by__username"]


def _readers(count):
    return ngettext("%(count)d reader", "%(count)d readers", count) % {"count": count}


PANELS = (
    WriteArticlePanel,
    MyDraftsPanel,
    AwaitingMyApprovalPanel,
    ScheduledPanel,
    ReadMostTodayPanel,
    NewestRatingsPanel,
)


def newsroom_panels(request, panels):
    """The newsroom's panels first; they replace Wagtail's list of pages to moderate."""
    # Wagtail's list reads every page and task of every review (queries grow with the list).
    panels[:] = [panel for panel in panels if getattr(panel, "name", "") != "workflow_objects_to_moderate"]
    panels.extend(panel_class(request.user) for panel_class in PANELS)
