//! The points a form prints (issue 17): group 分值 in declarations, printed
//! 分值, 得分, 小计, 合计 and 等级 in 自评, and how the rule set combines them
//! with its own (`表内分值 采用 | 折算 | 不用`). What a user sees: the points
//! and scores used, the printed ones beside them, the diagnostics, the grade.

#[path = "common/cli.rs"]
mod cli;

use jixiao::model::evaluation::ProjectEvaluation;
use jixiao::Diagnostic;
use rust_decimal::Decimal;

const CENTRAL: &str = include_str!("../rules/central-2020.jx");

/// The weights of the 2022 中江 form: 产出 70 (10 + 10 + 20 + 10 + 10 + 10),
/// 效益 20, 满意度 10, written as group and indicator 分值.
const ZHONGJIANG: &str = "部门 \"中江县水利局\" {
  年度 2022
  项目 \"水标尺\" {
    资金 {
      年度申请 20 万元
    }
    指标 {
      产出指标 分值 70 {
        数量指标 {
          水标尺长度 ≥ 266 米 分值 10
          水标尺宽度 ≥ 50 厘米 分值 10
        }
        质量指标 {
          验收合格率 ≥ 100% 分值 20
        }
        时效指标 {
          开工率 ≥ 90% 分值 10
          完工率 ≥ 90% 分值 10
        }
        成本指标 {
          总投资 ≤ 20 万元 分值 10
        }
      }
      效益指标 分值 20 {
        社会效益指标 {
          受益人口 ≥ 1000 人 分值 10
          生产生活条件: 显著提升 分值 10
        }
      }
      满意度指标 分值 10 {
        服务对象满意度指标 {
          满意度 ≥ 95% 分值 10
        }
      }
    }
  }
}
";

/// Everything met, as the form printed it (all full marks, 总分 100).
const ZHONGJIANG_ACTUALS: &str = "自评 \"中江县水利局\" 2022 {
  项目 \"水标尺\" {
    预算 20 万元
    执行 20 万元
    水标尺长度 266 米 得分 10
    水标尺宽度 50 厘米 得分 10
    验收合格率 100% 得分 20
    开工率 90% 得分 10
    完工率 90% 得分 10
    总投资 20 万元 得分 10
    受益人口 1000 人 得分 10
    生产生活条件: 达成 得分 10
    满意度 95% 得分 10
    小计 产出指标 分值 70 得分 70
    合计 分值 100 得分 100
  }
}
";

fn with_policy(policy: &str) -> String {
    CENTRAL.replace("表内分值 折算", &format!("表内分值 {policy}"))
}

fn evaluate(decl: &str, actuals: &str, rules: &str) -> (ProjectEvaluation, Vec<Diagnostic>) {
    let r = jixiao::evaluate_text(decl, actuals, Some(rules));
    let ev = r.evaluation.expect("evaluation ran");
    (ev.projects[0].clone(), r.diagnostics)
}

fn codes(diags: &[Diagnostic]) -> Vec<&'static str> {
    diags.iter().map(|d| d.code).collect()
}

fn points(p: &ProjectEvaluation) -> Vec<String> {
    p.indicators.iter().map(|i| i.points.to_string()).collect()
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// 折算 (central-2020's own): 70/20/10 share out 50/30/10, the total is at
/// most 100 and graded; an Info says what was scaled; no JX-V014.
#[test]
fn the_forms_weights_are_scaled_into_the_rule_sets_groups() {
    let (p, diags) = evaluate(ZHONGJIANG, ZHONGJIANG_ACTUALS, CENTRAL);
    assert_eq!(
        points(&p),
        ["7.14", "7.14", "14.28", "7.14", "7.14", "7.16", "15", "15", "10"]
    );
    let groups: Vec<(String, String)> = p
        .groups
        .iter()
        .map(|g| (g.name.to_string(), g.points.to_string()))
        .collect();
    assert_eq!(
        groups,
        [
            ("产出指标".to_string(), "50".to_string()),
            ("效益指标".into(), "30".into()),
            ("满意度指标".into(), "10".into())
        ]
    );
    assert_eq!(p.total, Some(d("100")));
    assert_eq!(p.grade.as_deref(), Some("优"));
    assert!(!codes(&diags).contains(&"JX-V014"), "{diags:#?}");
    let scaled: Vec<&str> = diags
        .iter()
        .filter(|d| d.code == "JX-V051")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        scaled,
        [
            "项目“水标尺”中“产出指标”的表内分值合计 70，按规则“表内分值 折算”折算为规则集给这一组的 50 分",
            "项目“水标尺”中“效益指标”的表内分值合计 20，按规则“表内分值 折算”折算为规则集给这一组的 30 分",
        ]
    );
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:#?}");
}

