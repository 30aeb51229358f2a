from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Length, Substr

from wagtail.models import PageViewRestriction
from wagtail.query import PageQuerySet


class PortalPageQuerySet(PageQuerySet):
    def public(self):
        """Pages outside any private section, checked in SQL rather than a query per call.

        Wagtail's own `public()` first loads every view restriction; this asks the database
        whether a restricted page is an ancestor (its path a prefix of ours), unless the
        remembered furniture of the request says no page is restricted.
        """
        from home import furniture  # it imports the models

        remembered = furniture.active()
        if remembered is not None and not remembered.restrictions:
            return self
        restricted_ancestor = PageViewRestriction.objects.annotate(prefix_length=Length("page__path")).filter(
            page__path=Substr(OuterRef("path"), 1, F("prefix_length"))
        )
        return self.exclude(Exists(restricted_ancestor))
