from .furniture import FurnitureVersion
from .images import PortalImage, PortalRendition
from .pages import HomePage, HomePageFeaturedArticle, PortalPage, StandardPage
from .settings import PortalSettings
from .users import GroupProfile, User

__all__ = [
    "FurnitureVersion",
    "GroupProfile",
    "HomePage",
    "HomePageFeaturedArticle",
    "PortalImage",
    "PortalPage",
    "PortalRendition",
    "PortalSettings",
    "StandardPage",
    "User",
]
