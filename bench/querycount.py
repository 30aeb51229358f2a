"""SQL queries per warm request, for any Django project.

Run it with the project's own interpreter, from the project's directory, with the same
environment as its gunicorn (DJANGO_SETTINGS_MODULE, DATABASE_URL...):

    python /path/to/bench/querycount.py [--host 127.0.0.1] [--sql DIR] PATH [PATH...]

Each path is requested three times with Django's test client (anonymous, no cookies);
the third, warm request is counted. Prints one tab-separated line per path:
path, status, queries, bytes. With --sql DIR, writes the warm request's SQL to DIR.
"""

import argparse
import os
import re
import sys
from pathlib import Path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--sql", help="folder for the SQL of each warm request")
    args = parser.parse_args()

    sys.path.insert(0, os.getcwd())
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=args.host)
    for path in args.paths:
        for _ in range(2):
            client.get(path)
            client.cookies.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        client.cookies.clear()
        size = len(response.content) if not response.streaming else -1
        print(f"{path}\t{response.status_code}\t{len(queries)}\t{size}", flush=True)
        if args.sql:
            folder = Path(args.sql)
            folder.mkdir(parents=True, exist_ok=True)
            name = re.sub(r"[^A-Za-z0-9]+", "_", path).strip("_") or "home"
            text = "\n\n".join(f"-- {i + 1}\n{q['sql']}" for i, q in enumerate(queries.captured_queries))
            (folder / f"{name[:80]}.sql").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
