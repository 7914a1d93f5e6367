# Shared by test.sh and run-kotlin-example.sh; source it, do not run it.
#
# Defines the paths and the build steps of the Kotlin/Swift binding. Everything built lies
# outside the tree git tracks: the cdylib in cargo's target dir (CARGO_TARGET_DIR when set),
# the generated bindings and the Maven output in bindings/uniffi/kotlin/target/ (ignored).
# Build logs go to stderr, so that stdout carries only what the caller prints.

UNIFFI_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$UNIFFI_DIR/../.." && pwd)"
KOTLIN_DIR="$UNIFFI_DIR/kotlin"
GENERATED_DIR="$KOTLIN_DIR/target/generated-sources/uniffi"
CLASSPATH_FILE="$KOTLIN_DIR/target/runtime-classpath.txt"

# A relative CARGO_TARGET_DIR means relative to where the caller stood, not to $ROOT.
if [[ -n "${CARGO_TARGET_DIR:-}" && "$CARGO_TARGET_DIR" != /* ]]; then
    CARGO_TARGET_DIR="$PWD/$CARGO_TARGET_DIR"
    export CARGO_TARGET_DIR
fi

cd "$ROOT"

# The target dir cargo uses here (honours CARGO_TARGET_DIR and .cargo/config.toml).
TARGET_DIR="$(cargo metadata --format-version 1 --no-deps \
    | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')"
if [[ -z "$TARGET_DIR" ]]; then
    echo "could not find cargo's target directory" >&2
    exit 1
fi
LIB_DIR="$TARGET_DIR/release"
LIB="$LIB_DIR/libggp_uniffi.so"

# Builds the cdylib and regenerates the Kotlin and Swift sources from it.
build_and_generate() {
    cargo build -p ggp-uniffi --release --lib --bin uniffi-bindgen >&2
    if [[ ! -f "$LIB" ]]; then
        echo "expected the cdylib at $LIB" >&2
        exit 1
    fi
    rm -rf "$GENERATED_DIR"
    for language in kotlin swift; do
        # --metadata-no-deps: uniffi.toml is found through `cargo metadata` of this
        # workspace, and no dependency's metadata is needed.
        "$TARGET_DIR/release/uniffi-bindgen" generate "$LIB" \
            --language "$language" --out-dir "$GENERATED_DIR/$language" \
            --no-format --metadata-no-deps >&2
    done
}

# Runs Maven in the Kotlin project: `run_maven <goals and options>`. Maven 3.8 in quiet
# batch mode still prints stray colour resets; they are dropped (pipefail keeps its status).
run_maven() {
    (cd "$KOTLIN_DIR" && mvn -q -B -Dstyle.color=never "-Dggp.native.dir=$LIB_DIR" "$@" 2>&1) \
        | sed 's/\x1b\[[0-9;]*m//g' >&2
}

# Writes the runtime classpath (kotlin-stdlib, JNA) of the compiled classes to $CLASSPATH_FILE.
write_classpath() {
    run_maven dependency:build-classpath -Dmdep.includeScope=runtime \
        "-Dmdep.outputFile=$CLASSPATH_FILE"
}

# Runs examples/kotlin/Evaluate.kt (compiled by Maven) and prints what it prints.
run_example() {
    java "-Djna.library.path=$LIB_DIR" \
        -cp "$KOTLIN_DIR/target/classes:$(cat "$CLASSPATH_FILE")" EvaluateKt
}