/// 采用: the form's points are the points; 70 + 20 + 10 + 预算执行率 10 is
/// 110, an error on the group whose points pass 100, and no grade (before:
/// graded 优 at 110).
#[test]
fn the_forms_points_above_100_are_an_error_and_not_graded() {
    let (p, diags) = evaluate(ZHONGJIANG, ZHONGJIANG_ACTUALS, &with_policy("采用"));
    assert_eq!(
        points(&p),
        ["10", "10", "20", "10", "10", "10", "10", "10", "10"]
    );
    assert_eq!(p.total, Some(d("110.00")));
    assert_eq!(p.grade, None);
    assert_eq!(
        p.grade_withheld.as_deref(),
        Some("分值合计 110，超过满分 100")
    );
    let over: Vec<&Diagnostic> = diags.iter().filter(|d| d.code == "JX-V050").collect();
    assert_eq!(over.len(), 1, "{diags:#?}");
    assert!(over[0].is_error());
    assert_eq!(
        over[0].message,
        "项目“水标尺”的分值合计 110（预算执行率 10 + 产出指标 70 + 效益指标 20 + 满意度指标 10），超过满分 100：总分照算，但不评等级"
    );
    // On the line that passes 100: 满意度指标's 分值 10 (10 + 70 + 20 + 10).
    let label = over[0]
        .labels
        .iter()
        .find(|l| l.message.as_deref() == Some("这一组的表内分值使合计超过 100"))
        .expect("labelled");
    assert_eq!(
        label.span.start,
        ZHONGJIANG.find("分值 10 {").unwrap() as u32
    );
}

/// 采用 with the form's points adding up to 100 (四川 2023: 产出 60, 效益 30,
/// no 满意度): scored on the form's points, no warning about the group the
/// form does not have.
#[test]
fn the_forms_points_that_fill_100_are_used_as_they_are() {
    let decl = "部门 \"青神县发展和改革局\" {\n  年度 2023\n  项目 \"工资性支出\" {\n    资金 {\n      年度申请 251.89 万元\n    }\n    指标 {\n      产出指标 分值 60 {\n        数量指标 {\n          发放覆盖率 = 100%\n        }\n      }\n      效益指标 分值 30 {\n        社会效益指标 {\n          足额保障率 = 100%\n        }\n      }\n    }\n  }\n}\n";
    let act = "自评 \"青神县发展和改革局\" 2023 {\n  项目 \"工资性支出\" {\n    预算 251.89 万元\n    执行 251.89 万元\n    发放覆盖率 100%\n    足额保障率 100%\n  }\n}\n";
    let (p, diags) = evaluate(decl, act, &with_policy("采用"));
    assert_eq!(points(&p), ["60", "30"]);
    assert_eq!(p.total, Some(d("100.00")));
    assert_eq!(p.grade.as_deref(), Some("优"));
    assert!(!codes(&diags).contains(&"JX-V021"), "{diags:#?}");
    assert!(!codes(&diags).contains(&"JX-V050"), "{diags:#?}");
    // Under 折算 the same form loses 满意度's 10 points, and says so.
    let (p, diags) = evaluate(decl, act, CENTRAL);
    assert_eq!(points(&p), ["50", "30"]);
    assert_eq!(p.total, Some(d("90.00")));
    assert!(codes(&diags).contains(&"JX-V021"));
}

