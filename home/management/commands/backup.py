import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from home.backups import backup


class Command(BaseCommand):
    help = "Back up the database and uploaded media into a new folder under backups/ (or --output)."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Folder to write; default backups/<date-time>/")

    def handle(self, output=None, **options):
        folder = Path(output or Path(settings.BASE_DIR) / "backups" / f"{datetime.datetime.now():%Y%m%d-%H%M%S}")
        for path in backup(folder):
            self.stdout.write(f"written: {path}")
        self.stdout.write(f"backup: {folder}")
