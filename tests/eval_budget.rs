//! The budget section of a 自评 (`预算 { … }`, issue 17): rows and their
//! columns, the printed 执行率/得分 beside the computed ones, the rule set's
//! `执行率分母`, and the checks between the rows (JX-V060..V064, JX-V031).

use jixiao::model::evaluation::ProjectEvaluation;
use jixiao::Diagnostic;

const CENTRAL: &str = include_str!("../rules/central-2020.jx");

/// A declaration of one project (年度申请 100 万元) with one indicator.
const DECL: &str = "部门 \"测试局\" {\n  年度 2025\n  项目 \"测试\" {\n    资金 {\n      年度申请 100 万元\n    }\n    指标 {\n      满意度指标 {\n        服务对象满意度指标 {\n          甲 ≥ 90%\n        }\n      }\n    }\n  }\n}\n";

/// The 自评 of the project: `body`, then the indicator's actual.
fn actuals(body: &str) -> String {
    format!("自评 \"测试局\" 2025 {{\n  项目 \"测试\" {{\n{body}\n    甲 95%\n  }}\n}}\n")
}

/// The project's evaluation and the diagnostics about the 自评 (the
/// declaration's findings and the empty groups of this one-group project
/// left out).
fn run(body: &str, rules: Option<&str>) -> (ProjectEvaluation, Vec<Diagnostic>) {
    let r = jixiao::evaluate_text(DECL, &actuals(body), rules);
    let ev = r.evaluation.expect("evaluation ran");
    let diags = r
        .diagnostics
        .into_iter()
        .filter(|d| d.code.starts_with("JX-V") || d.code.starts_with("JX-M"))
        // Not about the budget section: empty groups, and 执行率 against the
        // indicators' progress.
        .filter(|d| !["JX-V021", "JX-V017", "JX-V018"].contains(&d.code))
        .collect();
    (ev.projects[0].clone(), diags)
}

fn codes(diags: &[Diagnostic]) -> Vec<&'static str> {
    diags.iter().map(|d| d.code).collect()
}

fn one<'a>(diags: &'a [Diagnostic], code: &str) -> &'a Diagnostic {
    let found: Vec<&Diagnostic> = diags.iter().filter(|d| d.code == code).collect();
    assert_eq!(found.len(), 1, "{code} once: {diags:#?}");
    found[0]
}

fn text(d: Option<rust_decimal::Decimal>) -> String {
    d.map(|d| d.to_string()).unwrap_or_else(|| "—".into())
}

/// The rule set with `执行率分母 年初预算数`.
fn initial_rules() -> String {
    CENTRAL.replace("执行率分母 全年预算数", "执行率分母 年初预算数")
}

const QINGSHEN: &str = "    预算 {
      总额              年初 238.93 万元  全年 251.89 万元  执行 251.89 万元  分值 10  执行率 100.00%
      财政资金          年初 238.93 万元  全年 251.89 万元  执行 251.89 万元           执行率 100.00%
      财政专户管理资金  年初   0.00 万元  全年   0.00 万元  执行   0.00 万元           执行率   0.00%
      其他资金
    }";

#[test]
fn rows_are_read_and_the_total_is_scored() {
    let (p, diags) = run(QINGSHEN, None);
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(text(p.budget), "2518900.00");
    assert_eq!(text(p.spent), "2518900.00");
    assert_eq!(text(p.execution_score), "10.00");
    // The printed rate keeps its printed digits; no printed score.
    assert_eq!(text(p.printed_execution_rate), "1.0000");
    assert_eq!(p.printed_execution_score, None);
    let rows: Vec<(&str, String, String, String)> = p
        .budget_rows
        .iter()
        .map(|r| {
            (
                r.name.as_str(),
                text(r.initial),
                text(r.rate),
                text(r.printed_rate),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                "年度资金总额",
                "2389300.00".into(),
                "1".into(),
                "1.0000".into()
            ),
            ("财政资金", "2389300.00".into(), "1".into(), "1.0000".into()),
            ("财政专户管理资金", "0".into(), "—".into(), "0.0000".into()),
            ("其他资金", "—".into(), "—".into(), "—".into()),
        ]
    );
    assert!(p.budget_rows[0].total && !p.budget_rows[1].total);
}

