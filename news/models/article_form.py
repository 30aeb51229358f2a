from django.utils.translation import gettext

from taggit.utils import parse_tags
from wagtail.admin.forms import WagtailAdminPageForm

from home.vietnamese import fold

from .taxonomy import Province


class ArticlePageForm(WagtailAdminPageForm):
    """Keeps provinces a closed vocabulary: a name typed without accents ("dong nai") becomes
    the one province it names, and a name outside the list is refused with a message instead
    of being dropped."""

    def clean(self):
        cleaned = super().clean()
        raw = self.data.get(self.add_prefix("provinces"), "")
        names = parse_tags(raw) if raw else []
        by_fold = Province.names_by_fold() if names else {}
        chosen, unknown = [], []
        for name in names:
            found = by_fold.get(fold(name), [])
            if len(found) != 1:  # none, or (never so far) two provinces spelt alike but for accents
                unknown.append(name)
            elif found[0] not in chosen:
                chosen.append(found[0])
        if unknown:
            self.add_error(
                "provinces",
                gettext("Not in the province list: %(names)s. Choose a province from the suggestions.")
                % {"names": ", ".join(unknown)},
            )
        elif "provinces" in cleaned:
            cleaned["provinces"] = chosen
        return cleaned
