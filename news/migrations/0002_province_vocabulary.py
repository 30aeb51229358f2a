"""The province vocabulary: 34 units in force since 1 July 2025 and the 63 before them.

Data is frozen here on purpose: a migration must not change when code does.
"""

from django.db import migrations

from home.vietnamese import slugify

UNCHANGED = [
    "Hà Nội", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh",
    "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Cao Bằng",
]  # fmt: skip

# current unit: former units merged into it (the first keeps its name).
MERGED = {
    "Huế": ["Thừa Thiên Huế"],
    "Tuyên Quang": ["Tuyên Quang", "Hà Giang"],
    "Lào Cai": ["Lào Cai", "Yên Bái"],
    "Thái Nguyên": ["Thái Nguyên", "Bắc Kạn"],
    "Phú Thọ": ["Phú Thọ", "Vĩnh Phúc", "Hòa Bình"],
    "Bắc Ninh": ["Bắc Ninh", "Bắc Giang"],
    "Hưng Yên": ["Hưng Yên", "Thái Bình"],
    "Hải Phòng": ["Hải Phòng", "Hải Dương"],
    "Ninh Bình": ["Ninh Bình", "Hà Nam", "Nam Định"],
    "Quảng Trị": ["Quảng Trị", "Quảng Bình"],
    "Đà Nẵng": ["Đà Nẵng", "Quảng Nam"],
    "Quảng Ngãi": ["Quảng Ngãi", "Kon Tum"],
    "Gia Lai": ["Gia Lai", "Bình Định"],
    "Khánh Hòa": ["Khánh Hòa", "Ninh Thuận"],
    "Lâm Đồng": ["Lâm Đồng", "Đắk Nông", "Bình Thuận"],
    "Đắk Lắk": ["Đắk Lắk", "Phú Yên"],
    "Hồ Chí Minh": ["Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"],
    "Đồng Nai": ["Đồng Nai", "Bình Phước"],
    "Tây Ninh": ["Tây Ninh", "Long An"],
    "Cần Thơ": ["Cần Thơ", "Sóc Trăng", "Hậu Giang"],
    "Vĩnh Long": ["Vĩnh Long", "Bến Tre", "Trà Vinh"],
    "Đồng Tháp": ["Đồng Tháp", "Tiền Giang"],
    "Cà Mau": ["Cà Mau", "Bạc Liêu"],
    "An Giang": ["An Giang", "Kiên Giang"],
}


def load_provinces(apps, schema_editor):
    Province = apps.get_model("news", "Province")

    def upsert(name, **fields):
        province, _ = Province.objects.update_or_create(slug=slugify(name), defaults={"name": name, **fields})
        return province

    for name in UNCHANGED:
        upsert(name, is_current=True, is_pre_2025=True, merged_into=None)
    for current_name, former_names in MERGED.items():
        current = upsert(current_name, is_current=True, is_pre_2025=current_name in former_names, merged_into=None)
        for name in former_names:
            if name != current_name:
                upsert(name, is_current=False, is_pre_2025=True, merged_into=current)


class Migration(migrations.Migration):
    dependencies = [("news", "0001_initial")]

    operations = [migrations.RunPython(load_provinces, migrations.RunPython.noop)]
