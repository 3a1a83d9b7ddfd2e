//! What `jixiao check` finds in the real 2025 Songjiang declaration, and
//! how its results reach the exit code.

#[path = "common/cli.rs"]
mod cli;
use cli::Checked;

use jixiao::diagnostic::{json, render, Severity};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seed_path() -> PathBuf {
    root().join("examples/songjiang-npc-2025/declaration.jx")
}

fn seed_text() -> String {
    std::fs::read_to_string(seed_path()).unwrap()
}

fn line_of(checked: &jixiao::Checked, span: jixiao::source::Span) -> usize {
    checked
        .sources()
        .get(span.file)
        .unwrap()
        .line_col(span.start as usize)
        .0
}

#[test]
fn seed_reports_exactly_the_cost_ceiling_and_the_quantity_ceiling() {
    let checked = jixiao::check_text("declaration.jx", &seed_text());
    let got: Vec<(&str, Severity)> = checked
        .diagnostics
        .iter()
        .map(|d| (d.code, d.severity))
        .collect();
    assert_eq!(
        got,
        vec![("JX-G006", Severity::Warning), ("JX-G007", Severity::Info)]
    );
    let cost = &checked.diagnostics[0];
    assert_eq!(
        cost.message,
        "成本指标“运维总成本”的上限 10.04 万元（100,400.00 元）超过了项目资金总额 90,682.50 元（多 9,717.50 元）"
    );
    // Both spans: the indicator target (primary) and the 总额 line.
    let labels: Vec<(usize, Option<&str>)> = cost
        .labels
        .iter()
        .map(|l| (line_of(&checked, l.span), l.message.as_deref()))
        .collect();
    assert_eq!(
        labels,
        vec![
            (46, Some("成本上限 10.04 万元（100,400.00 元）")),
            (16, Some("项目资金总额 90,682.50 元")),
        ]
    );
    let text = seed_text();
    let total = &cost.labels[1].span;
    assert_eq!(&text[total.range()], "90,682.50 元");
    let target = &cost.labels[0].span;
    assert_eq!(&text[target.range()], "≤ 10.04 万元");
    assert!(checked.diagnostics[1].message.contains("发放人数"));
}

#[test]
fn seed_rendering() {
    let checked = jixiao::check_paths(&[seed_path()], &Default::default());
    let opts = render::RenderOptions {
        color: false,
        width: Some(100),
    };
    let human = render::render_all(&checked.diagnostics, checked.sources(), opts);
    // Paths differ between machines: show the file name only.
    let human = human.replace(&seed_path().display().to_string(), "declaration.jx");
    insta::assert_snapshot!("seed_human", human);
    let mut report =
        serde_json::to_value(json::report(&checked.diagnostics, checked.sources())).unwrap();
    let as_text = serde_json::to_string_pretty(&report).unwrap();
    report = serde_json::from_str(
        &as_text.replace(&seed_path().display().to_string(), "declaration.jx"),
    )
    .unwrap();
    insta::assert_json_snapshot!("seed_json", report);
}

/// The checks written into the seed hold, with the values the issue names.
#[test]
fn seed_checks_hold_with_the_expected_values() {
    let checked = jixiao::check_text("declaration.jx", &seed_text());
    let projects: Vec<_> = checked.workspace.projects().collect();
    let with_checks: Vec<(&str, &str)> = projects
        .iter()
        .flat_map(|p| {
            p.checks
                .iter()
                .map(move |c| (p.name.as_str(), c.text.as_str()))
        })
        .collect();
    assert_eq!(
        with_checks,
        vec![
            (
                "区人大代表工作",
                "人均代表履职费 × 代表履职费发放人数 ≤ 资金.总额"
            ),
            ("人大履职培训", "人均培训成本 × 培训人数 ≤ 资金.总额"),
            ("编外人员经费", "人均发放工资 × 发放人数 ≤ 资金.总额"),
        ]
    );
    // Raise each product above its 总额 and read the computed sides back.
    let cases = [
        (
            "人均代表履职费 = 2,000 元/人",
            "人均代表履职费 = 2,500 元/人",
            "左边 = 700,000.00 元，右边 = 690,000.00 元",
        ),
        (
            "人均培训成本 ≤ 7,500 元/人",
            "人均培训成本 ≤ 7,600 元/人",
            "左边 = 1,064,000.00 元，右边 = 1,060,000.00 元",
        ),
        (
            "发放人数 ≤ 2 人",
            "发放人数 ≤ 3 人",
            "左边 = 450,000.00 元，右边 = 310,581.00 元",
        ),
    ];
    for (from, to, expected) in cases {
        let text = seed_text().replacen(from, to, 1);
        let checked = jixiao::check_text("declaration.jx", &text);
        let failed: Vec<&str> = checked
            .diagnostics
            .iter()
            .filter(|d| d.code == "JX-C003")
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(failed.len(), 1, "{to}: {failed:?}");
        assert!(failed[0].contains(expected), "{to}: {}", failed[0]);
    }
}

