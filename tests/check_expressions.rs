//! `校验` evaluation: units, names, and what cannot be computed.

fn project(check: &str) -> String {
    format!(
        r#"部门 "示例局" {{
  年度 2025
  项目 "培训" {{
    资金 {{
      总额 10 万元
      财政资金 10 万元
      当年拨款 10 万元
    }}
    指标 {{
      成本指标 {{ 经济成本指标 {{ 人均成本 ≤ 500 元/人 }} }}
      产出指标 {{
        数量指标 {{ 培训人数 ≥ 100 人 }}
        时效指标 {{ 完成及时性: 及时 }}
      }}
      效益指标 {{ 社会效益指标 {{ 履职能力: 提升 }} }}
      满意度指标 {{ 服务对象满意度指标 {{ 满意度 ≥ 90% }} }}
    }}
    校验 {check}
  }}
}}
"#
    )
}

fn findings(check: &str) -> Vec<(&'static str, String, Option<String>)> {
    jixiao::check_text("t.jx", &project(check))
        .diagnostics
        .into_iter()
        .map(|d| (d.code, d.message, d.help.map(String::from)))
        .collect()
}

#[test]
fn checks_that_hold() {
    for c in [
        "人均成本 × 培训人数 ≤ 资金.总额",
        "人均成本 × 培训人数 = 5 万元",
        "资金.总额 ÷ 培训人数 ≥ 人均成本",
        "资金.当年拨款 + 资金.上年结转 = 资金.财政资金 或 资金.上年结转 = 0 元",
        "若 培训人数 ≥ 100 人 则 资金.总额 ≥ 1 万元 否则 资金.总额 ≥ 20 万元",
        "max(人均成本 × 培训人数, 1 万元) ≤ 资金.项目资金总额",
        "非 (满意度 < 80%) 且 满意度 ≤ 100%",
        "培训人数 ≥ 100 名",
    ] {
        let f = findings(c);
        // 资金.上年结转 is blank: the first `或` branch cannot be computed.
        if c.contains("上年结转") {
            assert_eq!(f.len(), 1, "{c}: {f:?}");
            assert_eq!(f[0].0, "JX-C006");
            assert!(f[0].1.ends_with("资金.上年结转 没有填写"), "{}", f[0].1);
            continue;
        }
        assert!(f.is_empty(), "{c}: {f:?}");
    }
}

#[test]
fn failures_quote_the_values() {
    let f = findings("人均成本 × 培训人数 ≥ 资金.总额");
    assert_eq!(f[0].0, "JX-C003");
    assert_eq!(
        f[0].1,
        "校验“人均成本 × 培训人数 ≥ 资金.总额”不成立：左边 = 50,000.00 元，右边 = 100,000.00 元，50,000.00 元 ≥ 100,000.00 元 不成立"
    );
    let f = findings("培训人数 + 资金.总额 ≥ 0 元");
    assert_eq!(f[0].0, "JX-C005");
    assert!(
        f[0].1
            .ends_with("不能把 100 人（以“人”计的数量）与 100,000.00 元（金额）相加"),
        "{}",
        f[0].1
    );
    let f = findings("人均成本 ≤ 资金.总额");
    assert_eq!(f[0].0, "JX-C005");
    let f = findings("资金.总额 ÷ 0 人 ≥ 1 元/人");
    assert_eq!(f[0].0, "JX-C006");
    assert!(
        f[0].1.ends_with("不能除以 0（除数写的是 0 人）"),
        "{}",
        f[0].1
    );
    let f = findings("完成及时性 ≥ 1 次");
    assert_eq!(f[0].0, "JX-C006");
    assert!(f[0]
        .1
        .contains("指标“完成及时性”是定性目标（: 及时），没有可计算的数值"));
    let f = findings("人均成本 × 培训人数");
    assert_eq!(f[0].0, "JX-C006");
    assert!(f[0].1.contains("结果是数值 50,000.00 元"), "{}", f[0].1);
}

#[test]
fn unknown_names_suggest() {
    let f = findings("人均成本 × 培训人次 ≤ 资金.总额");
    assert_eq!(f[0].0, "JX-C004");
    assert_eq!(f[0].2.as_deref(), Some("是不是想写“培训人数”？"));
    let f = findings("总额 ≥ 1 元");
    assert_eq!(f[0].2.as_deref(), Some("是不是想写“资金.总额”？"));
    let f = findings("最大值(培训人数, 1 人) ≥ 1 人");
    assert_eq!(f[0].0, "JX-C004");
    assert!(
        f[0].1.ends_with("中的“最大值(…)”不是可用的函数"),
        "{}",
        f[0].1
    );
    assert_eq!(f[0].2.as_deref(), Some("是不是想写“最大(…)”？"));
}

#[test]
fn claim_in_a_non_money_unit() {
    let text = project("人均成本 × 培训人数 ≤ 资金.总额")
        .replace("年度 2025", "年度 2025\n  申报 1 个项目，资金 10 人");
    let d = jixiao::check_text("t.jx", &text).diagnostics;
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].code, "JX-F005");
    assert_eq!(d[0].message, "部门申报的资金写的是 10 人，不是金额");
}

/// Before issue 16 `校验` computed both sides of 且 and 或, so a guard did
/// not protect what followed it, while rule formulas stopped at the left
/// side. Both now use one evaluator (`model::eval`).
#[test]
fn checks_evaluate_as_rule_formulas_do() {
    // 资金.上年结转 is blank: it cannot be computed, and need not be.
    let f = findings("资金.总额 < 0 元 且 资金.上年结转 ≥ 0 元");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "JX-C003");
    assert!(findings("资金.总额 > 0 元 或 资金.上年结转 ≥ 0 元").is_empty());
    // The right side is computed when the left does not decide.
    let f = findings("资金.总额 > 0 元 且 资金.上年结转 ≥ 0 元");
    assert_eq!(f[0].0, "JX-C006");
}
