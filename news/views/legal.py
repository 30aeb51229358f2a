"""The public register of legal documents: /van-ban/ (search and filters) and one page per document."""

from django import forms
from django.db.models.functions import ExtractYear
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from home.vietnamese import fold
from news.models import ArticlePage, LegalDocument, LegalDocumentStatus, LegalDocumentType
from news.pagination import paginate_list

PAGE_SIZE = 20
CITING_ARTICLES = 10


class LegalDocumentFilterForm(forms.Form):
    """The register's search box and filters; the field names are the public query parameters."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        issuers = LegalDocument.objects.order_by("issuer").values_list("issuer", flat=True).distinct()
        years = (
            LegalDocument.objects.annotate(year=ExtractYear("issued_on"))
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )
        self.fields["q"] = forms.CharField(label=_("Keywords"), required=False, strip=True, max_length=255)
        self.fields["loai"] = forms.ChoiceField(
            label=_("Document type"), required=False, choices=[("", _("All types")), *LegalDocumentType.choices]
        )
        self.fields["co-quan"] = forms.ChoiceField(
            label=_("Issuing body"), required=False, choices=[("", _("All issuing bodies"))] + [(i, i) for i in issuers]
        )
        self.fields["nam"] = forms.TypedChoiceField(
            label=_("Year issued"),
            required=False,
            coerce=int,
            empty_value=None,
            choices=[("", _("All years"))] + [(str(year), str(year)) for year in years],
        )
        self.fields["hieu-luc"] = forms.ChoiceField(
            label=_("Status"), required=False, choices=[("", _("Any status")), *LegalDocumentStatus.choices]
        )

    def filter(self, documents):
        data = self.cleaned_data
        if data.get("q"):
            documents = documents.search(data["q"])
        if data.get("loai"):
            documents = documents.filter(document_type=data["loai"])
        if data.get("co-quan"):
            documents = documents.filter(issuer=data["co-quan"])
        if data.get("nam"):
            documents = documents.filter(issued_on__year=data["nam"])
        if data.get("hieu-luc"):
            documents = documents.filter(status=data["hieu-luc"])
        return documents


def document_index(request):
    form = LegalDocumentFilterForm(request.GET)
    documents = LegalDocument.objects.select_related("file", "replaced_by")
    filtered = form.is_valid() and any(form.cleaned_data.values())
    if form.is_valid():
        documents = form.filter(documents)
    page = paginate_list(request, documents, PAGE_SIZE)
    return render(
        request,
        "news/legal_document_index.html",
        {"form": form, "documents": page, "filtered": filtered},
        status=200 if form.is_valid() else 400,
    )


def document_detail(request, slug):
    document = get_object_or_404(LegalDocument.objects.select_related("file", "replaced_by"), slug=slug)
    phrase = " ".join(fold(document.symbol).replace("/", " ").replace("-", " ").split())
    citing = (
        ArticlePage.objects.published()
        .filter(search_text__contains=f" {phrase} ")
        .newest_first()
        .for_cards()[:CITING_ARTICLES]
    )
    return render(
        request,
        "news/legal_document_detail.html",
        {"document": document, "replaces": list(document.replaces.all()), "citing_articles": citing},
    )