/// 原州 2022: “产出指标(40分)” over six indicators of 8 (48). The group's
/// indicators are brought within its points (JX-V014), so the subtotal
/// never exceeds them; before, the group scored 48 of 40.
#[test]
fn a_group_never_scores_above_its_points() {
    let decl = "部门 \"原州区农技中心\" {\n  年度 2022\n  项目 \"马铃薯\" {\n    资金 {\n      年度申请 300 万元\n    }\n    指标 {\n      产出指标 分值 40 {\n        数量指标 {\n          甲 ≥ 1 个 分值 8\n          乙 ≥ 1 个 分值 8\n          丙 ≥ 1 个 分值 8\n        }\n        质量指标 {\n          丁 ≥ 90% 分值 8\n          戊 ≥ 90% 分值 8\n          己 ≥ 90% 分值 8\n        }\n      }\n    }\n  }\n}\n";
    let act = "自评 \"原州区农技中心\" 2022 {\n  项目 \"马铃薯\" {\n    预算 300 万元\n    执行 259.45 万元\n    甲 1 个 得分 8\n    乙 1 个 得分 8\n    丙 1 个 得分 8\n    丁 95% 得分 8\n    戊 95% 得分 8\n    己 95% 得分 8\n  }\n}\n";
    for policy in ["采用", "折算"] {
        let (p, diags) = evaluate(decl, act, &with_policy(policy));
        let mismatch: Vec<&str> = diags
            .iter()
            .filter(|d| d.code == "JX-V014")
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            mismatch,
            ["项目“马铃薯”中“产出指标”各指标的分值合计 48，而表上这一组的分值是 40"],
            "{policy}"
        );
        let g = &p.groups[0];
        let want = if policy == "采用" { "40" } else { "50" };
        assert_eq!(g.points.to_string(), want, "{policy}");
        assert_eq!(g.score, Some(d(want)), "{policy}");
        let sum: Decimal = p.indicators.iter().map(|i| i.points).sum();
        assert_eq!(sum, d(want), "{policy}: {:?}", points(&p));
        for i in &p.indicators {
            assert!(i.score.unwrap() <= i.points);
        }
    }
}

/// An indicator's 分值 above its group's (满意度 10) while the other has
/// none: JX-V014, the written one brought within the group, the other 0 —
/// the subtotal stays within 10 (before: 20 of 10).
#[test]
fn written_points_above_the_rule_sets_group_are_cut_to_it() {
    let decl = "部门 \"局\" {\n  年度 2025\n  项目 \"甲\" {\n    资金 {\n      年度申请 100 元\n    }\n    指标 {\n      满意度指标 {\n        服务对象满意度指标 {\n          学员满意度 ≥ 90% 分值 20\n          回访满意度 ≥ 90%\n        }\n      }\n    }\n  }\n}\n";
    let act = "自评 \"局\" 2025 {\n  项目 \"甲\" {\n    预算 100 元\n    执行 100 元\n    学员满意度 95%\n    回访满意度 95%\n  }\n}\n";
    let (p, diags) = evaluate(decl, act, CENTRAL);
    assert!(codes(&diags).contains(&"JX-V014"));
    assert_eq!(points(&p), ["10", "0"]);
    assert_eq!(p.groups[2].score, Some(d("10.00")));
}

/// 不用: the form's points are shown only; each group is split evenly.
#[test]
fn ignored_weights_leave_an_even_split() {
    let (p, diags) = evaluate(ZHONGJIANG, ZHONGJIANG_ACTUALS, &with_policy("不用"));
    assert_eq!(
        points(&p),
        ["8.33", "8.33", "8.33", "8.33", "8.33", "8.35", "15", "15", "10"]
    );
    assert!(!codes(&diags).contains(&"JX-V051"));
    assert!(!codes(&diags).contains(&"JX-V014"));
    // The printed scores are still beside the computed ones.
    assert_eq!(p.indicators[0].printed_score, Some(d("10")));
}

