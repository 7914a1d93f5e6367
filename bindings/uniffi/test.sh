#!/usr/bin/env bash
# Tests the Swift/Kotlin binding (ggp-uniffi):
#  1. builds libggp_uniffi.so in release (in CARGO_TARGET_DIR when set);
#  2. generates Kotlin and Swift with this workspace's `uniffi-bindgen` into
#     bindings/uniffi/kotlin/target/generated-sources/uniffi (not committed) and checks the
#     Swift files are there (no Swift toolchain here: Swift is generated only);
#  3. compiles the generated Kotlin, examples/kotlin/Evaluate.kt and the tests with Maven
#     (kotlin-maven-plugin) and runs the tests on the JVM (JUnit 5, surefire);
#  4. runs the Kotlin example and checks its output is the Rust example's, byte for byte.
# Runs from any directory; safe to run again.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

echo "== build ggp-uniffi and generate Kotlin + Swift"
build_and_generate

echo "== check the Swift bindings"
for file in Ggp.swift GgpFFI.h GgpFFI.modulemap; do
    if [[ ! -s "$GENERATED_DIR/swift/$file" ]]; then
        echo "FAIL: $GENERATED_DIR/swift/$file was not generated" >&2
        exit 1
    fi
done
for api in 'func version(' 'func parseCard(' 'func parseCards(' 'func evaluate(' \
    'func evaluateText(' 'class Deck:' 'struct Card:' 'struct HandValue:' 'enum GgpError:' \
    'class Hand:' 'struct HandOptions:' 'func apply(' 'func publicViewJson('; do
    if ! grep -qF "$api" "$GENERATED_DIR/swift/Ggp.swift"; then
        echo "FAIL: Ggp.swift lacks '$api'" >&2
        exit 1
    fi
done
echo "Swift: Ggp.swift, GgpFFI.h, GgpFFI.modulemap generated"

echo "== compile the Kotlin and run its tests on the JVM"
rm -rf "$KOTLIN_DIR/target/surefire-reports"
run_maven test
# -q hides surefire's summary; print it from its reports.
tests=0 failures=0 errors=0 skipped=0
shopt -s nullglob
for report in "$KOTLIN_DIR"/target/surefire-reports/TEST-*.xml; do
    line="$(grep -m1 -o '<testsuite [^>]*>' "$report")"
    for field in tests failures errors skipped; do
        value="$(sed -n "s/.* $field=\"\([0-9]*\)\".*/\1/p" <<<"$line")"
        declare "$field=$((${!field} + ${value:-0}))"
    done
done
echo "Kotlin tests: $tests run, $failures failures, $errors errors, $skipped skipped"
if ((tests == 0 || failures + errors > 0)); then
    echo "FAIL: Kotlin tests" >&2
    exit 1
fi

echo "== run the Kotlin example"
write_classpath
expected='{"hand":"As Ks Qs Js Ts 2c 3d","category":"straight_flush","strength":9175040,"best_five":["As","Ks","Qs","Js","Ts"],"description":"Royal Flush"}
{"hand":"7h 7d 7c 2s 2h","category":"full_house","strength":6619136,"best_five":["7h","7d","7c","2s","2h"],"description":"Full House, Sevens full of Twos"}'
actual_file="$KOTLIN_DIR/target/example-output.txt"
run_example >"$actual_file"
if ! cmp -s "$actual_file" <(printf '%s\n' "$expected"); then
    echo "FAIL: the Kotlin example printed something else:" >&2
    diff <(printf '%s\n' "$expected") "$actual_file" >&2 || true
    exit 1
fi
cat "$actual_file"
echo "Kotlin example: output matches the Rust example"

echo "PASS: bindings/uniffi"
