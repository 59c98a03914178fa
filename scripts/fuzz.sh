#!/usr/bin/env bash
# Builds the libFuzzer targets (address sanitizer) and runs each for SECONDS seconds, on a copy of the
# committed seed corpus (Fuzz/corpus/TARGET) and the regressions (Fuzz/regressions/TARGET).
# A crash keeps its input in .build-fuzz/crashes/ and fails the run; copy it into Fuzz/regressions/TARGET
# with the fix, so the replay in `make test` keeps it fixed.
# Usage: scripts/fuzz.sh SECONDS [TARGET…]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(template numerals answers schema docx word)

swift build --product tiankong-fuzz --scratch-path .build-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING 2>&1 | grep -v "Cannot export local symbol" | grep -E "error|Compiling|Build" || true
binary=.build-fuzz/debug/tiankong-fuzz
[ -x "$binary" ] || { echo "fuzz: the fuzzing build failed"; exit 1; }

mkdir -p .build-fuzz/crashes .build-fuzz/logs
status=0
for target in "${targets[@]}"; do
    work=.build-fuzz/corpus-$target
    mkdir -p "$work"
    cp Fuzz/corpus/"$target"/* "$work"/ 2>/dev/null || true
    cp Fuzz/regressions/"$target"/* "$work"/ 2>/dev/null || true
    log=.build-fuzz/logs/$target.log
    if TIANKONG_FUZZ=$target "$binary" -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=4096 \
        -artifact_prefix=.build-fuzz/crashes/"$target"- "$work" > "$log" 2>&1; then
        runs=$(grep -Eo 'Done [0-9]+ runs' "$log" | tail -1 | grep -Eo '[0-9]+')
        echo "fuzz $target: ${runs:-0} executions in ${seconds} s, no crash"
        echo "$target ${runs:-0} $seconds" >> .build-fuzz/executions.txt
    else
        echo "fuzz $target: CRASH — input kept in .build-fuzz/crashes/, log in $log"
        tail -30 "$log"
        status=1
    fi
done
exit $status
