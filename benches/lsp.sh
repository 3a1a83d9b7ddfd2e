#!/usr/bin/env bash
# `jixiao lsp` latency (issue 20: didChange → publishDiagnostics for one
# edit in a 1,000-project file, goal ≤ 20 ms p99 on this machine; a
# 100,000-project workspace stays interactive). Run from the repository root:
#
#   benches/lsp.sh                       # 1,000 and 10,000 projects, 100 edits
#   SIZES="1000 10000 100000" EDITS=20 benches/lsp.sh
#
# Builds the release binary, writes one file per size with `jixiao gen
# --projects N --seed 1`, then runs benches/lsp.py (python3, standard
# library only): it drives `jixiao lsp` over stdio as an editor would —
# initialize, didOpen, then EDITS single-character didChange (one ranged
# change each; FULL=1: the whole text), each timed to its publishDiagnostics —
# and prints p50, p99 and max, then times a burst of BURST (default 5)
# edits sent back to back. No time is asserted anywhere.
set -euo pipefail
sizes=${SIZES:-1000 10000}
edits=${EDITS:-100}
dir=${JIXIAO_BENCH_DIR:-/tmp/jixiao-lsp-bench}
mkdir -p "$dir"

cargo build --release --quiet --bin jixiao
bin=${CARGO_TARGET_DIR:-target}/release/jixiao
here=$(dirname "$0")
for n in $sizes; do
  file="$dir/g$n.jx"
  [ -s "$file" ] || "$bin" gen --projects "$n" --seed 1 -o "$file"
  python3 "$here/lsp.py" "$bin" "$file" "$edits"
done
