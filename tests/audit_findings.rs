//! The audit's findings catalogue (issue 19): every JX-H code has a form
//! under `tests/cases/audit/<code>/` that triggers it (`bad.jx`) and one that
//! does not (`good.jx`), each a single file with the 部门 and its 自评
//! printed values, audited under the built-in central-2020. A bad form
//! draws exactly its code among the JX-H findings, with the message the
//! user reads; a good form draws no audit finding at all. Every code is in
//! docs/findings.md with its title and severity.

use jixiao::audit::FormAudit;
use jixiao::diagnostic::codes;
use jixiao::diagnostic::render::{render_all, RenderOptions};
use std::path::{Path, PathBuf};

const OPTIONS: RenderOptions = RenderOptions {
    color: false,
    width: Some(100),
};

fn fixture(code: &str, kind: &str) -> PathBuf {
    // Relative (the tests run in the crate's folder): the snapshots show it.
    PathBuf::from(format!("tests/cases/audit/{code}/{kind}.jx"))
}

/// The audit of one fixture, and what the user reads of its findings.
fn audit(path: &Path) -> (FormAudit, String) {
    let run = jixiao::evaluate_paths(
        &[path.to_path_buf()],
        None,
        None,
        &jixiao::LoadOptions::default(),
    );
    let audited = jixiao::audit::audit(&run, "form");
    let shown = render_all(&audited.diagnostics, run.sources(), OPTIONS);
    (audited, shown)
}

fn audit_codes() -> Vec<&'static codes::Code> {
    codes::ALL
        .iter()
        .filter(|c| c.code.starts_with("JX-H"))
        .collect()
}

/// What each bad form's finding says (a part of the message).
const SAYS: &[(&str, &str)] = &[
    (
        "JX-H001",
        "指标“政策知晓率”表上得分 25，按 central-2020 算得 26.67（正向：完成值 80% < 指标值 90% → 30 × 80 ÷ 90 = 26.67）",
    ),
    (
        "JX-H002",
        "指标“合格率”表上得分 20，按 central-2020 算得 25.00（正向：完成值 95% > 指标值 90% → 满分 25.00）：指标已达成，表上却比表上的分值 25 少给了分",
    ),
    (
        "JX-H003",
        "指标“政策知晓率”表上得分 28，按 central-2020 算得 28.33（正向：完成值 85% < 指标值 90% → 30 × 85 ÷ 90 = 28.33）：表上是它舍入到所印位数的结果",
    ),
    (
        "JX-H004",
        "项目“培训项目”的小计“产出指标”：表上得分为 45，表上各部分之和为 培训人数 25 + 合格率 25 = 50",
    ),
    (
        "JX-H005",
        "项目“培训项目”的合计：表上得分为 95，表上各部分之和为 培训人数 25 + 合格率 25 + 政策知晓率 30 + 学员满意度 10 + 预算执行率 10 = 100",
    ),
    ("JX-H006", "项目“培训项目”表上的合计得分 105，超过满分 100"),
    (
        "JX-H007",
        "项目“培训项目”表上的等级是“良”，而表上合计得分 100 按规则集“central-2020”的等级是“优”",
    ),
    (
        "JX-H008",
        "项目“培训项目”表上预算执行率得分 8，按 central-2020 算得 10.00",
    ),
    ("JX-H009", "指标“学员满意度”表上得分 12，超过表上的分值 10"),
    (
        "JX-H010",
        "项目“培训项目”表上的等级“A”不是规则集“central-2020”的等级词；表上合计得分 100 按它是“优”",
    ),
    (
        "JX-H011",
        "指标“群众认可度”评为“部分达成”，表上得分 22.5，在规则集“central-2020”这一等级的分数段 18～24 分之内；规则集的默认是 21.00",
    ),
];

#[test]
fn every_audit_code_has_a_bad_and_a_good_form() {
    for c in audit_codes() {
        for kind in ["bad", "good"] {
            assert!(
                fixture(c.code, kind).is_file(),
                "{} lacks tests/cases/audit/{}/{kind}.jx",
                c.code,
                c.code
            );
        }
        assert!(
            SAYS.iter().any(|(code, _)| *code == c.code),
            "{}: what its bad form says is not asserted",
            c.code
        );
    }
}

