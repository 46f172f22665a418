#!/usr/bin/env bash
# Measures the cost of scoring one lead with a 50-rule model (JMH, one fork, 5 x 2 s).
# Usage: bench/scoring-jmh.sh   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -Pbench test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" org.openjdk.jmh.Main ScoringBenchmark "$@"
