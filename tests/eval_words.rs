//! 自评 as offices write it (issue 17): a word where a number was asked
//! (`完成`), verdict words other than 达成/部分达成/未达成 read through the
//! rule set's 定性用语, and a comparator copied from the target (`≥266米`).

#[path = "common/cli.rs"]
mod cli;

use jixiao::model::evaluation::{IndicatorEvaluation, Unscored};
use jixiao::Diagnostic;

const CENTRAL: &str = include_str!("../rules/central-2020.jx");
const HUBEI: &str = include_str!("../rules/hubei-2020.jx");

fn decl(target: &str) -> String {
    format!(
        "部门 \"测试局\" {{\n  年度 2025\n  项目 \"测试\" {{\n    资金 {{\n      年度申请 100 元\n    }}\n    指标 {{\n      满意度指标 {{\n        服务对象满意度指标 {{\n          甲 {target}\n          乙 ≥ 90%\n        }}\n      }}\n    }}\n  }}\n}}\n"
    )
}

fn actuals(line: &str) -> String {
    format!("自评 \"测试局\" 2025 {{\n  项目 \"测试\" {{\n    预算 100 元\n    执行 100 元\n    {line}\n    乙 95%\n  }}\n}}\n")
}

/// 甲 (分值 5) scored under `rules` with `actual`; its 自评 diagnostics.
fn run(rules: &str, target: &str, actual: &str) -> (IndicatorEvaluation, Vec<Diagnostic>, String) {
    let r = jixiao::evaluate_text(
        &decl(target),
        &actuals(&format!("甲 {actual}")),
        Some(rules),
    );
    let ev = r.evaluation.expect("evaluation ran");
    let total = ev.projects[0]
        .total
        .expect("the project is scored")
        .to_string();
    let ind = ev.projects[0].indicators[0].clone();
    let diags = r
        .diagnostics
        .into_iter()
        // Not the empty groups of this small project, nor 缺少偏差说明, nor
        // 执行率 against its one indicator's completion (JX-V018).
        .filter(|d| {
            (d.code.starts_with("JX-V0") && !["JX-V021", "JX-V016", "JX-V018"].contains(&d.code))
                || d.code.starts_with("JX-S")
        })
        .collect();
    (ind, diags, total)
}

fn codes(diags: &[Diagnostic]) -> Vec<&'static str> {
    diags.iter().map(|d| d.code).collect()
}

#[test]
fn the_rule_sets_words_are_read_as_their_grades() {
    for (word, grade_score) in [
        ("达成预期指标", "5.00"),
        ("完成", "5.00"),
        ("已完成", "5.00"),
        ("是", "5.00"),
        ("合格", "5.00"),
        ("较好", "5.00"),
        ("优", "5.00"),
        ("中", "3.50"),
        ("差", "1.50"),
        ("显著提升", "5.00"),
        ("基本达成", "3.50"),
        ("基本达到", "3.50"),
        ("部分完成", "3.50"),
        ("未完成", "1.50"),
        ("否", "1.50"),
        ("不合格", "1.50"),
    ] {
        for written in [
            format!(": {word}"),
            word.to_string(),
            format!("：\"{word}\""),
        ] {
            let (ind, diags, _) = run(CENTRAL, ": 及时", &written);
            assert_eq!(codes(&diags), Vec::<&str>::new(), "{written}");
            assert_eq!(ind.score.unwrap().to_string(), grade_score, "{written}");
            assert_eq!(ind.actual.as_deref(), Some(word), "shown as written");
            assert!(
                ind.trace.line.contains(&format!("“{word}”按定性用语读作")),
                "{}",
                ind.trace.line
            );
        }
    }
    // Hubei's bands: 部分达成 65%.
    let (ind, _, _) = run(HUBEI, ": 及时", "基本达到");
    assert_eq!(ind.score.unwrap().to_string(), "3.25");
}

#[test]
fn the_six_words_of_the_vocabulary_keep_their_meaning_and_display() {
    let (ind, diags, _) = run(CENTRAL, ": 及时", "达成年度指标");
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(ind.actual.as_deref(), Some("达成"));
    assert_eq!(
        ind.trace.line,
        "甲：达成（分数段 4～5 分）→ 5 × 100%（默认） = 5.00"
    );
    let (ind, _, _) = run(CENTRAL, ": 及时", "部分达成 4");
    assert_eq!(ind.score.unwrap().to_string(), "4.00");
}

