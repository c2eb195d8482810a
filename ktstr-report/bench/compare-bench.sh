#!/bin/sh
# Manual benchmark of stats compare over 20,000 in-memory sidecars (not part of the build).
# Usage, from the repository root: ktstr-report/bench/compare-bench.sh
set -eu
mvn -B -ntp -q -pl ktstr-report -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
CP="ktstr-report/target/test-classes:ktstr-report/target/classes:$(cat ktstr-report/target/bench-classpath.txt)"
exec java -cp "$CP" dev.ktstr.report.compare.CompareBench
