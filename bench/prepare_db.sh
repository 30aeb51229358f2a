#!/usr/bin/env bash
# Build a Cổng Tin benchmark database: migrate, the demo tree, N generated articles.
#   bench/prepare_db.sh sqlite 1000
#   bench/prepare_db.sh postgres 100000
# The database is dropped and made anew (SQLite file under $BENCH_WORK, or the
# PostgreSQL database bench_congtin_N on 127.0.0.1).
source "$(dirname "$0")/lib.sh"
KIND="${1:?sqlite or postgres}"
N="${2:?number of articles}"
SEED="${SEED:-2026}"

app_env "$KIND" "$N"
case "$KIND" in
  sqlite) rm -f "$WORK/congtin-$N.sqlite3"{,-wal,-shm} ;;
  postgres)
    dropdb -h 127.0.0.1 -U postgres --if-exists "bench_congtin_$N"
    createdb -h 127.0.0.1 -U postgres "bench_congtin_$N" ;;
esac
rm -rf "$DJANGO_MEDIA_ROOT"
cd "$APP_DIR"
"$APP_PY" manage.py migrate --noinput -v0
"$APP_PY" manage.py load_demo >/dev/null
start=$(date +%s)
"$APP_PY" manage.py generate_articles "$N" --seed "$SEED" --force
echo "generate_articles $N on $KIND: $(( $(date +%s) - start )) s"
if [ "$KIND" = postgres ]; then
  psql -h 127.0.0.1 -U postgres -q -d "bench_congtin_$N" -c 'VACUUM ANALYZE'
fi
"$APP_PY" manage.py collectstatic --noinput -v0