#[test]
fn the_declared_target_word_itself_is_met() {
    let (ind, diags, _) = run(CENTRAL, ": 显著", "显著");
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(ind.score.unwrap().to_string(), "5.00");
    assert_eq!(ind.met, Some(true));
    assert_eq!(
        ind.trace.line,
        "甲：“显著”与指标值相同，读作达成（分数段 4～5 分）→ 5 × 100%（默认） = 5.00"
    );
    // Full-width and spaces aside, as names are.
    let (ind, _, _) = run(CENTRAL, ": \"有效 ＡＢ\"", ": \"有效AB\"");
    assert_eq!(ind.met, Some(true));
}

#[test]
fn a_word_on_a_quantitative_target_is_met_unmeasured_with_a_warning() {
    let (ind, diags, total) = run(CENTRAL, "≥ 10 次", "完成");
    assert_eq!(codes(&diags), ["JX-V041"]);
    assert_eq!(
        diags[0].message,
        "指标“甲”的指标值是“≥ 10 次”，完成值只写了“完成”，没有写数：按“达成”的分数段计分"
    );
    assert_eq!(
        diags[0].help.as_deref(),
        Some("写出实际完成的数（与指标值同一单位），得分才按公式计算，如“甲 10 次”")
    );
    assert!(!diags[0].is_error());
    assert_eq!(ind.score.unwrap().to_string(), "5.00");
    assert_eq!(ind.met, Some(true));
    assert_eq!(ind.actual.as_deref(), Some("完成"));
    assert_eq!(ind.actual_value, None, "no number was written");
    assert_eq!(ind.trace.rule, "定性");
    assert_eq!(
        ind.trace.notes,
        ["定量指标的完成值只写了词，没有写数：按“达成”的分数段计分"]
    );
    assert_eq!(total, "20.00");
    // 未完成 on a number: the 未达成 band.
    let (ind, diags, _) = run(CENTRAL, "≤ 30 万元", "未完成");
    assert_eq!(codes(&diags), ["JX-V041"]);
    assert_eq!(ind.score.unwrap().to_string(), "1.50");
    assert_eq!(ind.met, Some(false));
}

#[test]
fn an_unknown_word_is_one_error_on_its_line_and_the_project_is_still_scored() {
    let (ind, diags, total) = run(CENTRAL, ": 及时", "达程");
    assert_eq!(codes(&diags), ["JX-V042"]);
    let d = &diags[0];
    assert!(d.is_error());
    assert_eq!(
        d.message,
        "指标“甲”的完成值“达程”不是认得的定性用语，这项指标未评分（计 0 分）"
    );
    let help = d.help.as_deref().unwrap();
    assert!(help.starts_with("是不是想写“达成”？"), "{help}");
    assert!(help.contains("指标值的原词“及时”"), "{help}");
    assert_eq!(ind.score.unwrap().to_string(), "0.00");
    assert!(!ind.missing, "not “缺少完成值”");
    assert_eq!(ind.unscored, Some(Unscored::UnknownWord));
    assert_eq!(
        ind.trace.line,
        "甲：完成值“达程”不是认得的定性用语，未评分，计 0 分"
    );
    assert_eq!(ind.actual.as_deref(), Some("达程"));
    assert!(!ind.explanation_required);
    // 执行率 10, 甲 0, 乙 5: 15 of the 20 the test has.
    assert_eq!(total, "15.00");
    // `无` is no default word: it may mean “none happened” or “no data”.
    let (_, diags, _) = run(CENTRAL, "= 0 次", "无");
    assert_eq!(codes(&diags), ["JX-V042"]);
    assert!(diags[0].help.as_deref().unwrap().contains("实际完成的数"));
}

#[test]
fn a_rule_set_with_its_own_words_reads_those_and_the_six() {
    let own = CENTRAL.replace(
        "    达成     达成预期指标 完成 已完成 是 合格 较好 显著提升 优 良\n    部分达成 基本达成 基本达到 基本完成 部分完成 中\n    未达成   未完成 否 不合格 低 差\n",
        "    部分达成 \"较好\" 无\n",
    );
    assert_ne!(own, CENTRAL);
    let (ind, diags, _) = run(&own, ": 及时", "较好");
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(ind.score.unwrap().to_string(), "3.50");
    let (ind, _, _) = run(&own, ": 及时", "无");
    assert_eq!(ind.score.unwrap().to_string(), "3.50");
    let (_, diags, _) = run(&own, ": 及时", "完成");
    assert_eq!(
        codes(&diags),
        ["JX-V042"],
        "its block replaces the built-in words"
    );
    let (ind, _, _) = run(&own, ": 及时", "未达成");
    assert_eq!(ind.score.unwrap().to_string(), "1.50");
}

