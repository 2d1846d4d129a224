#!/usr/bin/env bash
# The HTTP load run of the example app, with wrk: writes benchmarks/results/<profile>/
#   load.json   wrk's figures of every route, raw, with what was seeded and how
#   load.md     per store and route: req/s (and as a % of the trivial route's), p50/p99/p99.9,
#               responses, non-200s
#   load.png    req/s per route and store (JFreeChart)
#
# usage: benchmarks/load.sh quick|full
#
# For each store (memory, then PostgreSQL) it starts example-app/target/feedkit-example.jar on
# 127.0.0.1 on a free port (--port 0) with --no-rate-limits, seeds the load graph
# (dev.feedkit.bench.LoadSeed: thousands of users, skewed follows, tens of thousands of posts;
# in memory through the app's API, on PostgreSQL with COPY into a database of its own, created
# and dropped by the run), logs in a reader who follows 200 accounts and whose home holds at
# least 800 entries (a bearer token for the API, the session cookie for HTML), then runs wrk
# against each route for a fixed time after a warm-up:
#   /api/v1/instance        the trivial route (no account, no store)
#   /api/v1/timelines/home  the Mastodon API home, first page (20)
#   /                       the HTML home page, first page (20)
# benchmarks/load.lua counts every response that is not a 200; the run fails if there is one,
# or a socket error. The app is stopped and the database dropped on every exit (trap).
#
#   quick  the 2,000-user graph, 2 s warm-up and 8 s per route: about 2 minutes in all
#   full   the 10,000-user graph, 10 s warm-up and 60 s per route
#
# Environment:
#   FEEDKIT_BENCH_SERVER  PostgreSQL server as a JDBC URL whose database part is replaced
#                         (default jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres);
#                         the run makes and drops feedkit_bench_<profile>_load there
#   FEEDKIT_LOAD_STORES   which stores, of "memory postgres" (default both)
#   FEEDKIT_LOAD_BUILD    "no" to use the jars as built (benchmarks/run.sh builds them first)
#   MAVEN_ARGS            extra arguments for the build, e.g. -Dmaven.repo.local=...
#   WRK                   the wrk binary (default /usr/bin/wrk)
set -euo pipefail

profile="${1:-}"
case "$profile" in
  quick) warmup=2; seconds=8 ;;
  full) warmup=10; seconds=60 ;;
  *) echo "usage: $0 quick|full" >&2; exit 2 ;;
esac
threads=2
connections=16

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
server="${FEEDKIT_BENCH_SERVER:-jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}"
stores="${FEEDKIT_LOAD_STORES:-memory postgres}"
out="benchmarks/results/$profile"
app_jar="example-app/target/feedkit-example.jar"
bench_jar="benchmarks/target/benchmarks.jar"
wrk="${WRK:-/usr/bin/wrk}"
if [ ! -x "$wrk" ]; then
  echo "wrk is not installed at $wrk; on Debian or Ubuntu: apt-get install -y wrk" \
    "(or set WRK to its path)" >&2
  exit 2
fi
start=$(date +%s)
loadavg() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown; }
load_at_start="$(loadavg)"

