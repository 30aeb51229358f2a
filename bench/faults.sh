#!/usr/bin/env bash
# Faults under load (issue 7): 60 s of mixed traffic from 64 clients against gunicorn on
# PostgreSQL + Redis; Redis is stopped at 10 s and started again at 25 s; PostgreSQL is
# restarted at 40 s. Passes when pages kept serving, errors fell only inside the restart
# window, and every vote answered 200 is counted. Loopback only; every step bounded.
#   bench/faults.sh            (uses bench database load_congtin, port 18100)
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-18100}"
DB="${DB:-load_congtin}"
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB"
export DJANGO_SETTINGS_MODULE=config.settings.production DJANGO_SECRET_KEY=load-test-only
export DJANGO_ALLOWED_HOSTS=127.0.0.1 DJANGO_SECURE_SSL_REDIRECT=false DJANGO_HSTS_SECONDS=0
export DJANGO_STATIC_ROOT=/tmp/load-static DJANGO_MEDIA_ROOT=/tmp/load-media
export RATING_RATE_LIMIT=1000000/1m REDIS_URL=redis://127.0.0.1:6379/3
PG_VERSION="$(ls /etc/postgresql)"
start_redis() { redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null; }

if [ "${SKIP_PREPARE:-0}" != 1 ]; then
  dropdb -h 127.0.0.1 -U postgres --if-exists "$DB"
  createdb -h 127.0.0.1 -U postgres "$DB"
  .venv/bin/python manage.py migrate -v0
  .venv/bin/python manage.py load_demo >/dev/null
  .venv/bin/python manage.py generate_articles 1000 --force 2>/dev/null
  .venv/bin/python manage.py collectstatic --noinput -v0
fi
.venv/bin/gunicorn config.wsgi --workers 2 --bind "127.0.0.1:$PORT" --pid /tmp/faults-gunicorn.pid \
  --daemon --error-logfile /tmp/faults-gunicorn.log
trap 'kill "$(cat /tmp/faults-gunicorn.pid)" 2>/dev/null || true; redis-cli ping >/dev/null 2>&1 || start_redis' EXIT
sleep 3

.venv/bin/python bench/load_test.py --base "http://127.0.0.1:$PORT" --duration 60 --clients 64 \
  --fault-window 35:55 > /tmp/faults-result.json &
LOAD=$!
sleep 10; echo "t=10s: stopping Redis";   redis-cli shutdown nosave >/dev/null 2>&1 || true
sleep 15; echo "t=25s: starting Redis";   start_redis
sleep 15; echo "t=40s: restarting PostgreSQL"
pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main restart
wait "$LOAD" && status=0 || status=$?
cat /tmp/faults-result.json
echo "faults.sh: $([ "$status" = 0 ] && echo PASSED || echo FAILED)"
exit "$status"
