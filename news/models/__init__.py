from .articles import ArticlePage, ArticleType, SectionPage
from .attachments import ArticlePageAttachment
from .authors import Author
from .imports import ImportRecord
from .legal import LegalDocument, LegalDocumentStatus, LegalDocumentType
from .links import ArticlePageAuthor, ArticlePageRelated, ArticlePageSignatory
from .ratings import ArticleRating, ArticleRatingSummary
from .reads import ArticleDailyReads
from .taxonomy import ArticlePagePartner, ArticlePageProvince, Partner, Province

__all__ = [
    "ArticleDailyReads",
    "ArticlePage",
    "ArticlePageAttachment",
    "ArticlePageAuthor",
    "ArticlePagePartner",
    "ArticlePageProvince",
    "ArticlePageRelated",
    "ArticlePageSignatory",
    "ArticleRating",
    "ArticleRatingSummary",
    "ArticleType",
    "Author",
    "ImportRecord",
    "LegalDocument",
    "LegalDocumentStatus",
    "LegalDocumentType",
    "Partner",
    "Province",
    "SectionPage",
]
