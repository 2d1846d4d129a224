#!/usr/bin/env bash
# Runs feedkit's benchmark suite and writes benchmarks/results/<profile>/:
#   jmh.json          JMH's raw results
#   results.md        one table per benchmark, every figure beside its same-run references
#   *.png             charts of the same (JFreeChart)
#   delivery-lag.*    post cost and delivery lag (DeliveryLag)
#   load.*            the HTTP load run of the example app with wrk (benchmarks/load.sh)
#
# usage: benchmarks/run.sh quick|full
#
#   quick  a 4,000-user graph, one JVM for all JMH benchmarks (-f 0), short iterations: about
#          10 minutes on 2 cores, for development and CI-style checks of the figures' shape
#   full   the 50,000-user, 1,000,000-post graph, a fork per benchmark, longer iterations, and
#          fan-out to 100,000 followers: hours, for published figures
#
# Environment:
#   FEEDKIT_BENCH_SERVER  PostgreSQL server as a JDBC URL whose database part is replaced
#                         (default jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres);
#                         the suite makes databases named feedkit_bench_<profile>_<policy> there
#                         and keeps them for the next run (DROP DATABASE them when done)
#   MAVEN_ARGS            extra arguments for the build, e.g. -Dmaven.repo.local=...
#   JMH_ARGS              extra arguments for JMH, e.g. a benchmark regexp to run only some
#   FEEDKIT_LOAD          "no" to skip the HTTP load run (it needs wrk: apt-get install -y wrk)
set -euo pipefail

profile="${1:-}"
case "$profile" in
  quick|full) ;;
  *) echo "usage: $0 quick|full" >&2; exit 2 ;;
esac
shift

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
server="${FEEDKIT_BENCH_SERVER:-jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}"
out="benchmarks/results/$profile"
jar="benchmarks/target/benchmarks.jar"
mkdir -p "$out"
start=$(date +%s)

# shellcheck disable=SC2086
./mvnw -B -q ${MAVEN_ARGS:-} -pl example-app,benchmarks -am package -DskipTests

if [ "$profile" = quick ]; then
  jmh=(-f 0 -wi 1 -w 1s -i 3 -r 1s)
  fanout="10,1000,10000"
  lag=(--sizes 100,1000 --fill 800 --warmup 3 --posts 30)
else
  jmh=(-f 1 -wi 3 -w 2s -i 5 -r 2s)
  fanout="10,1000,10000,100000"
  lag=(--sizes 1000,9999 --fill 800 --warmup 10 --posts 100)
fi

# -f 0 runs the benchmarks in this JVM: give it the heap and the server here.
java -Xmx6g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dfeedkit.bench.server="$server" -jar "$jar" \
  'MemoryHomeReadBenchmark|PostgresHomeReadBenchmark|PostFanoutBenchmark|FollowBackfillBenchmark' \
  "${jmh[@]}" -p profile="$profile" -p followers="$fanout" \
  -jvmArgsAppend "-Xmx6g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dfeedkit.bench.server=$server" \
  -rf json -rff "$out/jmh.json" ${JMH_ARGS:-} | tee "$out/jmh.log" | grep -E '^(# Run progress|Benchmark|[A-Z][A-Za-z]+Benchmark\.)' || true

java -Xmx4g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$jar" dev.feedkit.bench.DeliveryLag --server "$server" \
  --database "feedkit_bench_${profile}_lag" "${lag[@]}" --out "$out"

if [ "${FEEDKIT_LOAD:-yes}" != no ]; then
  FEEDKIT_LOAD_BUILD=no benchmarks/load.sh "$profile"
fi

pg="$(java -cp "$jar" dev.feedkit.bench.ServerVersion "$server" 2>/dev/null || echo unknown)"
minutes=$(( ($(date +%s) - start) / 60 ))
java -Djava.awt.headless=true -cp "$jar" dev.feedkit.bench.Report "$out/jmh.json" "$out" \
  "Profile \`$profile\`, measured with \`benchmarks/run.sh $profile\` on $(date -u +%Y-%m-%d) in $minutes minutes; PostgreSQL $pg on the same machine."
echo "results in $out/ ($(( ($(date +%s) - start) / 60 )) minutes)"
