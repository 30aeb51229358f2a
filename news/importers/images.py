"""The photos an export names: where they are on disk, whether they can be stored, and storing them once."""

import hashlib
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from django.conf import settings
from django.core.files import File
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from home.models import PortalImage


def image_path(ref, base_dir):
    """Where an image of an export is on disk: absolute as given, else relative to `base_dir`."""
    path = Path(ref.path).expanduser()
    return path if path.is_absolute() else Path(base_dir) / path


def file_sha1(path):
    """The SHA-1 of the file at `path`, read in chunks."""
    digest = hashlib.sha1()  # noqa: S324 - the same content hash Wagtail stores in PortalImage.file_hash
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def image_problem(path):
    """Why the file at `path` cannot become a PortalImage, or "" when it can."""
    if not path.is_file():
        return pgettext("import", "file not found")
    if path.suffix.lower().lstrip(".") not in settings.WAGTAILIMAGES_EXTENSIONS:
        return _("not an allowed image format")
    try:
        with Image.open(path) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError):
        return _("the image file is damaged or unreadable")
    return ""


def image_from_file(path, ref, title):
    """(PortalImage, created) for the photo at `path`; the same file imported twice is stored once.

    The alt text is the export's own, else the caption, else `title`: never the file name.
    """
    path = Path(path)
    sha1 = file_sha1(path)
    existing = PortalImage.objects.filter(file_hash=sha1).first()
    if existing is not None:
        return existing, False
    image = PortalImage(
        title=(ref.caption or title)[:255],
        alt_text=(ref.alt_text or ref.caption or title)[:255],
        caption=ref.caption[:500],
        credit=ref.credit[:255],
    )
    with path.open("rb") as handle:
        image.file.save(path.name, File(handle, name=path.name), save=False)
    image.save()
    return image, True
