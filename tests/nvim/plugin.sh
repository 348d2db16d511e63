#!/usr/bin/env bash
# End-to-end test of the Neovim plugin (editors/nvim) in a real headless Neovim 0.11: the
# plugin is installed as a user would (a package under the data dir's pack/*/start, then
# require('corroborate').setup({ corpus = ... }) in init.lua), a dev eval draft is opened,
# and tests/nvim/plugin_e2e.lua checks diagnostics with exact ranges, hover, the
# :CorroborateSources and :CorroborateReindex commands and :checkhealth corroborate.
#
#   tests/nvim/plugin.sh
#   E2E_SHOW=1 tests/nvim/plugin.sh   also prints the quickfix list, float and health report
#
# Builds the debug binary (as tests/nvim/run.sh does) and puts target/debug on PATH, so the
# plugin's default command `corroborate lsp` finds it. Neovim 0.11.4 is installed by
# tests/nvim/install.sh if missing. Prints "nvim plugin: PASS" or "FAIL" and, as the last
# line, "N passed, N failed" (a run that dies or times out counts as one more failure);
# exits non-zero on any failure or if a step cannot run.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)

fail() {
    echo "nvim plugin: FAILED: $*" >&2
    exit 1
}

nvim=$("$here/install.sh") || fail "Neovim 0.11 is not available (see above)"

cargo build --quiet --manifest-path "$repo/Cargo.toml" --bin corroborate || fail "cargo build failed"
[ -x "$repo/target/debug/corroborate" ] || fail "no binary at $repo/target/debug/corroborate"
# What :checkhealth must report, read from Cargo.toml rather than from the binary.
version=$(sed -n 's/^version *= *"\(.*\)"/\1/p' "$repo/Cargo.toml" | head -1)
[ -n "$version" ] || fail "no version in $repo/Cargo.toml"

shared="$repo/../shared"
draft="$shared/eval/dev/drafts/ceasefire_winners.md"
[ -d "$shared/corpus" ] || fail "the demo corpus is missing: $shared/corpus"
[ -f "$draft" ] || fail "the dev draft is missing: $draft"

work=$(mktemp -d "${TMPDIR:-/tmp}/corroborate-nvim-plugin.XXXXXX") || fail "mktemp"
work=$(cd "$work" && pwd -P)
trap 'rm -rf "$work"' EXIT
# A corpus of our own (the test adds a source to it), and a project that is a git repo.
cp -R "$shared/corpus" "$work/corpus" || fail "copying the corpus"
mkdir -p "$work/project/.git" "$work/project/drafts"
cp "$draft" "$work/project/drafts/" || fail "copying the draft"

# Neovim's config, data, state and caches stay in the temp folder.
export XDG_CONFIG_HOME="$work/xdg/config" XDG_DATA_HOME="$work/xdg/data" \
    XDG_STATE_HOME="$work/xdg/state" XDG_CACHE_HOME="$work/xdg/cache"
# The plain install from docs/editors.md: a package Neovim loads at startup.
mkdir -p "$XDG_DATA_HOME/nvim/site/pack/corroborate/start" "$XDG_CONFIG_HOME/nvim"
ln -s "$repo/editors/nvim" "$XDG_DATA_HOME/nvim/site/pack/corroborate/start/corroborate"
cat >"$XDG_CONFIG_HOME/nvim/init.lua" <<LUA
require('corroborate').setup({
  corpus = { '$work/corpus' },
  -- Neovim watches no files on Linux anyway; said here so that only :CorroborateReindex can
  -- make the server see a new source.
  capabilities = { workspace = { didChangeWatchedFiles = { dynamicRegistration = false } } },
})
LUA

export PATH="$repo/target/debug:$PATH"
export E2E_WORK="$work" E2E_PLUGIN="$repo/editors/nvim" E2E_BIN="$repo/target/debug/corroborate" \
    E2E_VERSION="corroborate $version"

timeout 60 "$nvim" --headless -i NONE -n -c "luafile $here/plugin_e2e.lua"
status=$?
# plugin_e2e.lua printed "PASS"/"FAIL" and "N passed, N failed" unless Neovim died first.
if [ "$(cat "$work/counts" 2>/dev/null)" != done ]; then
    [ -f "$XDG_STATE_HOME/nvim/lsp.log" ] && tail -n 30 "$XDG_STATE_HOME/nvim/lsp.log" >&2
    read -r passed failed <"$work/counts" 2>/dev/null || { passed=0 failed=0; }
    if [ $status -eq 124 ]; then
        echo "nvim plugin: FAIL: Neovim did not finish within 60 s"
    else
        echo "nvim plugin: FAIL: Neovim exited with $status before the end (see above)"
    fi
    echo "$passed passed, $((failed + 1)) failed"
    exit 1
fi
if [ $status -ne 0 ] && [ -f "$XDG_STATE_HOME/nvim/lsp.log" ]; then
    tail -n 30 "$XDG_STATE_HOME/nvim/lsp.log" >&2
fi
exit $status
