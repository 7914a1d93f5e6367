#!/usr/bin/env bash
# Builds the `ggp` abi3 wheel, installs it into the repository's virtualenv and tests it:
# mypy stubtest (the stubs match the native module), pytest, and the Python example.
#
# Runnable from any directory and as often as wanted. Needs python3 with venv (Debian:
# python3-venv), cargo, and access to PyPI the first time (to install the tools below).
#
# Environment:
#   PYTHON            interpreter that creates the virtualenv (default: python3)
#   CARGO_TARGET_DIR  respected by the build (cargo reads it)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="$repo/.venv"
py="$venv/bin/python"

# Tool versions: maturin is pinned (it writes the wheel); the others to a minor series.
maturin_req="maturin>=1.16,<1.17"
pytest_req="pytest>=9.2,<9.3"
mypy_req="mypy>=2.4,<2.5"

if [[ ! -x "$py" ]]; then
    echo "== creating virtualenv $venv"
    "${PYTHON:-python3}" -m venv "$venv"
fi

# Installs a requirement unless a matching version is already there.
ensure() {
    local requirement="$1" distribution="$2" prefix="$3"
    if ! "$py" - "$distribution" "$prefix" <<'EOF'
import sys
from importlib.metadata import PackageNotFoundError, version

try:
    sys.exit(0 if version(sys.argv[1]).startswith(sys.argv[2]) else 1)
except PackageNotFoundError:
    sys.exit(1)
EOF
    then
        echo "== installing $requirement"
        "$py" -m pip install --disable-pip-version-check --quiet "$requirement"
    fi
}
ensure "$maturin_req" maturin 1.16.
ensure "$pytest_req" pytest 9.2.
ensure "$mypy_req" mypy 2.4.
ensure "numpy>=2,<3" numpy 2.

# Scratch space for the wheel and for the tools' caches (mypy writes .mypy_cache into the
# working directory), so that the source tree stays as it was.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
wheels="$scratch/wheels"
export PYTHONDONTWRITEBYTECODE=1

echo "== building the wheel"
(cd "$here" && "$venv/bin/maturin" build --release --quiet --interpreter "$py" --out "$wheels")
wheel=("$wheels"/ggp-*.whl)
if [[ ${#wheel[@]} -ne 1 || ! -f "${wheel[0]}" ]]; then
    echo "expected one wheel in $wheels, found: ${wheel[*]}" >&2
    exit 1
fi
echo "== installing $(basename "${wheel[0]}")"
"$py" -m pip install --disable-pip-version-check --quiet --force-reinstall --no-deps "${wheel[0]}"

# Run the checks from outside the source tree, so that `import ggp` is the installed wheel
# and not bindings/python/python/ggp (which has no native module).
cd "$scratch"

echo "== mypy stubtest ggp._ggp"
"$py" -m mypy.stubtest ggp._ggp

echo "== mypy --strict (package and example)"
"$py" -m mypy --strict --cache-dir=/dev/null -p ggp
"$py" -m mypy --strict --cache-dir=/dev/null "$repo/examples/python/evaluate.py"

echo "== pytest"
"$py" -m pytest -q -p no:cacheprovider "$here/tests"

echo "== examples/python/evaluate.py"
"$py" "$repo/examples/python/evaluate.py"
