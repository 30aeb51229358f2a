"""The photos an export names: found inside the export's folder, checked like uploads, stored once."""

import hashlib
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from django.conf import settings
from django.core.files import File
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from home.models import PortalImage


def locate_images(article, base_dir):
    """({image key: path on disk}, warnings) for the photos a `SourceArticle` names.

    A photo that is missing or unreadable is a warning: the article goes in without it. One
    outside `base_dir` (by `..`, an absolute path or a symbolic link), or past the upload caps,
    raises ValueError: nothing of the article is imported.
    """
    base = Path(base_dir).resolve()
    paths, warnings = {}, []
    for key, ref in article.images.items():
        path = (base / ref.path).resolve()
        if not path.is_relative_to(base):
            raise ValueError(_("image %(path)s is outside the export's folder") % {"path": ref.path})
        problem = image_problem(path)
        if problem:
            warnings.append(
                _("image %(path)s: %(problem)s; the article is imported without it")
                % {"path": ref.path, "problem": problem}
            )
            continue
        if refusal := image_refusal(path):
            raise ValueError(_("image %(path)s: %(reason)s") % {"path": ref.path, "reason": refusal})
        paths[key] = path
    return paths, warnings


def image_problem(path):
    """Why the file at `path` cannot become a PortalImage, or "" when it can."""
    if not path.is_file():
        return pgettext("import", "file not found")
    if path.suffix.lower().lstrip(".") not in settings.WAGTAILIMAGES_EXTENSIONS:
        return _("not an allowed image format")
    try:
        with Image.open(path) as image:
            image.verify()
    except Image.DecompressionBombError:
        return ""  # an image readable but too large: image_refusal says so
    except (UnidentifiedImageError, OSError, SyntaxError):
        return _("the image file is damaged or unreadable")
    return ""


def image_refusal(path):
    """Why the readable image at `path` is refused as an upload would be (file size, pixels), or ""."""
    max_size = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    if max_size and path.stat().st_size > max_size:
        return _("the file is larger than %(size)s MB") % {"size": _megabytes(max_size)}
    max_pixels = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    try:
        with Image.open(path) as image:  # reads the header only
            pixels = image.width * image.height
    except Image.DecompressionBombError:
        pixels = None  # past Pillow's own cap, which is higher than ours
    if max_pixels and (pixels is None or pixels > max_pixels):
        return _("more than %(pixels)s million pixels") % {"pixels": max_pixels // 1_000_000}
    return ""


def _megabytes(size):
    return f"{size / (1024 * 1024):g}"


def file_sha1(path):
    """The SHA-1 of the file at `path`, read in chunks."""
    digest = hashlib.sha1()  # noqa: S324 - the same content hash Wagtail stores in PortalImage.file_hash
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def image_from_file(path, ref, title):
    """(PortalImage, created) for the photo at `path`; the same file imported twice is stored once.

    The file keeps the name the export gives it. The alt text is the export's own, else the
    caption, else `title`: never the file name.
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
        # What Wagtail's upload form sets, and what the look-up above finds the next time.
        file_hash=sha1,
        file_size=path.stat().st_size,
    )
    with path.open("rb") as handle:
        image.file.save(ref.name, File(handle, name=ref.name), save=False)
    image.save()
    return image, True
