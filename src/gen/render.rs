//! Rendering generated data as jixiao text: declarations (申报) and
//! year-end actuals (自评).

use super::words::REASONS;
use super::{GenDepartment, GenIndicator, GenProject, GenTarget};
use crate::model::group_thousands;
use crate::vocab::Comparator;
use rust_decimal::Decimal;
use std::fmt::Write;

pub(super) fn money(yuan: i64) -> String {
    group_thousands(Decimal::new(yuan * 100, 2))
}

/// A name as a token: bare when it has no spaces, quoted otherwise.
pub(super) fn name_token(name: &str) -> String {
    if name.chars().any(char::is_whitespace) {
        format!("\"{name}\"")
    } else {
        name.to_string()
    }
}

fn quantity(value: Decimal, unit: &str) -> String {
    let n = group_thousands(value);
    if unit == "%" {
        format!("{n}%")
    } else {
        format!("{n} {unit}")
    }
}

fn target(t: &GenTarget) -> String {
    match t {
        GenTarget::Compare { cmp, value, unit } => format!(" {cmp} {}", quantity(*value, unit)),
        GenTarget::Range { low, high, unit } => {
            format!(" {}~{}", quantity(*low, unit), quantity(*high, unit))
        }
        GenTarget::Qualitative(word) => format!(": {word}"),
    }
}

/// A department's declaration file.
pub fn declaration(d: &GenDepartment) -> String {
    let mut s = String::with_capacity(d.projects.len() * 3000 + 512);
    let _ = writeln!(s, "# {} {} 年财政项目支出绩效目标申报表", d.name, d.year);
    let _ = writeln!(s, "# 由 jixiao gen 生成的测试数据，非真实申报。");
    let _ = writeln!(s, "部门 \"{}\" {{", d.name);
    let _ = writeln!(s, "  年度 {}", d.year);
    let _ = writeln!(
        s,
        "  申报 {} 个项目，资金 {} 万元",
        d.projects.len(),
        group_thousands(Decimal::new(d.total_yuan() / 100, 2))
    );
    for p in &d.projects {
        s.push('\n');
        project(&mut s, &d.name, p);
    }
    s.push_str("}\n");
    s
}

fn project(s: &mut String, dept: &str, p: &GenProject) {
    let _ = writeln!(s, "  项目 \"{}\" {{", p.name);
    let _ = writeln!(s, "    性质 {}", p.nature);
    let _ = writeln!(s, "    类别 {}", p.category);
    let _ = writeln!(s, "    主管部门 \"{dept}\"");
    let _ = writeln!(s, "    实施单位 \"{dept}\"");
    let _ = writeln!(s, "    周期 2025-01-01 至 2025-12-31\n");
    let _ = writeln!(s, "    资金 {{");
    let _ = writeln!(s, "      总额 {} 元", money(p.total));
    let _ = writeln!(s, "      年度申请 {} 元", money(p.total));
    if p.other == p.total {
        let _ = writeln!(s, "      # 原表“其中：财政资金”一格为空");
    } else {
        let _ = writeln!(s, "      财政资金 {} 元", money(p.total - p.other));
    }
    let _ = writeln!(s, "      当年拨款 {} 元", money(p.current));
    let _ = writeln!(s, "      上年结转 {} 元", money(p.carryover));
    let _ = writeln!(s, "      其他资金 {} 元", money(p.other));
    let _ = writeln!(s, "    }}\n");
    let _ = writeln!(s, "    总目标 \"{}\"", p.goal);
    let _ = writeln!(s, "    年度目标 \"{}\"\n", p.goal);
    let _ = writeln!(s, "    说明 {{");
    for (key, text) in &p.narrative {
        if text.len() > 60 || text.contains('\n') {
            let _ = writeln!(s, "      {key} \"\"\"");
            for line in text.lines() {
                let _ = writeln!(s, "        {line}");
            }
            let _ = writeln!(s, "        \"\"\"");
        } else {
            let _ = writeln!(s, "      {key} \"{text}\"");
        }
    }
    let _ = writeln!(s, "    }}\n");
    indicators(s, &p.indicators);
    if let Some(c) = &p.check {
        let _ = writeln!(s, "\n    校验 {c}");
    }
    let _ = writeln!(s, "  }}");
}

