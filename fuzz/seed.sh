#!/bin/sh
# Seed the fuzz corpora from examples/, rules/ and tests/cases/ (run from fuzz/).
set -e
root=..
sep=$(printf '\001')
for t in parse_lower check fmt eval diff fast_parse structured; do mkdir -p corpus/$t; done
i=0
for f in $(find $root/examples $root/rules $root/tests/cases -name '*.jx' | sort); do
  i=$((i+1))
  for t in parse_lower check fmt fast_parse; do cp "$f" corpus/$t/seed$i.jx; done
done
decl=$root/examples/songjiang-npc-2025/declaration.jx
act=$root/examples/songjiang-npc-2025/actuals-2025.jx
for r in $root/rules/central-2020.jx $root/rules/hubei-2020.jx; do
  n=$(basename $r .jx)
  { cat $decl; printf '\001'; cat $act; printf '\001'; cat $r; } > corpus/eval/$n
done
{ cat $decl; printf '\001'; cat $act; printf '\001'; } > corpus/eval/builtin
# a small declaration and actuals pair
small='部门 "局" {
  年度 2025
  项目 "甲" {
    指标 {
      产出指标 {
        数量指标 {
          人数 ≥ 95%
          质量: 及时
        }
      }
    }
  }
}'
smalla='自评 "局" 2025 {
  项目 "甲" {
    预算 100 元
    执行 90 元
    人数 96%
    质量: 达成
  }
}'
{ printf '%s\001%s\001' "$small" "$smalla"; cat $root/rules/central-2020.jx; } > corpus/eval/small
j=0
for f in $(find $root/examples $root/tests/cases/check -name '*.jx' | sort); do
  j=$((j+1))
  { cat $decl; printf '\001'; cat "$f"; } > corpus/diff/pair$j
done
# Deep nesting and long chains (issue 15): each under the 16 KiB of run.sh's
# -max_len, and deeper than the language allows, so the limits are reached.
rep() { awk -v n="$1" -v s="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'; }
head='部门 "局" {
  年度 2025
  项目 "甲" {
    指标 {
      产出指标 {
        数量指标 {
          人数 ≥ 1 人
        }
      }
    }
'
for t in parse_lower check fmt fast_parse; do
  { printf '%s    校验 ' "$head"; rep 4000 '('; printf '人数'; rep 4000 ')'; printf ' ≥ 1 人\n  }\n}\n'; } > corpus/$t/deep-parens
  { printf '%s    校验 ' "$head"; rep 3000 '非 '; printf '人数 ≥ 1 人\n  }\n}\n'; } > corpus/$t/deep-not
  { printf '%s    校验 人数' "$head"; rep 4000 ' + 1'; printf ' ≥ 1 人\n  }\n}\n'; } > corpus/$t/long-sum
  { rep 3000 '部门 "局" { '; } > corpus/$t/deep-blocks
done
{ printf '%s  }\n}\n\001自评 "局" 2025 {\n  项目 "甲" {\n    人数 = 1' "$head"; rep 4000 ' + 1'; printf '\n  }\n}\n\001'; } > corpus/eval/long-actual
ls corpus/*/ | wc -l
