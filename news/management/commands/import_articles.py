"""Import articles from an older portal's exports: plain text like the seeds, or JSON Lines (PRODUCT.md §9)."""

import time
from dataclasses import dataclass, field
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from wagtail.contrib.redirects.models import Redirect

from news.importers import (
    ProvinceMatcher,
    build_article_page,
    from_json_line,
    from_plain_text,
    image_from_file,
    locate_images,
    read_lines,
    unique_slug,
)
from news.importers.source import RECORD_MAX_BYTES
from news.models import ImportRecord, SectionPage

JSON_LINES_SUFFIXES = {".jsonl", ".ndjson"}
PLAIN_TEXT_SUFFIXES = {".txt"}
# More files than this, or one file larger than this, and the command draws a progress bar.
PROGRESS_MIN_FILES = 5
PROGRESS_MIN_BYTES = 1 << 20


@dataclass
class Outcome:
    status: str
    detail: str
    warnings: list = field(default_factory=list)


class Command(BaseCommand):
    help = (
        "Import articles from plain-text exports (like news/demo/seeds) and JSON Lines files. "
        "Importing the same file again creates nothing new. Articles are drafts unless --publish. "
        "Prints one line per article: created / unchanged / error, and exits with status 1 if any failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Files, or folders of .txt and .jsonl files.")
        parser.add_argument("--publish", action="store_true", help="Publish the new articles (default: drafts).")
        parser.add_argument("--dry-run", action="store_true", help="Read and check everything, save nothing.")
        parser.add_argument(
            "--section", metavar="SLUG", help="Slug of the section to import into (default: the first section)."
        )
        parser.add_argument(
            "--images",
            metavar="DIR",
            help="Folder of the photos plain-text exports name (default: the folder of each export).",
        )

    def handle(self, *args, **options):
        self.section = self.find_section(options["section"])
        self.publish = options["publish"]
        self.dry_run = options["dry_run"]
        self.images_dir = Path(options["images"]) if options["images"] else None
        self.matcher = ProvinceMatcher.from_database()
        self.counts = dict.fromkeys(("created", "unchanged", "error"), 0)
        self.seen_keys = set()

        files = list(self.expand(options["paths"]))
        total = sum(path.stat().st_size for path in files)
        self.progress = None
        if len(files) > PROGRESS_MIN_FILES or total > PROGRESS_MIN_BYTES:
            self.progress = ProgressBar(total, len(files), self.stderr)
        for path in files:
            self.import_file(path)
            if self.progress:
                self.progress.file_done()
        if self.progress:
            self.progress.finish()

        if self.dry_run:
            summary = _("would create %(created)s, unchanged %(unchanged)s, errors %(error)s (dry run: nothing saved)")
        else:
            summary = _("created %(created)s, unchanged %(unchanged)s, errors %(error)s")
        self.stdout.write(summary % self.counts)
        if self.counts["error"]:
            failed = self.counts["error"]
            message = ngettext(
                "%(count)s article could not be imported", "%(count)s articles could not be imported", failed
            )
            raise CommandError(message % {"count": failed}, returncode=1)

    def find_section(self, slug):
        sections = SectionPage.objects.order_by("path")
        if slug:
            section = sections.filter(slug=slug).first()
            if section is None:
                known = ", ".join(sections.values_list("slug", flat=True)) or pgettext("import", "(none yet)")
                raise CommandError(_("No section “%(slug)s”. The sections: %(known)s") % {"slug": slug, "known": known})
            return section
        section = sections.first()
        if section is None:
            raise CommandError(_("There is no section yet: create one (or run load_demo) first."))
        return section

    def expand(self, paths):
        for name in paths:
            path = Path(name)
            if path.is_dir():
                suffixes = JSON_LINES_SUFFIXES | PLAIN_TEXT_SUFFIXES
                yield from sorted(item for item in path.rglob("*") if item.is_file() and item.suffix in suffixes)
            elif path.is_file():
                yield path
            else:
                self.line("error", f"{name}: {pgettext('import', 'file not found')}")

    # --- reading ---------------------------------------------------------

    def import_file(self, path):
        if path.suffix.lower() in JSON_LINES_SUFFIXES:
            self.import_json_lines(path)
            return
        try:
            with path.open("rb") as handle:
                data = handle.read(RECORD_MAX_BYTES + 1)
            if len(data) > RECORD_MAX_BYTES:
                raise ValueError(_("the file is larger than %(size)s MB") % {"size": RECORD_MAX_BYTES >> 20})
            article = from_plain_text(data.decode("utf-8-sig"))
        except UnicodeDecodeError:
            self.line("error", f"{path}: {_('not UTF-8 text')}")
        except (OSError, ValueError) as error:
            self.line("error", f"{path}: {error}")
        else:
            self.import_article(article, str(path), self.images_dir or path.parent)
        if self.progress:
            self.progress.advance(path.stat().st_size)

    def import_json_lines(self, path):
        """Read line by line, so memory stays flat however long the file is."""
        try:
            handle = path.open("rb")
        except OSError as error:
            self.line("error", f"{path}: {error}")
            return
        with handle:
            for number, (raw, size) in enumerate(read_lines(handle), 1):
                if self.progress:
                    self.progress.advance(size)
                origin = f"{path}:{number}"
                if raw is None:
                    reason = _("the line is longer than %(size)s MB") % {"size": RECORD_MAX_BYTES >> 20}
                    self.line("error", f"{origin}: {reason}")
                    continue
                try:
                    line = raw.decode("utf-8-sig" if number == 1 else "utf-8").strip()
                except UnicodeDecodeError:
                    self.line("error", f"{origin}: {_('not UTF-8 text')}")
                    continue
                if not line:
                    continue
                try:
                    article = from_json_line(line)
                except ValueError as error:
                    self.line("error", f"{origin}: {error}")
                    continue
                self.import_article(article, origin, path.parent)

    # --- writing ---------------------------------------------------------

    def import_article(self, article, origin, base_dir):
        key = article.content_key()
        if key in self.seen_keys or ImportRecord.objects.filter(key=key).exists():
            self.line("unchanged", f"{origin}: {article.title}")
            return
        try:
            paths, warnings = locate_images(article, base_dir)
        except ValueError as error:
            self.line("error", f"{origin}: {article.title}: {error}")
            return
        saved_files = []
        try:
            with transaction.atomic():
                outcome = self.create_page(article, key, origin, paths, warnings, saved_files)
                if self.dry_run:
                    transaction.set_rollback(True)
        except Exception as error:  # noqa: BLE001 - one bad article must never stop the others
            self.delete_files(saved_files)
            self.line("error", f"{origin}: {article.title}: {error.__class__.__name__}: {error}")
            return
        if self.dry_run:
            self.delete_files(saved_files)
            self.seen_keys.add(key)
        for warning in outcome.warnings:
            self.line("warning", f"{origin}: {warning}")
        self.line(outcome.status, f"{origin}: {outcome.detail}")

    def create_page(self, article, key, origin, paths, warnings, saved_files):
        """Create the page of `article` with the photos found at `paths`; returns an `Outcome`."""
        warnings = list(warnings)
        images = {}
        for image_key, path in paths.items():
            image, created = image_from_file(path, article.images[image_key], article.title)
            if created:
                saved_files.append(image.file)
            images[image_key] = image

        if article.date is None:
            warnings.append(_("no publication date found: using the import date"))
        day = timezone.localdate(article.date) if article.date else timezone.localdate()
        provinces, unknown = self.matcher.for_article(article, day)
        warnings.extend(_("“%(name)s” is not in the list of provinces: ignored") % {"name": name} for name in unknown)

        page = build_article_page(article, images, provinces=provinces)
        page.slug = unique_slug(self.section, article.title)
        page.live = False
        self.section.add_child(instance=page)
        revision = page.save_revision(log_action=True)
        if self.publish:
            revision.publish(log_action=True)
        ImportRecord.objects.create(key=key, page=page, origin=origin[:500], legacy_url=article.legacy_url[:1000])
        if article.legacy_url:
            self.redirect(article.legacy_url, page)

        state = pgettext("import", "published") if self.publish else pgettext("import", "draft")
        status = "would create" if self.dry_run else "created"
        return Outcome(status, f"{article.title} → {page.get_url()} ({state})", warnings)

    def redirect(self, legacy_url, page):
        old_path = Redirect.normalise_path(legacy_url)
        if not old_path or old_path == "/":
            raise ValueError(_("the old address “%(url)s” cannot be used") % {"url": legacy_url})
        existing = Redirect.objects.filter(old_path=old_path, site=None).first()
        if existing is not None:
            raise ValueError(_("the old address %(path)s already redirects to another page") % {"path": old_path})
        Redirect.add_redirect(old_path, redirect_to=page, is_permanent=True)

    @staticmethod
    def delete_files(files):
        for stored in files:
            stored.storage.delete(stored.name)

    def line(self, status, text):
        if status in self.counts:
            self.counts[status] += 1
        elif status == "would create":
            self.counts["created"] += 1
        if getattr(self, "progress", None):
            self.progress.clear()
        self.stdout.write(f"{status}: {text}")
        if getattr(self, "progress", None) and self.progress.interactive:
            self.progress.draw()


