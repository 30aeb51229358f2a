#!/usr/bin/env bash
# One side-by-side run: Cổng Tin (page cache off and on) and bakerydemo under gunicorn
# with the same settings, on the same kind of database, measured in alternation.
#   bench/run.sh sqlite 1000
#   bench/run.sh postgres 100000
# Needs bench/prepare_db.sh KIND N and bench/setup_bakerydemo.sh KIND first.
# Environment: ROUNDS (2), DURATION (15s), UNCACHED_CONN (8), CACHED_CONN (32),
# MIXED_REQUESTS (10000; 0 skips the memory run), MIXED_UNCACHED_REQUESTS (2000),
# ARTICLE, SECTION, PROVINCE, BAKERY_ARTICLE.
# Writes $BENCH_WORK/results/<stamp>-<kind>-<n>/ and prints a Markdown summary.
source "$(dirname "$0")/lib.sh"
KIND="${1:?sqlite or postgres}"
N="${2:?number of articles}"
ROUNDS="${ROUNDS:-2}"
DURATION="${DURATION:-15s}"
UNCACHED_CONN="${UNCACHED_CONN:-8}"
CACHED_CONN="${CACHED_CONN:-32}"
MIXED_REQUESTS="${MIXED_REQUESTS:-10000}"                 # page cache on (production default)
MIXED_UNCACHED_REQUESTS="${MIXED_UNCACHED_REQUESTS:-2000}"  # page cache off
# A seed article of load_demo: present in every benchmark database whatever N is.
ARTICLE="${ARTICLE:-/hop-tac-phat-trien/le-ky-ket-hop-tac-phat-trien-giua-tinh-doan-lang-son-vien-thong-lang-son-va-giao-luu-mung-xuan/}"
SECTION="${SECTION:-tin-tuc-su-kien}"
PROVINCE="${PROVINCE:-lang-son}"
BAKERY_ARTICLE="${BAKERY_ARTICLE:-/blog/icelandic-baking/}"

OUT="$WORK/results/$(date -u +%Y%m%dT%H%M%SZ)-$KIND-$N"
mkdir -p "$OUT/wrk"
PIDDIR="$OUT"
APP="http://127.0.0.1:$APP_PORT"
CACHED="http://127.0.0.1:$APP_CACHED_PORT"
BAKERY="http://127.0.0.1:$BAKERY_PORT"

cleanup() { stop_pidfile congtin; stop_pidfile congtin-cached; stop_pidfile bakerydemo; }
trap cleanup EXIT

{
  machine
  echo "database: $KIND, $N generated articles (+ the demo's seed articles)"
  echo "Cổng Tin: $APP_DIR ($(git -C "$APP_DIR" rev-parse --short HEAD 2>/dev/null || cat "$APP_DIR/.bench-commit" 2>/dev/null || echo unknown))"
  echo "bakerydemo: $BAKERY_DIR ($(git -C "$BAKERY_DIR" rev-parse --short HEAD))"
  echo "gunicorn: $WORKERS sync workers each; wrk $(wrk -v 2>&1 | head -1 | cut -d' ' -f2)"
  echo "wrk: -t2 -c$UNCACHED_CONN (uncached) / -c$CACHED_CONN (cached) -d$DURATION --latency --timeout 10s, $ROUNDS rounds in alternation"
} | tee "$OUT/machine.txt"

# --- servers ---------------------------------------------------------------
( bakery_env "$KIND"
  start_gunicorn bakerydemo "$BAKERY_DIR" "$BAKERY_VENV/bin/gunicorn" bakerydemo.wsgi "$BAKERY_PORT" )
( app_env "$KIND" "$N"
  start_gunicorn congtin "$APP_DIR" "$APP_BIN/gunicorn" config.wsgi "$APP_PORT" PAGE_CACHE_SECONDS=0
  start_gunicorn congtin-cached "$APP_DIR" "$APP_BIN/gunicorn" config.wsgi "$APP_CACHED_PORT" PAGE_CACHE_SECONDS=300 )
wait_http "$BAKERY/"; wait_http "$APP/"; wait_http "$CACHED/"

# --- what to measure -------------------------------------------------------
# The deep page: page 500 (10,000 articles deep) or the last page when there are fewer. Past
# news.pagination.MAX_NUMBERED_PAGES it is the key-set page "?truoc=<id>" showing the same articles.
read -r LAST_PAGE DEEP_QUERY < <( app_env "$KIND" "$N"; cd "$APP_DIR" && "$APP_PY" manage.py shell -v0 -c "$(deep_page_py "$SECTION")" )
echo "section /$SECTION/: $LAST_PAGE pages; deep page measured: $DEEP_QUERY" | tee -a "$OUT/machine.txt"