#[test]
fn seed_exact_products() {
    // The products themselves, via a check that pins them with `=`.
    let text = seed_text()
        .replace(
            "校验 人均代表履职费 × 代表履职费发放人数 ≤ 资金.总额",
            "校验 人均代表履职费 × 代表履职费发放人数 = 560,000 元",
        )
        .replace(
            "校验 人均培训成本 × 培训人数 ≤ 资金.总额",
            "校验 人均培训成本 × 培训人数 = 105 万元",
        )
        .replace(
            "校验 人均发放工资 × 发放人数 ≤ 资金.总额",
            "校验 人均发放工资 × 发放人数 = 300,000 元",
        );
    let checked = jixiao::check_text("declaration.jx", &text);
    let codes: Vec<&str> = checked.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, vec!["JX-G006", "JX-G007"]);
}

/// The claim `436.30 万元` means 4,363,000 元 ± 50 元.
#[test]
fn claim_precision() {
    let with = |claim: &str| {
        let text = seed_text().replace("资金 436.30 万元", claim);
        jixiao::check_text("declaration.jx", &text)
            .diagnostics
            .iter()
            .filter(|d| d.code == "JX-D002")
            .map(|d| d.message.clone())
            .collect::<Vec<_>>()
    };
    assert!(with("资金 436.30 万元").is_empty());
    assert!(with("资金 4,362,963.50 元").is_empty());
    assert!(with("资金 436.2964 万元").is_empty());
    assert_eq!(
        with("资金 436.31 万元"),
        vec!["部门申报资金 436.31 万元，按所写精度即 4,363,100.00 元 ± 50.00 元，而 9 个项目的资金总额之和为 4,362,963.50 元（相差 136.50 元）"]
    );
    assert_eq!(
        with("资金 4,362,963.00 元"),
        vec!["部门申报资金 4,362,963.00 元，而 9 个项目的资金总额之和为 4,362,963.50 元（相差 0.50 元）"]
    );
    // The count, too.
    let text = seed_text().replace("申报 9 个项目", "申报 10 个项目");
    let checked = jixiao::check_text("declaration.jx", &text);
    let d: Vec<&str> = checked
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .filter(|m| m.contains("个项目"))
        .collect();
    assert_eq!(d, vec!["部门申报 10 个项目，实际写了 9 个项目"]);
}

/// A project that cannot be parsed makes the department's sums partial:
/// no D001/D002 then.
#[test]
fn incomplete_department_skips_claim_checks() {
    let text = seed_text().replacen(
        "性质     其他经常性项目",
        "性质     其他经常性项目\n    资金 { 总额 }",
        1,
    );
    let checked = jixiao::check_text("declaration.jx", &text);
    assert!(checked.workspace.departments[0].incomplete);
    assert_eq!(checked.workspace.departments[0].projects.len(), 8);
    assert!(checked
        .diagnostics
        .iter()
        .any(|d| d.code.starts_with("JX-S")));
    assert!(!checked
        .diagnostics
        .iter()
        .any(|d| d.code.starts_with("JX-D")));
}

/// Findings in several projects are all reported, in file order.
#[test]
fn several_projects_in_file_order() {
    let text =
        std::fs::read_to_string(root().join("tests/cases/check/several-projects.jx")).unwrap();
    let checked = jixiao::check_text("several-projects.jx", &text);
    let got: Vec<(usize, &str)> = checked
        .diagnostics
        .iter()
        .map(|d| (line_of(&checked, d.primary_span().unwrap()), d.code))
        .collect();
    let mut sorted = got.clone();
    sorted.sort();
    assert_eq!(got, sorted, "not in file order");
    let codes: Vec<&str> = got.iter().map(|(_, c)| *c).collect();
    assert_eq!(
        codes,
        vec!["JX-F001", "JX-G004", "JX-G006", "JX-T001", "JX-G005", "JX-C003"]
    );
    let opts = render::RenderOptions {
        color: false,
        width: Some(100),
    };
    insta::assert_snapshot!(
        "several_projects_human",
        render::render_all(&checked.diagnostics, checked.sources(), opts)
    );
}

