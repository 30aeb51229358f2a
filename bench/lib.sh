# Shared settings and helpers for the bench scripts. Source it; do not run it.
# Everything here listens on and targets 127.0.0.1 only.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# The Cổng Tin code to benchmark: this checkout by default, or a snapshot made by
# bench/snapshot.sh (recommended while others edit the work tree).
APP_DIR="${APP_DIR:-$(dirname "$BENCH_DIR")}"
APP_PY="${APP_PY:-$(dirname "$BENCH_DIR")/.venv/bin/python}"
APP_BIN="$(dirname "$APP_PY")"
# bakerydemo, cloned and installed outside the project (bench/setup_bakerydemo.sh).
BAKERY_DIR="${BAKERY_DIR:-/tmp/bakerydemo}"
BAKERY_VENV="${BAKERY_VENV:-/tmp/bakery-venv}"
WORK="${BENCH_WORK:-/tmp/congtin-bench}"
mkdir -p "$WORK"

APP_PORT="${APP_PORT:-18000}"              # Cổng Tin, page cache off
APP_CACHED_PORT="${APP_CACHED_PORT:-18002}" # Cổng Tin, page cache on (locmem, the default)
BAKERY_PORT="${BAKERY_PORT:-18001}"
NGINX_PORT="${NGINX_PORT:-18080}"          # static file and micro-cache (bench/proxy.sh)
WORKERS="${WORKERS:-2}"

# db_url KIND N -> the DATABASE_URL of the Cổng Tin benchmark database
db_url() {
  case "$1" in
    sqlite) echo "sqlite:///$WORK/congtin-$2.sqlite3" ;;
    postgres) echo "postgres://postgres@127.0.0.1:5432/bench_congtin_$2" ;;
    *) echo "unknown database kind: $1" >&2; return 1 ;;
  esac
}
bakery_db_url() {
  case "$1" in
    sqlite) echo "sqlite:///$WORK/bakerydemo.sqlite3" ;;
    postgres) echo "postgres://postgres@127.0.0.1:5432/bench_bakerydemo" ;;
  esac
}

# Production settings for Cổng Tin, plain HTTP on loopback.
app_env() {  # app_env KIND N
  export DJANGO_SETTINGS_MODULE=config.settings.production
  export DJANGO_SECRET_KEY=bench-only-not-secret
  export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
  export DJANGO_SECURE_SSL_REDIRECT=false
  export DJANGO_HSTS_SECONDS=0
  export DJANGO_STATIC_ROOT="$WORK/static-congtin"
  export DJANGO_MEDIA_ROOT="$WORK/media-congtin-$1-$2"
  export PORTAL_BASE_URL="http://127.0.0.1:$APP_PORT"
  DATABASE_URL="$(db_url "$1" "$2")"
  export DATABASE_URL
}

# bakerydemo's own production settings (DEBUG off, whitenoise), plain HTTP on loopback.
bakery_env() {  # bakery_env KIND
  export DJANGO_SETTINGS_MODULE=bakerydemo.settings.production
  export DJANGO_SECRET_KEY=bench-only-not-secret
  export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
  export SECURE_SSL_REDIRECT=false
  export SECURE_HSTS_SECONDS=0
  DATABASE_URL="$(bakery_db_url "$1")"
  export DATABASE_URL
}

wait_http() {  # wait_http URL: until it answers 200, at most 60 s
  local i
  for i in $(seq 1 120); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" = 200 ]; then return 0; fi
    sleep 0.5
  done
  echo "no answer from $1" >&2
  return 1
}

# Pid files and server logs of the current run (each run sets its own folder, so a run
# that is still stopping its servers never touches the next run's).
PIDDIR="${PIDDIR:-$WORK}"

port_free() {  # port_free PORT...: fail if anything listens there (another run, another session)
  local port
  for port in "$@"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "port $port is in use: stop what listens there or choose other ports (see lib.sh)" >&2
      return 1
    fi
  done
}

# start_gunicorn NAME DIR GUNICORN WSGI PORT [extra env assignments...]: runs in the
# background, records the master pid in $PIDDIR/NAME.pid
start_gunicorn() {
  local name="$1" dir="$2" gunicorn="$3" wsgi="$4" port="$5"
  shift 5
  port_free "$port"
  (cd "$dir" && exec env "$@" "$gunicorn" "$wsgi" --workers "$WORKERS" --bind "127.0.0.1:$port" \
      --log-level warning >"$PIDDIR/$name.log" 2>&1) &
  echo $! >"$PIDDIR/$name.pid"
}

stop_pidfile() {  # stop_pidfile NAME: TERM the process recorded in $PIDDIR/NAME.pid
  local file="$PIDDIR/$1.pid"
  [ -f "$file" ] || return 0
  local pid
  pid="$(cat "$file")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  fi
  rm -f "$file"
}

worker_rss() {  # worker_rss NAME: "pid rss_MiB" for each worker of that gunicorn
  local master
  master="$(cat "$PIDDIR/$1.pid")"
  local pid
  for pid in $(pgrep -P "$master"); do
    awk -v pid="$pid" '/^VmRSS/ {printf "%s %.1f\n", pid, $2/1024}' "/proc/$pid/status"
  done
}

machine() {
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "nproc: $(nproc); memory: $(free -g | awk '/Mem:/ {print $2 " GiB"}'); cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
}

# wrk_rounds: ROUNDS rounds over $OUT/targets.tsv (label, path, -, connections), every page
# once per round, each run saved to $OUT/wrk/<label>.<round>.txt with its command and the
# load average. The caller defines base_of LABEL (the server's base URL for that page).
wrk_rounds() {
  local round label path conns cmd
  for round in $(seq 1 "$ROUNDS"); do
    while IFS=$'\t' read -r label path _ conns; do
      cmd="wrk -t2 -c$conns -d$DURATION --latency --timeout 10s $(base_of "$label")$path"
      { echo "# $cmd"; echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"; $cmd; } \
        >"$OUT/wrk/$label.$round.txt"
      printf '%-20s round %s: %s req/s\n' "$label" "$round" \
        "$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk/$label.$round.txt")"
    done <"$OUT/targets.tsv"
  done
}

# deep_page_py SECTION_SLUG: Python (for `manage.py shell -c`) printing "<pages> <query>": the
# address of page 500 of the section, or of its last full page when it has fewer, so the
# deep page shows a full page of articles at any size. Past news.pagination.MAX_NUMBERED_PAGES
# it is the key-set page "?truoc=<id>" showing the same articles, without OFFSET.
deep_page_py() {
  cat <<PY
from news.models import ArticlePage, SectionPage
from news.pagination import MAX_NUMBERED_PAGES, PAGE_SIZE as size
articles = ArticlePage.objects.child_of(SectionPage.objects.get(slug='$1')).live().public().order_by('-date', '-pk')
count = articles.count()
pages = max(1, -(-count // size))
deep = max(1, min(count // size, 500))
after = deep > MAX_NUMBERED_PAGES and articles.values_list('pk', flat=True)[(deep - 1) * size - 1]
print(pages, f'?truoc={after}' if after else f'?page={deep}')
PY
}
