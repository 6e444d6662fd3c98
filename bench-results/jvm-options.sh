#!/usr/bin/env bash
# Footprint of one controller JVM under given JVM options (BENCHMARKS.md, "Controller JVM options").
# usage: bench-results/jvm-options.sh NAME PORT SERVICES "JVM OPTIONS" [MALLOC_ARENA_MAX]
# One controller of a one-node cluster on the machine's MariaDB (127.0.0.1:3306, root, no
# password; database sfc_jvm_NAME, created afresh) holding SERVICES leases of `sleep` services.
# Prints the time from the JVM's start to its first ACQUIRED event, then RSS, threads and CPU
# (% of one core) over 60 s after 30 s of warm-up; the controller is stopped with SIGTERM.
set -euo pipefail
name=$1 port=$2 services=$3 opts=$4
here="$(cd "$(dirname "$0")/.." && pwd)"
jar="$here/sfc-app/target/sfc.jar"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
db="sfc_jvm_$name"
mariadb -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $db; CREATE DATABASE $db"
{
  printf 'cluster: jvm%s\nnode: n1\nnodes:\n  - id: n1\n    host: 127.0.0.1\n' "$name"
  printf 'metastore:\n  type: jdbc\n  url: jdbc:mariadb://127.0.0.1:3306/%s\n  user: root\n  password: ""\n' "$db"
  printf 'api:\n  bind: 127.0.0.1\n  port: %s\nservices:\n' "$port"
  for i in $(seq 1 "$services"); do printf '  - name: s%s\n    command: [sleep, "100000"]\n' "$i"; done
} > "$dir/sfc.yaml"
start=$(date +%s%N)
# shellcheck disable=SC2086
MALLOC_ARENA_MAX=${5:-} java $opts -jar "$jar" start -c "$dir/sfc.yaml" > "$dir/log" 2>&1 &
pid=$!
for _ in $(seq 1 1500); do grep -q "event ACQUIRED" "$dir/log" && break; sleep 0.02; done
up=$((($(date +%s%N) - start) / 1000000))
sleep 30
t0=$(awk '{print $14+$15}' "/proc/$pid/stat")
sleep 60
t1=$(awk '{print $14+$15}' "/proc/$pid/stat")
rss=$(awk '/VmRSS/{print $2}' "/proc/$pid/status")
threads=$(awk '/Threads/{print $2}' "/proc/$pid/status")
cpu=$(echo "scale=2; ($t1 - $t0) * 100 / $(getconf CLK_TCK) / 60" | bc)
echo "$name: $services service(s); first ACQUIRED after $up ms; RSS $((rss / 1024)) MiB; $threads threads; CPU $cpu % of one core; options: ${opts:-(JVM defaults)}${5:+; MALLOC_ARENA_MAX=$5}"
kill -TERM "$pid"
wait "$pid" || true
