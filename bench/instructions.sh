#!/usr/bin/env bash
# Instructions per request, counted by valgrind (callgrind): they do not drift with the
# machine's speed or load, unlike req/s, so one commit can be compared with another.
#   bench/instructions.sh KIND N app|bakery PATH [REQUESTS]
# Runs bench/inprocess.py twice under valgrind, with 0 and with REQUESTS (default 40)
# requests after the same warm-up, and prints (difference) / REQUESTS. KIND and N name the
# database as in run.sh (bakerydemo's has no N: give any). Slow: about a minute a run.
source "$(dirname "$0")/lib.sh"
KIND="${1:?sqlite or postgres}"; N="${2:?number of articles}"; WHO="${3:?app or bakery}"; PAGE="${4:?path}"
REQUESTS="${5:-40}"
command -v valgrind >/dev/null || { echo "valgrind missing: apt-get install valgrind" >&2; exit 1; }
case "$WHO" in
  app) app_env "$KIND" "$N"; export PAGE_CACHE_SECONDS=0; DIR="$APP_DIR"; PY="$APP_PY" ;;
  bakery) bakery_env "$KIND"; DIR="$BAKERY_DIR"; PY="$BAKERY_VENV/bin/python" ;;
  *) echo "app or bakery, not $WHO" >&2; exit 1 ;;
esac
count() {  # count REQUESTS -> instructions of the whole process
  (cd "$DIR" && valgrind --tool=callgrind --callgrind-out-file=/dev/null "$PY" "$BENCH_DIR/inprocess.py" \
    --requests "$1" "$PAGE" 2>&1 >/dev/null | sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
}
none="$(count 0)"; some="$(count "$REQUESTS")"
echo "$WHO $PAGE: $(( (some - none) / REQUESTS )) instructions per request ($REQUESTS requests; $KIND)"