#[test]
fn the_total_row_and_the_lines_are_one_thing() {
    let lines = run("    预算 251.89 万元\n    执行 200 万元", None).0;
    let row = run(
        "    预算 { 年度资金总额 全年 251.89 万元 执行 200 万元 }",
        None,
    )
    .0;
    assert_eq!(
        (lines.budget, lines.spent, lines.execution_score),
        (row.budget, row.spent, row.execution_score)
    );
    assert_eq!(text(row.execution_score), "7.94");
    // Only lines: no rows, nothing printed (the JSON stays as it was).
    assert!(lines.budget_rows.is_empty() && lines.printed_execution_rate.is_none());
    // Both written: the second is a duplicate.
    let (_, diags) = run(
        "    预算 251.89 万元\n    预算 { 总额 全年 251.89 万元 执行 200 万元 }",
        None,
    );
    let d = one(&diags, "JX-M002");
    assert_eq!(
        d.message,
        "全年预算数写了两次：“预算”一行与预算栏的年度资金总额行"
    );
}

#[test]
fn a_total_row_at_zero_over_rows_with_money_is_not_scored() {
    // 池州棠溪 2022: 年度资金总额 0 0 0 10 0 0, 其中 本年财政拨款 90 89.974 89.974.
    let body = "    预算 {
      年度资金总额  年初 0 万元  全年 0 万元  执行 0 万元  分值 10  执行率 0  得分 0
      本年财政拨款  年初 90 万元  全年 89.974 万元  执行 89.974 万元
    }";
    let (p, diags) = run(body, None);
    assert_eq!(codes(&diags), ["JX-V060"], "{diags:#?}");
    let d = &diags[0];
    assert!(d.is_error());
    assert_eq!(
        d.message,
        "项目“测试”预算栏的年度资金总额行全年预算数、全年执行数为 0，而“当年财政拨款”行有资金（年初预算数 900,000.00 元，全年预算数 899,740.00 元，全年执行数 899,740.00 元）：总额行应是其中各行之和，jixiao 不按它计算执行率，本项目的预算执行率得分和总分空着"
    );
    assert_eq!(p.execution_score, None);
    assert_eq!(p.total, None);
    // What the form printed is still shown.
    assert_eq!(text(p.printed_execution_score), "0");
    // Before issue 17 a total of 0 was a formula error (JX-V012) and nothing
    // said that the rows held the money.
    let (_, lines) = run("    预算 0 万元\n    执行 0 万元", None);
    assert_eq!(codes(&lines), ["JX-V012"]);
}

#[test]
fn rows_that_do_not_add_up_are_reported_beyond_the_rounding_of_their_digits() {
    let body = "    预算 {
      年度资金总额  全年 130 万元  执行 125 万元
      财政资金      全年 100 万元  执行 100 万元
      当年拨款      全年  80 万元  执行  80 万元
      上年结转      全年  10 万元  执行  20 万元
      其他资金      全年  20 万元  执行  20 万元
    }";
    let (_, diags) = run(body, None);
    let messages: Vec<&str> = diags
        .iter()
        .filter(|d| d.code == "JX-V061")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "项目“测试”预算栏中财政资金、其他资金的全年预算数之和为 1,200,000.00 元，“年度资金总额”为 1,300,000.00 元，相差 100,000.00 元",
            "项目“测试”预算栏中财政资金、其他资金的全年执行数之和为 1,200,000.00 元，“年度资金总额”为 1,250,000.00 元，相差 50,000.00 元",
            "项目“测试”预算栏中当年财政拨款、上年结转资金的全年预算数之和为 900,000.00 元，“财政资金”为 1,000,000.00 元，相差 100,000.00 元",
        ]
    );
    // Written in whole 万元, each amount may be half a 万元 off: 1 万元 in
    // three amounts is within it.
    let (_, diags) = run(
        "    预算 {\n      年度资金总额 全年 121 万元\n      财政资金 全年 101 万元\n      其他资金 全年 21 万元\n    }",
        None,
    );
    assert!(!codes(&diags).contains(&"JX-V061"), "{diags:#?}");
    // 3.33 × 3 = 9.99 against 10.00: within the printed digits' rounding
    // (four amounts to 0.01 万元: ± 200 元).
    let (_, diags) = run(
        "    预算 {
      年度资金总额      全年 10.00 万元  执行 10.00 万元
      财政资金          全年  3.33 万元  执行  3.33 万元
      财政专户管理资金  全年  3.33 万元  执行  3.33 万元
      单位资金          全年  3.33 万元  执行  3.33 万元
    }",
        None,
    );
    assert!(diags.is_empty(), "{diags:#?}");
}