#[test]
fn a_bad_form_draws_exactly_its_code_and_a_good_one_nothing() {
    for c in audit_codes() {
        let (bad, shown) = audit(&fixture(c.code, "bad"));
        let got: Vec<&str> = bad
            .findings
            .iter()
            .filter(|f| f.code.starts_with("JX-H"))
            .map(|f| f.code)
            .collect();
        assert_eq!(got, [c.code], "{}/bad.jx:\n{shown}", c.code);
        let says = SAYS
            .iter()
            .find(|(code, _)| *code == c.code)
            .map(|(_, s)| *s)
            .unwrap_or_default();
        assert!(
            bad.findings.iter().any(|f| f.message.contains(says)),
            "{}/bad.jx does not say “{says}”:\n{shown}",
            c.code
        );
        assert!(shown.contains(c.code), "{shown}");
        insta::assert_snapshot!(format!("{}-bad", c.code), shown);

        let (good, shown) = audit(&fixture(c.code, "good"));
        assert!(
            good.findings.is_empty() && good.diagnostics.is_empty(),
            "{}/good.jx should draw no audit finding:\n{shown}",
            c.code
        );
    }
}

#[test]
fn every_audit_code_is_documented() {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/findings.md"))
            .expect("docs/findings.md");
    let section = doc
        .split("## 自评复核（jixiao audit）")
        .nth(1)
        .expect("docs/findings.md has a section “## 自评复核（jixiao audit）”");
    for c in audit_codes() {
        let row = section
            .lines()
            .find(|l| l.starts_with(&format!("| {} ", c.code)))
            .unwrap_or_else(|| panic!("{} has no row in the audit section", c.code));
        assert!(
            row.contains(&format!("| {} |", c.title)),
            "{}: row does not carry the title “{}”",
            c.code,
            c.title
        );
        assert!(
            row.contains(&format!("| {} |", c.severity.chinese())),
            "{}: row does not carry the severity",
            c.code
        );
    }
}

/// A one-indicator project: 执行 of 100 万元 and the indicator's actual.
fn progress(spent: &str, actual: &str) -> FormAudit {
    let declaration = "部门 \"局\" {\n 年度 2025\n 项目 \"甲\" {\n  资金 {\n   年度申请 100 万元\n  }\n  指标 {\n   产出指标 { 数量指标 { 培训人数 ≥ 100 人 } }\n  }\n }\n}\n";
    let actuals = format!(
        "自评 \"局\" 2025 {{\n 项目 \"甲\" {{\n  预算 100 万元\n  执行 {spent} 万元\n  培训人数 {actual} 人 原因 \"说明\"\n }}\n}}\n"
    );
    let run = jixiao::evaluate_text(declaration, &actuals, None);
    jixiao::audit::audit(&run, "form")
}

fn progress_messages(a: &FormAudit) -> Vec<(String, String)> {
    a.findings
        .iter()
        .filter(|f| f.code == "JX-V018")
        .map(|f| (f.line.to_string(), f.message.clone()))
        .collect()
}

#[test]
fn execution_and_completion_apart_is_reported_both_ways_on_the_project() {
    // Targets ahead of spending: 100% of the indicator, 执行 80%.
    let ahead = progress("80", "100");
    assert_eq!(
        progress_messages(&ahead),
        [(
            "（项目）".to_string(),
            "项目“甲”的指标得分率 100.00% 比预算执行率 80.00% 高出 5 个百分点以上".to_string()
        )]
    );
    // Money spent, targets not reached: 执行 100%, 80 of 100 人.
    let behind = progress("100", "80");
    assert_eq!(
        progress_messages(&behind),
        [(
            "（项目）".to_string(),
            "项目“甲”的预算执行率 100.00% 比指标得分率 80.00% 高出 5 个百分点以上".to_string()
        )]
    );
    let help = behind
        .diagnostics
        .iter()
        .find(|d| d.code == "JX-V018")
        .and_then(|d| d.help.as_deref())
        .unwrap_or_default()
        .to_string();
    assert!(
        help.contains("资金已经花出，绩效目标却没有相应完成"),
        "{help}"
    );
    // 5 points apart is not more than 5.
    assert_eq!(progress_messages(&progress("100", "95")), []);
    assert_eq!(progress_messages(&progress("95", "100")), []);
}

