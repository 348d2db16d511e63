#!/usr/bin/env bash
# End-to-end test of the VS Code extension in the real VS Code workbench: code-server 4.100.3
# (VS Code 1.100.3) serves it, Debian's Chromium shows it headless, playwright-core drives it
# like a person (keyboard, mouse, command palette) and reads back what VS Code holds through
# the extension's test-only command `corroborate.test.dump`.
#
#   editors/vscode/test/e2e.sh                      the checks; screenshots in target/vscode-e2e/
#   editors/vscode/test/e2e.sh --update-screenshot  the hover screenshot goes to images/hover.png (the README's)
#
# What it installs, all inside the clone (gitignored), once:
#   editors/vscode/node_modules          the extension's devDependencies (npm ci)
#   editors/vscode/test/e2e/node_modules code-server and playwright-core (npm ci), then
#                                        code-server's own post-install done by hand, offline
# and Debian packages when missing (chromium, ripgrep, libkrb5-dev; as root, with apt-get).
# A step that cannot run fails with a message saying which; nothing is skipped.
# Closes with "N passed, N failed".
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ext=$(cd "$here/.." && pwd)
repo=$(cd "$ext/../.." && pwd)
harness="$here/e2e"
cs="$harness/node_modules/code-server"
started=$(date +%s)
screenshot="$repo/target/vscode-e2e/hover.png"
[ "${1:-}" = "--update-screenshot" ] && screenshot="$ext/images/hover.png"

say() { echo "vscode e2e: $*"; }
fail() {
    echo "vscode e2e: FAILED: $*" >&2
    echo "0 passed, 1 failed"
    exit 1
}
elapsed() { echo "$(($(date +%s) - started)) s"; }

