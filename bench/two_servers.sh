#!/usr/bin/env bash
# Two application servers, proven (issue 15, item 5): two gunicorn servers under production
# settings behind nginx round-robin (the shipped deploy/nginx-microcache.conf, its upstream
# listing both), sharing PostgreSQL (primary 5432, streaming replica 5433), Redis and an S3
# server (moto_server), with TASKS_BACKEND=database and one db_worker. Checks, each printed
# PASS or FAIL: an image uploaded through A is shown by B; an edit published through A is
# visible through B, A and nginx; a vote through either server is counted once; with one
# server stopped mid-load, nginx keeps serving readers with 0 failures.
#   bench/two_servers.sh           (run by hand, not in CI; about 2 minutes)
# Exits non-zero on any FAIL. Loopback only; every wait and every load is bounded; the trap
# stops everything the script started and drops its database.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
A_PORT="${A_PORT:-18210}"
B_PORT="${B_PORT:-18211}"
TWO_NGINX_PORT="${TWO_NGINX_PORT:-18290}"
DB="${TWO_DB:-congtin_two}"
REDIS_DB="${TWO_REDIS_DB:-11}"
BUCKET="${TWO_BUCKET:-congtin-two}"
LOAD_REQUESTS="${LOAD_REQUESTS:-2000}"
LOAD_CONN="${LOAD_CONN:-8}"
KILL_SIGNAL="${KILL_SIGNAL:-TERM}"
KEEP_DB="${KEEP_DB:-0}"
ARTICLE="${ARTICLE:-/hop-tac-phat-trien/le-ky-ket-hop-tac-phat-trien-giua-tinh-doan-lang-son-vien-thong-lang-son-va-giao-luu-mung-xuan/}"
# shellcheck disable=SC2012  # (version folders: 15, 16…)
PG_VERSION="$(ls /etc/postgresql | head -n 1)"

OUT="$WORK/results/$(date -u +%Y%m%dT%H%M%SZ)-two-servers"
NG="$OUT/nginx"
PIDDIR="$OUT"
mkdir -p "$NG/cache" "$NG/tmp"
chmod 755 "$WORK" "$WORK/results" "$OUT" "$NG"
chmod 777 "$NG/cache" "$NG/tmp"  # nginx's workers drop root
STARTED_REPLICA=0

# shellcheck disable=SC2317  # (called by the trap)
stop_nginx() {
  if [ -f "$NG/nginx.pid" ]; then
    nginx -c "$NG/nginx.conf" -s quit 2>/dev/null || true
    for _ in $(seq 1 40); do [ -f "$NG/nginx.pid" ] || break; sleep 0.25; done
  fi
}
# shellcheck disable=SC2317
cleanup() {
  stop_nginx
  stop_pidfile server-a
  stop_pidfile server-b
  stop_pidfile worker
  stop_pidfile moto
  redis-cli -n "$REDIS_DB" flushdb >/dev/null 2>&1 || true
  if [ "$KEEP_DB" != 1 ]; then dropdb -h 127.0.0.1 -U postgres --if-exists "$DB" 2>/dev/null || true; fi
  if [ "$STARTED_REPLICA" = 1 ]; then pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" replica stop || true; fi
}
trap cleanup EXIT

S3_PORT="$("$APP_PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
port_free "$A_PORT" "$B_PORT" "$TWO_NGINX_PORT"
{
  machine
  echo "Cổng Tin: $APP_DIR ($(git -C "$APP_DIR" rev-parse --short HEAD 2>/dev/null || cat "$APP_DIR/.bench-commit" 2>/dev/null || echo unknown))"
  echo "servers: A 127.0.0.1:$A_PORT, B 127.0.0.1:$B_PORT (gunicorn, $WORKERS sync workers each), nginx 127.0.0.1:$TWO_NGINX_PORT, S3 (moto_server) 127.0.0.1:$S3_PORT"
  echo "database: $DB; Redis database $REDIS_DB; bucket $BUCKET; TASKS_BACKEND=database with one db_worker"
} | tee "$OUT/machine.txt"

