#!/usr/bin/env bash
# Install wagtail/bakerydemo outside the project and load its own demo data.
#   bench/setup_bakerydemo.sh sqlite|postgres
# Needs a clone of the bakerydemo repository at $BAKERY_DIR (default /tmp/bakerydemo);
# see bench/README.md. Nothing of it is ever committed here.
# Its venv ($BAKERY_VENV) gets bakerydemo's requirements on our stack: Wagtail 8.0.1,
# Django 5.2, django-debug-toolbar < 5, plus gunicorn, whitenoise and psycopg.
source "$(dirname "$0")/lib.sh"
KIND="${1:?sqlite or postgres}"
[ -f "$BAKERY_DIR/manage.py" ] || { echo "clone wagtail/bakerydemo into $BAKERY_DIR first" >&2; exit 1; }

if [ ! -x "$BAKERY_VENV/bin/gunicorn" ]; then
  python3 -m venv "$BAKERY_VENV"
  "$BAKERY_VENV/bin/pip" install -q --upgrade pip
  # requirements/base.txt and production.txt, with our versions of the shared stack.
  "$BAKERY_VENV/bin/pip" install -q 'wagtail==8.0.1' 'Django==5.2.19' 'python-dotenv>=1.2.1,<2' \
    'wagtail-font-awesome-svg>=1,<2' 'django-debug-toolbar>=4.2,<5' 'django-extensions>=4.1,<5' \
    'django-csp>=3.8,<4' 'dj-database-url>=3.1.0,<4' 'psycopg[binary]==3.3.9' 'whitenoise==6.12.0' \
    'gunicorn==27.0.1'
fi

bakery_env "$KIND"
case "$KIND" in
  sqlite) rm -f "$WORK/bakerydemo.sqlite3"{,-wal,-shm} ;;
  postgres)
    dropdb -h 127.0.0.1 -U postgres --if-exists bench_bakerydemo
    createdb -h 127.0.0.1 -U postgres bench_bakerydemo ;;
esac
cd "$BAKERY_DIR"
"$BAKERY_VENV/bin/python" manage.py migrate --noinput -v0
"$BAKERY_VENV/bin/python" manage.py load_initial_data
"$BAKERY_VENV/bin/python" manage.py collectstatic --noinput -v0
echo "bakerydemo $(git -C "$BAKERY_DIR" rev-parse --short HEAD) ready on $KIND"