fn indicators(s: &mut String, list: &[GenIndicator]) {
    let _ = writeln!(s, "    指标 {{");
    let mut i = 0;
    while let Some(first) = list.get(i) {
        let _ = writeln!(s, "      {} {{", first.level1);
        while let Some(second) = list.get(i).filter(|x| x.level1 == first.level1) {
            let _ = writeln!(s, "        {} {{", second.level2);
            while let Some(x) = list
                .get(i)
                .filter(|x| x.level1 == first.level1 && x.level2 == second.level2)
            {
                let _ = write!(s, "          {}{}", name_token(&x.name), target(&x.target));
                if let Some(c) = x.caliber {
                    let _ = write!(s, " 口径 \"{c}\"");
                }
                s.push('\n');
                i += 1;
            }
            let _ = writeln!(s, "        }}");
        }
        let _ = writeln!(s, "      }}");
    }
    let _ = writeln!(s, "    }}");
}

/// A department's year-end actuals (自评), in the syntax of the language
/// design: about four in five indicators met, the rest not, with reasons.
pub fn actuals(d: &GenDepartment) -> String {
    let mut s = String::with_capacity(d.projects.len() * 600 + 256);
    let _ = writeln!(s, "自评 \"{}\" {} {{", d.name, d.year);
    for p in &d.projects {
        let mut r = p.rng.clone();
        let _ = writeln!(s, "  项目 \"{}\" {{", p.name);
        let _ = writeln!(s, "    预算 {} 元", money(p.total));
        let _ = writeln!(s, "    执行 {} 元", money(p.spent));
        for x in &p.indicators {
            let (value, reason) = actual(&mut r, x);
            let _ = write!(s, "    {}{value}", name_token(&x.name));
            if let Some(reason) = reason {
                let _ = write!(s, " \"{reason}\"");
            }
            s.push('\n');
        }
        let _ = writeln!(s, "  }}");
    }
    s.push_str("}\n");
    s
}

/// One indicator's actual as the 自评 writes it after the name (` 8.84 万元`,
/// ` = 37 / 37`, `: 部分达成`): about four in five met, the rest not; an
/// unmet qualitative indicator comes with a reason.
pub(super) fn actual(r: &mut Rng, x: &GenIndicator) -> (String, Option<&'static str>) {
    let met = r.chance(80);
    match &x.target {
        GenTarget::Compare { cmp, value, unit } => {
            let v = actual_value(r, *cmp, *value, unit, met);
            if *unit == "%" && v <= Decimal::ONE_HUNDRED && r.chance(30) {
                // As a raw count over a total: `= 37 / 37`.
                let total = r.range(20, 200) as i64;
                let hit = (v * Decimal::from(total) / Decimal::ONE_HUNDRED).floor();
                (format!(" = {hit} / {total}"), None)
            } else {
                (format!(" {}", quantity(v, unit)), None)
            }
        }
        GenTarget::Range { low, high, unit } => {
            let v = if met {
                (*low + *high) / Decimal::TWO
            } else {
                *low - Decimal::ONE
            };
            (format!(" {}", quantity(v, unit)), None)
        }
        GenTarget::Qualitative(_) if met => (": 达成".to_string(), None),
        GenTarget::Qualitative(_) => (": 部分达成".to_string(), Some(r.pick(&REASONS))),
    }
}

fn actual_value(r: &mut Rng, cmp: Comparator, target: Decimal, unit: &str, met: bool) -> Decimal {
    let pct = |r: &mut Rng, lo: u64, hi: u64| Decimal::new(r.range(lo, hi) as i64, 2);
    let v = match (cmp, met) {
        (Comparator::Ge, true) => target * pct(r, 100, 130),
        (Comparator::Ge, false) => target * pct(r, 50, 99),
        (Comparator::Le, true) => target * pct(r, 70, 100),
        (Comparator::Le, false) => target * pct(r, 101, 130),
        (Comparator::Gt | Comparator::Lt | Comparator::Eq, true) => target,
        (Comparator::Gt | Comparator::Lt | Comparator::Eq, false) => {
            if target.is_zero() {
                Decimal::ONE
            } else {
                target * pct(r, 80, 99)
            }
        }
    };
    match unit {
        "%" if met && cmp == Comparator::Ge => v.min(Decimal::ONE_HUNDRED).round_dp(1).normalize(),
        "人" | "次" => v.round_dp(0).max(Decimal::ZERO),
        _ => v.round_dp(2).normalize(),
    }
}

use super::Rng;
