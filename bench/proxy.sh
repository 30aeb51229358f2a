#!/usr/bin/env bash
# The reverse-proxy comparison: nginx serving the article's HTML as a static file, the
# production micro-cache (deploy/nginx-microcache.conf) in front of gunicorn, and gunicorn's
# own page cache, measured in alternation; then how long an edit takes to show through
# the micro-cache after it is published.
#   bench/proxy.sh sqlite 1000
# Needs bench/prepare_db.sh KIND N first. Uses Redis database $BENCH_REDIS_DB (11) as the
# application's cache, as production with several workers should.
source "$(dirname "$0")/lib.sh"
KIND="${1:?sqlite or postgres}"
N="${2:?number of articles}"
ROUNDS="${ROUNDS:-2}"
DURATION="${DURATION:-15s}"
CONN="${CONN:-32}"
ARTICLE="${ARTICLE:-/hop-tac-phat-trien/le-ky-ket-hop-tac-phat-trien-giua-tinh-doan-lang-son-vien-thong-lang-son-va-giao-luu-mung-xuan/}"
REDIS="redis://127.0.0.1:6379/${BENCH_REDIS_DB:-11}"
STATIC_PORT="${STATIC_PORT:-18081}"

OUT="$WORK/results/$(date -u +%Y%m%dT%H%M%SZ)-proxy-$KIND-$N"
NG="$WORK/nginx"
mkdir -p "$OUT/wrk" "$NG/static" "$NG/cache" "$NG/tmp"
PIDDIR="$OUT"
chmod 777 "$NG/cache" "$NG/tmp"

stop_nginx() {
  if [ -f "$NG/nginx.pid" ]; then
    nginx -c "$NG/nginx.conf" -s quit 2>/dev/null || true
    for _ in $(seq 1 40); do [ -f "$NG/nginx.pid" ] || break; sleep 0.25; done
  fi
}
cleanup() { stop_nginx; stop_pidfile congtin-proxied; }
trap cleanup EXIT

{
  machine
  echo "database: $KIND, $N generated articles; application cache: Redis ($REDIS)"
  echo "Cổng Tin: $APP_DIR ($(git -C "$APP_DIR" rev-parse --short HEAD 2>/dev/null || cat "$APP_DIR/.bench-commit" 2>/dev/null || echo unknown))"
  echo "nginx: $(nginx -v 2>&1 | cut -d/ -f2), worker_processes auto ($(nproc)); gunicorn: $WORKERS sync workers"
  echo "wrk: -t2 -c$CONN -d$DURATION --latency, $ROUNDS rounds in alternation"
} | tee "$OUT/machine.txt"

( app_env "$KIND" "$N"
  start_gunicorn congtin-proxied "$APP_DIR" "$APP_BIN/gunicorn" config.wsgi "$APP_CACHED_PORT" \
    PAGE_CACHE_SECONDS=300 REDIS_URL="$REDIS" )
wait_http "http://127.0.0.1:$APP_CACHED_PORT/"

# The same HTML, as a file.
curl -s "http://127.0.0.1:$APP_CACHED_PORT$ARTICLE" >"$NG/static/article.html"
chmod -R a+rX "$NG/static"

# The production recipe with its three BENCH values pointed at loopback and $WORK.
sed -e "s|/var/cache/nginx/congtin|$NG/cache|" \
    -e "s|server 127.0.0.1:8000;|server 127.0.0.1:$APP_CACHED_PORT;|" \
    -e "s|listen 80;|listen 127.0.0.1:$NGINX_PORT;|" \
    "$BENCH_DIR/../deploy/nginx-microcache.conf" >"$NG/microcache.conf"
cat >"$NG/nginx.conf" <<CONF
worker_processes auto;
pid $NG/nginx.pid;
error_log $NG/error.log warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    keepalive_requests 100000;
    client_body_temp_path $NG/tmp/body;
    proxy_temp_path $NG/tmp/proxy;
    fastcgi_temp_path $NG/tmp/fastcgi;
    uwsgi_temp_path $NG/tmp/uwsgi;
    scgi_temp_path $NG/tmp/scgi;
    include $NG/microcache.conf;
    # The article's HTML as a plain file: the ceiling for any cache in front of Python.
    server {
        listen 127.0.0.1:$STATIC_PORT;
        root $NG/static;
        location / { default_type text/html; try_files /article.html =404; }
    }
}
CONF
port_free "$NGINX_PORT" "$STATIC_PORT"
nginx -t -c "$NG/nginx.conf" 2>>"$OUT/machine.txt"
nginx -c "$NG/nginx.conf"
wait_http "http://127.0.0.1:$STATIC_PORT$ARTICLE"
wait_http "http://127.0.0.1:$NGINX_PORT$ARTICLE"

printf '%s\t%s\t%s\t%s\n' \
  nginx-static "$ARTICLE" - "$CONN" \
  nginx-microcache "$ARTICLE" nginx-static "$CONN" \
  app-article-cached "$ARTICLE" nginx-static "$CONN" >"$OUT/targets.tsv"
base_of() { case "$1" in nginx-static) echo "http://127.0.0.1:$STATIC_PORT" ;;
  nginx-microcache) echo "http://127.0.0.1:$NGINX_PORT" ;; *) echo "http://127.0.0.1:$APP_CACHED_PORT" ;; esac; }

while IFS=$'\t' read -r label path _ conns; do
  wrk -t2 -c"$conns" -d3s "$(base_of "$label")$path" >/dev/null
done <"$OUT/targets.tsv"
wrk_rounds
curl -s -D - -o /dev/null "http://127.0.0.1:$NGINX_PORT$ARTICLE" | grep -i x-proxy-cache >>"$OUT/machine.txt"

# --- an edit, published the way the admin and publish_scheduled do it ---------------
MARK="BENCH-EDIT-$(date +%s)"
curl -s "http://127.0.0.1:$NGINX_PORT$ARTICLE" >/dev/null
( app_env "$KIND" "$N"; cd "$APP_DIR"
  REDIS_URL="$REDIS" "$APP_PY" manage.py shell -v0 -c "
from news.models import ArticlePage
page = ArticlePage.objects.get(url_path__endswith='/$(basename "$ARTICLE")/').get_latest_revision_as_object()
page.sapo = page.sapo.split(' BENCH-EDIT-')[0] + ' $MARK'
page.save_revision().publish()" )
published=$(date +%s.%N)
seen=""
for _ in $(seq 1 300); do
  # (to a file first: with pipefail, grep -q closing the pipe early would fail curl)
  curl -s -o "$OUT/edit.html" "http://127.0.0.1:$NGINX_PORT$ARTICLE"
  if grep -q "$MARK" "$OUT/edit.html"; then seen=$(date +%s.%N); break; fi
  sleep 0.1
done
if [ -n "$seen" ]; then
  echo "edit visible through the micro-cache $(echo "$seen - $published" | bc) s after publish() returned (bound: 5 s)" | tee "$OUT/edit.txt"
else
  echo "edit NOT visible through the micro-cache 30 s after publishing" | tee "$OUT/edit.txt"
fi

echo
echo "results: $OUT"
python3 "$BENCH_DIR/wrk_summary.py" "$OUT" | tee "$OUT/summary.md"