if [ "${FEEDKIT_LOAD_BUILD:-yes}" != no ]; then
  # shellcheck disable=SC2086
  ./mvnw -B -q ${MAVEN_ARGS:-} -pl example-app,benchmarks -am package -DskipTests
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/feedkit-load.XXXXXX")"
bench=(java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$bench_jar")
declare -A app_pid app_url
database=""

# Stops one store's app, if it runs: SIGTERM, then a bounded wait for its orderly shutdown.
stop_app() {
  local pid="${app_pid[$1]:-}"
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 150); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "the $1 app did not stop within 30 s; killing it" >&2
    kill -9 "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
  app_pid[$1]=""
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  # Seeders still running in the background (after a failure) are this shell's children.
  for job in $(jobs -p); do
    kill "$job" 2>/dev/null || true
  done
  stop_app memory
  stop_app postgres
  if [ -n "$database" ]; then
    "${bench[@]}" dev.feedkit.bench.LoadSeed drop --server "$server" --database "$database" \
      || echo "could not drop $database" >&2
  fi
  if [ "$status" -eq 0 ]; then
    rm -rf "$work"
  else
    echo "load run failed; the apps' logs and wrk's output are in $work" >&2
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Starts one store's app and polls until it answers: start_app STORE [app options...]
start_app() {
  local store=$1 log="$work/app-$1.log" url="" pid
  shift
  java -Xmx2g -jar "$app_jar" --bind 127.0.0.1 --port 0 --no-rate-limits \
    --password-hash-iterations 1 --fanout "$fanout" "$@" > "$log" 2>&1 &
  pid=$!
  app_pid[$store]=$pid
  local deadline=$(( $(date +%s) + 90 ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      app_pid[$store]=""
      echo "the $store app exited while starting:" >&2
      cat "$log" >&2
      exit 1
    fi
    url="$(grep -o 'feedkit example app on http://127\.0\.0\.1:[0-9]*' "$log" | head -1 \
      | sed 's/.* on //')" || true
    if [ -n "$url" ] && curl -fsS -o /dev/null --max-time 2 "$url/api/v1/instance" 2>/dev/null; then
      app_url[$store]=$url
      return 0
    fi
    sleep 0.2
  done
  echo "the $store app did not answer within 90 s; its log: $log" >&2
  exit 1
}

# Runs wrk once: run_wrk FILE SECONDS URL [wrk options...]
run_wrk() {
  local file=$1 duration=$2 target=$3
  shift 3
  FEEDKIT_WRK_JSON="$file" "$wrk" -t"$threads" -c"$connections" -d"${duration}s" --timeout 10s \
    -s benchmarks/load.lua "$@" "$target" > "$file.log" 2>&1
}

# Warms up, then measures, each route of one store's app.
measure() {
  local store=$1
  # shellcheck disable=SC1090
  source "$work/reader-$store.env"
  local routes=(instance api-home html-home)
  local paths=(/api/v1/instance /api/v1/timelines/home /)
  local headers=("" "Authorization: Bearer $FEEDKIT_LOAD_TOKEN" "Cookie: $FEEDKIT_LOAD_COOKIE")
  for phase in warmup measure; do
    for i in 0 1 2; do
      local file="$work/$phase-$store-${routes[$i]}.json" duration=$seconds
      [ "$phase" = warmup ] && duration=$warmup
      if [ -n "${headers[$i]}" ]; then
        run_wrk "$file" "$duration" "${app_url[$store]}${paths[$i]}" -H "${headers[$i]}"
      else
        run_wrk "$file" "$duration" "${app_url[$store]}${paths[$i]}"
      fi
      if [ "$phase" = measure ]; then
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$store" "${routes[$i]}" "${paths[$i]}" \
          "$threads" "$connections" "$seconds" "$file" >> "$work/runs.tsv"
        echo "  $store ${routes[$i]}: $(cat "$file")"
      fi
    done
  done
}

# Waits for a background seeder: await_job PID WHAT
await_job() {
  if ! wait "$1"; then
    echo "$2 failed" >&2
    exit 1
  fi
}

fanout="$("${bench[@]}" dev.feedkit.bench.LoadSeed fanout --profile "$profile")"
use_memory=no
use_postgres=no
for store in $stores; do
  case "$store" in
    memory) use_memory=yes ;;
    postgres) use_postgres=yes ;;
    *) echo "unknown store $store; FEEDKIT_LOAD_STORES takes memory and postgres" >&2; exit 2 ;;
  esac
done

# Seeding is not measured, so the stores are seeded side by side: the PostgreSQL database loads
# while the memory app is seeded through its API, then the PostgreSQL app's reader follows.
if [ "$use_postgres" = yes ]; then
  database="feedkit_bench_${profile}_load"
  echo "postgres: loading $database"
  "${bench[@]}" dev.feedkit.bench.LoadSeed database --profile "$profile" --server "$server" \
    --database "$database" > "$work/database.out" 2>&1 &
  load_db=$!
fi
if [ "$use_memory" = yes ]; then
  start_app memory
  echo "memory: seeding the graph through the API of ${app_url[memory]}"
  "${bench[@]}" dev.feedkit.bench.LoadSeed seed --profile "$profile" --store memory \
    --url "${app_url[memory]}" --out "$work" --graph &
  seed_memory=$!
fi
if [ "$use_postgres" = yes ]; then
  await_job "$load_db" "loading $database ($(cat "$work/database.out"))"
  head -n -1 "$work/database.out"
  start_app postgres --jdbc-url "$(tail -1 "$work/database.out")"
  echo "postgres: seeding the reader through the API of ${app_url[postgres]}"
  "${bench[@]}" dev.feedkit.bench.LoadSeed seed --profile "$profile" --store postgres \
    --url "${app_url[postgres]}" --out "$work" --jdbc-url "$(tail -1 "$work/database.out")"
fi
if [ "$use_memory" = yes ]; then
  await_job "$seed_memory" "seeding the memory app"
fi

# Measured one store at a time, with no other app running: the PostgreSQL app, seeded, is
# stopped while the memory app is measured, and started again (warmed up like the first) after.
if [ "$use_postgres" = yes ]; then
  stop_app postgres
fi
if [ "$use_memory" = yes ]; then
  measure memory
  stop_app memory
fi
if [ "$use_postgres" = yes ]; then
  start_app postgres --jdbc-url "$(tail -1 "$work/database.out")"
  measure postgres
  stop_app postgres
  "${bench[@]}" dev.feedkit.bench.LoadSeed drop --server "$server" --database "$database"
  database=""
fi

pg="$("${bench[@]}" dev.feedkit.bench.ServerVersion "$server" 2>/dev/null || echo unknown)"
java -Djava.awt.headless=true -cp "$bench_jar" dev.feedkit.bench.LoadReport "$work" "$out" \
  "Profile \`$profile\`, measured with \`benchmarks/load.sh $profile\` on $(date -u +%Y-%m-%d) in $(( $(date +%s) - start )) s: wrk $("$wrk" -v 2>&1 | head -1 | awk '{print $2}'), \`-t$threads -c$connections -d${seconds}s\` per route after a ${warmup} s warm-up of each, one store at a time; load average $load_at_start at the start, $(loadavg) at the end; the app with \`--no-rate-limits --fanout $fanout\`, \`-Xmx2g\`; PostgreSQL $pg on the same machine."
