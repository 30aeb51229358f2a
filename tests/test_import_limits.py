"""`import_articles` refuses oversized exports and photos outside the export's folder (issue 20, item 7).

Each refusal is one "error" line with a Vietnamese reason; nothing of that article is created,
and the import goes on with the next one.
"""

import io
import json
import os

import pytest
from PIL import Image

from home.models import PortalImage
from news.importers import from_json_line, read_lines
from news.models import ArticlePage, Author, ImportRecord, Partner

from .test_import import make_photo, media_files, run

GOOD = {"title": "Tin tốt", "body_html": "<p>Nội dung tốt.</p>", "date": "2024-02-01"}


def write_jsonl(path, *records):
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write((record if isinstance(record, str) else json.dumps(record, ensure_ascii=False)) + "\n")
    return path


def titles():
    return list(ArticlePage.objects.values_list("title", flat=True))


def assert_only_the_good_article_was_created(media_before):
    assert titles() == ["Tin tốt"]
    assert ImportRecord.objects.count() == 1
    assert PortalImage.objects.count() == 0
    assert media_files() == media_before


# --- field and line sizes ---------------------------------------------------


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"title": "T" * 256, "body_html": "<p>x</p>"}, "tiêu đề dài quá 255 ký tự"),
        ({"title": "Tin", "body_html": "<p>" + "x" * 2_000_000 + "</p>"}, "trường “body_html” dài quá 2000000 ký tự"),
        ({"title": "Tin", "body_html": "<p>x</p>", "sapo": "s" * 5_001}, "trường “sapo” dài quá 5000 ký tự"),
        ({"title": "Tin", "body_html": "<p>x</p>", "source": "s" * 256}, "trường “source” dài quá 255 ký tự"),
        (
            {"title": "Tin", "body_html": "<p>x</p>", "legacy_url": "/" * 1_001},
            "trường “legacy_url” dài quá 1000 ký tự",
        ),
        ({"title": "Tin", "body_html": "<p>x</p>", "authors": ["A" * 1_001]}, "trường “authors” dài quá 1000 ký tự"),
        ({"title": "Tin", "body_html": "<p>x</p>", "partners": ["P"] * 101}, "trường “partners” có quá 100 mục"),
        (
            {"title": "Tin", "body_html": "<p>x</p>", "images": [{"path": "a.jpg", "caption": "c" * 1_001}]},
            "trường “images” dài quá 1000 ký tự",
        ),
    ],
)
def test_oversized_fields_say_which_field_and_its_limit(record, reason):
    with pytest.raises(ValueError) as raised:
        from_json_line(json.dumps(record))
    assert str(raised.value) == reason


def test_an_oversized_field_is_an_error_line_and_the_next_article_goes_in(section, tmp_path):
    export = write_jsonl(
        tmp_path / "a.jsonl",
        {"title": "Tin quá dài", "body_html": "<p>" + "x" * 2_000_000 + "</p>"},
        {"title": "Tin nhiều đối tác", "body_html": "<p>x</p>", "partners": [f"Đối tác {n}" for n in range(101)]},
        GOOD,
    )
    media = media_files()
    out, _, failed = run(export)
    assert failed
    assert out.splitlines()[:2] == [
        f"error: {export}:1: trường “body_html” dài quá 2000000 ký tự",
        f"error: {export}:2: trường “partners” có quá 100 mục",
    ]
    assert out.splitlines()[2].startswith(f"created: {export}:3: Tin tốt → ")
    assert out.splitlines()[-1] == "đã tạo 1, không đổi 0, lỗi 2"
    assert_only_the_good_article_was_created(media)
    assert Partner.objects.count() == 0 and Author.objects.count() == 0


def test_a_line_past_ten_megabytes_is_an_error_and_the_next_line_is_read(section, tmp_path):
    line = json.dumps({"title": "Tin khổng lồ", "body_html": "<p>x</p>", "sapo": "s" * (10 * 1024 * 1024)})
    export = write_jsonl(tmp_path / "a.jsonl", line, GOOD)
    out, _, failed = run(export)
    assert failed
    assert out.splitlines()[0] == f"error: {export}:1: dòng dài quá 10 MB"
    assert out.splitlines()[1].startswith(f"created: {export}:2: Tin tốt → ")
    assert titles() == ["Tin tốt"]


class ChunkRecorder(io.BytesIO):
    """A file that remembers the longest piece any read handed out."""

    longest = 0

    def readline(self, size=-1):
        piece = super().readline(size)
        self.longest = max(self.longest, len(piece))
        return piece


def test_lines_are_read_without_holding_more_than_the_limit():
    handle = ChunkRecorder(b"abc\n" + b"x" * 5_000_000 + b"\n" + b"y" * 11 + b"\nok")
    assert list(read_lines(handle, limit=10)) == [(b"abc\n", 4), (None, 5_000_001), (None, 12), (b"ok", 2)]
    assert handle.longest <= 1 << 20


