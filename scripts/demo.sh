#!/usr/bin/env bash
# Builds the project and runs the demos, each as separate JVMs talking over IPC, and stops them cleanly.
# Needs only a JDK 17+: the Maven wrapper fetches Maven, Maven fetches the rest.
#
# Each demo is a function demo_<name> below, listed in DEMOS. To add one: build its module in the `build` line,
# write its function with start_jvm / await_line / stop_jvm, and add its name to DEMOS.
#
# Usage: scripts/demo.sh            runs every demo in DEMOS
#        scripts/demo.sh NAME...    runs only these (a '-' in a name stands for '_' in its function), such as
#                                   `scripts/demo.sh discovery-zookeeper`, which is not in DEMOS
set -euo pipefail
cd "$(dirname "$0")/.."

DEMOS=(calc sensor discovery)
if [ $# -gt 0 ]; then
	DEMOS=("$@")
fi
# The flags every JVM of ours gets (Agrona's Unsafe for shm://, Chronicle's, peer credentials on unix://), taken from
# the parent POM's cdmf.jvm.flags so the demos, the tests and the docs never disagree.
FLAGS="$(sed -n 's:.*<cdmf.jvm.flags>\(.*\)</cdmf.jvm.flags>.*:\1:p' pom.xml)"
if [ -z "$FLAGS" ]; then
	echo "no <cdmf.jvm.flags> in pom.xml" >&2
	exit 1
fi
WORK="$(mktemp -d)"
# Shared-memory files of the demos, under /dev/shm where it exists, removed with $WORK.
SHM="$(mktemp -d "$([ -d /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}")/cdmf-demo-XXXXXX")"
JVMS=()

cleanup() {
	for pid in "${JVMS[@]}"; do
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	rm -rf "$WORK" "$SHM"
}
trap cleanup EXIT

# classpath MODULE: the module's classes and its runtime dependencies (written by its build).
classpath() {
	echo "$1/target/classes:$(cat "$1/target/classpath.txt")"
}

# start_jvm LOG MODULE MAIN ARGS...: starts a JVM in the background; its pid is in $JVM_PID.
start_jvm() {
	local log="$1" module="$2" main="$3"
	shift 3
	# shellcheck disable=SC2086
	java $FLAGS -cp "$(classpath "$module")" "$main" "$@" >"$log" 2>&1 &
	JVM_PID=$!
	JVMS+=("$JVM_PID")
}

# await_line LOG PREFIX PID: waits up to 60 s for a line starting with PREFIX; prints it.
await_line() {
	local log="$1" prefix="$2" pid="$3"
	for _ in $(seq 1 600); do
		if grep -qs "^$prefix" "$log"; then
			grep -m1 "^$prefix" "$log"
			return 0
		fi
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	cat "$log" >&2
	echo "no '$prefix' line from pid $pid" >&2
	return 1
}

# stop_jvm PID: asks a JVM to stop (SIGTERM, as a service manager would) and waits for it.
stop_jvm() {
	kill "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
}

demo_calc() {
	local endpoint="${CALC_ENDPOINT:-unix:///tmp/cdmf_calc_$$.sock}"
	local server_log="$WORK/calc-server.log" ready url status=0
	echo "== calc: Spring Boot server (@IpcService) and client (@IpcClient) in two JVMs over $endpoint, Protobuf"
	start_jvm "$server_log" sample-calc-app io.cdmf.ipc.sample.calc.server.CalcServerApplication \
		--server.port=0 --cdmf.ipc.server.services.CalculationService.endpoints="$endpoint"
	local server=$JVM_PID
	ready="$(await_line "$server_log" READY "$server")"
	url="${ready#READY }"
	echo "== server pid $server ready; client output:"
	java $FLAGS -cp "$(classpath sample-calc-app)" io.cdmf.ipc.sample.calc.client.CalcClientApplication \
		--cdmf.ipc.client.services.CalculationService.endpoint="$endpoint" || status=$?
	echo "== GET $url"
	java scripts/JsonGet.java "$url" || status=$?
	echo "== stopping the server (SIGTERM: refuse new calls, drain, remove the socket)"
	stop_jvm "$server"
	grep -E "IPC service|Client says|IPC server stopped|Service .* stopped" "$server_log" | sed 's/^/   server: /' || true
	return $status
}

demo_sensor() {
	local endpoint="${SENSOR_ENDPOINT:-shm://cdmf_sensor_$$}"
	local rate="${SENSOR_RATE:-10000}" seconds="${SENSOR_SECONDS:-5}" mode="${SENSOR_MODE:-one-way}"
	local consumer_log="$WORK/sensor-consumer.log" producer_log="$WORK/sensor-producer.log" status=0
	echo "== sensor: Spring Boot consumer (@IpcService) and producer (@IpcClient) in two JVMs over $endpoint," \
		"FlatBuffers read in place"
	start_jvm "$consumer_log" sample-sensor-app io.cdmf.ipc.sample.sensor.consumer.SensorConsumerApplication \
		--cdmf.ipc.server.services.SensorConsumer.endpoints="$endpoint"
	local consumer=$JVM_PID
	await_line "$consumer_log" READY "$consumer" >/dev/null
	echo "== consumer pid $consumer ready; the producer sends $((rate * seconds)) readings at $rate/s ($mode)"
	start_jvm "$producer_log" sample-sensor-app io.cdmf.ipc.sample.sensor.producer.SensorProducerApplication \
		--cdmf.ipc.client.services.SensorConsumer.endpoint="$endpoint" --sensor.producer.rate="$rate" \
		--sensor.producer.count=$((rate * seconds)) --sensor.producer.mode="$mode"
	local producer=$JVM_PID
	wait "$producer" || status=$?
	echo "== the consumer's lines, one a second (the first second includes the JIT warming up):"
	grep "^RATE" "$consumer_log" | sed 's/^/   /' || true
	grep "^DONE" "$producer_log" | sed 's/^/   producer: /' || cat "$producer_log" >&2
	echo "== stopping the consumer (SIGTERM: stop serving, remove the ring files)"
	stop_jvm "$consumer"
	grep -E "^TOTAL|IPC server stopped" "$consumer_log" | sed 's/^/   consumer: /' || true
	return $status
}

# discovery REGISTRY: two DataProcessor instances register in REGISTRY (see sample-discovery-app's Registries); a client
# that knows only the service's name and version calls them; one instance is killed with kill -9 in the middle.
discovery() {
	local registry="$1" rate="${DISCOVERY_RATE:-1000}" seconds="${DISCOVERY_SECONDS:-6}" kill_after=3
	local client_log="$WORK/discovery-client.log" a_log="$WORK/discovery-a.log" b_log="$WORK/discovery-b.log" status=0
	local main=io.cdmf.ipc.sample.discovery
	local options=(--registry "$registry" --socket-dir "$WORK" --shm-dir "$SHM")
	start_jvm "$a_log" sample-discovery-app "$main.DataProcessorServer" "${options[@]}" --instance dp-a
	local a=$JVM_PID
	start_jvm "$b_log" sample-discovery-app "$main.DataProcessorServer" "${options[@]}" --instance dp-b
	local b=$JVM_PID
	await_line "$a_log" READY "$a" >/dev/null
	await_line "$b_log" READY "$b" >/dev/null
	echo "== dp-a (pid $a) and dp-b (pid $b) listen on shm://, unix:// and tcp:// and registered all three;" \
		"the client knows only \"DataProcessor\" \"1.0\" and calls at $rate/s for $seconds s"
	start_jvm "$client_log" sample-discovery-app "$main.DataProcessorClient" --registry "$registry" --instances 2 \
		--rate "$rate" --seconds "$seconds"
	local client=$JVM_PID
	await_line "$client_log" "SECOND $kill_after " "$client" >/dev/null
	kill -9 "$a"
	wait "$a" 2>/dev/null || true
	echo "== kill -9 dp-a (pid $a) after second $kill_after; the client's output:"
	wait "$client" || status=$?
	grep -E "^(FOUND|TRANSPORT|  advertised|WARMUP|SECOND|CHANGED|DONE|FAILED)" "$client_log" | sed 's/^/   /' \
		|| cat "$client_log" >&2
	[ $status -eq 0 ] || cat "$client_log" >&2
	echo "== stopping dp-b (SIGTERM: leave the registry, then drain and stop)"
	stop_jvm "$b"
	grep -E "DataProcessorServer - Deregistered|^STOPPED" "$b_log" | sed 's/^/   dp-b: /' || true
	return $status
}

demo_discovery_zookeeper() {
	local zk_log="$WORK/zookeeper.log" ready zk
	start_jvm "$zk_log" sample-discovery-app io.cdmf.ipc.sample.discovery.ZooKeeperTestServer
	zk=$JVM_PID
	ready="$(await_line "$zk_log" READY "$zk")"
	echo "== discovery-zookeeper: the same demo on ZooKeeper, ${ready#READY } (Curator's TestingServer in a JVM of" \
		"its own, pid $zk); ZooKeeper drops the killed instance when its session expires (4 s), the client's" \
		"channel before that"
	# Not `|| status=$?`: that would turn off set -e inside discovery. A failure ends the script; its trap stops ZooKeeper.
	DISCOVERY_SECONDS="${DISCOVERY_SECONDS:-10}" discovery "zookeeper:${ready#READY }"
	stop_jvm "$zk"
}

demo_discovery() {
	echo "== discovery: the guide's example 3, instances found by name and version in the embedded registry" \
		"(no server: a directory, $WORK/registry)"
	discovery "embedded:$WORK/registry"
}

for demo in "${DEMOS[@]}"; do
	if ! declare -F "demo_${demo//-/_}" >/dev/null; then
		echo "no demo '$demo'; the demos are: $(declare -F | sed -n 's/^declare -f demo_//p' | tr '_' '-' | xargs)" >&2
		exit 2
	fi
done
./mvnw -B -q -DskipTests -pl sample-calc-app,sample-sensor-app,sample-discovery-app -am package
for demo in "${DEMOS[@]}"; do
	"demo_${demo//-/_}"
done
