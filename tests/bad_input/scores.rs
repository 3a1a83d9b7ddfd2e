//! Wrong scores (issue 15, “Trust first”): negative 执行 and 预算. Each case runs `jixiao eval` on a one-indicator project (so the
//! indicator carries all 50 points of 产出指标) and asserts the score the
//! user reads and the diagnostics.

use crate::cli::{dir_with, jixiao_in, Run};

/// A declaration whose only indicator is `indicator` (a whole line such as
/// `增长率 ≥ -5%`).
fn declaration(indicator: &str) -> String {
    format!(
        "部门 \"示例局\" {{\n  年度 2025\n  项目 \"示例项目\" {{\n    性质 其他经常性项目\n    资金 {{\n      总额 10 万元\n    }}\n    指标 {{\n      产出指标 {{\n        数量指标 {{\n          {indicator}\n        }}\n      }}\n    }}\n  }}\n}}\n"
    )
}

/// 自评 of that project: 预算 and 执行 lines, then `line`.
fn actuals_with(budget: &str, line: &str) -> String {
    format!("自评 \"示例局\" 2025 {{\n  项目 \"示例项目\" {{\n{budget}    {line}\n  }}\n}}\n")
}

const BUDGET: &str = "    预算 10 万元\n    执行 10 万元\n";

/// `jixiao eval` of one indicator and its actual, with `extra` arguments.
fn eval_with(indicator: &str, line: &str, budget: &str, extra: &[&str]) -> Run {
    let dir = dir_with(&[
        ("申报.jx", &declaration(indicator)),
        ("自评.jx", &actuals_with(budget, line)),
    ]);
    let mut args = vec!["eval", "申报.jx", "--actuals", "自评.jx"];
    args.extend_from_slice(extra);
    jixiao_in(dir.path(), &args)
}

// 4. 执行 below zero, and above 预算.

/// An indicator that is met, with these 预算 and 执行 lines.
fn funds(budget: &str) -> Run {
    eval_with("培训人数 ≥ 140 人", "培训人数 140 人", budget, &[])
}

#[test]
fn negative_spending_is_an_error() {
    funds("    预算 10 万元\n    执行 -5 元\n")
        .code(1)
        .has(&["JX-V030", "“执行”是负数", "-5 元"]);
    funds("    预算 -10 万元\n    执行 5 元\n")
        .code(1)
        .has(&["JX-V030", "“预算”是负数"]);
}

#[test]
fn spending_above_budget_is_a_warning() {
    funds("    预算 10 万元\n    执行 12 万元\n").code(0).has(&[
        "JX-V031",
        "全年执行数 120,000.00 元超过全年预算数 100,000.00 元",
    ]);
    funds(BUDGET).code(0).lacks(&["JX-V031", "JX-V030"]);
}