: >"$OUT/targets.tsv"
add() {  # add LABEL BASE PATH REFERENCE CONNS: only if it answers 200
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' "$2$3")"
  if [ "$code" = 200 ]; then
    printf '%s\t%s\t%s\t%s\n' "$1" "$3" "$4" "$5" >>"$OUT/targets.tsv"
    echo "$2$3" >>"$OUT/urls.txt"
  else
    echo "skipped $1: $2$3 answers $code" | tee -a "$OUT/machine.txt"
  fi
}
add bakery-article "$BAKERY" "$BAKERY_ARTICLE" - "$UNCACHED_CONN"
add app-article "$APP" "$ARTICLE" bakery-article "$UNCACHED_CONN"
add bakery-home "$BAKERY" / - "$UNCACHED_CONN"
add app-home "$APP" / bakery-home "$UNCACHED_CONN"
add app-section-1 "$APP" "/$SECTION/" - "$UNCACHED_CONN"
add app-section-deep "$APP" "/$SECTION/$DEEP_QUERY" - "$UNCACHED_CONN"
add app-province "$APP" "/tinh-thanh/$PROVINCE/" - "$UNCACHED_CONN"
add app-search "$APP" "/tim-kiem/?q=ky+ket" - "$UNCACHED_CONN"
add app-article-cached "$CACHED" "$ARTICLE" bakery-article "$CACHED_CONN"
add app-home-cached "$CACHED" / bakery-home "$CACHED_CONN"

url_of() { awk -F'\t' -v l="$1" '$1 == l {print $2}' "$OUT/targets.tsv"; }
base_of() { case "$1" in bakery-*) echo "$BAKERY" ;; *-cached) echo "$CACHED" ;; *) echo "$APP" ;; esac; }

# --- warm-up: renditions, template caches, both workers, the page cache ---------
while IFS=$'\t' read -r label path _ _; do
  for _ in $(seq 1 10); do curl -s -o /dev/null "$(base_of "$label")$path"; done
  wrk -t2 -c4 -d3s "$(base_of "$label")$path" >/dev/null
done <"$OUT/targets.tsv"

# --- SQL queries per warm request (in-process test client, same settings) -------
( app_env "$KIND" "$N"; cd "$APP_DIR"
  while IFS=$'\t' read -r label path _ _; do
    case "$label" in
      bakery-*) ;;
      *-cached) PAGE_CACHE_SECONDS=300 "$APP_PY" "$BENCH_DIR/querycount.py" --sql "$OUT/sql/$label" "$path" | sed "s|^[^\t]*|$label|" ;;
      *) PAGE_CACHE_SECONDS=0 "$APP_PY" "$BENCH_DIR/querycount.py" --sql "$OUT/sql/$label" "$path" | sed "s|^[^\t]*|$label|" ;;
    esac
  done <"$OUT/targets.tsv" ) >>"$OUT/queries.tsv"
( bakery_env "$KIND"; cd "$BAKERY_DIR"
  while IFS=$'\t' read -r label path _ _; do
    case "$label" in
      bakery-*) "$BAKERY_VENV/bin/python" "$BENCH_DIR/querycount.py" --sql "$OUT/sql/$label" "$path" 2>/dev/null | sed "s|^[^\t]*|$label|" ;;
    esac
  done <"$OUT/targets.tsv" ) >>"$OUT/queries.tsv"

# --- load, in alternation ----------------------------------------------------
wrk_rounds

# --- memory after mixed requests ---------------------------------------------
if [ "$MIXED_REQUESTS" -gt 0 ]; then
  # Home, the first 10 pages of the section and the deep page, the province and search
  # pages and 200 articles: ~220 distinct pages, within the 300 entries locmem keeps, so
  # each worker renders each page once and then serves it from its cache.
  { echo /; for p in $(seq 1 $(( LAST_PAGE < 10 ? LAST_PAGE : 10 ))); do echo "/$SECTION/?page=$p"; done
    echo "/$SECTION/$DEEP_QUERY"
    awk -F'\t' '$1 == "app-province" || $1 == "app-search" {print $2}' "$OUT/targets.tsv"
    for s in tin-tuc-su-kien tin-dia-phuong hop-tac-phat-trien; do
      curl -s "$APP/$s/" | grep -o "href=\"/$s/[^\"?]*/\"" | cut -d'"' -f2
      for p in $(seq 2 6); do curl -s "$APP/$s/?page=$p" | grep -o "href=\"/$s/[^\"?]*/\"" | cut -d'"' -f2; done
    done | sort -u | awk 'NR <= 200'  # awk reads to the end: head's early exit killed sort (SIGPIPE, 141)
  } >"$OUT/mixed-paths.txt"
  for run in "congtin-cached $APP_CACHED_PORT $MIXED_REQUESTS" "congtin $APP_PORT $MIXED_UNCACHED_REQUESTS"; do
    read -r target port count <<<"$run"
    [ "$count" -gt 0 ] || continue
    { echo "# python3 bench/mixed_load.py --port $port --requests $count --concurrency 8 mixed-paths.txt"
      echo "# RSS before (pid MiB): $(worker_rss "$target" | tr '\n' ' ')"
      python3 "$BENCH_DIR/mixed_load.py" --port "$port" --requests "$count" --concurrency 8 "$OUT/mixed-paths.txt"
      echo "# RSS after (pid MiB): $(worker_rss "$target" | tr '\n' ' ')"
    } >"$OUT/mixed-$target.txt"
    sed "s/^/$target: /" "$OUT/mixed-$target.txt"
  done
  echo "# bakerydemo after its runs above: $(worker_rss bakerydemo | tr '\n' ' ')" >"$OUT/rss-bakerydemo.txt"
  cat "$OUT/rss-bakerydemo.txt"
fi

echo
echo "results: $OUT"
python3 "$BENCH_DIR/wrk_summary.py" "$OUT" | tee "$OUT/summary.md"