# --- tools -------------------------------------------------------------------------------
command -v node >/dev/null || fail "node is not installed (code-server 4.100.3 needs Node.js 20)"
command -v npm >/dev/null || fail "npm is not installed"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" = 20 ] || fail "code-server 4.100.3 needs Node.js 20; this is $(node --version)"
command -v cargo >/dev/null || fail "cargo is not installed"

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v rg >/dev/null || missing+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
for tool in make g++ python3; do command -v $tool >/dev/null || missing+=(build-essential python3); done
if [ ${#missing[@]} -gt 0 ]; then
    say "installing Debian packages: ${missing[*]}"
    [ "$(id -u)" = 0 ] || fail "need Debian packages ${missing[*]}: run as root or install them (apt-get install ${missing[*]})"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
        >"${TMPDIR:-/tmp}/corroborate-vscode-apt.log" 2>&1 ||
        fail "apt-get install ${missing[*]} failed (log: ${TMPDIR:-/tmp}/corroborate-vscode-apt.log)"
fi
[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium is missing after installing the chromium package"

# npm's chatter about this machine's user config is not ours to fix.
npmq() {
    local out rc
    out=$(npm --no-audit --no-fund --loglevel=error "$@" 2>&1)
    rc=$?
    grep -v 'Unknown user config' <<<"$out"
    return $rc
}

# --- the server --------------------------------------------------------------------------
say "building the corroborate binary ($(elapsed))"
cargo build --quiet --manifest-path "$repo/Cargo.toml" --bin corroborate || fail "cargo build failed"
bin="$repo/target/debug/corroborate"
[ -x "$bin" ] || fail "no binary at $bin"

# --- the extension -----------------------------------------------------------------------
# Re-installed when the lockfile changed since the last install (npm ci writes its own copy).
if ! cmp -s "$ext/package-lock.json" "$ext/node_modules/.package-lock.json.installed" 2>/dev/null; then
    say "installing the extension's dependencies (npm ci) ($(elapsed))"
    (cd "$ext" && npmq ci) || fail "npm ci in $ext failed (is the npm registry reachable?)"
    cp "$ext/package-lock.json" "$ext/node_modules/.package-lock.json.installed"
fi
say "unit tests and packaging the .vsix ($(elapsed))"
unit_log=$(mktemp)
(cd "$ext" && npm test >"$unit_log" 2>&1)
unit_status=$?
unit_pass=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$unit_log")
unit_fail=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$unit_log")
if [ $unit_status -ne 0 ]; then
    grep -v 'Unknown user config' "$unit_log" | grep -E '^not ok|error|Error|expected|actual' | head -40 >&2
    rm -f "$unit_log"
    fail "the extension's unit tests failed (${unit_fail:-?} failed; cd editors/vscode && npm test)"
fi
rm -f "$unit_log"
say "unit tests: ${unit_pass:-?} passed"
package_log=$(cd "$ext" && npm run package 2>&1) ||
    { grep -v 'Unknown user config' <<<"$package_log" | tail -20 >&2; fail "npm run package failed in $ext"; }
vsix="$ext/corroborate.vsix"
[ -f "$vsix" ] || fail "npm run package made no $vsix"

# --- code-server and playwright-core -----------------------------------------------------
# code-server's npm post-install downloads nothing we lack, but it runs `npm install` for
# VS Code's own dependencies and builds native modules; the same steps are done here with
# --ignore-scripts and npm rebuild, so nothing is fetched but registry packages.
stamp="$harness/node_modules/.corroborate-e2e-ready"
# Bump the recipe when the steps below change: the next run then installs anew.
recipe=1
want_stamp="$recipe $(sha256sum <"$harness/package-lock.json" | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want_stamp" ]; then
    say "installing code-server and playwright-core (first run: a few minutes) ($(elapsed))"
    (cd "$harness" && npmq ci --ignore-scripts) || fail "npm ci in $harness failed (is the npm registry reachable?)"
    [ -f "$cs/lib/vscode/npm-shrinkwrap.json" ] || fail "code-server's lib/vscode is missing from the package"
    (cd "$cs/lib/vscode" && npmq install --omit=dev --ignore-scripts) ||
        fail "installing VS Code's dependencies in $cs/lib/vscode failed"
    (cd "$cs/lib/vscode/extensions" && npmq install --omit=dev --ignore-scripts) ||
        fail "installing the built-in extensions' dependencies failed"
    # (npm install, not ci: its npm-shrinkwrap.json is not quite in sync with package.json.)
    # What postinstall.sh would do: the asar symlink and the helper scripts.
    ln -sfn node_modules "$cs/lib/vscode/node_modules.asar"
    ln -sfn code-linux.sh "$cs/lib/vscode/bin/remote-cli/code-server"
    ln -sfn browser-linux.sh "$cs/lib/vscode/bin/helpers/browser.sh"
    # @vscode/ripgrep would download its binary from GitHub: Debian's is the same program.
    mkdir -p "$cs/lib/vscode/node_modules/@vscode/ripgrep/bin"
    cp "$(command -v rg)" "$cs/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" || fail "could not copy rg"
    # Native modules, built from source against Node's headers (prebuilt downloads are
    # not reachable; each falls back to node-gyp).
    (cd "$cs/lib/vscode" && npm_config_yes=true npmq rebuild node-pty @vscode/spdlog native-watchdog kerberos) ||
        fail "building VS Code's native modules failed (needs make, g++, python3 and libkrb5-dev)"
    [ -f "$cs/lib/vscode/node_modules/node-pty/build/Release/pty.node" ] || fail "node-pty was not built"
    (cd "$harness" && npm_config_yes=true npmq rebuild argon2) || fail "building argon2 for code-server failed"
    cp "$(command -v rg)" "$cs/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
    echo "$want_stamp" >"$stamp"
fi
codeserver="$harness/node_modules/.bin/code-server"
[ -x "$codeserver" ] || fail "no code-server at $codeserver"

# --- a throw-away VS Code ----------------------------------------------------------------
corpus="$repo/../shared/corpus"
drafts="$repo/../shared/eval/dev/drafts"
[ -d "$corpus" ] || fail "the demo corpus is missing: $corpus"
[ -f "$drafts/ceasefire_winners.md" ] || fail "the eval draft is missing: $drafts/ceasefire_winners.md"
corpus=$(cd "$corpus" && pwd)

work=$(mktemp -d "${TMPDIR:-/tmp}/corroborate-vscode.XXXXXX") || fail "mktemp"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then
        kill -- -"$server_pid" 2>/dev/null || kill "$server_pid" 2>/dev/null
        wait "$server_pid" 2>/dev/null
    fi
    rm -rf "$work"
}
trap cleanup EXIT

ws="$work/workspace"
mkdir -p "$ws" "$work/home" "$work/user-data" "$work/extensions" "$work/xdg/config" "$work/xdg/data" \
    "$work/xdg/cache" "$work/xdg/state" "$work/out"
printf 'corpus = ["%s"]\n' "$corpus" >"$ws/corroborate.toml"
cp "$drafts/ceasefire_winners.md" "$ws/"
mkdir -p "$ws/.vscode" "$work/user-data/User"
echo '{}' >"$ws/.vscode/settings.json"
# A quiet workbench: no welcome page, tips, trust prompt or update checks.
cat >"$work/user-data/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "security.workspace.trust.enabled": false,
  "extensions.ignoreRecommendations": true,
  "extensions.autoCheckUpdates": false,
  "update.mode": "none",
  "telemetry.telemetryLevel": "off",
  "chat.disableAIFeatures": true,
  "window.commandCenter": false,
  "workbench.colorTheme": "Default Light Modern"
}
JSON

