#!/usr/bin/env bash
# Measures matching one lead against 100,000 accounts (JMH sample time: p50/p99 per rule) and prints the heap the
# in-memory account index takes and how long building it takes (what each replica pays on every refresh).
# Usage: bench/account-match-jmh.sh   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -Pbench test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" org.openjdk.jmh.Main AccountMatchBenchmark "$@"
