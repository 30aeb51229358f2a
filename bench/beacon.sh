#!/usr/bin/env bash
# The read beacon of "Đọc nhiều" under load: every request a new reader (no cookie), so
# each one writes; then checks that the database counted every request answered 204 (and
# at most CONN more: requests still in flight when wrk stops are served but not tallied by wrk).
#   bench/beacon.sh postgres 1000
# Needs bench/prepare_db.sh KIND N first. Environment: DURATION (15s), CONN (8).
source "$(dirname "$0")/lib.sh"
KIND="${1:?sqlite or postgres}"
N="${2:?number of articles}"
DURATION="${DURATION:-15s}"
CONN="${CONN:-8}"
OUT="$WORK/results/$(date -u +%Y%m%dT%H%M%SZ)-beacon-$KIND-$N"
mkdir -p "$OUT"
PIDDIR="$OUT"
APP="http://127.0.0.1:$APP_PORT"
trap 'stop_pidfile congtin' EXIT

machine | tee "$OUT/machine.txt"
echo "Cổng Tin: $APP_DIR ($(git -C "$APP_DIR" rev-parse --short HEAD 2>/dev/null || cat "$APP_DIR/.bench-commit"))" | tee -a "$OUT/machine.txt"
( app_env "$KIND" "$N"; start_gunicorn congtin "$APP_DIR" "$APP_BIN/gunicorn" config.wsgi "$APP_PORT" )
wait_http "$APP/"

total_reads() {
  ( app_env "$KIND" "$N"; cd "$APP_DIR" && "$APP_PY" manage.py shell -v0 -c \
    "from django.db.models import Sum; from news.models import ArticleDailyReads as R; print(R.objects.aggregate(s=Sum('count'))['s'] or 0)" )
}
page_id="$( app_env "$KIND" "$N"; cd "$APP_DIR" && "$APP_PY" manage.py shell -v0 -c \
  "from news.models import ArticlePage; print(ArticlePage.objects.live().order_by('-date').values_list('pk', flat=True)[0])" )"
URL="$APP/luot-doc/$page_id/"
curl -s -o /dev/null -X POST "$URL"  # warm
before="$(total_reads)"
echo "# wrk -t2 -c$CONN -d$DURATION --latency -s bench/beacon.lua $URL" | tee "$OUT/wrk.txt"
wrk -t2 -c"$CONN" -d"$DURATION" --latency --timeout 10s -s "$BENCH_DIR/beacon.lua" "$URL" | tee -a "$OUT/wrk.txt"
after="$(total_reads)"
requests="$(awk '/^requests:/ {print $2}' "$OUT/wrk.txt")"
non2xx="$(awk '/^non-2xx:/ {print $2}' "$OUT/wrk.txt")"
counted=$(( after - before ))
echo "answered 204: $(( requests - non2xx )) (wrk's tally); counted in the database: $counted" | tee -a "$OUT/wrk.txt"
answered=$(( requests - non2xx ))
if [ "$counted" -ge "$answered" ] && [ "$counted" -le $(( answered + CONN )) ]; then
  echo "every accepted read was counted" | tee -a "$OUT/wrk.txt"
else
  echo "MISMATCH" | tee -a "$OUT/wrk.txt"; exit 1
fi