/// Printed 得分 without 理由 are shown beside the computed score, never in
/// its place; with 理由 it is an override that counts, as before; a line
/// may print values without an actual.
#[test]
fn printed_scores_stand_beside_the_computed_ones() {
    let decl = "部门 \"局\" {\n  年度 2019\n  项目 \"暖通\" {\n    资金 {\n      年度申请 43.2 万元\n    }\n    指标 {\n      产出指标 {\n        数量指标 {\n          工程资金金额 ≥ 43.2 万元 分值 10\n          工程完工率 ≥ 100% 分值 10\n          安全率 ≥ 100% 分值 30\n        }\n      }\n    }\n  }\n}\n";
    let act = "自评 \"局\" 2019 {\n  项目 \"暖通\" {\n    预算 43.2 万元\n    执行 37.24 万元\n    工程资金金额 37.24 万元 得分 9\n    工程完工率 100% 得分 9.5 理由 \"验收推迟\"\n    安全率 分值 30 得分 30\n  }\n}\n";
    let (p, diags) = evaluate(decl, act, CENTRAL);
    let i = &p.indicators;
    // 10 × 37.24 ÷ 43.2 = 8.62; the form printed 9.
    assert_eq!(i[0].score, Some(d("8.62")));
    assert_eq!(i[0].printed_score, Some(d("9")));
    assert!(i[0].printed_differs());
    // The override counts in the adjusted total, as it did.
    assert_eq!(i[1].manual.as_ref().map(|m| m.score), Some(d("9.5")));
    assert_eq!(i[1].printed_score, None);
    // No actual: scored as missing, the printed values beside.
    assert!(i[2].missing);
    assert_eq!(i[2].score, Some(d("0.00")));
    assert_eq!(
        (i[2].printed_points, i[2].printed_score),
        (Some(d("30")), Some(d("30")))
    );
    assert!(codes(&diags).contains(&"JX-V006"));
    // A 分值 on the 自评 line equal to the declared one: no warning.
    assert!(!codes(&diags).contains(&"JX-V052"));
}

/// The text table marks a printed score that is not the computed one, and
/// the printed subtotal and total; JSON names them (W4), and leaves them
/// out when the 自评 prints nothing.
#[test]
fn every_output_shows_the_printed_numbers() {
    let langfang_decl = "部门 \"廊坊市食品工程学校\" {\n  年度 2019\n  项目 \"暖通改造\" {\n    资金 {\n      年度申请 43.2 万元\n    }\n    指标 {\n      产出指标 {\n        数量指标 {\n          工程资金金额 ≥ 43.2 万元\n        }\n      }\n    }\n  }\n}\n";
    let act = "自评 \"廊坊市食品工程学校\" 2019 {\n  项目 \"暖通改造\" {\n    预算 43.2 万元\n    执行 37.24 万元\n    工程资金金额 37.24 万元 分值 10 得分 9\n    小计 产出指标 分值 10 得分 9\n    合计 分值 100 得分 98 等级 优\n  }\n}\n";
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("申报.jx"), langfang_decl).unwrap();
    std::fs::write(dir.path().join("自评.jx"), act).unwrap();
    let table = cli::jixiao_in(dir.path(), &["eval", "申报.jx", "--actuals", "自评.jx"]);
    table.has(&[
        "表内分值",
        "表内得分",
        "9.00 ≠",
        "产出指标 50 分，得 43.10（表内分值 10，得分 9.00 ≠）",
        "表内分值 100，表内得分 98.00 ≠",
    ]);
    let json = cli::jixiao_in(
        dir.path(),
        &[
            "eval",
            "申报.jx",
            "--actuals",
            "自评.jx",
            "--format",
            "json",
        ],
    );
    json.has(&[
        "\"printed_points\": \"10\"",
        "\"printed_score\": \"9\"",
        "\"printed_total\": \"98\"",
        "\"printed_total_points\": \"100\"",
        "\"printed_grade\": \"优\"",
    ]);
    let csv = cli::jixiao_in(
        dir.path(),
        &["eval", "申报.jx", "--actuals", "自评.jx", "--format", "csv"],
    );
    csv.has(&["表内得分不符", "暖通改造,小计,产出指标"]);
    // Nothing printed: no printed key at all.
    let plain = "自评 \"廊坊市食品工程学校\" 2019 {\n  项目 \"暖通改造\" {\n    预算 43.2 万元\n    执行 37.24 万元\n    工程资金金额 37.24 万元\n  }\n}\n";
    std::fs::write(dir.path().join("自评.jx"), plain).unwrap();
    let json = cli::jixiao_in(
        dir.path(),
        &[
            "eval",
            "申报.jx",
            "--actuals",
            "自评.jx",
            "--format",
            "json",
        ],
    );
    json.lacks(&["printed", "grade_withheld"]);
    cli::jixiao_in(dir.path(), &["eval", "申报.jx", "--actuals", "自评.jx"]).lacks(&["表内"]);
}

