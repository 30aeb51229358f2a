#!/usr/bin/env bash
# The same pages at two sizes, side by side in one run: Cổng Tin on the N_SMALL database
# and on the N_LARGE one (page cache off on both), loaded in alternation, page by page.
#   bench/scale.sh postgres 1000 100000
# Needs bench/prepare_db.sh KIND N_SMALL and KIND N_LARGE first. Target of issue 6: each
# page at N_LARGE within 1.3× of its figure at N_SMALL (ratio ≥ 0.77 below).
source "$(dirname "$0")/lib.sh"
KIND="${1:?sqlite or postgres}"
SMALL="${2:?small number of articles}"
LARGE="${3:?large number of articles}"
ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-10s}"
CONN="${CONN:-8}"
SMALL_PORT="${SMALL_PORT:-18003}"
ARTICLE="${ARTICLE:-/hop-tac-phat-trien/le-ky-ket-hop-tac-phat-trien-giua-tinh-doan-lang-son-vien-thong-lang-son-va-giao-luu-mung-xuan/}"
SECTION="${SECTION:-tin-tuc-su-kien}"
PROVINCE="${PROVINCE:-lang-son}"

OUT="$WORK/results/$(date -u +%Y%m%dT%H%M%SZ)-scale-$KIND-$SMALL-$LARGE"
mkdir -p "$OUT/wrk"
PIDDIR="$OUT"
trap 'stop_pidfile congtin-small; stop_pidfile congtin-large' EXIT
{
  machine
  echo "database: $KIND, $SMALL and $LARGE generated articles; page cache off on both"
  echo "Cổng Tin: $APP_DIR ($(git -C "$APP_DIR" rev-parse --short HEAD 2>/dev/null || cat "$APP_DIR/.bench-commit" 2>/dev/null || echo unknown))"
  echo "wrk: -t2 -c$CONN -d$DURATION --latency --timeout 10s, $ROUNDS rounds in alternation"
} | tee "$OUT/machine.txt"

( app_env "$KIND" "$SMALL"; start_gunicorn congtin-small "$APP_DIR" "$APP_BIN/gunicorn" config.wsgi "$SMALL_PORT" PAGE_CACHE_SECONDS=0 )
( app_env "$KIND" "$LARGE"; start_gunicorn congtin-large "$APP_DIR" "$APP_BIN/gunicorn" config.wsgi "$APP_PORT" PAGE_CACHE_SECONDS=0 )
SMALL_URL="http://127.0.0.1:$SMALL_PORT"; LARGE_URL="http://127.0.0.1:$APP_PORT"
wait_http "$SMALL_URL/"; wait_http "$LARGE_URL/"

deep_page() {  # deep_page N: "<pages> <query>" for the section at N articles (deep_page_py is in lib.sh)
  ( app_env "$KIND" "$1"; cd "$APP_DIR" && "$APP_PY" manage.py shell -v0 -c "$(deep_page_py "$SECTION")" )
}
read -r small_last small_deep < <(deep_page "$SMALL"); read -r large_last large_deep < <(deep_page "$LARGE")
echo "deep section page: $small_deep of $small_last at $SMALL, $large_deep of $large_last at $LARGE" | tee -a "$OUT/machine.txt"

: >"$OUT/targets.tsv"
pair() {  # pair NAME SMALL_PATH LARGE_PATH
  printf '%s\t%s\t%s\t%s\n' "small-$1" "$2" - "$CONN" "large-$1" "$3" "small-$1" "$CONN" >>"$OUT/targets.tsv"
}
pair article "$ARTICLE" "$ARTICLE"
pair home / /
pair section-1 "/$SECTION/" "/$SECTION/"
pair section-deep "/$SECTION/$small_deep" "/$SECTION/$large_deep"
pair province "/tinh-thanh/$PROVINCE/" "/tinh-thanh/$PROVINCE/"
pair search "/tim-kiem/?q=ky+ket" "/tim-kiem/?q=ky+ket"
base_of() { case "$1" in small-*) echo "$SMALL_URL" ;; *) echo "$LARGE_URL" ;; esac; }

while IFS=$'\t' read -r label path _ _; do
  code="$(curl -s -o /dev/null -w '%{http_code}' "$(base_of "$label")$path")"
  [ "$code" = 200 ] || { echo "$label $path answers $code" >&2; exit 1; }
  for _ in $(seq 1 6); do curl -s -o /dev/null "$(base_of "$label")$path"; done
done <"$OUT/targets.tsv"

wrk_rounds

# Target of issue 6: search p50 under 50 ms at N_LARGE, one request at a time.
cmd="wrk -t1 -c1 -d${LATENCY_DURATION:-20s} --latency --timeout 10s $LARGE_URL/tim-kiem/?q=ky+ket"
{ echo "# $cmd"; $cmd; } >"$OUT/search-latency.txt"

echo
echo "results: $OUT"
python3 "$BENCH_DIR/wrk_summary.py" "$OUT" | tee "$OUT/summary.md"
awk '/^ +(50|99)%/ {printf "%s %s  ", $1, $2} /Requests\/sec/ {print "req/s " $2}' "$OUT/search-latency.txt" |
  sed "s|^|search latency at $LARGE articles, one at a time (wrk -t1 -c1): |" | tee -a "$OUT/summary.md"
