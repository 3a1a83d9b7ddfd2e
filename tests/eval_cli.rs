//! `jixiao eval` on the seed example: the full 自评表 under both shipped rule
//! sets (snapshots), where they differ, the other formats, and exit codes.

use std::path::{Path, PathBuf};
use std::process::Output;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn eval(extra: &[&str]) -> Output {
    cli::command(&root())
        .args([
            "eval",
            "examples/songjiang-npc-2025/declaration.jx",
            "--actuals",
            "examples/songjiang-npc-2025/actuals-2025.jx",
        ])
        .args(extra)
        .checked()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn central_table() {
    let o = eval(&[]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    insta::assert_snapshot!("central_table", stdout(&o));
}

#[test]
fn hubei_table() {
    let o = eval(&["--rules", "rules/hubei-2020.jx"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    insta::assert_snapshot!("hubei_table", stdout(&o));
}

#[test]
fn central_explain() {
    let o = eval(&["--explain"]);
    assert_eq!(o.status.code(), Some(0));
    insta::assert_snapshot!("central_explain", stdout(&o));
}

#[test]
fn warnings_go_to_stderr_and_do_not_fail_the_run() {
    let o = eval(&[]);
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("JX-V006"), "missing actual: {err}");
    assert!(err.contains("参与培训代表满意度"));
    assert!(err.contains("JX-V016"), "missing explanation");
    // Three of the warnings: 执行率 ahead of completion by more than 5
    // points (JX-V018 the other way, issue 19): 97.48% against 78.88% …
    assert!(
        err.contains("预算执行率 97.48% 比指标得分率 78.88% 高出 5 个百分点以上"),
        "{err}"
    );
    assert!(err.contains("0 个错误，8 个警告，1 个提示。"), "{err}");
    assert!(
        err.contains("JX-G006"),
        "declaration findings are shown too"
    );
}

/// The two rule sets differ exactly where scoring.md says: the 反向 formula,
/// the 执行率 points (10 vs 20, which leaves 40 instead of 50 for 产出), and
/// the qualitative bands. Everywhere else each indicator earns the same share
/// of its points.
#[test]
fn the_rule_sets_differ_exactly_where_scoring_md_says() {
    let dir = root().join("examples/songjiang-npc-2025");
    let run = |rules: Option<&Path>| {
        jixiao::evaluate_paths(
            &[dir.join("declaration.jx")],
            Some(&dir.join("actuals-2025.jx")),
            rules,
            &Default::default(),
        )
        .evaluation
        .unwrap()
    };
    let c = run(None);
    let h = run(Some(&root().join("rules/hubei-2020.jx")));
    let mut differing = Vec::new();
    for (pc, ph) in c.projects.iter().zip(&h.projects) {
        assert_eq!(pc.execution_points.to_string(), "10");
        assert_eq!(ph.execution_points.to_string(), "20");
        assert_eq!(pc.execution_rate, ph.execution_rate);
        for (ic, ih) in pc.indicators.iter().zip(&ph.indicators) {
            let share = |i: &jixiao::model::evaluation::IndicatorEvaluation| {
                (i.score.unwrap() / i.points).round_dp(2)
            };
            if share(ic) != share(ih) {
                differing.push(format!("{}：{} [{}]", pc.name, ic.name, ic.trace.rule));
            }
        }
    }
    assert_eq!(
        differing,
        [
            "松江人大网络信息系统维护：人大机关工作的质量和效率 [定性]",
            "九地市人大工作交流：工作交流会日人均费用 [反向]",
            "全过程人民民主与松江人大工作研究：人均日培训费用 [反向]",
            "全过程人民民主与松江人大工作研究：工作计划完成及时性 [定性]",
        ]
    );
}

#[test]
fn markdown_csv_and_json() {
    let md = stdout(&eval(&["--format", "markdown"]));
    assert!(md.starts_with("# 项目支出绩效自评表（2025 年度）\n"));
    assert!(md.contains("| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |"));
    let csv = stdout(&eval(&["--format", "csv"]));
    assert!(csv.starts_with("\u{FEFF}项目,行,一级指标"));
    // The header, 预算执行率 and 总分 of 9 projects, 58 indicators, and the
    // department summary: 合计, 平均分, 5 counts and 4 grades (issue 15).
    assert_eq!(csv.lines().count(), 1 + 9 * 2 + 58 + 2 + 5 + 4);
    let o = eval(&["--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["format"], "jixiao-evaluation");
    let p0 = &v["projects"][0];
    assert_eq!(p0["total"], "80.74");
    // Short texts are held inline and long ones on the heap (`ShortText`):
    // both are plain JSON strings.
    assert_eq!(p0["name"], "松江人大网络信息系统维护");
    let i0 = &p0["indicators"][0];
    assert_eq!(
        [&i0["level1"], &i0["level2"], &i0["name"], &i0["group"]],
        ["成本指标", "经济成本指标", "运维总成本", "产出指标"]
    );
    assert_eq!(
        [&i0["target"], &i0["actual"]],
        ["≤ 10.04 万元", "8.84 万元"]
    );
    assert_eq!(p0["indicators"][5]["name"], "人大机关工作的质量和效率");
    assert_eq!(
        p0["groups"][0]["members"],
        serde_json::json!(["成本指标", "产出指标"])
    );
    assert_eq!(p0["grade"], "良");
    assert_eq!(
        p0["indicators"][6]["trace"]["line"],
        "使用者满意率：完成值 94.92% < 指标值 95% → 10 × 94.92 ÷ 95 = 9.99"
    );
    // 6, and the three JX-V018 of 执行率 ahead of completion (issue 19).
    assert_eq!(v["diagnostics"]["diagnostics"].as_array().unwrap().len(), 9);
}

#[test]
fn input_errors_exit_1_and_missing_files_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("bad.jx");
    let text = std::fs::read_to_string(root().join("examples/songjiang-npc-2025/actuals-2025.jx"))
        .unwrap()
        .replace("使用者满意率 = 112 / 118", "使用者满意度 = 112 / 118");
    std::fs::write(&bad, text).unwrap();
    let o = cli::command(&root())
        .args([
            "eval",
            "examples/songjiang-npc-2025/declaration.jx",
            "--actuals",
        ])
        .arg(&bad)
        .checked();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains("项目“松江人大网络信息系统维护”没有申报指标“使用者满意度”"),
        "{err}"
    );
    assert!(err.contains("是不是想写“使用者满意率”？"));

    let o = cli::command(&root())
        .args([
            "eval",
            "examples/songjiang-npc-2025/declaration.jx",
            "--actuals",
            "nope.jx",
        ])
        .checked();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn the_example_directory_still_checks_clean() {
    let o = cli::command(&root())
        .args(["check", "examples/songjiang-npc-2025"])
        .checked();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
}

#[test]
fn explain_is_eval_with_the_trace() {
    let a = eval(&["--explain"]);
    let b = cli::command(&root())
        .args([
            "explain",
            "examples/songjiang-npc-2025/declaration.jx",
            "--actuals",
            "examples/songjiang-npc-2025/actuals-2025.jx",
        ])
        .checked();
    assert_eq!(b.status.code(), Some(0));
    assert_eq!(stdout(&a), stdout(&b));
    assert!(stdout(&b)
        .contains("使用者满意率：完成值 94.92% < 指标值 95% → 10 × 94.92 ÷ 95 = 9.99    [正向]"));
}

#[test]
fn markdown_report() {
    let o = eval(&["--format", "markdown", "--rules", "rules/hubei-2020.jx"]);
    insta::assert_snapshot!("hubei_markdown", stdout(&o));
}

#[test]
fn check_reports_problems_inside_rule_and_actuals_files() {
    let tmp = tempfile::tempdir().unwrap();
    let rules = tmp.path().join("规则.jx");
    let text = std::fs::read_to_string(root().join("rules/central-2020.jx"))
        .unwrap()
        .replace(
            "分值 × 完成值 ÷ 指标值\n  反向",
            "分值 × 完成率 ÷ 指标值\n  反向",
        );
    std::fs::write(&rules, text).unwrap();
    let o = cli::command(&cli::root())
        .args(["check", "--format", "json"])
        .arg(&rules)
        .checked();
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("“正向”公式中的“完成率”不认识"), "{out}");
    // given as a root and as --rules, the finding is reported once
    let o = cli::command(&root())
        .args([
            "eval",
            "examples/songjiang-npc-2025/declaration.jx",
            "--actuals",
            "examples/songjiang-npc-2025/actuals-2025.jx",
            "--rules",
        ])
        .arg(&rules)
        .checked();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(
        err.matches("完成率").count(),
        2,
        "message and source line, once: {err}"
    );
}

/// The README's main command: a directory holding the declaration and the
/// actuals is evaluated without naming the actuals file.
#[test]
fn a_directory_with_declaration_and_actuals_evaluates() {
    let out = cli::command(&root())
        .args(["eval", "examples/songjiang-npc-2025"])
        .checked();
    assert_eq!(out.status.code(), Some(0));
    let named = eval(&[]);
    assert_eq!(out.stdout, named.stdout, "same 自评表 as with --actuals");
    let empty = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("examples/songjiang-npc-2025/declaration.jx"),
        empty.path().join("declaration.jx"),
    )
    .unwrap();
    let none = cli::command(&cli::root())
        .arg("eval")
        .arg(empty.path())
        .checked();
    assert_eq!(none.status.code(), Some(1));
    let err = String::from_utf8_lossy(&none.stderr);
    assert!(
        err.contains("JX-V001") && err.contains("--actuals"),
        "{err}"
    );
}

#[path = "common/cli.rs"]
mod cli;
use cli::Checked;

mod rule_files_in_the_folder {
    use super::cli::{jixiao_in, root};

    /// A copy of the example folder with the named rule sets beside it.
    fn folder_with(rules: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for f in ["declaration.jx", "actuals-2025.jx"] {
            let from = root().join("examples/songjiang-npc-2025").join(f);
            std::fs::copy(from, dir.path().join(f)).unwrap();
        }
        for r in rules {
            std::fs::copy(root().join("rules").join(r), dir.path().join(r)).unwrap();
        }
        dir
    }

    /// The rule file lying in the folder given to `eval` scores, and a
    /// notice says so; before, it was ignored and the built-in set scored.
    #[test]
    fn one_is_used_and_named() {
        let dir = folder_with(&["hubei-2020.jx"]);
        let r = jixiao_in(dir.path(), &["eval", "."]);
        r.code(0).has(&[
            "规则集：hubei-2020 项目支出绩效自评（湖北省 2020 年口径，比率式）",
            "提示[JX-V022]",
            "按所给文件中的规则集 ./hubei-2020.jx 评分，而不是内置的 central-2020",
        ]);
        r.lacks(&["规则集：central-2020"]);
    }

    #[test]
    fn several_are_an_error_that_asks_which() {
        let dir = folder_with(&["hubei-2020.jx", "central-2020.jx"]);
        let r = jixiao_in(dir.path(), &["eval", "."]);
        r.code(1).has(&[
            "错误[JX-V023]",
            "找到多个规则集文件：./central-2020.jx、./hubei-2020.jx，不知道用哪一个",
            "用 --rules 指定其中一个",
            "未能评分",
        ]);
        // Naming one settles it, without a notice.
        let r = jixiao_in(dir.path(), &["eval", ".", "--rules", "central-2020.jx"]);
        r.code(0)
            .has(&["规则集：central-2020"])
            .lacks(&["JX-V022", "JX-V023"]);
    }
}
