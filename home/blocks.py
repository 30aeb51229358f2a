"""The body blocks every page type shares, each rendered by its own small template."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class CaptionedImageBlock(blocks.StructBlock):
    """A photo in the body; caption and credit default to the image's own."""

    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(
        label=_("caption"), required=False, help_text=_("Leave empty to use the image's caption.")
    )
    credit = blocks.CharBlock(label=_("photo credit"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/captioned_image.html"


class GalleryBlock(blocks.StructBlock):
    """A set of photos shown as a grid, e.g. the moments of a ceremony."""

    title = blocks.CharBlock(label=_("title"), required=False)
    images = blocks.ListBlock(CaptionedImageBlock(), label=_("images"), min_num=2)

    class Meta:
        icon = "image"
        label = _("Gallery")
        template = "blocks/gallery.html"


class QuoteBlock(blocks.StructBlock):
    """A quotation from a speaker, with who said it."""

    text = blocks.TextBlock(label=_("quotation"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote.html"


class DocumentLinkBlock(blocks.StructBlock):
    """A link to download a document, e.g. the signed agreement."""

    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(label=_("link text"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "blocks/document_link.html"


class BodyStreamBlock(blocks.StreamBlock):
    """The body of articles and institutional pages."""

    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=["bold", "italic", "link", "document-link", "ol", "ul", "h2", "h3"],
        template="blocks/paragraph.html",
    )
    image = CaptionedImageBlock()
    gallery = GalleryBlock()
    quote = QuoteBlock()
    table = TableBlock(label=_("Table"), template="blocks/table.html")
    embed = EmbedBlock(label=_("Embedded media"), template="blocks/embed.html")
    document = DocumentLinkBlock()
