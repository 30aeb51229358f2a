#!/usr/bin/env bash
# Does an edit published from another process (publish_scheduled, a shell, the other
# gunicorn worker) reach the application's page cache? Once with the default cache
# (locmem, one per worker process) and once with Redis.
#   bench/invalidation.sh sqlite 1000
source "$(dirname "$0")/lib.sh"
KIND="${1:?sqlite or postgres}"
N="${2:?number of articles}"
WAIT="${WAIT:-15}"
ARTICLE="${ARTICLE:-/hop-tac-phat-trien/le-ky-ket-hop-tac-phat-trien-giua-tinh-doan-lang-son-vien-thong-lang-son-va-giao-luu-mung-xuan/}"
REDIS="redis://127.0.0.1:6379/${BENCH_REDIS_DB:-11}"
URL="http://127.0.0.1:$APP_CACHED_PORT$ARTICLE"
trap 'stop_pidfile congtin-inval' EXIT

for cache in locmem redis; do
  extra=(PAGE_CACHE_SECONDS=300)
  [ "$cache" = redis ] && extra+=(REDIS_URL="$REDIS")
  ( app_env "$KIND" "$N"
    start_gunicorn congtin-inval "$APP_DIR" "$APP_BIN/gunicorn" config.wsgi "$APP_CACHED_PORT" "${extra[@]}" )
  wait_http "$URL"
  for _ in $(seq 1 20); do curl -s -o /dev/null "$URL"; done   # both workers have it cached
  MARK="BENCH-EDIT-$(date +%s%N)"
  ( app_env "$KIND" "$N"; cd "$APP_DIR"
    [ "$cache" = redis ] && export REDIS_URL="$REDIS"
    "$APP_PY" manage.py shell -v0 -c "
from news.models import ArticlePage
page = ArticlePage.objects.get(url_path__endswith='/$(basename "$ARTICLE")/').get_latest_revision_as_object()
page.sapo = page.sapo.split(' BENCH-EDIT-')[0] + ' $MARK'
page.save_revision().publish()" )
  published=$(date +%s.%N); fresh=0; stale=0; first=""; seq=""
  end=$(( $(date +%s) + WAIT ))
  while [ "$(date +%s)" -lt "$end" ]; do
    code="$(curl -s -o "$PIDDIR/inval.html" -w '%{http_code}' "$URL")"
    if [ "$code" != 200 ]; then seq+="[$code]"
    elif grep -q "$MARK" "$PIDDIR/inval.html"; then
      fresh=$((fresh + 1)); seq+=F; [ -n "$first" ] || first=$(echo "$(date +%s.%N) - $published" | bc)
    else stale=$((stale + 1)); seq+=s; fi
    sleep 0.2
  done
  echo "$cache: after publishing from another process, $fresh fresh and $stale stale responses in ${WAIT} s${first:+ (first fresh after $first s)}"
  echo "  in order (F fresh, s stale, [code] not 200): $seq"
  stop_pidfile congtin-inval
done