#[test]
fn a_rule_set_without_words_reads_the_built_in_ones() {
    let start = CENTRAL.find("  定性用语 {").unwrap();
    let end = start + CENTRAL[start..].find("}\n").unwrap() + 2;
    let bare = format!("{}{}", &CENTRAL[..start], &CENTRAL[end..]);
    assert!(!bare.contains("定性用语 {"));
    let (rs, diags) = jixiao::parse_rules("bare", &bare);
    assert!(diags.is_empty(), "{diags:#?}");
    let (central, _) = jixiao::parse_rules("central", CENTRAL);
    assert_eq!(rs.unwrap().verdicts, central.unwrap().verdicts);
    let (ind, _, _) = run(&bare, ": 及时", "达成预期指标");
    assert_eq!(ind.score.unwrap().to_string(), "5.00");
}

#[test]
fn a_vocabulary_word_under_another_grade_or_a_word_twice_is_an_error() {
    let with = |block: &str| CENTRAL.replace("  定性 {\n", &format!("{block}\n  定性 {{\n"));
    let start = CENTRAL.find("  定性用语 {").unwrap();
    let end = start + CENTRAL[start..].find("}\n").unwrap() + 2;
    let bare = format!("{}{}", &CENTRAL[..start], &CENTRAL[end..]);
    let set = |block: &str| bare.replace("  定性 {\n", &format!("{block}\n  定性 {{\n"));
    let (_, diags) = jixiao::parse_rules("x", &set("  定性用语 { 未达成 达成 否 }"));
    assert_eq!(codes(&diags), ["JX-R030"]);
    assert_eq!(
        diags[0].message,
        "定性用语“达成”是内置的等级词，读作“达成”，不能归入“未达成”"
    );
    let (_, diags) = jixiao::parse_rules("x", &set("  定性用语 { 达成 是; 未达成 是 }"));
    assert_eq!(codes(&diags), ["JX-R004"]);
    // Two blocks: the second is a duplicate statement.
    let (_, diags) = jixiao::parse_rules("x", &with("  定性用语 { 达成 对 }"));
    assert_eq!(codes(&diags), ["JX-R004"]);
}

#[test]
fn a_copied_comparator_is_read_as_the_quantity_with_a_warning() {
    for written in ["≥266米", ">= 266 米", "≧266米"] {
        let (ind, diags, _) = run(CENTRAL, "≥ 266 米", written);
        assert_eq!(codes(&diags), ["JX-V040"], "{written}");
        assert_eq!(
            diags[0].message,
            "指标“甲”的完成值前面写了比较符“≥”，按 266 米 计"
        );
        assert_eq!(
            diags[0].help.as_deref(),
            Some("完成值写实际完成的数：删去比较符，写成“甲 266 米”；比较符只写在申报的指标值里")
        );
        assert_eq!(ind.score.unwrap().to_string(), "5.00");
        assert_eq!(ind.actual.as_deref(), Some("266 米"));
    }
    // Read as written: a copied `≤` on a `≥` target is still its number.
    let (ind, _, _) = run(CENTRAL, "≥ 90%", "≤ 45%");
    assert_eq!(ind.score.unwrap().to_string(), "2.50");
}

#[test]
fn fmt_keeps_a_copied_comparator_and_writes_words_after_a_colon() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("自评.jx");
    let text = "自评 \"局\" 2025 {\n  项目 \"甲\" {\n    长度 ≥266米\n    乙 完成\n    丙: \"是（√）\"\n    丁 >=90%\n  }\n}\n";
    std::fs::write(&path, text).unwrap();
    cli::jixiao_in(dir.path(), &["fmt", "自评.jx"]).code(0);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "自评 \"局\" 2025 {\n  项目 \"甲\" {\n    长度 ≥ 266 米\n    乙: 完成\n    丙: \"是（√）\"\n    丁 ≥ 90%\n  }\n}\n"
    );
}
