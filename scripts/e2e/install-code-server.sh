#!/usr/bin/env bash
# Installs what the real-VS-Code tests need, outside the git tree:
#   Debian: chromium (driven by playwright-core), ripgrep (seeds @vscode/ripgrep),
#           libkrb5-dev (code-server's kerberos module compiles from source);
#   npm:    code-server@4.100.3 (VS Code 1.100.3), installed with the SYSTEM Node 20,
#           because newer 4.x need Node 22+ headers that cannot be downloaded here.
# Idempotent: every step is skipped when its result is already there.
# Prints the code-server binary path on its last line.
set -euo pipefail

CODE_SERVER_VERSION="4.100.3"
TOOLS_DIR="${SLA_TOOLS_DIR:-${HOME:-/root}/.cache/sla-e2e}"
INSTALL_DIR="$TOOLS_DIR/code-server-$CODE_SERVER_VERSION"
CODE_SERVER_BIN="$INSTALL_DIR/node_modules/.bin/code-server"

log() { echo "[install-code-server] $*" >&2; }

# The project's npm scripts put Node 24 first on PATH; code-server must be built with
# the system Node 20 (its native modules compile against /usr headers).
SYSTEM_NODE="${SYSTEM_NODE:-/usr/bin/node}"
SYSTEM_NPM="${SYSTEM_NPM:-/usr/bin/npm}"
export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

install_debian_packages() {
    local missing=()
    for pkg in chromium ripgrep libkrb5-dev; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$pkg")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        log "Debian packages present: chromium ripgrep libkrb5-dev"
        return
    fi
    log "installing Debian packages: ${missing[*]}"
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# @vscode/ripgrep's postinstall downloads rg from GitHub, which is unreachable here; it
# first looks in its cache folder, so put Debian's rg there under the expected name.
seed_ripgrep_cache() {
    local cache_dir="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
    local tarball="$cache_dir/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
    if [ -s "$tarball" ]; then return; fi
    log "seeding $tarball with $(command -v rg)"
    mkdir -p "$cache_dir"
    local staging
    staging="$(mktemp -d)"
    cp "$(command -v rg)" "$staging/rg"
    tar -czf "$tarball" -C "$staging" rg
    rm -rf "$staging"
}

install_code_server() {
    if [ -x "$CODE_SERVER_BIN" ] && "$SYSTEM_NODE" -e 'process.exit(0)' \
        && grep -q "\"version\": \"$CODE_SERVER_VERSION\"" "$INSTALL_DIR/node_modules/code-server/package.json" 2>/dev/null; then
        log "code-server $CODE_SERVER_VERSION already installed"
        return
    fi
    local node_major
    node_major="$("$SYSTEM_NODE" -p 'process.versions.node.split(".")[0]')"
    if [ "$node_major" != "20" ]; then
        log "warning: $SYSTEM_NODE is Node $node_major, code-server $CODE_SERVER_VERSION is known to install with Node 20"
    fi
    log "installing code-server@$CODE_SERVER_VERSION into $INSTALL_DIR (about a minute)"
    mkdir -p "$INSTALL_DIR"
    if [ ! -f "$INSTALL_DIR/package.json" ]; then
        echo '{ "name": "sla-e2e-tools", "private": true }' > "$INSTALL_DIR/package.json"
    fi
    (
        cd "$INSTALL_DIR"
        export npm_config_unsafe_perm=true npm_config_yes=true npm_config_nodedir=/usr
        export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
        "$SYSTEM_NODE" "$(readlink -f "$SYSTEM_NPM")" install \
            "code-server@$CODE_SERVER_VERSION" >&2
    )
    if [ ! -x "$CODE_SERVER_BIN" ]; then
        log "code-server did not install: $CODE_SERVER_BIN is missing"
        exit 1
    fi
}

install_debian_packages
seed_ripgrep_cache
install_code_server
# (Not `code-server --version`: it writes a default config into ~/.config.)
log "code-server: $("$SYSTEM_NODE" -p "require('$INSTALL_DIR/node_modules/code-server/package.json').version") in $INSTALL_DIR"
log "chromium:    $(command -v chromium)"
echo "$CODE_SERVER_BIN"
