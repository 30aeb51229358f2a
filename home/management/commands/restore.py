from django.core.management.base import BaseCommand, CommandError

from home.backups import restore


class Command(BaseCommand):
    help = "Restore the database and media from a folder made by `manage.py backup` (replaces what is there)."

    def add_arguments(self, parser):
        parser.add_argument("folder")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, folder, yes, **options):
        if not yes and input(f"Replace the current database and media with {folder}? [y/N] ").lower() != "y":
            raise CommandError("Nothing restored.")
        try:
            count = restore(folder)
        except FileNotFoundError as error:
            raise CommandError(f"Not a backup folder: {error}") from error
        self.stdout.write(f"restored: the database and {count} media files from {folder}")