class ProgressBar:
    """A progress bar on the command's stderr.

    On a terminal it is redrawn in place, at most ten times a second; otherwise it prints a line per tenth.
    """

    WIDTH = 30

    def __init__(self, total_bytes, total_files, stream):
        self.total = max(total_bytes, 1)
        self.done = 0
        self.files = total_files
        self.files_done = 0
        self.stream = stream
        self.interactive = hasattr(stream, "isatty") and stream.isatty()
        self.last_draw = 0.0
        self.last_tenth = -1
        self.started = time.monotonic()

    def advance(self, size):
        self.done += size
        self.maybe_draw()

    def file_done(self):
        self.files_done += 1
        self.maybe_draw()

    def maybe_draw(self):
        if self.interactive:
            if time.monotonic() - self.last_draw > 0.1:
                self.draw()
        elif int(10 * self.share) != self.last_tenth:
            self.draw()

    @property
    def share(self):
        return min(self.done / self.total, 1.0)

    def draw(self):
        self.last_draw = time.monotonic()
        self.last_tenth = int(10 * self.share)
        filled = int(self.share * self.WIDTH)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        elapsed = int(time.monotonic() - self.started)
        files = _("%(done)s/%(total)s files") % {"done": self.files_done, "total": self.files}
        text = f"[{bar}] {self.share:4.0%}  {files}  {elapsed}s"
        self.stream.write(f"\r{text}" if self.interactive else f"{text}\n", ending="")
        self.stream.flush()

    def clear(self):
        if self.interactive:
            self.stream.write("\r\x1b[K", ending="")

    def finish(self):
        self.done = self.total
        self.draw()
        if self.interactive:
            self.stream.write("\n", ending="")
