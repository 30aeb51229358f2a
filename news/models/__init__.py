from .articles import (
    ArticlePage,
    ArticlePageAuthor,
    ArticlePageRelated,
    ArticlePageSignatory,
    ArticleType,
    SectionPage,
)
from .authors import Author
from .ratings import ArticleRating, ArticleRatingSummary
from .taxonomy import ArticlePagePartner, ArticlePageProvince, Partner, Province

__all__ = [
    "ArticlePage",
    "ArticlePageAuthor",
    "ArticlePagePartner",
    "ArticlePageProvince",
    "ArticlePageRelated",
    "ArticlePageSignatory",
    "ArticleRating",
    "ArticleRatingSummary",
    "ArticleType",
    "Author",
    "Partner",
    "Province",
    "SectionPage",
]
