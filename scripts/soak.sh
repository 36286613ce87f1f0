#!/usr/bin/env bash
# Runs the soak of CDMF IPC and writes docs/soak.md: 16 synchronous callers at full rate over one ServiceProxy
# against a server in another JVM, first over unix://, then over shm://, each for the given minutes (default 10),
# sampling both JVMs every 10 s (live heap, resident memory, descriptors, threads, shared-memory files). It fails
# (exit 1) on any failed call or on growth past the bounds stated in the report. Not part of the test command.
#
#   scripts/soak.sh            # 10 minutes per transport, about 21 minutes in all
#   scripts/soak.sh 3          # 3 minutes per transport
#   scripts/soak.sh 10 --transports shm --output /tmp/soak-shm.md
#
# Both JVMs run with -Xmx256m and the benchmark's flags; extra flags for both go in JAVA_OPTS. Run it on a quiet
# machine: the calls/s column is only as steady as the CPUs it gets.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

minutes=10
if [[ $# -gt 0 && "$1" != --* ]]; then
	minutes=$1
	shift
fi

./mvnw -B -q ${MAVEN_OFFLINE:+-o} -pl cdmf-ipc-benchmarks -am package -DskipTests

module=cdmf-ipc-benchmarks/target
jar=$(find "$module" -maxdepth 1 -name 'cdmf-ipc-benchmarks-*.jar' ! -name '*-sources.jar' ! -name '*-tests.jar' | head -n 1)
if [[ -z "$jar" || ! -f "$module/classpath.txt" ]]; then
	echo "benchmark jar or $module/classpath.txt missing after the build" >&2
	exit 1
fi
classpath="$jar:$(cat "$module/classpath.txt")"

jvm_flags=(
	--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED
	--add-exports=java.base/sun.nio.ch=ALL-UNNAMED
	-XX:+UseParallelGC
	-Xmx256m
)
read -r -a extra_flags <<< "${JAVA_OPTS:-}"

exec java "${jvm_flags[@]}" ${extra_flags[@]+"${extra_flags[@]}"} -cp "$classpath" \
	io.cdmf.ipc.benchmark.SoakMain --minutes "$minutes" --output docs/soak.md "$@"