/// The form of `tests/cases/audit/JX-H005/good.jx` (consistent throughout)
/// with each `(from, to)` replaced, audited under central-2020.
fn variant(subs: &[(&str, &str)]) -> FormAudit {
    let mut text = std::fs::read_to_string(fixture("JX-H005", "good")).unwrap();
    for (from, to) in subs {
        assert!(text.contains(from), "the form has no “{from}”");
        text = text.replacen(from, to, 1);
    }
    let at = text.find("\n自评 ").expect("a 自评 block");
    let (declaration, actuals) = text.split_at(at);
    let run = jixiao::evaluate_text(declaration, actuals, None);
    jixiao::audit::audit(&run, "form")
}

fn found(a: &FormAudit) -> Vec<(String, &'static str)> {
    a.findings
        .iter()
        .map(|f| (f.line.to_string(), f.code))
        .collect()
}

#[test]
fn a_wrong_row_summed_rightly_is_the_rows_finding_only() {
    // 合格率 printed 20 though met; 小计 and 合计 add the printed 20 up.
    let a = variant(&[
        ("合格率 95% 分值 25 得分 25", "合格率 95% 分值 25 得分 20"),
        (
            "小计 产出指标 分值 50 得分 50",
            "小计 产出指标 分值 50 得分 45",
        ),
        ("合计 分值 100 得分 100", "合计 分值 100 得分 95"),
    ]);
    assert_eq!(found(&a), [("合格率".to_string(), "JX-H002")]);
    assert_eq!(a.findings[0].stake.to_string(), "5.00");
}

#[test]
fn a_sum_within_half_its_last_digit_is_not_a_finding() {
    let sums = |a: &FormAudit| -> Vec<&'static str> {
        a.findings
            .iter()
            .map(|f| f.code)
            .filter(|c| ["JX-H004", "JX-H005"].contains(c))
            .collect()
    };
    // 98 of 100 人 scores 24.5 and 89% scores 29.67 (both printed as
    // computed): the 小计 50 against 25 + 24.5 = 49.5 is half a unit of its
    // last digit away, not a finding; the 合计 100 against
    // 25 + 24.5 + 29.67 + 10 + 10 = 99.17 is beyond it.
    let within = variant(&[
        (
            "培训人数 100 人 分值 25 得分 25",
            "培训人数 98 人 分值 25 得分 24.5 原因 \"缺席\"",
        ),
        (
            "政策知晓率 95% 分值 30 得分 30",
            "政策知晓率 89% 分值 30 得分 29.67 原因 \"宣传不足\"",
        ),
    ]);
    assert_eq!(
        found(&within)
            .into_iter()
            .filter(|(_, c)| c.starts_with("JX-H"))
            .collect::<Vec<_>>(),
        [("合计".to_string(), "JX-H005")],
        "the 小计 is within half its last digit, the 合计 is not"
    );
    // 89% alone: 合计 100 against 99.67, within half of its last digit.
    let total_within = variant(&[(
        "政策知晓率 95% 分值 30 得分 30",
        "政策知晓率 89% 分值 30 得分 29.67 原因 \"宣传不足\"",
    )]);
    assert_eq!(sums(&total_within), Vec::<&str>::new());
    // 96 of 100 人 scores 24: the 小计 50 against 49 is a finding.
    let beyond = variant(&[(
        "培训人数 100 人 分值 25 得分 25",
        "培训人数 96 人 分值 25 得分 24 原因 \"缺席\"",
    )]);
    assert_eq!(sums(&beyond), ["JX-H004", "JX-H005"]);
}

#[test]
fn a_score_cut_to_the_printed_places_says_so() {
    // 知晓率 89%: 30 × 89 ÷ 90 = 29.67; printed 29 is it cut, not rounded.
    let a = variant(&[
        (
            "政策知晓率 95% 分值 30 得分 30",
            "政策知晓率 89% 分值 30 得分 29 原因 \"宣传不足\"",
        ),
        ("合计 分值 100 得分 100", "合计 分值 100 得分 99"),
    ]);
    assert_eq!(found(&a), [("政策知晓率".to_string(), "JX-H001")]);
    let help = a
        .diagnostics
        .iter()
        .find(|d| d.code == "JX-H001")
        .and_then(|d| d.help.as_deref())
        .unwrap_or_default();
    assert!(
        help.contains("算出的 29.67 截断到整数才是表上的数（四舍五入应为 30）"),
        "{help}"
    );
}
