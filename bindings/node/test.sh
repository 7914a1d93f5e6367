#!/usr/bin/env bash
# Builds the Node binding (`ggp-gfx`) and runs its tests and example.
#
#   bash bindings/node/test.sh        (from any directory)
#
# 1. `npm ci` when node_modules is missing or was installed from another lockfile;
# 2. `napi build --platform --release` into a scratch folder (honouring CARGO_TARGET_DIR),
#    then copies the addon here;
# 3. fails if the committed index.js / index.d.ts differ from the generated ones
#    (regenerate them with `npm run build` and commit them);
# 4. runs the tests in __test__/ with `node --test`, then the example.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

# A relative CARGO_TARGET_DIR means relative to the caller's directory: fix it before cd.
target_args=()
if [[ -n "${CARGO_TARGET_DIR:-}" ]]; then
    CARGO_TARGET_DIR="$(realpath -m -- "$CARGO_TARGET_DIR")"
    export CARGO_TARGET_DIR
    # The napi CLI prefers CARGO_BUILD_TARGET_DIR to cargo's own answer; be explicit.
    target_args=(--target-dir "$CARGO_TARGET_DIR")
fi

cd "$here"

echo "== node $(node --version), npm $(npm --version 2>/dev/null)"

# --- 1. dev dependencies (the napi CLI) ---------------------------------------------
lock_hash="$(sha256sum package.json package-lock.json | sha256sum | cut -d' ' -f1)"
stamp=node_modules/.ggp-installed-from
if [[ ! -d node_modules || ! -f "$stamp" || "$(cat "$stamp")" != "$lock_hash" ]]; then
    echo "== npm ci"
    npm ci --no-audit --no-fund --loglevel=error
    echo "$lock_hash" >"$stamp"
fi

# --- 2. build ------------------------------------------------------------------------
generated="$(mktemp -d)"
trap 'rm -rf "$generated"' EXIT
echo "== napi build --platform --release"
npx --no -- napi build --platform --release --output-dir "$generated" \
    ${target_args[@]+"${target_args[@]}"}
shopt -s nullglob
addons=("$generated"/*.node)
shopt -u nullglob
if [[ ${#addons[@]} -ne 1 ]]; then
    echo "error: expected one .node file from napi build, found ${#addons[@]}" >&2
    exit 1
fi
cp -f "${addons[0]}" "$here/"

# --- 3. the committed loader and typings match the build ---------------------------
stale=0
for file in index.d.ts index.js; do
    if ! diff -u --label "committed $file" --label "generated $file" \
        "$here/$file" "$generated/$file"; then
        stale=1
    fi
done
if [[ $stale -ne 0 ]]; then
    echo "error: bindings/node/index.d.ts or index.js differs from what the build generates;" >&2
    echo "       run 'npm run build' in bindings/node and commit both files." >&2
    exit 1
fi
echo "== index.d.ts and index.js match the build"

# --- 4. tests and example -------------------------------------------------------------
echo "== node --test"
node --test __test__/*.test.mjs

echo "== examples/node/evaluate.mjs"
node "$root/examples/node/evaluate.mjs"
