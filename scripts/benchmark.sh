#!/usr/bin/env bash
# Runs the cross-process benchmark of CDMF IPC and writes docs/benchmarks.md (Unix sockets),
# docs/benchmarks-network.md (grpc://, tcp://) and docs/benchmarks-shm.md (shm://, shm+journal://).
# docs/benchmarks.md opens with a summary of the many-callers cases of every transport of the run and the peers
# (calls/s per caller count, p50, bytes per call, ratios to the best peer) and its charts, PNG files written to
# docs/benchmarks/ (summary-latency-<transport>.png, summary-calls-per-second.png; earlier summary-*.png are removed).
#
#   scripts/benchmark.sh                  # full run: 64 B, 1 KiB, 64 KiB, every case, all three reports
#   scripts/benchmark.sh --smoke          # every case briefly (0.3 s warm-up, 0.5 s), 64 B only, 1 and 4 callers
#   scripts/benchmark.sh --only raw-jdk,framework-unix --sizes 64 --duration-seconds 5
#   scripts/benchmark.sh --only framework-shm,raw-agrona,raw-chronicle,framework-shm-oneway,framework-journal-oneway,raw-agrona-oneway,raw-chronicle-oneway
#                                         # shared memory only: writes docs/benchmarks-shm.md, leaves docs/benchmarks.md
#   scripts/benchmark.sh --help           # all options
#
# A report is written only when the run measured cases of its kind, so a partial run leaves the others alone, e.g.
# the network cases alone (grpc:// and tcp:// against raw grpc-java and raw TCP) write docs/benchmarks-network.md:
#   scripts/benchmark.sh --only raw-grpc,framework-grpc,raw-grpc-callers,framework-grpc-callers,raw-tcp,raw-tcp-spin,framework-tcp
#
# Many callers: N threads each making synchronous calls, one at a time, as a request pool does; each count in
# --callers (default 1,4,16,64; --smoke 1,4; at most 256) is a run of its own against a fresh server JVM.
#   raw-jdk-callers         each caller its own blocking JDK Unix-socket connection (the bound for callers that
#                           share nothing)
#   framework-unix-callers  all callers share one ServiceProxy over unix:// (server inline and executor rows)
#   typed-unix-callers      all callers share one IpcBinding client (byte[] echo(byte[]), BINARY) over one proxy,
#                           against a server exporting the same interface
#   framework-shm-callers, typed-shm-callers    the same over shm:// (no raw Agrona row: its rings take one client)
# They use ProxyConfig's defaults (--sync-spin-micros still overrides the spin) and go into a "Many callers"
# section of docs/benchmarks.md (unix://) and docs/benchmarks-shm.md (shm://), with the goals checked at 64 B:
#   scripts/benchmark.sh --only raw-jdk-callers,framework-unix-callers,typed-unix-callers,framework-shm-callers,typed-shm-callers \
#     --sizes 64 --callers 1,4,16,64
# At the default 3 s + 10 s per run, that is 4 counts x 6 rows, about six minutes for each size.
#
# Extra flags for the benchmark JVM (they are passed on to the forked servers, except flight recordings and
# agents) go in JAVA_OPTS; flags for the servers alone go in --server-jvm-flags, where {case} becomes the case tag:
#   JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/client.jfr,settings=profile" scripts/benchmark.sh \
#     --only framework-unix --sizes 64 --output /tmp/bench.md \
#     --server-jvm-flags "-XX:StartFlightRecording=filename=/tmp/server-{case}.jfr,settings=profile"
#
# BENCHMARK_CPUS=0 runs both JVMs pinned to those CPUs (taskset -c), which removes cross-CPU wake-ups; with one CPU
# the proxy does not spin (it sees one processor). The report shows the CPUs the JVM had.
#
# Measure on a quiet machine: check `uptime` first; the report records the load average at start and end.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

./mvnw -B -q -pl cdmf-ipc-benchmarks -am package -DskipTests

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
	# Chronicle Queue (shm+journal:// and the raw-chronicle baseline), as the parent POM's cdmf.jvm.flags
	--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED
	--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED
	--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED
	--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED
	--add-opens=java.base/java.lang=ALL-UNNAMED
	--add-opens=java.base/java.lang.reflect=ALL-UNNAMED
	--add-opens=java.base/java.io=ALL-UNNAMED
	--add-opens=java.base/java.util=ALL-UNNAMED
	# The summary's charts are drawn with AWT (XChart): no display needed.
	-Djava.awt.headless=true
	-XX:+UseParallelGC
	-Xms512m
	-Xmx512m
)
read -r -a extra_flags <<< "${JAVA_OPTS:-}"

pin=()
if [[ -n "${BENCHMARK_CPUS:-}" ]]; then
	pin=(taskset -c "$BENCHMARK_CPUS")
fi

export CDMF_BENCHMARK_COMMAND="${BENCHMARK_CPUS:+BENCHMARK_CPUS=$BENCHMARK_CPUS }scripts/benchmark.sh${*:+ $*}"
exec ${pin[@]+"${pin[@]}"} java "${jvm_flags[@]}" ${extra_flags[@]+"${extra_flags[@]}"} -cp "$classpath" \
	io.cdmf.ipc.benchmark.BenchmarkMain --output docs/benchmarks.md "$@"
