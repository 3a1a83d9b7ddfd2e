#!/bin/sh
# Run one fuzz target on its corpus with the dictionary, without rebuilding:
#   ./run.sh <target> <seconds>
# (build first with: RUSTC_BOOTSTRAP=1 cargo fuzz build -O)
t=$1; secs=${2:-300}
mkdir -p artifacts/$t corpus/$t
exec target/x86_64-unknown-linux-gnu/release/$t -artifact_prefix=artifacts/$t/ \
  -dict=jixiao.dict -max_total_time=$secs -max_len=${MAXLEN:-16384} -timeout=10 \
  -rss_limit_mb=2048 -print_final_stats=1 corpus/$t
