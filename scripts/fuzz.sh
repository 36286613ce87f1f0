#!/usr/bin/env bash
# Runs the coverage-guided fuzz targets of cdmf-ipc-runtime (package io.cdmf.ipc.fuzz, docs/fuzzing.md) for longer
# than the few seconds each gets in the test command, one JVM per target, with Jazzer's own driver.
#
#   scripts/fuzz.sh                      # every target for 60 s
#   scripts/fuzz.sh 600                  # every target for 10 minutes
#   scripts/fuzz.sh 300 ShmRingFuzzer JournalFuzzer   # some targets
#
# A crash is written into the target's inputs directory under cdmf-ipc-runtime/src/test/resources/io/cdmf/ipc/fuzz/
# (<Target>Inputs/<method>/crash-...), where every later test run replays it: commit it with the fix. The corpus
# that a run grows stays in cdmf-ipc-runtime/.cifuzz-corpus/ (not committed) and is where the next run starts.
# Ends with one line per target (runs, execs/s, coverage) and exits 1 if a target found a crash.
set -euo pipefail

seconds="${1:-60}"
shift || true
cd "$(dirname "$0")/../cdmf-ipc-runtime"
module="$(pwd)"
logs="$module/target/fuzz"
mkdir -p "$logs"

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
	for file in src/test/java/io/cdmf/ipc/fuzz/*Fuzzer.java; do
		targets+=("$(basename "$file" .java)")
	done
fi

../mvnw -B -q -pl cdmf-ipc-runtime -f ../pom.xml test-compile dependency:build-classpath \
	-Dmdep.outputFile="$logs/classpath.txt" -Dmdep.includeScope=test
flags="$(sed -n 's/.*<cdmf.jvm.flags>\(.*\)<\/cdmf.jvm.flags>.*/\1/p' ../pom.xml)"
# The test records that Jazzer 0.24.0 cannot instrument (see the fuzz profile in cdmf-ipc-runtime/pom.xml).
uninstrumented="$(sed -n 's/.*<cdmf.fuzz.uninstrumented>\(.*\)<\/cdmf.fuzz.uninstrumented>.*/\1/p' pom.xml)"
classpath="target/test-classes:target/classes:$(cat "$logs/classpath.txt")"

failed=0
summary=()
for target in "${targets[@]}"; do
	log="$logs/$target.log"
	echo "Fuzzing $target for $seconds s (log: $log)"
	# shellcheck disable=SC2086 # the flags are several words
	if java $flags -Xmx1g -cp "$classpath" com.code_intelligence.jazzer.Jazzer \
		--target_class="io.cdmf.ipc.fuzz.$target" '--custom_hook_excludes=java.**:javax.**:jdk.**:sun.**:com.sun.**' \
		"--instrumentation_excludes=$uninstrumented" \
		-max_total_time="$seconds" -timeout=10 >"$log" 2>&1; then
		outcome="ok"
	else
		outcome="FOUND A CRASH (see $log)"
		failed=1
	fi
	done_line="$(grep -E '^#[0-9]+\s+DONE' "$log" | tail -1 || true)"
	summary+=("$(printf '%-30s %s  %s' "$target" "$outcome" "${done_line:-no DONE line}")")
done

printf '\n%s\n' "${summary[@]}"
exit "$failed"
