#!/usr/bin/env bash
# Measure every target of issue 7 and print the table of BENCHMARKS.md
# ("Targets"). Run from the repository root on an otherwise idle machine:
#
#   benches/targets.sh              # 100,000 projects (needs ~3 GB of /tmp, a few minutes)
#   PROJECTS=10000 benches/targets.sh
#
# Each end-to-end figure is the best of RUNS (default 3) runs of the release
# binary under /usr/bin/time: wall seconds, CPU seconds (user + system) and
# peak resident memory. The workloads come from `jixiao gen --seed 1`, so
# they are the same on every machine and every commit.
set -euo pipefail
n=${PROJECTS:-100000}
runs=${RUNS:-3}
dir=${JIXIAO_BENCH_DIR:-/tmp/jixiao-targets}
mkdir -p "$dir"

cargo build --release --quiet --bins --examples
bin=target/release/jixiao
decl="$dir/g$n.jx"
acts="$dir/g$n.actuals.jx"
[ -f "$decl" ] && [ -f "$acts" ] || "$bin" gen --projects "$n" --seed 1 --actuals -o "$decl" >/dev/null

# best WALL CPU RSS_KB over $runs runs of the command given
best() {
  local out=() line
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$dir/time.txt" -f "%e %U %S %M" "$@" >/dev/null 2>/dev/null || true
    out+=("$(tail -1 "$dir/time.txt")")
  done
  printf '%s\n' "${out[@]}" | awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' | sort -n | head -1
}

bytes() { stat -c %s "$1"; }
in_decl=$(bytes "$decl")
in_all=$(( in_decl + $(bytes "$acts") ))

read -r c_wall c_cpu c_rss < <(best "$bin" check "$decl")
read -r e_wall e_cpu e_rss < <(best "$bin" eval "$decl" --actuals "$acts" --format csv)

seed=examples/songjiang-npc-2025/declaration.jx
if command -v hyperfine >/dev/null; then
  seed_ms=$(hyperfine -N --warmup 10 --runs 100 --export-json "$dir/seed.json" "$bin check $seed" >/dev/null 2>&1 &&
    grep -o '"mean": *[0-9.e-]*' "$dir/seed.json" | head -1 | awk '{printf "%.1f", $2 * 1000}')
else
  start=$(date +%s%N)
  for _ in $(seq 100); do "$bin" check "$seed" >/dev/null; done
  seed_ms=$(awk -v d=$(( $(date +%s%N) - start )) 'BEGIN {printf "%.1f", d / 100 / 1e6}')
fi

# In-process stages: ns per indicator at 1,000 and at N, and the serde_json ratio.
pipe=$(target/release/examples/pipeline --projects "1000,$n" --reps "$runs")
echo "$pipe" >&2
ns_1k=$(echo "$pipe" | awk '$1 == 1000 {print $13; exit}')
ns_n=$(echo "$pipe" | awk -v n="$n" '$1 == n {x = $13} END {print x}')
ratio=$(echo "$pipe" | awk -v n="$n" '$1 == n {x = $NF} END {print x}')
score=$(target/release/examples/scoring --projects "$n" --reps "$runs")
echo "$score" >&2
score_ns=$(echo "$score" | awk -v n="$n" '$1 == n {print $(NF - 1)}')

mb() { awk -v k="$1" 'BEGIN {printf "%.0f MB", k * 1024 / 1e6}'; }
times() { awk -v k="$1" -v b="$2" 'BEGIN {printf "%.2f×", k * 1024 / b}'; }
growth=$(awk -v a="$ns_1k" -v b="$ns_n" 'BEGIN {printf "%.2f×", b / a}')

cat <<EOF
| target | measured ($n projects) |
|---|---|
| \`check\` ≤ 2.5 s wall | ${c_wall} s wall, ${c_cpu} s CPU |
| \`check\` + \`eval\` ≤ 2.5 s wall (\`eval --format csv\`, diagnostics and table written) | ${e_wall} s wall, ${e_cpu} s CPU |
| peak memory ≤ 2× input: \`check\` | $(mb "$c_rss") for $((in_decl / 1000000)) MB = $(times "$c_rss" "$in_decl") |
| peak memory ≤ 2× input: \`eval\` | $(mb "$e_rss") for $((in_all / 1000000)) MB = $(times "$e_rss" "$in_all") |
| cost per indicator at $n within 1.25× of 1,000 | ${ns_n} vs ${ns_1k} ns = ${growth} |
| seed file checked ≤ 10 ms, process start included | ${seed_ms} ms mean |
| pipeline within 4× of serde_json | ${ratio}× |
| scoring ≤ 150 ns per indicator | ${score_ns} ns |
EOF
