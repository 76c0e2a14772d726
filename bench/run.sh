#!/usr/bin/env bash
# Black-box benchmarks of the packaged server (docs/performance.md): bin/carapulse-server as its own
# process, driven over HTTP and SSE by bench/ApiBenchmark.java; prints Markdown rows.
#
#   bench/run.sh [startup|step|throughput|load|cli|all] [--postgres] [-Dbench.runs=N ...]
#
# --postgres runs the server on a throw-away PostgreSQL (Debian's postgresql server binaries, started
# in a temp dir on a free port) instead of the embedded H2. -D options tune the scenarios (see the
# Java file: bench.runs, bench.warmup, bench.cold, bench.clients, bench.seconds, bench.inflight,
# bench.followers, bench.probes; bench.java-homes: JDK directories whose start-up to compare).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

scenario="${1:-all}"; shift || true
postgres=false; props=()
for a in "$@"; do
  case "$a" in
    --postgres) postgres=true ;;
    -D*) props+=("$a") ;;
    *) echo "unknown option $a" >&2; exit 2 ;;
  esac
done

echo "building the server, the test kit and assistantctl ..." >&2
./mvnw -q -B -o -DskipTests -pl assistant-core,testkit,assistantctl -am package >&2 || \
  ./mvnw -q -B -DskipTests -pl assistant-core,testkit,assistantctl -am package >&2

if [ "$postgres" = true ]; then
  pgbin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  [ -x "$pgbin/initdb" ] || { echo "--postgres needs Debian's postgresql server (apt-get install postgresql)" >&2; exit 2; }
  pgdir="$(mktemp -d)"; chmod 777 "$pgdir"
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  as=(); [ "$(id -u)" -eq 0 ] && as=(runuser -u postgres --)
  "${as[@]}" "$pgbin/initdb" -D "$pgdir/data" -U carapulse --auth=trust >/dev/null
  "${as[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -o "-p $port -k $pgdir -c listen_addresses=127.0.0.1 -c max_connections=300" -w start >/dev/null
  trap '"${as[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$pgdir"' EXIT
  "${as[@]}" "$pgbin/createdb" -h 127.0.0.1 -p "$port" -U carapulse carapulse
  export CARAPULSE_DB_URL="jdbc:postgresql://127.0.0.1:$port/carapulse" CARAPULSE_DB_USER=carapulse CARAPULSE_DB_PASSWORD=
  export BENCH_RESET_DB="${as[*]} $pgbin/dropdb -h 127.0.0.1 -p $port -U carapulse carapulse && ${as[*]} $pgbin/createdb -h 127.0.0.1 -p $port -U carapulse carapulse"
fi

java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
"$java_bin" "${props[@]}" -Dbench.root="$root" -cp assistantctl/target/assistantctl.jar bench/ApiBenchmark.java "$scenario"
