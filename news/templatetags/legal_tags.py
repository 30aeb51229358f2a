"""{% legal_links %}…{% endlegal_links %} and {% legal_link text %}: cited legal documents become links.

One linker per request, so an article's body and its list of legal references cost one query together.
"""

from django import template

from news.legal_links import LegalDocumentLinker, symbols_in

register = template.Library()


def _linker(context):
    """The request's linker (the template context's when rendering without a request)."""
    holder = context.get("request") or context
    linker = getattr(holder, "_legal_document_linker", None)
    if linker is None:
        linker = holder._legal_document_linker = LegalDocumentLinker()
    return linker


class LegalLinksNode(template.Node):
    def __init__(self, nodelist, extra):
        self.nodelist = nodelist
        self.extra = extra

    def render(self, context):
        linker = _linker(context)
        if self.extra is not None:
            # Text rendered later in the page (e.g. the list of legal references) is looked up now, in the same query.
            linker.prefetch(symbols_in(str(self.extra.resolve(context) or "")))
        return linker.link_html(self.nodelist.render(context))


@register.tag
def legal_links(parser, token):
    """Link cited symbols in the enclosed HTML; `{% legal_links also=page.legal_references %}` looks those up too."""
    bits = token.split_contents()
    extra = None
    for bit in bits[1:]:
        name, _, value = bit.partition("=")
        if name != "also" or not value:
            raise template.TemplateSyntaxError("{% legal_links %} takes only also=<text>")
        extra = parser.compile_filter(value)
    nodelist = parser.parse(("endlegal_links",))
    parser.delete_first_token()
    return LegalLinksNode(nodelist, extra)


@register.simple_tag(takes_context=True)
def legal_link(context, text):
    """Plain text, escaped, with a registered symbol in it linked."""
    return _linker(context).link_text(text)
