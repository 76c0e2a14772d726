#!/usr/bin/env bash
# Measures assistantctl's start-up: N runs of each variant, interleaved (so a busy neighbour slows
# them all alike), as a Markdown table of wall-clock and CPU (user+sys) time for docs/performance.md.
#
#   assistantctl/startup-time.sh [N]      (default 20 runs per variant; needs /usr/bin/time)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-20}"
jar="$root/assistantctl/target/assistantctl.jar"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export CARAPULSE_HOME="$work/home"

"$root/bin/assistantctl" --version >/dev/null           # build the jar and write the CDS archive once
jsa="$(ls -t "$root"/assistantctl/target/cds/*.jsa | head -n 1)"   # the newest: the one this JVM wrote
c1=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
cds=(-XX:SharedArchiveFile="$jsa" -Xlog:cds=off -Xlog:cds+dynamic=off)

labels=(
  "\`java -jar assistantctl.jar --help\` (JVM defaults)"
  "… \`-XX:TieredStopAtLevel=1 -XX:+UseSerialGC\`"
  "… and the AppCDS archive"
  "\`bin/assistantctl --help\` (all of the above, and the launcher's checks)"
  "\`config get-contexts -o json\` (loads Jackson), C1 and serial GC, no archive"
  "\`bin/assistantctl config get-contexts -o json\`"
)
run_variant() {
  case "$1" in
    0) java -jar "$jar" --help ;;
    1) java "${c1[@]}" -jar "$jar" --help ;;
    2) java "${c1[@]}" "${cds[@]}" -jar "$jar" --help ;;
    3) "$root/bin/assistantctl" --help ;;
    4) java "${c1[@]}" -jar "$jar" config get-contexts -o json ;;
    5) "$root/bin/assistantctl" config get-contexts -o json ;;
  esac
}

for v in "${!labels[@]}"; do run_variant "$v" >/dev/null 2>&1 || true; done   # warm the page cache
for _ in $(seq "$runs"); do
  for v in "${!labels[@]}"; do
    /usr/bin/time -f "%e %U %S" -a -o "$work/$v" bash -c "$(declare -f run_variant); $(declare -p jar c1 cds root); run_variant $v" \
      >/dev/null 2>&1 || true
  done
done

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "| start-up of | wall p50 | wall p90 | CPU p50 |"
echo "|---|---|---|---|"
for v in "${!labels[@]}"; do
  wall50=$(awk '{print $1}' "$work/$v" | median)
  wall90=$(awk '{print $1}' "$work/$v" | sort -n | awk -v n="$runs" '{a[NR]=$1} END {print a[int(n*0.9)]}')
  cpu50=$(awk '{printf "%.2f\n", $2 + $3}' "$work/$v" | median)
  printf '| %s | %.2f s | %.2f s | %.2f s |\n' "${labels[$v]}" "$wall50" "$wall90" "$cpu50"
done
echo
echo "$runs runs each; load average after: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $(java -version 2>&1 | head -n 1)"
