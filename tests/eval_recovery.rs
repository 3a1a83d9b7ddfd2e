//! Error recovery in 自评 project blocks (issue 17): one bad line is one
//! diagnostic, where it is; every other line of the block is read and
//! scored. Before, one unreadable line voided the project's whole
//! self-evaluation.

#[path = "common/cli.rs"]
mod cli;

const DECLARATION: &str = "部门 \"局\" {
  年度 2025
  项目 \"维护\" {
    资金 { 年度申请 10 万元 }
    指标 {
      产出指标 {
        数量指标 {
          次数 ≥ 10 次
          人数 ≥ 100 人
        }
        质量指标 { 合格率 ≥ 95% }
      }
      效益指标 { 社会效益指标 { 效率: 提高 } }
      满意度指标 { 服务对象满意度指标 { 满意率 ≥ 90% } }
    }
  }
}
";

const ACTUALS: &str = "自评 \"局\" 2025 {
  项目 \"维护\" {
    预算 10 万元
    执行 ten 万元
    次数 12 次 多余
    人数 120 人
    合格率 96% \"没有结束的引号
    效率: 达成
    满意率 = 95 / 100
    # 读不出名称的一行
    ≥ 5 次
  }
}
";

fn run() -> cli::Run {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("申报.jx"), DECLARATION).unwrap();
    std::fs::write(dir.path().join("自评.jx"), ACTUALS).unwrap();
    cli::jixiao_in(
        dir.path(),
        &["eval", "申报.jx", "--actuals", "自评.jx", "--explain"],
    )
}

#[test]
fn each_bad_line_is_one_diagnostic_at_that_line() {
    let r = run();
    r.code(1);
    // Four bad lines, four syntax errors, each at its own line, worded as
    // pest words the error of that line alone.
    assert_eq!(r.err.matches("错误[JX-S001]").count(), 3, "{}", r.err);
    assert_eq!(r.err.matches("错误[JX-S003]").count(), 1, "{}", r.err);
    r.has(&[
        "自评.jx:4:8",
        "实际写的是“ten”",
        "自评.jx:5:13",
        "实际写的是“多余”",
        "自评.jx:7:13",
        "引号没有配对",
        "自评.jx:11:5",
        "这一行以“≥”开头",
    ]);
    // Nothing else about them: no “缺少完成值”, no undeclared “执行”.
    r.lacks(&["JX-V006", "JX-V004", "自评块有语法错误"]);
}

#[test]
fn the_other_lines_are_scored_and_the_bad_ones_unscored() {
    let r = run();
    r.has(&[
        // 次数 and 合格率 are on bad lines: unscored, 0, said so.
        "次数：完成值这一行有语法错误，未评分，计 0 分",
        "合格率：完成值这一行有语法错误，未评分，计 0 分",
        "【未评分：完成值这一行有语法错误，计 0 分】",
        "（读不出）",
        // The rest are read and scored.
        "人数：完成值 120 人 > 指标值 100 人 → 满分",
        "效率：达成",
        "满意率：完成值 95% > 指标值 90% → 满分",
    ]);
    // 执行 did not read: the execution rate has no spending (JX-V019),
    // and the project still has a total and a grade.
    r.has(&["JX-V019", "总分："]);
    r.lacks(&["总分：—"]);
}

#[test]
fn the_library_reads_the_block_with_its_bad_lines_marked() {
    let r = jixiao::evaluate_text(DECLARATION, ACTUALS, None);
    let ev = r.evaluation.expect("scored");
    let p = &ev.projects[0];
    assert!(p.has_actuals);
    assert!(p.total.is_some());
    let unscored: Vec<&str> = p
        .indicators
        .iter()
        .filter(|i| i.unscored.is_some())
        .map(|i| i.name.as_str())
        .collect();
    assert_eq!(unscored, ["次数", "合格率"]);
    assert!(p.indicators.iter().all(|i| !i.missing));
    let syntax: Vec<(u32, u32)> = r
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with("JX-S"))
        .map(|d| (d.labels[0].span.start, d.labels[0].span.end))
        .collect();
    assert_eq!(syntax.len(), 4, "{:#?}", r.diagnostics);
}

#[test]
fn a_block_with_one_bad_line_says_what_it_said_before() {
    // The message of a single bad line is the one the whole block's parse
    // gave (only the first error could be reported then).
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("申报.jx"), DECLARATION).unwrap();
    std::fs::write(
        dir.path().join("自评.jx"),
        "自评 \"局\" 2025 {\n  项目 \"维护\" {\n    次数 12 次 多余\n  }\n}\n",
    )
    .unwrap();
    let r = cli::jixiao_in(dir.path(), &["check", "申报.jx", "自评.jx"]);
    r.has(&[
        // Wrapped at 100 columns; after the notes, the printed values a
        // line may carry (issue 17).
        "项目“维护”中，这里应为带引号的文字、说明（原因 \"…\"、措施 \"…\"、来源 \"…\"、得分 8.5 理由 \"…\"）或",
        "表上印的分值、得分（分值 10、得分 9.5），实际写的是“多余”",
        "自评.jx:3:13",
    ]);
}

/// A bad row in a budget section (`预算 { … }`, issue 17) is one
/// diagnostic at that row; the section's braces keep it one statement, so
/// the lines after it are read and scored, and a bad line after it is its
/// own diagnostic.
#[test]
fn a_bad_budget_row_is_one_diagnostic_and_the_lines_after_it_are_scored() {
    let actuals = "自评 \"局\" 2025 {
  项目 \"维护\" {
    预算 {
      年度资金总额 全年 10 万元 执行 10 万元 分值 10 执行率 100% 得分 10
      其他资金 全年 x
    }
    次数 12 次
    人数 ≥ ≥
    合格率 96%
    效率: 达成
    满意率 95%
  }
}
";
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("申报.jx"), DECLARATION).unwrap();
    std::fs::write(dir.path().join("自评.jx"), actuals).unwrap();
    let r = cli::jixiao_in(dir.path(), &["eval", "申报.jx", "--actuals", "自评.jx"]);
    r.code(1);
    assert_eq!(r.err.matches("错误[JX-S001]").count(), 2, "{}", r.err);
    r.has(&[
        "自评.jx:5:",
        "这里应为数字，实际写的是“x”",
        "自评.jx:8:",
        "比较符“≥≥”写法不对",
    ]);
    // The lines after the budget section are scored (次数 12 ≥ 10: full
    // marks); only 人数 is unreadable.
    let line = |name: &str| {
        r.out
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name}：{}", r.out))
            .to_string()
    };
    assert!(line("次数").contains("12 次"), "{}", line("次数"));
    assert!(line("合格率").contains("96%"), "{}", line("合格率"));
    assert!(!r.out.contains("预算 {"), "{}", r.out);
}
