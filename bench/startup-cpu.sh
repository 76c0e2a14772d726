#!/usr/bin/env bash
# In-process start-up of the packaged server, wall and CPU time (user+sys, all threads: main, JIT, GC),
# for JVM option variants interleaved so load hits them alike. Each run starts the server completely on
# an existing home (CARAPULSE_CDS_TRAINING=true: start, then stop; no HTTP port) with the class archive
# bin/carapulse-server recorded. Explains the black-box figure of `bench/run.sh startup`; never
# replaces it (docs/performance.md).
#
#   bench/startup-cpu.sh RUNS "" "-XX:TieredStopAtLevel=1" "-XX:+UseSerialGC" ...
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
runs="${1:?usage: bench/startup-cpu.sh RUNS [JVM options ...]}"; shift
[ $# -gt 0 ] || set -- ""
jsa="$(ls assistant-core/target/cds/server-*.jsa 2>/dev/null | head -1)"
[ -n "$jsa" ] || { echo "start bin/carapulse-server once first (it records the class archive)" >&2; exit 2; }
home="$(mktemp -d)"; out="$(mktemp -d)"
trap 'rm -rf "$home" "$out"' EXIT
base=(-Xms32m -Xmx512m -XX:MaxMetaspaceSize=256m -XX:SharedArchiveFile="$jsa" -Xlog:cds=off -Xlog:cds+dynamic=off)
start() { # $1: extra options (word-split on purpose)
  # shellcheck disable=SC2086
  env CARAPULSE_CDS_TRAINING=true CARAPULSE_HOME="$home" CARAPULSE_LOCAL_TOKEN=false \
    java "${base[@]}" $1 -cp assistant-core/target/carapulse-server.jar io.carapulse.core.Application \
    --micronaut.server.port=-1 >/dev/null 2>&1
}
start "" # the home's first start (migrations) is not counted
for _ in $(seq 1 "$runs"); do
  k=0
  for v in "$@"; do
    k=$((k + 1))
    /usr/bin/time -f "%e %U %S" -a -o "$out/$k" bash -c "$(declare -f start); $(declare -p base home); start '$v'"
  done
done
echo "# startup-cpu — $(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
echo "| JVM options | wall p50 | CPU p50 |"
echo "|---|---|---|"
k=0
for v in "$@"; do
  k=$((k + 1))
  wall="$(cut -d' ' -f1 "$out/$k" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}')"
  cpu="$(awk '{print $2+$3}' "$out/$k" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}')"
  echo "| \`${v:-defaults}\` | ${wall} s | ${cpu} s |"
done
