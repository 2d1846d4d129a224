#!/usr/bin/env bash
# What durable delivery adds to storing a post on PostgreSQL, measured in one run with pgbench:
# the old path (two statements in a transaction, the job only in memory), the current single
# statement with its job row, and that statement without the job row (the floor). Each script
# runs for SECONDS seconds (default 20) on one client, in a scratch database that is dropped
# afterwards. Usage: benchmarks/post-cost.sh [seconds]   (PGHOST/PGPORT/PGUSER as for psql)
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-20}
db=feedkit_post_cost_$$
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
psql -q -d postgres -c "CREATE DATABASE $db"
trap 'psql -q -d postgres -c "DROP DATABASE IF EXISTS $db"' EXIT
for m in ../feed-jdbc/src/main/resources/dev/feedkit/jdbc/migration/V*.sql; do
  psql -q -v ON_ERROR_STOP=1 -d "$db" -f "$m"
done
psql -q -d "$db" -c "INSERT INTO feedkit_users VALUES (1, 'author', 'author', 'Author', now());
  INSERT INTO feedkit_user_counts (user_id) VALUES (1);"
for script in before durable-without-job durable; do
  psql -q -d "$db" -c "TRUNCATE feedkit_posts, feedkit_home_timeline, feedkit_jobs; CHECKPOINT"
  latency=$(pgbench -n -c 1 -T "$seconds" -f "sql/post-cost/$script.sql" "$db" 2>/dev/null \
    | awk '/latency average/ {print $4}')
  printf '%-22s %s ms per post\n' "$script" "$latency"
done