// ───────────── the binary: exit codes and --deny / --allow ─────────────

fn jixiao(args: &[&str]) -> (i32, String, String) {
    let out = cli::command(&root()).args(args).checked();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const SEED: &str = "examples/songjiang-npc-2025";

#[test]
fn warnings_alone_exit_0() {
    let (code, out, _) = jixiao(&["check", SEED]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("警告[JX-G006]"));
    assert!(out.contains("提示[JX-G007]"));
    assert!(
        out.ends_with(
            "检查了 2 个文件、1 个部门、9 个项目、58 项指标：0 个错误，1 个警告，1 个提示。\n"
        ),
        "{out}"
    );
}

#[test]
fn deny_warnings_exits_1() {
    let (code, out, _) = jixiao(&["check", SEED, "--deny", "warnings"]);
    assert_eq!(code, 1);
    assert!(out.contains("错误[JX-G006]"));
    assert!(out.contains("提示[JX-G007]"), "infos stay infos");
    assert!(out.contains("1 个错误，0 个警告，1 个提示"));
}

#[test]
fn deny_one_code_exits_1() {
    let (code, out, _) = jixiao(&["check", SEED, "--deny", "JX-G007"]);
    assert_eq!(code, 1);
    assert!(out.contains("错误[JX-G007]"));
    assert!(out.contains("1 个错误，1 个警告，0 个提示"));
}

#[test]
fn allow_codes() {
    let (code, out, _) = jixiao(&["check", SEED, "--allow", "JX-G006", "--allow", "jx-g007"]);
    assert_eq!(code, 0);
    assert!(out.contains("0 个错误，0 个警告，0 个提示"), "{out}");
    let (code, out, _) = jixiao(&["check", SEED, "--allow", "JX-G006", "--deny", "warnings"]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn errors_exit_1_in_json_too() {
    let (code, out, _) = jixiao(&[
        "check",
        "tests/cases/check/JX-F001/bad.jx",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["diagnostics"][0]["code"], "JX-F001");
    assert_eq!(v["summary"]["errors"], 1);
}

#[test]
fn bad_control_arguments_are_usage_errors() {
    let (code, _, err) = jixiao(&["check", SEED, "--allow", "JX-F001"]);
    assert_eq!(code, 2);
    assert_eq!(err.trim(), "错误：JX-F001（总额不等于财政资金与其他资金之和）是错误，不能用 --allow 略去；只有警告和提示可以");
    let (code, _, err) = jixiao(&["check", SEED, "--deny", "JX-G06"]);
    assert_eq!(code, 2);
    assert_eq!(err.trim(), "错误：没有代码“JX-G06”；是不是想写“JX-G006”？");
}

#[test]
fn in_file_allow_with_reason_silences_one_project() {
    let text = seed_text().replacen(
        "校验 人均发放工资 × 发放人数 ≤ 资金.总额",
        "校验 人均发放工资 × 发放人数 ≤ 资金.总额\n    允许 JX-G007 \"编外人数按区编办核定不超过 2 人\"",
        1,
    );
    let checked = jixiao::check_text("declaration.jx", &text);
    let codes: Vec<&str> = checked.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, vec!["JX-G006"]);
    let allows = &checked.workspace.projects().nth(7).unwrap().allows;
    assert_eq!(
        allows[0].reason.as_deref(),
        Some("编外人数按区编办核定不超过 2 人")
    );
    // The allow stays in project 8: the same code elsewhere is still reported.
    let text = text.replacen("培训人数 ≥ 140 人", "培训人数 ≤ 140 人", 1);
    let codes: Vec<&str> = jixiao::check_text("d.jx", &text)
        .diagnostics
        .iter()
        .map(|d| d.code)
        .collect();
    assert_eq!(codes, vec!["JX-G006", "JX-G007"]);
    let _ = Path::new("");
}