# --- The replica: use the one on 5433, start it if .ci/run made it, else go without -------
REPLICA_URLS=""
if ! pg_isready -h 127.0.0.1 -p 5433 -q && [ -f "/var/lib/postgresql/$PG_VERSION/replica/standby.signal" ]; then
  echo "the streaming replica on 127.0.0.1:5433 is down: starting it"
  pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" replica start && STARTED_REPLICA=1
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5433 -q && break; sleep 1; done
fi
if pg_isready -h 127.0.0.1 -p 5433 -q; then
  REPLICA_URLS="postgres://postgres@127.0.0.1:5433/$DB"
  echo "replica: $REPLICA_URLS (anonymous reads)" | tee -a "$OUT/machine.txt"
else
  echo "SKIP  replica: nothing answers on 127.0.0.1:5433 (.ci/run's replica steps make one); every read goes to the primary" |
    tee -a "$OUT/machine.txt"
fi

# --- The environment of both servers, the worker and the setup commands -------------------
export DJANGO_SETTINGS_MODULE=config.settings.production
export DJANGO_SECRET_KEY=bench-two-servers-not-secret
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
export DJANGO_SECURE_SSL_REDIRECT=false DJANGO_HSTS_SECONDS=0
export DJANGO_STATIC_ROOT="$WORK/static-congtin"
export DJANGO_MEDIA_ROOT="$OUT/local-media"  # must stay empty: media go to the bucket
export PORTAL_BASE_URL="http://127.0.0.1:$TWO_NGINX_PORT"
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB"
export DATABASE_REPLICA_URLS="$REPLICA_URLS"
export REDIS_URL="redis://127.0.0.1:6379/$REDIS_DB"
export RATING_TRUSTED_PROXIES=127.0.0.1
export TASKS_BACKEND=database
export AWS_STORAGE_BUCKET_NAME="$BUCKET" AWS_S3_ENDPOINT_URL="http://127.0.0.1:$S3_PORT"
export AWS_ACCESS_KEY_ID=bench-access-key AWS_SECRET_ACCESS_KEY=bench-secret-key
export AWS_S3_REGION_NAME=us-east-1 AWS_S3_ADDRESSING_STYLE=path
export APP_DIR APP_PY

# --- S3: moto_server and a bucket the public may read -----------------------------------
(exec "$APP_BIN/moto_server" -H 127.0.0.1 -p "$S3_PORT" >"$OUT/moto.log" 2>&1) &
echo $! >"$PIDDIR/moto.pid"
for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$S3_PORT") 2>/dev/null && break; sleep 0.2; done
"$APP_PY" - <<PY
import json, os, boto3
s3 = boto3.client("s3", endpoint_url=os.environ["AWS_S3_ENDPOINT_URL"], region_name="us-east-1")
s3.create_bucket(Bucket="$BUCKET")
s3.put_bucket_policy(Bucket="$BUCKET", Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
    "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::$BUCKET/*"}]}))
PY

# --- The shared database and Redis ---------------------------------------------------------
redis-cli -n "$REDIS_DB" flushdb >/dev/null
dropdb -h 127.0.0.1 -U postgres --if-exists "$DB"
createdb -h 127.0.0.1 -U postgres "$DB"
(
  cd "$APP_DIR" || exit
  "$APP_PY" manage.py migrate -v0
  "$APP_PY" manage.py load_demo >/dev/null
  "$APP_PY" manage.py collectstatic --noinput -v0
)
if [ -n "$REPLICA_URLS" ]; then  # the new database reaches the replica by streaming
  for _ in $(seq 1 60); do
    psql -h 127.0.0.1 -p 5433 -U postgres -d "$DB" -Atc 'SELECT 1 FROM wagtailcore_site LIMIT 1' >/dev/null 2>&1 && break
    sleep 0.5
  done
