//! Targets as published forms print them (issue 17), through the command
//! line: what `fmt` writes and says, what `diff` sees, what `export`
//! writes, what `check` warns.

#[path = "common/cli.rs"]
mod cli;

/// A declaration with `lines` as the indicators of 产出指标/数量指标.
fn declaration(lines: &str) -> String {
    format!(
        "部门 \"示例局\" {{\n  年度 2025\n  项目 \"示例项目\" {{\n    资金 {{\n      总额 10 万元\n    }}\n    指标 {{\n      产出指标 {{\n        数量指标 {{\n{lines}\n        }}\n      }}\n    }}\n  }}\n}}\n"
    )
}

const FORM: &str = "          培训人数 不少于 140 人
          培训场次 10次以上
          车辆 10 辆
          偏差率 ±3%以内
          达标率 3%至5%
          合格率 大于等于 95% 中期 90%以上";

const CANONICAL: &str = "          培训人数 ≥ 140 人
          培训场次 ≥ 10 次
          车辆 10 辆
          偏差率 -3%~3%
          达标率 3%~5%
          合格率 ≥ 95% 中期 ≥ 90%";

#[test]
fn fmt_writes_signs_and_says_where_it_rewrote_a_spelling() {
    let dir = cli::dir_with(&[("申报.jx", &declaration(FORM))]);
    let r = cli::jixiao_in(dir.path(), &["fmt", "申报.jx"]);
    r.code(0);
    // One line for each spelling rewritten, in order, with line and column;
    // the target without a comparator is left as written.
    let notices: Vec<&str> = r.err.lines().filter(|l| l.contains("改写为")).collect();
    assert_eq!(
        notices,
        [
            "申报.jx:10:16：“不少于”改写为“≥”",
            "申报.jx:11:16：“10次以上”改写为“≥ 10 次”",
            "申报.jx:13:15：“±3%以内”改写为“-3%~3%”",
            "申报.jx:14:15：“3%至5%”改写为“3%~5%”",
            "申报.jx:15:15：“大于等于”改写为“≥”",
            "申报.jx:15:27：“90%以上”改写为“≥ 90%”",
        ]
    );
    let written = std::fs::read_to_string(dir.path().join("申报.jx")).unwrap();
    assert_eq!(written, declaration(CANONICAL));
    // Formatted once, nothing more to say.
    let again = cli::jixiao_in(dir.path(), &["fmt", "--check", "申报.jx"]);
    again.code(0).lacks(&["改写为"]);
}

#[test]
fn fmt_check_shows_the_diff_and_what_it_would_rewrite() {
    let dir = cli::dir_with(&[("申报.jx", &declaration(FORM))]);
    cli::jixiao_in(dir.path(), &["fmt", "--check", "申报.jx"])
        .code(1)
        .has(&[
            "-          培训人数 不少于 140 人",
            "+          培训人数 ≥ 140 人",
            "申报.jx:10:16：“不少于”将改写为“≥”",
        ])
        .lacks(&["-          车辆 10 辆", "车辆 ≥"]);
    let unchanged = std::fs::read_to_string(dir.path().join("申报.jx")).unwrap();
    assert_eq!(unchanged, declaration(FORM));
}

#[test]
fn fmt_rewrites_sign_variants_without_a_word() {
    let dir = cli::dir_with(&[(
        "申报.jx",
        &declaration("          培训人数 >= 140 人\n          合格率 ﹦ 100%"),
    )]);
    let r = cli::jixiao_in(dir.path(), &["fmt", "申报.jx"]);
    r.code(0).lacks(&["改写为"]);
    let written = std::fs::read_to_string(dir.path().join("申报.jx")).unwrap();
    assert!(written.contains("培训人数 ≥ 140 人") && written.contains("合格率 = 100%"));
}

#[test]
fn fmt_on_standard_input_says_it_too() {
    let text = declaration("          培训人数 140 人以上");
    let r = cli::jixiao_stdin(&["fmt", "-"], text.as_bytes());
    r.code(0)
        .has(&["培训人数 ≥ 140 人", "“140 人以上”改写为“≥ 140 人”"]);
}

#[test]
fn diff_sees_no_change_between_spellings_of_one_target() {
    let dir = cli::dir_with(&[
        ("旧.jx", &declaration(FORM)),
        ("新.jx", &declaration(CANONICAL)),
    ]);
    cli::jixiao_in(dir.path(), &["diff", "旧.jx", "新.jx"])
        .code(0)
        .has(&["无实质变更"])
        .lacks(&["培训人数", "比较符改变"]);
}

#[test]
fn diff_says_when_a_comparator_is_written_and_when_the_midterm_target_changes() {
    let old = declaration("          车辆 10 辆\n          合格率 ≥ 95% 中期 ≥ 90%");
    let new = declaration("          车辆 ≥ 10 辆\n          合格率 ≥ 95% 中期 不低于 92%");
    let dir = cli::dir_with(&[("旧.jx", &old), ("新.jx", &new)]);
    cli::jixiao_in(dir.path(), &["diff", "旧.jx", "新.jx"])
        .code(1)
        .has(&[
            "指标“车辆”：10 辆 → ≥ 10 辆，写明或省去了比较符，读法不变",
            "指标“合格率”的中期指标值：“≥ 90%” → “≥ 92%”",
        ])
        .lacks(&["合格率”：≥ 95%"]);
}

#[test]
fn export_writes_the_reading_and_the_midterm_target() {
    let dir = cli::dir_with(&[(
        "申报.jx",
        &declaration("          车辆 10 辆\n          合格率 ≥ 95% 中期 90%以上\n          培训人数 不少于 140 人"),
    )]);
    let r = cli::jixiao_in(dir.path(), &["export", "申报.jx"]);
    r.code(0);
    let json: serde_json::Value = serde_json::from_str(&r.out).unwrap();
    let inds = &json["departments"][0]["projects"][0]["indicators"];
    assert_eq!(inds[0]["target"]["comparator"], "≥");
    assert_eq!(inds[0]["target"]["implied"], true);
    assert_eq!(inds[1]["midterm"]["comparator"], "≥");
    assert_eq!(inds[1]["midterm"]["value"]["value"], "90");
    assert!(inds[1]["target"].get("implied").is_none());
    assert!(inds[2].get("midterm").is_none());
    assert_eq!(inds[2]["target"]["comparator"], "≥");
}

#[test]
fn check_warns_where_the_reading_is_a_guess() {
    let dir = cli::dir_with(&[(
        "申报.jx",
        &declaration("          车辆 10 辆\n          合格率 100%"),
    )]);
    cli::jixiao_in(dir.path(), &["check", "申报.jx"])
        .code(0)
        .has(&[
            "JX-T006",
            "指标“车辆”的指标值“10 辆”没有写比较符，按下限读：“≥ 10 辆”",
        ])
        .lacks(&["合格率”的指标值"]);
}
