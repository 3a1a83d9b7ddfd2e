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
# Then checks that the findings are exactly the planted ones (planted.tsv).
# The library path is measured by `cargo bench --bench audit`.
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

read -r wall rss < <(best "$bin" audit "$forms" --format json)
report "jixiao audit DIR --format json" "$wall" "$rss"
read -r wall rss < <(export JIXIAO_THREADS=1 && best "$bin" audit "$forms" --format json)
report "  the same, JIXIAO_THREADS=1" "$wall" "$rss"

# What was found is what was planted: (file, project, line, code) of every
# finding in the CSV against planted.tsv, both ways.
"$bin" audit "$forms" --format csv >"$dir/out.csv" 2>/dev/null || true
python3 - "$dir/out.csv" "$forms/planted.tsv" <<'PY'
import csv, os, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    found = {(os.path.basename(r["表"]), r["项目"], r["行"], r["代码"]) for r in csv.DictReader(f)}
with open(sys.argv[2], encoding="utf-8", newline="") as f:
    planted = {(r["文件"], r["项目"], r["行"], r["代码"]) for r in csv.DictReader(f, delimiter="\t")}
missed, extra = planted - found, found - planted
print(f"found {len(found)}, planted {len(planted)}: {len(missed)} missed, {len(extra)} not planted")
for x in sorted(missed)[:5]: print("  missed", *x)
for x in sorted(extra)[:5]: print("  extra ", *x)
sys.exit(1 if missed or extra else 0)
PY