fi
USER_NAME=hai-may-chu
PASSWORD="$("$APP_PY" -c 'import secrets; print(secrets.token_urlsafe(18))')"
(cd "$APP_DIR" && "$APP_PY" manage.py shell -v0 -c "
from home.models import User
User.objects.create_superuser('$USER_NAME', 'hai-may-chu@example.invalid', '$PASSWORD')")

# --- Two servers, the worker, nginx --------------------------------------------------------
start_gunicorn server-a "$APP_DIR" "$APP_BIN/gunicorn" config.wsgi "$A_PORT"
start_gunicorn server-b "$APP_DIR" "$APP_BIN/gunicorn" config.wsgi "$B_PORT"
(cd "$APP_DIR" && exec "$APP_PY" manage.py db_worker >"$OUT/worker.log" 2>&1) &
echo $! >"$PIDDIR/worker.pid"
wait_http "http://127.0.0.1:$A_PORT/healthz/"
wait_http "http://127.0.0.1:$B_PORT/healthz/"

# The production recipe with its BENCH values pointed at loopback, the upstream both servers.
sed -e "s|/var/cache/nginx/congtin|$NG/cache|" \
    -e "s|server 127.0.0.1:8000;|server 127.0.0.1:$A_PORT;\n    server 127.0.0.1:$B_PORT;|" \
    -e "s|listen 80;|listen 127.0.0.1:$TWO_NGINX_PORT;|" \
    "$BENCH_DIR/../deploy/nginx-microcache.conf" >"$NG/microcache.conf"
cat >"$NG/nginx.conf" <<CONF
worker_processes 1;
pid $NG/nginx.pid;
error_log $NG/error.log warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    log_format upstreams '\$status|\$upstream_addr|\$upstream_status|\$upstream_cache_status|\$request_uri';
    access_log $NG/access.log upstreams;
    keepalive_timeout 65;
    client_body_temp_path $NG/tmp/body;
    proxy_temp_path $NG/tmp/proxy;
    fastcgi_temp_path $NG/tmp/fastcgi;
    uwsgi_temp_path $NG/tmp/uwsgi;
    scgi_temp_path $NG/tmp/scgi;
    include $NG/microcache.conf;
}
CONF
nginx -t -c "$NG/nginx.conf" 2>>"$OUT/machine.txt"
nginx -c "$NG/nginx.conf"
wait_http "http://127.0.0.1:$TWO_NGINX_PORT/healthz/"
grep -A4 '^upstream' "$NG/microcache.conf" | tee -a "$OUT/machine.txt"

# --- The checks ------------------------------------------------------------------------------
status=0
echo
echo "== one site on two servers"
"$APP_PY" "$BENCH_DIR/two_servers.py" checks \
  --a "http://127.0.0.1:$A_PORT" --b "http://127.0.0.1:$B_PORT" --nginx "http://127.0.0.1:$TWO_NGINX_PORT" \
  --s3 "$AWS_S3_ENDPOINT_URL" --bucket "$BUCKET" --article "$ARTICLE" \
  --user "$USER_NAME" --password "$PASSWORD" --media-root "$DJANGO_MEDIA_ROOT" | tee "$OUT/checks.txt" || status=1

# Readers' requests, most of which reach the servers: the rating summary and /healthz/ are
# never cached, and each search is a new address; the article and home page come from nginx.
PAGE_ID="$(curl -s "http://127.0.0.1:$A_PORT/api/v2/pages/?type=news.ArticlePage&slug=$(basename "$ARTICLE")" |
  "$APP_PY" -c 'import json, sys; print(json.load(sys.stdin)["items"][0]["id"])')"
# ({n} is the request's number: every search is a new address, a miss in both caches.)
paths=("$ARTICLE" "/danh-gia/$PAGE_ID/" "/tim-kiem/?q=bai+{n}" / /healthz/ "/danh-gia/$PAGE_ID/")
: >"$NG/access.log"
echo
echo "== failover: $LOAD_REQUESTS GETs through nginx from $LOAD_CONN connections, SIG$KILL_SIGNAL to server A at 40%"
cmd=("$APP_PY" "$BENCH_DIR/two_servers.py" load --nginx "http://127.0.0.1:$TWO_NGINX_PORT" --requests "$LOAD_REQUESTS"
  --concurrency "$LOAD_CONN" --kill-pid "$(cat "$PIDDIR/server-a.pid")" --signal "$KILL_SIGNAL" --max-seconds "${LOAD_MAX_SECONDS:-50}")
echo "# ${cmd[*]} (${#paths[@]} paths in turn)" >"$OUT/load.txt"
"${cmd[@]}" "${paths[@]}" | tee -a "$OUT/load.txt" || status=1
{
  echo "the servers each request through nginx went to, and their answers (access log; - = from nginx's cache):"
  awk -F'|' '{print $2 "  →  " $3}' "$NG/access.log" | sort | uniq -c | sort -rn
} | tee "$OUT/upstreams.txt"

echo
echo "results: $OUT"
if [ "$status" = 0 ]; then echo "two_servers.sh: every check PASSED"; else echo "two_servers.sh: FAILED"; fi
exit "$status"