def test_plain_text_title_and_file_size_are_capped(section, tmp_path):
    long_title = tmp_path / "a.txt"
    long_title.write_text("T" * 256 + "\nNgày 01/02/2024, nội dung.\n", encoding="utf-8")
    huge = tmp_path / "b.txt"
    with huge.open("w", encoding="utf-8") as handle:
        handle.write("Tin rất dài\n")
        handle.write(("Ngày 01/02/2024, một đoạn văn bình thường của bài.\n" * 1000) * 220)
    good = tmp_path / "c.txt"
    good.write_text("Tin tốt\nNgày 01/02/2024, nội dung tốt.\n", encoding="utf-8")
    assert huge.stat().st_size > 10 * 1024 * 1024
    out, _, failed = run(long_title, huge, good)
    assert failed
    assert out.splitlines()[:2] == [
        f"error: {long_title}: trường “title” dài quá 255 ký tự",
        f"error: {huge}: tệp lớn quá 10 MB",
    ]
    assert titles() == ["Tin tốt"]


# --- photos -----------------------------------------------------------------


def test_a_photo_past_the_pixel_cap_is_refused_like_an_upload(section, tmp_path, settings):
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
    # 49 million pixels, a few kilobytes on disk.
    Image.new("1", (7000, 7000)).save(tmp_path / "lon.png")
    assert (tmp_path / "lon.png").stat().st_size < 100_000
    export = write_jsonl(
        tmp_path / "a.jsonl", {"title": "Ảnh quá lớn", "body_html": "<p>x</p>", "images": ["lon.png"]}, GOOD
    )
    media = media_files()
    out, _, failed = run(export)
    assert failed
    assert out.splitlines()[0] == f"error: {export}:1: Ảnh quá lớn: ảnh lon.png: quá 40 triệu điểm ảnh"
    assert_only_the_good_article_was_created(media)


def test_a_photo_past_the_upload_size_is_refused(section, tmp_path, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024 * 1024
    Image.frombytes("RGB", (800, 600), os.urandom(800 * 600 * 3)).save(tmp_path / "nang.png")
    assert (tmp_path / "nang.png").stat().st_size > 1024 * 1024
    export = write_jsonl(
        tmp_path / "a.jsonl", {"title": "Ảnh quá nặng", "body_html": "<p>x</p>", "images": ["nang.png"]}, GOOD
    )
    media = media_files()
    out, _, failed = run(export)
    assert failed
    assert out.splitlines()[0] == f"error: {export}:1: Ảnh quá nặng: ảnh nang.png: tệp lớn quá 1 MB"
    assert_only_the_good_article_was_created(media)


@pytest.fixture
def outside_photo(tmp_path):
    """A real photo beside, not inside, the export's folder."""
    return make_photo(tmp_path / "bi-mat.jpg")


@pytest.mark.parametrize("kind", ["dot-dot", "absolute", "symlink", "symlinked-folder"])
def test_a_photo_outside_the_export_folder_is_refused(section, tmp_path, outside_photo, kind):
    folder = tmp_path / "xuat"
    folder.mkdir()
    if kind == "dot-dot":
        named = "../bi-mat.jpg"
    elif kind == "absolute":
        named = str(outside_photo)
    elif kind == "symlink":
        (folder / "anh.jpg").symlink_to(outside_photo)
        named = "anh.jpg"
    else:
        (folder / "anh").symlink_to(tmp_path)
        named = "anh/bi-mat.jpg"
    export = write_jsonl(folder / "a.jsonl", {"title": "Ảnh ngoài", "body_html": "<p>x</p>", "images": [named]}, GOOD)
    media = media_files()
    out, _, failed = run(export)
    assert failed
    assert out.splitlines()[0] == f"error: {export}:1: Ảnh ngoài: ảnh {named} nằm ngoài thư mục của tệp xuất"
    assert_only_the_good_article_was_created(media)


def test_photos_inside_the_export_folder_still_go_in(section, tmp_path):
    folder = tmp_path / "xuat"
    make_photo(folder / "anh" / "mot.jpg")
    make_photo(folder / "hai.jpg", colour="#123456")
    (folder / "ba.jpg").symlink_to(folder / "anh" / "mot.jpg")
    export = write_jsonl(
        folder / "a.jsonl",
        {"title": "Ảnh trong", "body_html": "<p>x</p>", "images": ["anh/mot.jpg", str(folder / "hai.jpg"), "ba.jpg"]},
    )
    out, _, failed = run(export)
    assert not failed, out
    page = ArticlePage.objects.get()
    assert [block.block_type for block in page.body] == ["image", "image"]
    # The symbolic link names the same file as anh/mot.jpg: stored once, found by its hash.
    assert PortalImage.objects.count() == 2
    assert page.body[1].value["image"] == page.feature_image
