"""Path converters shared by the project's URL configurations."""

from django.urls import register_converter


class DatabaseIdConverter:
    """A row id in a path, as `<db_id:name>`.

    Django's `int` hands any run of digits to the view: past the database's signed 64-bit
    range the query failed, and past 4,300 digits int() itself did, each a 500. Such numbers
    become 0, an id no row has, so the view answers them as any unknown id (a 404, after
    its own method and CSRF checks).
    """

    regex = "[0-9]+"
    MAX = 2**63 - 1

    def to_python(self, value):
        if len(value) > len(str(self.MAX)) or int(value) > self.MAX:
            return 0
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(DatabaseIdConverter, "db_id")
