#!/usr/bin/env bash
# Compare `jixiao check` between two commits on generated workloads.
#
#   benches/compare.sh BASE [HEAD] [PROJECTS...]
#   benches/compare.sh main HEAD 1000 10000
#
# Builds each commit (release) in its own temporary worktree and target
# directory, generates the workloads once with HEAD's `jixiao gen`, checks
# that both commits report the same diagnostics, then times them with
# hyperfine (or a `time` loop when hyperfine is missing). See BENCHMARKS.md.
set -euo pipefail
base=${1:?usage: benches/compare.sh BASE [HEAD] [PROJECTS...]}
head=${2:-HEAD}
shift $(( $# >= 2 ? 2 : 1 ))
sizes=("${@:-1000 10000}")
work=${JIXIAO_COMPARE_DIR:-/tmp/jixiao-compare}
repo=$(git rev-parse --show-toplevel)
mkdir -p "$work"

build() { # commit -> path of its release binary
  local rev dir
  rev=$(git -C "$repo" rev-parse --short "$1")
  dir="$work/$rev"
  if [ ! -x "$dir/target/release/jixiao" ]; then
    rm -rf "$dir/src" && mkdir -p "$dir/src"
    git -C "$repo" archive "$rev" | tar -x -C "$dir/src"
    (cd "$dir/src" && CARGO_TARGET_DIR="$dir/target" cargo build --release --quiet --bin jixiao)
  fi
  echo "$dir/target/release/jixiao"
}

old=$(build "$base")
new=$(build "$head")
gen=$new
for n in ${sizes[@]}; do
  f="$work/gen-$n.jx"
  [ -f "$f" ] || "$gen" gen --projects "$n" --seed 1 -o "$f"
  if ! cmp -s <("$old" check --format json "$f") <("$new" check --format json "$f"); then
    echo "warning: $base and $head report differently on $f" >&2
  fi
  if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 1 --runs "${RUNS:-5}" \
      -n "$base $n" "$old check $f" -n "$head $n" "$new check $f"
  else
    for bin in "$old" "$new"; do
      echo "$bin $n"; for _ in 1 2 3; do /usr/bin/time -f "%e s  %M KB" "$bin" check "$f" >/dev/null; done
    done
  fi
done