# The binary comes from PATH, as the extension's default setting expects. VS Code's server
# takes its extensions' environment from a login shell (as it does for a real user), so
# PATH is set where a user sets it: in ~/.profile of the throw-away home.
mkdir -p "$work/bin" && ln -s "$bin" "$work/bin/corroborate"
printf 'export PATH="%s:$PATH"\n' "$work/bin" >"$work/home/.profile"
export HOME="$work/home" XDG_CONFIG_HOME="$work/xdg/config" XDG_DATA_HOME="$work/xdg/data" \
    XDG_CACHE_HOME="$work/xdg/cache" XDG_STATE_HOME="$work/xdg/state" SHELL=/bin/bash \
    PATH="$work/bin:$PATH" CORROBORATE_VSCODE_TEST_DIR="$work/out"
cs_args=(--user-data-dir "$work/user-data" --extensions-dir "$work/extensions")

say "installing the .vsix into code-server ($(elapsed))"
"$codeserver" "${cs_args[@]}" --install-extension "$vsix" >"$work/install.log" 2>&1 ||
    { cat "$work/install.log" >&2; fail "code-server --install-extension failed"; }
ls "$work/extensions" | grep -q '^corroborate\.corroborate-' ||
    { cat "$work/install.log" >&2; fail "the extension is not in $work/extensions after --install-extension"; }

port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
say "starting code-server on 127.0.0.1:$port ($(elapsed))"
setsid "$codeserver" "${cs_args[@]}" --bind-addr "127.0.0.1:$port" --auth none --disable-telemetry \
    --disable-update-check --disable-workspace-trust --disable-getting-started-override \
    "$ws" >"$work/code-server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
    node -e 'fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' \
        "http://127.0.0.1:$port/healthz" 2>/dev/null && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/code-server.log" >&2; fail "code-server exited at start"; }
    sleep 0.5
done
node -e 'fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' \
    "http://127.0.0.1:$port/healthz" 2>/dev/null || { cat "$work/code-server.log" >&2; fail "code-server did not answer within 60 s"; }

say "driving VS Code in Chromium ($(elapsed))"
E2E_URL="http://127.0.0.1:$port/?folder=$ws" E2E_WORKSPACE="$ws" E2E_OUT="$work/out" \
    E2E_CORPUS="$corpus" E2E_SCREENSHOT="$screenshot" E2E_ARTIFACTS="$repo/target/vscode-e2e" \
    timeout 420 node "$harness/run.mjs" | tee "$work/run.log"
status=${PIPESTATUS[0]}
if [ $status -ne 0 ]; then
    echo "--- code-server log (tail) ---" >&2
    tail -n 30 "$work/code-server.log" >&2
    find "$work/user-data" -name '*Corroborate*.log' -exec tail -n 30 {} \; >&2 2>/dev/null
    [ $status -eq 124 ] && say "the browser run did not finish within 420 s"
fi
e2e_pass=$(sed -n 's/^\([0-9]*\) passed, [0-9]* failed$/\1/p' "$work/run.log" | tail -1)
e2e_fail=$(sed -n 's/^[0-9]* passed, \([0-9]*\) failed$/\1/p' "$work/run.log" | tail -1)
[ -n "$e2e_fail" ] || e2e_fail=1
[ $status -eq 0 ] || [ "$e2e_fail" -gt 0 ] || e2e_fail=1
say "done in $(elapsed) (unit: ${unit_pass:-0} passed; in VS Code: ${e2e_pass:-0} passed, $e2e_fail failed)"
echo "vscode: $((${unit_pass:-0} + ${e2e_pass:-0})) passed, $e2e_fail failed"
[ "$e2e_fail" -eq 0 ] && [ $status -eq 0 ]