#[test]
fn a_printed_rate_is_read_at_its_printed_precision() {
    let rate = |printed: &str| {
        let body = format!(
            "    预算 {{ 年度资金总额 全年 2596 万元 执行 2595.6208 万元 执行率 {printed} }}"
        );
        run(&body, None).1
    };
    // 2,595.6208 ÷ 2,596 = 99.985…%: 100% rounded, 99% cut (湖北科技学院 2021).
    assert!(rate("100%").is_empty());
    assert!(rate("99.99%").is_empty());
    assert!(rate("1").is_empty());
    let cut = rate("99%");
    let d = one(&cut, "JX-V063");
    assert_eq!(d.severity, jixiao::diagnostic::Severity::Info);
    assert_eq!(
        d.message,
        "项目“测试”预算栏“年度资金总额”行印的执行率 99% 是 25,956,208.00 元 ÷ 25,960,000.00 元 ≈ 99.985% 截断的结果，四舍五入应为 100%"
    );
    let wrong = rate("98.5%");
    assert_eq!(
        one(&wrong, "JX-V062").message,
        "项目“测试”预算栏“年度资金总额”行印的执行率 98.5% 与全年执行数 ÷ 全年预算数 = 25,956,208.00 元 ÷ 25,960,000.00 元 ≈ 99.9854% 不符（按所印精度应为 100.0%）"
    );
    // 0 ÷ 0 printed 0.00% (四川's forms) is not a finding; 5% over 0 is.
    let zero = |printed: &str| {
        let body = format!(
            "    预算 {{\n      年度资金总额 全年 1 万元 执行 1 万元\n      财政资金 全年 1 万元 执行 1 万元\n      单位资金 全年 0.00 万元 执行 0.00 万元 执行率 {printed}\n    }}"
        );
        run(&body, None).1
    };
    assert!(zero("0.00%").is_empty());
    assert_eq!(
        one(&zero("5%"), "JX-V062").message,
        "项目“测试”预算栏“单位资金”行印的执行率为 5%，而全年预算数为 0，执行率无从计算"
    );
}

#[test]
fn printed_points_other_than_the_rule_sets_are_named() {
    let (p, diags) = run(
        "    预算 { 年度资金总额 全年 1.56 万元 执行 1.56 万元 分值 20 执行率 1 得分 20 }",
        None,
    );
    assert_eq!(
        one(&diags, "JX-V064").message,
        "项目“测试”的表上预算执行率分值为 20，规则集“central-2020”为 10：按规则集计分"
    );
    // Scored with the rule set's points, the printed score beside it.
    assert_eq!(text(p.execution_score), "10.00");
    assert_eq!(text(p.printed_execution_score), "20");
}

#[test]
fn a_printed_score_without_spending_is_shown_not_refused() {
    let (p, diags) = run(
        "    预算 { 年度资金总额 全年 10 万元 分值 10 得分 9 }",
        None,
    );
    assert_eq!(codes(&diags), ["JX-V019"]);
    assert!(!diags[0].is_error());
    assert_eq!(
        diags[0].message,
        "项目“测试”的自评没有写“执行”，预算执行率按 0 分计（表上印的得分 9 并列显示，不计入）"
    );
    assert_eq!(text(p.execution_score), "0.00");
    assert_eq!(text(p.printed_execution_score), "9");
}

#[test]
fn the_rule_set_names_the_denominator() {
    let body = "    预算 { 年度资金总额 年初 80 万元 全年 100 万元 执行 90 万元 }";
    let rules = initial_rules();
    let (adjusted, _) = run(body, Some(CENTRAL));
    let (initial, diags) = run(body, Some(&rules));
    assert_eq!(text(adjusted.execution_rate), "0.90");
    assert_eq!(text(adjusted.execution_score), "9.00");
    // 90 ÷ 80 = 112.5%, capped by the formula.
    assert_eq!(text(initial.execution_rate), "1.125");
    assert_eq!(text(initial.execution_score), "10.00");
    assert_eq!(text(initial.execution_base), "800000");
    assert_eq!(
        initial.execution_trace.line,
        "预算执行率：执行数 900,000.00 元 ÷ 年初预算数 800,000.00 元 = 112.50% → 最小(900,000 ÷ 800,000, 1) × 10 = 10.00"
    );
    assert_eq!(
        initial.execution_trace.notes,
        ["执行率分母：年初预算数（规则集）"]
    );
    // Over 全年 it is not over budget.
    assert!(diags.is_empty(), "{diags:#?}");
    // Without 年初 the declared amount stands in, and the trace says so.
    let (fallback, _) = run("    预算 100 万元\n    执行 90 万元", Some(&rules));
    assert_eq!(text(fallback.execution_rate), "0.90");
    assert_eq!(
        fallback.execution_trace.notes,
        [
            "执行率分母：年初预算数（规则集）",
            "自评未写年初预算数，取申报的年度资金 1,000,000.00 元"
        ]
    );
    // The shipped rule sets say which: the adjusted budget.
    for shipped in [CENTRAL, include_str!("../rules/hubei-2020.jx")] {
        assert!(shipped.contains("\n  执行率分母 全年预算数\n"));
        let (rs, _) = jixiao::parse_rules("r", shipped);
        assert_eq!(
            rs.expect("a rule set").execution_base,
            jixiao::model::rules::ExecutionBase::Adjusted
        );
    }
}