/// A 自评 分值 that is not the declared one: the declaration's stands, with
/// a warning that shows both; the 自评's is used where the declaration
/// writes none.
#[test]
fn printed_points_that_differ_from_the_declared_ones_are_named() {
    let decl = ZHONGJIANG.replace("满意度 ≥ 95% 分值 10", "满意度 ≥ 95%");
    let act = ZHONGJIANG_ACTUALS.replace(
        "水标尺长度 266 米 得分 10",
        "水标尺长度 266 米 分值 12 得分 10",
    );
    let (_, diags) = evaluate(&decl, &act, CENTRAL);
    let differ: Vec<&str> = diags
        .iter()
        .filter(|d| d.code == "JX-V052")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        differ,
        ["自评表上“水标尺长度”印的分值 12 与申报的分值 10 不同，按申报的 10 计"]
    );
}

/// `check` reports what eval refuses for its points: JX-V050 under a rule
/// file that uses the form's points.
#[test]
fn check_reports_points_above_100() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("申报.jx"), ZHONGJIANG).unwrap();
    std::fs::write(dir.path().join("规则.jx"), with_policy("采用")).unwrap();
    cli::jixiao_in(dir.path(), &["check", "申报.jx", "规则.jx"])
        .code(1)
        .has(&["JX-V050", "分值合计 110", "这一组的表内分值使合计超过 100"]);
    std::fs::write(dir.path().join("规则.jx"), CENTRAL).unwrap();
    cli::jixiao_in(dir.path(), &["check", "申报.jx", "规则.jx"]).lacks(&["JX-V050", "JX-V014"]);
}

/// The Sichuan rule set loads, and scores the 中江 form as printed.
#[test]
fn the_sichuan_rule_set_loads_and_reproduces_the_printed_total() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("申报.jx"), ZHONGJIANG).unwrap();
    std::fs::write(dir.path().join("自评.jx"), ZHONGJIANG_ACTUALS).unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let rules = format!("{root}/rules/sichuan-2022.jx");
    cli::jixiao_in(
        dir.path(),
        &["eval", "申报.jx", "--actuals", "自评.jx", "--rules", &rules],
    )
    .code(0)
    .has(&[
        "规则集：sichuan-2022",
        "总分：100.00    等级：优",
        "表内分值 100，表内得分 100.00",
    ])
    .lacks(&["100.00 ≠"]);
}

/// `diff` compares group 分值 and what the form printed by value: 70 → 50
/// is a change, 70 → 70.0 none.
#[test]
fn diff_names_changed_points_and_printed_values() {
    let dir = tempfile::tempdir().unwrap();
    for side in ["旧", "新"] {
        std::fs::create_dir(dir.path().join(side)).unwrap();
        std::fs::write(dir.path().join(side).join("自评.jx"), ZHONGJIANG_ACTUALS).unwrap();
    }
    let write = |side: &str, decl: &str, act: &str| {
        std::fs::write(dir.path().join(side).join("申报.jx"), decl).unwrap();
        std::fs::write(dir.path().join(side).join("自评.jx"), act).unwrap();
    };
    write("旧", ZHONGJIANG, ZHONGJIANG_ACTUALS);
    write(
        "新",
        &ZHONGJIANG.replace("产出指标 分值 70", "产出指标 分值 50"),
        &ZHONGJIANG_ACTUALS
            .replace("合计 分值 100 得分 100", "合计 分值 100 得分 98 等级 优")
            .replace("开工率 90% 得分 10", "开工率 90% 得分 9"),
    );
    cli::jixiao_in(dir.path(), &["diff", "旧", "新"])
        .code(1)
        .has(&[
            "分组“产出指标”的分值：“70” → “50”",
            "完成值“开工率”的表内得分：“10” → “9”",
            "完成值“合计”的表内得分：“100” → “98”",
            "完成值“合计”新增表内等级：“优”",
        ]);
    write(
        "新",
        &ZHONGJIANG.replace("产出指标 分值 70", "产出指标 分值 70.0"),
        &ZHONGJIANG_ACTUALS.replace("得分 70", "得分 70.00"),
    );
    cli::jixiao_in(dir.path(), &["diff", "旧", "新"])
        .code(0)
        .has(&["无实质变更"]);
}

