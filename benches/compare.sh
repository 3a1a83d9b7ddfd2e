#!/usr/bin/env bash
# Compare `jixiao check` and `jixiao eval` between two commits on generated workloads.
#
#   benches/compare.sh BASE [HEAD] [PROJECTS...]
#   benches/compare.sh main HEAD 1000 10000
#
# Builds each commit (release) in its own temporary worktree and target
# directory, generates the workloads (with their 自评) once with HEAD's
# `jixiao gen --actuals`, checks that both commits report the same
# diagnostics and write the same 自评表 (`cmp`), then times `check` and `eval`
# with hyperfine (or a `time` loop when hyperfine is missing). See BENCHMARKS.md.
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
same() { # label, then two commands: warn unless their outputs are equal
  local what=$1 a=$2 b=$3
  if ! cmp -s <(eval "$a" 2>&1) <(eval "$b" 2>&1); then
    echo "warning: $base and $head differ: $what" >&2
  fi
}
time_both() { # label, then the two commands
  local what=$1 a=$2 b=$3
  if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 1 --runs "${RUNS:-5}" -n "$base $what" "$a" -n "$head $what" "$b"
  else
    for cmd in "$a" "$b"; do
      echo "$cmd"; for _ in 1 2 3; do /usr/bin/time -f "%e s  %M KB" $cmd >/dev/null; done
    done
  fi
}
for n in ${sizes[@]}; do
  f="$work/gen-$n.jx"
  a="$work/gen-$n.actuals.jx"
  [ -f "$a" ] || "$gen" gen --projects "$n" --seed 1 --actuals -o "$f"
  same "check $f" "$old check --format json $f" "$new check --format json $f"
  same "eval $f" "$old eval $f --actuals $a" "$new eval $f --actuals $a"
  time_both "check $n" "$old check $f" "$new check $f"
  time_both "eval $n" "$old eval $f --actuals $a" "$new eval $f --actuals $a"
done
