# Sourced by the bench/pg-* scripts, after lib.sh: PostgreSQL helpers and a frozen copy of the CLI.
#
# PG_HOST, PG_PORT, PG_USER (default 127.0.0.1, 5432, postgres): a server the scripts may create
# and drop databases on (trust or ~/.pgpass). Each script makes its own ktstr_bench_* databases
# and drops them at exit unless BENCH_KEEP_DB=1.
pg_host="${PG_HOST:-127.0.0.1}"
pg_port="${PG_PORT:-5432}"
pg_user="${PG_USER:-postgres}"
pg_url() { echo "jdbc:postgresql://$pg_host:$pg_port/$1?user=$pg_user"; }
pg_psql() { local db="$1"; shift; psql -X -q -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -U "$pg_user" -d "$db" "$@"; }
# A fresh, empty UTF8 database named ktstr_bench_<tag>_<pid> (printed); dropped at exit.
pg_fresh_db() {
  local db="ktstr_bench_$1_$$"
  dropdb --if-exists --force -h "$pg_host" -p "$pg_port" -U "$pg_user" "$db" 2>/dev/null || true
  createdb -h "$pg_host" -p "$pg_port" -U "$pg_user" -E UTF8 -T template0 "$db"
  echo "$db"
}
# Drops this script's databases (ktstr_bench_*_<pid>): pg_fresh_db runs in $(...), so it cannot
# record them in a variable of ours.
pg_cleanup() {
  local db dbs
  dbs=$(pg_psql postgres -Atc "select datname from pg_database where datname ~ '^ktstr_bench_.*_$$\$'" 2>/dev/null || true)
  [[ -n "${BENCH_KEEP_DB:-}" ]] && { echo "kept databases: $dbs" >&2; return; }
  for db in $dbs; do dropdb --if-exists --force -h "$pg_host" -p "$pg_port" -U "$pg_user" "$db" 2>/dev/null || true; done
}
pg_machine() {
  machine "${1:-/tmp}"
  echo "pg:   $(pg_psql postgres -Atc 'select version()' | cut -d, -f1); fsync $(pg_psql postgres -Atc 'show fsync'), synchronous_commit $(pg_psql postgres -Atc 'show synchronous_commit'), shared_buffers $(pg_psql postgres -Atc 'show shared_buffers'), data on $(df -T "$(pg_psql postgres -Atc 'show data_directory' 2>/dev/null || echo /)" 2>/dev/null | awk 'NR==2{print $2}')"
  echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) at start"
}

# The CLI, frozen: other people's edits in this working tree make bin/ktstr-sidecar rebuild itself
# (and its jars change under a running benchmark). Build it once if needed, then copy the launcher,
# the jar and lib/ to a private directory and run that copy with KTSTR_SIDECAR_NO_BUILD=1.
# BENCH_CLI=DIR reuses a snapshot made earlier (DIR/bin/ktstr-sidecar) instead of taking a new one.
cli_snapshot() {
  local snap="$1"
  if [[ -n "${BENCH_CLI:-}" ]]; then
    cli="$BENCH_CLI/bin/ktstr-sidecar"; export KTSTR_SIDECAR_NO_BUILD=1
    echo "cli:  snapshot $BENCH_CLI (BENCH_CLI), ktstr-cli jar of $(date -r "$(ls "$BENCH_CLI"/ktstr-cli/target/ktstr-cli-*.jar)" -u +%H:%M:%SZ)"
    return
  fi
  "$root/bin/ktstr-sidecar" --version >/dev/null  # builds when stale
  rm -rf "$snap"; mkdir -p "$snap/bin" "$snap/ktstr-cli/target"
  cp "$root/bin/ktstr-sidecar" "$snap/bin/"
  cp -r "$root"/ktstr-cli/target/ktstr-cli-*.jar "$root/ktstr-cli/target/lib" "$snap/ktstr-cli/target/"
  if ! compgen -G "$snap/ktstr-cli/target/lib/ktstr-pg-*.jar" >/dev/null; then
    echo "error: ktstr-pg is not on the CLI's runtime path (ktstr-cli/pom.xml): KTSTR_STORE=pg cannot work" >&2
    exit 1
  fi
  cli="$snap/bin/ktstr-sidecar"
  export KTSTR_SIDECAR_NO_BUILD=1
  echo "cli:  snapshot $snap of the CLI at $(git -C "$root" rev-parse --short HEAD) (plus uncommitted edits in the tree at $(date -u +%H:%M:%SZ))"
}
cli_run() { KTSTR_SIDECAR_NO_BUILD=1 "$cli" "$@"; }

# Seconds of a command, wall clock, its stdout to $1 (stderr kept on ours).
wall_to() { local out="$1" t0 t1; shift; t0=$(date +%s.%N); "$@" >"$out"; local rc=$?; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l | xargs printf '%.3f'; return $rc; }
# min and median of numbers on the command line: "min / median".
min_median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END{m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f / %.3f", a[1], m}'; }
ratio() { echo "$1 / $2" | bc -l | xargs printf '%.2f'; }

# The bench classes and this tree's jars, frozen the same way (the library harnesses run from
# them): copied to DIR once, $cp pointed at the copies. Jars from ~/.m2 are used in place.
lib_snapshot() {
  local snap="$1" j newcp
  rm -rf "$snap"; mkdir -p "$snap/jars"
  cp -r "$bench/target/classes" "$snap/classes"
  newcp="$snap/classes"
  for j in $(tr ':' '\n' <"$bench/target/classpath.txt"); do
    if [[ "$j" == "$root"/* ]]; then cp "$j" "$snap/jars/"; newcp+=":$snap/jars/$(basename "$j")"; else newcp+=":$j"; fi
  done
  cp="$newcp"
}