#[test]
fn cells_are_checked_as_they_are_lowered() {
    let (_, diags) = run(
        "    预算 {
      年度资金总额  全年 10 人  执行 -1 万元  执行率 5 次  得分 -1
      其他资金      全年 1 万元  全年 2 万元
      其他资金
      总额
    }",
        None,
    );
    let found: Vec<(&str, &str)> = diags
        .iter()
        .filter(|d| d.code != "JX-V019")
        .map(|d| (d.code, d.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "JX-V008",
                "预算栏“年度资金总额”行的“全年”应是金额，写的是“10 人”"
            ),
            ("JX-V030", "预算栏“年度资金总额”行的“执行”是负数：-1 万元"),
            (
                "JX-V009",
                "预算栏“年度资金总额”行的“执行率”应是不为负的百分数或比率，写的是“5 次”"
            ),
            (
                "JX-V009",
                "预算栏“年度资金总额”行的“得分”应是不为负的分数，写的是“-1”"
            ),
            ("JX-M002", "预算栏“其他资金”行的“全年”写了两次"),
            ("JX-M002", "预算栏的“其他资金”行写了两次"),
            ("JX-M002", "预算栏的“年度资金总额”行写了两次"),
        ]
    );
}

#[test]
fn a_row_over_its_budget_is_named_when_the_total_is_not() {
    let (_, diags) = run(
        "    预算 {
      年度资金总额  全年 100 万元  执行 90 万元
      财政资金      全年  80 万元  执行 85 万元
      其他资金      全年  20 万元  执行  5 万元
    }",
        None,
    );
    assert_eq!(codes(&diags), ["JX-V031"]);
    assert_eq!(
        diags[0].message,
        "项目“测试”预算栏“财政资金”行的全年执行数 850,000.00 元超过全年预算数 800,000.00 元"
    );
}

/// `jixiao eval` streams (each project's 自评 parsed and lowered in the
/// worker that scores it): every fixture of tests/cases/variants/budget
/// streams as it evaluates whole, in every format, with the same findings.
#[test]
fn the_budget_fixtures_stream_as_they_evaluate_whole() {
    use jixiao::report::Format;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/variants/budget");
    let mut cases = 0;
    for case in std::fs::read_dir(&root).expect("fixtures").flatten() {
        let dir = case.path();
        let decl = [dir.join("申报.jx")];
        let actuals = dir.join("自评.jx");
        let rules = Some(dir.join("规则.jx")).filter(|r| r.is_file());
        let options = jixiao::LoadOptions::default();
        let run = jixiao::evaluate_paths(&decl, Some(&actuals), rules.as_deref(), &options);
        let ev = run.evaluation.as_ref().expect("evaluated");
        for f in [Format::Table, Format::Markdown, Format::Csv, Format::Json] {
            let whole = match f {
                Format::Table => jixiao::report::table(ev, true),
                Format::Markdown => jixiao::report::markdown(ev, true),
                Format::Csv => jixiao::report::csv::render(ev),
                Format::Json => jixiao::report::json(ev, &run.diagnostics, run.sources()),
            };
            let mut out = Vec::new();
            let streamed = jixiao::evaluate_to(
                &decl,
                Some(&actuals),
                rules.as_deref(),
                &options,
                f,
                true,
                &mut out,
            );
            assert_eq!(
                String::from_utf8(out).unwrap(),
                whole,
                "{} {f:?}",
                dir.display()
            );
            assert_eq!(streamed.diagnostics, run.diagnostics, "{}", dir.display());
        }
        cases += 1;
    }
    assert!(cases >= 8, "{cases} fixtures");
}
