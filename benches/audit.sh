#!/usr/bin/env bash
# The audit of 1,000 generated forms (issue 19's acceptance: under a second
# per 1,000 forms on this machine). Run from the repository root:
#
#   benches/audit.sh            # 1,000 forms, 10% planted, seed 1
#   FORMS=5000 PLANT=30 benches/audit.sh
#
# Builds the release binary, writes the forms with `jixiao gen --forms`,
# then times `jixiao audit DIR --format json` (the folder audit) under
# /usr/bin/time -v: wall seconds, forms per second, peak resident memory.
# When the binary has no folder audit yet (before part B of issue 19), it
# times one `jixiao audit FILE` process per form instead (an upper bound:
# a process start per form), and the library path is measured by
# `cargo bench --bench audit` (see BENCHMARKS.md).
set -euo pipefail
n=${FORMS:-1000}
plant=${PLANT:-10}
runs=${RUNS:-3}
dir=${JIXIAO_BENCH_DIR:-/tmp/jixiao-audit-bench}
forms="$dir/forms$n"

cargo build --release --quiet --bin jixiao
bin=${CARGO_TARGET_DIR:-target}/release/jixiao
rm -rf "$forms"
"$bin" gen --forms "$n" --plant "$plant" --seed 1 -o "$forms"
planted=$(($(wc -l <"$forms/planted.tsv") - 1))
echo "forms: $n in $forms ($(du -sh "$forms" | cut -f1)), $planted planted findings"

# best "wall rss_kb" of $runs runs of the command given (exit 1 = findings)
best() {
  for _ in $(seq "$runs"); do
    /usr/bin/time -v -o "$dir/time.txt" "$@" >"$dir/out.json" 2>/dev/null || true
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$dir/time.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$dir/time.txt")
    echo "$wall $rss"
  done | sort -n | head -1
}

report() { # label wall rss
  awk -v l="$1" -v w="$2" -v r="$3" -v n="$n" \
    'BEGIN {printf "%-34s %8.2f s  %8.0f forms/s  peak RSS %6.1f MB\n", l, w, (w > 0 ? n / w : 0), r / 1024}'
}

if "$bin" audit --help 2>/dev/null | grep -q -- '--format'; then
  read -r wall rss < <(best "$bin" audit "$forms" --format json)
  report "jixiao audit DIR --format json" "$wall" "$rss"
  read -r wall rss < <(export JIXIAO_THREADS=1 && best "$bin" audit "$forms" --format json)
  report "  the same, JIXIAO_THREADS=1" "$wall" "$rss"
else
  echo "(this jixiao has no folder audit: one process per form)"
  cat >"$dir/loop.sh" <<LOOP
for f in "$forms"/*.jx; do "$bin" audit "\$f" >/dev/null || true; done
LOOP
  read -r wall rss < <(best bash "$dir/loop.sh")
  report "jixiao audit FILE, $n processes" "$wall" "$rss"
fi
