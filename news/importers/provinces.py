"""Provinces named in an imported article, tagged as the units stood on the article's date."""

import datetime
import re

from home.vietnamese import fold
from news.models import Province

# Provinces were merged on this day (Nghị quyết 202/2025/QH15): before it, articles name the former units.
PROVINCE_REFORM_DATE = datetime.date(2025, 7, 1)


class ProvinceMatcher:
    """Finds provinces named in an article and tags each as it was on the article's date.

    A name counts at the start of the title ("Long An: …") or after "tỉnh", "thành phố" or
    "TP." anywhere ("tỉnh Lạng Sơn"); matching ignores accents and case. An article dated
    before 1 July 2025 keeps the former unit (Long An); a later one gets the current unit
    (Tây Ninh).
    """

    def __init__(self, provinces):
        self.provinces = {}
        for province in provinces:
            self.provinces[self._key(province.name)] = province
        # Longest first, so "Thừa Thiên Huế" wins over "Huế".
        names = sorted(self.provinces, key=len, reverse=True)
        alternatives = "|".join(r"[\s\-–.]+".join(map(re.escape, name.split())) for name in names)
        self.title_pattern = re.compile(rf"^\s*({alternatives})\s*[:\-–]")
        self.text_pattern = re.compile(rf"(?<![a-z0-9])(?:tinh|thanh pho|tp\.?)\s*({alternatives})(?![a-z0-9])")

    @classmethod
    def from_database(cls):
        return cls(Province.objects.select_related("merged_into").prefetch_related("former_units"))

    @staticmethod
    def _key(name):
        return " ".join(re.findall(r"[a-z0-9]+", fold(name)))

    def lookup(self, name):
        return self.provinces.get(self._key(name))

    def mentioned(self, title, text):
        """The provinces named in the title or the text, in order of first mention."""
        found = []
        folded_title = fold(title)
        if match := self.title_pattern.match(folded_title):
            found.append(match.group(1))
        for source in (folded_title, fold(text)):
            found.extend(match.group(1) for match in self.text_pattern.finditer(source))
        provinces = []
        for name in found:
            province = self.lookup(name)
            if province is not None and province not in provinces:
                provinces.append(province)
        return provinces

    @staticmethod
    def unit_on(province, day):
        """The unit that stood for `province` on `day`: the former one before the 2025 merger."""
        if day >= PROVINCE_REFORM_DATE:
            return province.current_unit or province
        if province.is_pre_2025:
            return province
        former = list(province.former_units.all())
        return former[0] if len(former) == 1 else province

    def for_article(self, article, day):
        """(provinces to tag, names that are not provinces) for a `SourceArticle` dated `day`."""
        named, unknown = [], []
        for name in article.provinces:
            province = self.lookup(name)
            if province is None:
                unknown.append(name)
            else:
                named.append(province)
        tagged = []
        for province in named + self.mentioned(article.title, article.text):
            unit = self.unit_on(province, day)
            if unit not in tagged:
                tagged.append(unit)
        return tagged, unknown
