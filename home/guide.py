"""The editor's guide (docs/huong-dan-bien-tap.md), shown inside the admin at /admin/huong-dan/."""

import re
from functools import cache

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

GUIDE = settings.BASE_DIR / "docs" / "huong-dan-bien-tap.md"
INLINE = [(re.compile(r"\*\*(.+?)\*\*"), r"<strong>\1</strong>"), (re.compile(r"`(.+?)`"), r"<code>\1</code>")]


def _inline(text):
    text = escape(text)
    for pattern, replacement in INLINE:
        text = pattern.sub(replacement, text)
    return text


def render_guide(markdown):
    """The small Markdown the guide uses (headings, lists, paragraphs, bold, code) as HTML."""
    html, paragraph, in_list = [], [], False

    def flush():
        nonlocal in_list
        if paragraph:
            html.append(f"<p>{_inline(' '.join(paragraph))}</p>")
            paragraph.clear()
        if in_list:
            html.append("</ul>")
            in_list = False

    for line in markdown.splitlines():
        stripped = line.strip()
        if heading := re.match(r"(#{1,3}) (.*)", stripped):
            flush()
            level = len(heading.group(1)) + 1  # the admin header holds the page's h1
            html.append(f"<h{level}>{_inline(heading.group(2))}</h{level}>")
        elif stripped.startswith("- "):
            if paragraph or not in_list:
                flush()
                html.append("<ul>")
                in_list = True
            html.append(f"<li>{_inline(stripped[2:])}</li>")
        elif line.startswith("  ") and in_list and stripped:
            html[-1] = html[-1][: -len("</li>")] + f" {_inline(stripped)}</li>"
        elif stripped:
            paragraph.append(stripped)
        else:
            flush()
    flush()
    return mark_safe("\n".join(html))  # noqa: S308 - every piece of text went through escape()


@cache
def guide_html():
    return render_guide(GUIDE.read_text(encoding="utf-8"))


class EditorGuideView(WagtailAdminTemplateMixin, TemplateView):
    """The newsroom's guide, for every user who may use the admin."""

    page_title = _("Editor's guide")
    header_icon = "help"
    template_name = "home/admin/editor_guide.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(guide=guide_html(), **kwargs)
