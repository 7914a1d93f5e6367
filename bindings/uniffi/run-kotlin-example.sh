#!/usr/bin/env bash
# Builds what is needed and prints the output of examples/kotlin/Evaluate.kt: one JSON line
# per hand, the same bytes as `cargo run -p ggp-examples --example evaluate`.
# Build logs go to stderr; stdout is only the example's output. Runs from any directory.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

build_and_generate
run_maven compile
write_classpath
run_example
