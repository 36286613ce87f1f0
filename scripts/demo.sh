#!/usr/bin/env bash
# Builds the project and runs the demo: a calculator server and a client in two JVMs, talking over a Unix socket.
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -B -q -DskipTests -pl sample-calc-app -am package
CP="sample-calc-app/target/classes:$(cat sample-calc-app/target/classpath.txt)"
FLAGS="--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED --add-exports=java.base/sun.nio.ch=ALL-UNNAMED"
ENDPOINT="unix:///tmp/cdmf_calc_demo_$$.sock"
LOG="$(mktemp)"

java $FLAGS -cp "$CP" io.cdmf.ipc.sample.calc.raw.RawCalcServer "$ENDPOINT" >"$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -f "$LOG"' EXIT

for _ in $(seq 1 300); do
	grep -q '^READY' "$LOG" && break
	kill -0 $SERVER 2>/dev/null || { cat "$LOG"; echo "server failed to start" >&2; exit 1; }
	sleep 0.1
done
grep -q '^READY' "$LOG" || { cat "$LOG"; echo "server did not become ready" >&2; exit 1; }

echo "== server (pid $SERVER) listening on $ENDPOINT; client output:"
java $FLAGS -cp "$CP" io.cdmf.ipc.sample.calc.raw.RawCalcClient "$ENDPOINT"
STATUS=$?

kill $SERVER
wait $SERVER 2>/dev/null || true
trap - EXIT
echo "== server log:"
cat "$LOG"
rm -f "$LOG"
exit $STATUS
