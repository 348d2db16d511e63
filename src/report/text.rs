//! Compiler-like text output: `path:line:col: verdict: sentence` and its best source.
