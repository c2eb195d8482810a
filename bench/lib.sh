# Sourced by the bench scripts: builds the bench module once and sets $root, $cp, run_java.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/bench"
if [[ ! -f "$bench/target/classpath.txt" || -n "${BENCH_REBUILD:-}" ]]; then
  echo "bench: building (mvn -Pbench -pl bench -am package -DskipTests)..." >&2
  mvn -B -q -ntp -f "$root/pom.xml" -Pbench -pl bench -am package -DskipTests >&2
fi
cp="$bench/target/classes:$(cat "$bench/target/classpath.txt")"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# The launcher's collector settings (bin/ktstr-sidecar) unless BENCH_JAVA_OPTS says otherwise; the
# JIT is left at its default (C2), as in a long-lived JVM that embeds the library.
run_java() { "$java_bin" ${BENCH_JAVA_OPTS:--XX:+UseParallelGC -Xmn64m} -cp "$cp" "$@"; }
# Seconds (3 decimals) a command takes, wall clock.
wall() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l | xargs printf '%.3f'; }
machine() {
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "host: $(uname -srm), $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)), $(free -g | awk '/Mem:/{print $2}') GiB RAM"
  echo "java: $("$java_bin" -version 2>&1 | head -1)"
  echo "fs:   $(df -T "${1:-/tmp}" | awk 'NR==2{print $2}') at ${1:-/tmp}"
}
