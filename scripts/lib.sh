# Shared by the scripts in this folder: where things are, and installing what is missing.
# Source it; it sets REPO, CARGO_TARGET_DIR and PATH, and defines the ensure_* helpers.

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# One cargo target directory outside the clone, shared by every build and binding, so a
# fresh clone on the same machine reuses what was already compiled.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/ggp-gfx/target}"
export PATH="$HOME/.cargo/bin:$PATH"
# lavapipe warns without a private runtime dir; harmless but noisy.
if [ -z "${XDG_RUNTIME_DIR:-}" ] || [ ! -d "${XDG_RUNTIME_DIR}" ]; then
    export XDG_RUNTIME_DIR="$HOME/.cache/ggp-gfx/xdg-runtime"
    mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
fi

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Installs the Debian/Ubuntu packages that are not installed yet (and only then runs
# apt-get update), as root or through sudo.
ensure_apt_packages() {
    local missing=()
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    command -v apt-get >/dev/null || die "missing packages ${missing[*]}, and no apt-get to install them"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    log "installing system packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

ensure_rust() {
    command -v cargo >/dev/null || die "Rust is the one prerequisite: install it with rustup (https://rustup.rs), version 1.87 or newer"
    rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt >&2 || true
}

# The packages every part of the SDK builds against (see ../shared/STACK.md).
BASE_PACKAGES=(build-essential pkg-config clang libclang-dev python3 python3-venv
    valgrind nodejs npm default-jdk-headless maven
    ffmpeg libavcodec-dev libavformat-dev libavutil-dev libswscale-dev libswresample-dev
    libavfilter-dev libavdevice-dev mesa-vulkan-drivers libvulkan1 libegl-mesa0 libgl1-mesa-dri
    fonts-dejavu-core
    nginx libnginx-mod-rtmp srt-tools)

# Node and a JDK may come from elsewhere (nvm, Temurin); only ask apt for what is absent.
system_packages_needed() {
    local packages=()
    for package in "${BASE_PACKAGES[@]}"; do
        case "$package" in
            nodejs|npm) command -v node >/dev/null && command -v npm >/dev/null && continue ;;
            default-jdk-headless) command -v javac >/dev/null && continue ;;
            maven) command -v mvn >/dev/null && continue ;;
            # Debian's python3 lacks ensurepip (so venv fails) until python3-venv is in.
            python3|python3-venv) python3 -c 'import venv, ensurepip' 2>/dev/null && continue ;;
        esac
        packages+=("$package")
    done
    printf '%s\n' "${packages[@]}"
}

ensure_system() {
    ensure_rust
    local needed
    mapfile -t needed < <(system_packages_needed)
    [ ${#needed[@]} -eq 0 ] || ensure_apt_packages "${needed[@]}"
}

# The repo's own Python environment (.venv), with the given pinned packages installed
# when missing: `ensure_venv pokerkit==0.7.7`. Debian forbids system-wide pip.
VENV="$REPO/.venv"
ensure_venv() {
    [ -x "$VENV/bin/python" ] || { log "creating $VENV"; python3 -m venv "$VENV"; }
    local missing=()
    for requirement in "$@"; do
        local name="${requirement%%[=<>]*}" version="${requirement##*==}"
        [ "$("$VENV/bin/python" -c "import importlib.metadata as m; print(m.version('$name'))" 2>/dev/null)" = "$version" ] \
            || missing+=("$requirement")
    done
    [ ${#missing[@]} -eq 0 ] || { log "installing ${missing[*]} into .venv"; "$VENV/bin/pip" install -q "${missing[@]}" >&2; }
}

# ONNX Runtime for ggp-vision's card detector: loaded at run time from the repo's .venv
# (see ggp-vision/src/runtime.rs); the version pairs with the `ort` crate's api-31 feature.
ONNXRUNTIME_PIN=onnxruntime==1.31.1
ensure_onnxruntime() { ensure_venv "$ONNXRUNTIME_PIN"; }