/// The workbook: the printed columns after 得分, the printed score a number
/// (red with ≠ when it differs), the printed total under them, and the
/// title rows merged over the wider table.
#[test]
fn the_workbook_shows_the_printed_numbers_as_numbers() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("申报.jx"), ZHONGJIANG).unwrap();
    let act = ZHONGJIANG_ACTUALS.replace(
        "水标尺宽度 50 厘米 得分 10",
        "水标尺宽度 50 厘米 分值 10 得分 10",
    );
    std::fs::write(dir.path().join("自评.jx"), act).unwrap();
    cli::jixiao_in(
        dir.path(),
        &[
            "report",
            "申报.jx",
            "--actuals",
            "自评.jx",
            "--xlsx",
            "自评表.xlsx",
        ],
    )
    .code(0);
    let mut book: Xlsx<_> = open_workbook(dir.path().join("自评表.xlsx")).unwrap();
    book.load_merged_regions().unwrap();
    let name = book.sheet_names()[1].clone();
    let r = book.worksheet_range(&name).unwrap();
    let header: Vec<String> = (0..11)
        .map(|c| match r.get_value((8, c)) {
            Some(Data::String(s)) => s.clone(),
            _ => String::new(),
        })
        .collect();
    assert_eq!(
        header[1..],
        [
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "表内分值",
            "表内得分",
            "偏差原因分析及改进措施"
        ]
    );
    // 安装坡面水标尺: computed 7.14, printed 10 (a number).
    assert_eq!(r.get_value((9, 7)), Some(&Data::Float(7.14)));
    assert_eq!(r.get_value((9, 9)), Some(&Data::Float(10.0)));
    assert_eq!(r.get_value((10, 8)), Some(&Data::Float(10.0)));
    // 总分: points, total, then the printed total under 表内得分.
    assert_eq!(r.get_value((18, 6)), Some(&Data::Float(100.0)));
    assert_eq!(r.get_value((18, 7)), Some(&Data::Float(100.0)));
    assert_eq!(r.get_value((18, 8)), Some(&Data::Float(100.0)));
    assert_eq!(r.get_value((18, 9)), Some(&Data::Float(100.0)));
    let merged: Vec<_> = book
        .merged_regions_by_sheet(&name)
        .into_iter()
        .map(|(_, _, d)| (d.start, d.end))
        .collect();
    assert!(merged.contains(&((0, 0), (0, 10))), "{merged:?}");
}

/// What cannot be right in what a form printed is said on its line: a
/// negative 分值 or 得分 (JX-V054, and not used as a weight), a 小计 of a
/// group the declaration does not have (JX-V053), a second 合计 (JX-M002).
/// A line with no actual may carry a manual score, which counts.
#[test]
fn printed_values_that_cannot_be_are_named() {
    let act = ZHONGJIANG_ACTUALS
        .replace(
            "水标尺长度 266 米 得分 10",
            "水标尺长度 266 米 分值 -10 得分 10",
        )
        .replace(
            "小计 产出指标 分值 70 得分 70",
            "小计 产出指标 分值 70 得分 70\n    小计 投入指标 得分 5",
        )
        .replace(
            "合计 分值 100 得分 100",
            "合计 分值 100 得分 100\n    合计 得分 99",
        )
        .replace(
            "满意度 95% 得分 10",
            "满意度 分值 10 得分 9 理由 \"问卷回收不足，按 90% 计\"",
        );
    let (p, diags) = evaluate(ZHONGJIANG, &act, CENTRAL);
    let said = |code: &str| -> Vec<String> {
        diags
            .iter()
            .filter(|d| d.code == code)
            .map(|d| d.message.clone())
            .collect()
    };
    assert_eq!(said("JX-V054"), ["表上印的“-10”是负数"]);
    assert_eq!(
        said("JX-V053"),
        ["项目“水标尺”的申报中没有一级指标“投入指标”"]
    );
    assert_eq!(said("JX-M002"), ["“合计”写了两次"]);
    // The first 合计 stands.
    assert_eq!(p.printed_total, Some(d("100")));
    // The line without an actual: missing (0), its manual score counts.
    let s = p.indicators.iter().find(|i| i.name == "满意度").unwrap();
    assert!(s.missing);
    assert_eq!(s.manual.as_ref().map(|m| m.score), Some(d("9")));
    assert_eq!(p.adjusted_total, Some(d("99.00")));
    assert!(codes(&diags).contains(&"JX-V006"));
}

/// The printed values and the verdict words of published forms (issue 17)
/// on one 自评 line: `分值` and `得分` are never read as a verdict word (the
/// line prints values and has no actual), a verdict word may carry them,
/// and a line that starts with 小计, 合计 or 等级 is never an indicator with
/// a verdict word: it is one syntax error on its line, worded for what the
/// line holds, and every other line is read and scored.
#[test]
fn printed_values_and_verdict_words_share_a_line() {
    let act = ZHONGJIANG_ACTUALS
        .replace("受益人口 1000 人 得分 10", "受益人口 分值 10 得分 9")
        .replace(
            "生产生活条件: 达成 得分 10",
            "生产生活条件 完成 分值 10 得分 10",
        )
        .replace(
            "小计 产出指标 分值 70 得分 70",
            "小计 产出指标\n    合计 优\n    等级 优",
        );
    let (p, diags) = evaluate(ZHONGJIANG, &act, CENTRAL);
    let syntax: Vec<&str> = diags
        .iter()
        .filter(|d| d.code.starts_with("JX-S"))
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        syntax,
        [
            "项目“水标尺”：小计这一行只写一级指标名和表上印的分值、得分，少了表上印的分值或得分",
            "项目“水标尺”：合计这一行只写表上印的分值、得分、等级，这里写的是“优”",
            "项目“水标尺”：“等级 优”：表上印的等级写在合计这一行里",
        ]
    );
    // No verdict word “分值”: the indicator has no actual, its printed values stand.
    assert!(!codes(&diags).contains(&"JX-V042"), "{:?}", codes(&diags));
    let people = p.indicators.iter().find(|i| i.name == "受益人口").unwrap();
    assert!(people.missing);
    assert_eq!(people.printed_points, Some(d("10")));
    assert_eq!(people.printed_score, Some(d("9")));
    // 完成 is read through the rule set's 定性用语, with what the form printed.
    let life = p
        .indicators
        .iter()
        .find(|i| i.name == "生产生活条件")
        .unwrap();
    assert_eq!(life.met, Some(true));
    assert_eq!(life.actual.as_deref(), Some("完成"));
    assert_eq!(life.printed_score, Some(d("10")));
    // The lines after the bad ones are read: 满意度 and the 合计 are there.
    let sat = p.indicators.iter().find(|i| i.name == "满意度").unwrap();
    assert_eq!(sat.met, Some(true));
    assert_eq!(p.printed_total, Some(d("100")));
    // Nothing is reported about indicators called 小计, 合计 or 等级.
    assert!(!codes(&diags).contains(&"JX-V004"), "{:?}", codes(&diags));
}

/// A group's printed 分值 shared by members that print none is given as
/// points on the rule set's places, adding up to the 分值: 12.01 between
/// two is 6.00 and 6.01, never 6.005 each (a score of 6.005 rounds to 6.01,
/// past the points, and 6.005 shown to two places is a false 6.01). Found
/// by `form_points_never_push_a_score_past_its_points`: the 小计 of 产出指标,
/// which central-2020 scores with 成本指标, whose members print nothing.
#[test]
fn shares_of_a_group_are_points_on_the_rule_sets_places() {
    let decl = "部门 \"局\" {
  年度 2025
  项目 \"甲\" {
    指标 {
      成本指标 {
        经济成本指标 {
          指标1 ≥ 0%
          指标2 ≥ 0%
        }
      }
      产出指标 {
        数量指标 {
          指标3 ≥ 0%
          指标4 ≥ 0%
        }
      }
    }
  }
}
";
    let act = "自评 \"局\" 2025 {
  项目 \"甲\" {
    预算 10000 元
    执行 0 元
    指标1 0%
    指标2 0%
    小计 产出指标 分值 12.01
    指标3 0%
    指标4 0%
  }
}
";
    let (p, _) = evaluate(decl, act, &with_policy("采用"));
    assert_eq!(points(&p), ["18.99", "19.00", "6.00", "6.01"]);
    for i in &p.indicators {
        assert_eq!(i.score, Some(i.points), "{}", i.name);
    }
    let out = p.groups.iter().find(|g| g.name == "产出指标").unwrap();
    assert_eq!((out.points, out.score), (d("50"), Some(d("50.00"))));
}
