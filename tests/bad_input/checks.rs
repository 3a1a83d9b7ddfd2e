//! Issue 15 "Trust first", the check part: what `check` must say before year
//! end — names matched by one rule, numbers never silently rounded or
//! skipped, claims compared at a precision a reviewer accepts.

use crate::cli::{dir_with, jixiao_in, Run};

/// A project block: name, 总额, and indicator lines under 产出指标/数量指标.
fn project(name: &str, total: &str, lines: &str) -> String {
    format!(
        "  项目 \"{name}\" {{\n    性质 其他经常性项目\n    资金 {{\n      总额 {total}\n    }}\n    指标 {{\n      产出指标 {{\n        数量指标 {{\n{lines}        }}\n      }}\n    }}\n  }}\n"
    )
}

/// A department with a 申报 line and the given project blocks.
fn department(claim: &str, projects: &[String]) -> String {
    format!(
        "部门 \"示例局\" {{\n  年度 2025\n  {claim}\n{}}}\n",
        projects.concat()
    )
}

/// `jixiao ARGS` in a fresh directory holding `files`.
fn run_with(files: &[(&str, &str)], args: &[&str]) -> Run {
    let dir = dir_with(files);
    jixiao_in(dir.path(), args)
}

/// `jixiao check 申报.jx` on one declaration.
fn check(text: &str) -> Run {
    run_with(&[("申报.jx", text)], &["check", "申报.jx"])
}

const TRAINED: &str = "          培训人数 ≥ 140 人\n";

// ── 1. one rule for names ──

/// `培训(一)` and `培训（一）` are one name: declaring both is a duplicate
/// project, not two projects that would both take one 自评 block.
#[test]
fn lookalike_project_names_are_one_project() {
    let text = department(
        "申报 2 个项目，资金 20 万元",
        &[
            project("培训(一)", "10 万元", TRAINED),
            project("培训（一）", "10 万元", TRAINED),
        ],
    );
    check(&text)
        .code(1)
        .has(&["JX-M005", "培训（一）", "培训(一)", "全角"]);
}

/// The repeated project is not scored: one 自评 block counts once, in the
/// streamed evaluation and in the whole one (a 自评 department named
/// differently from the declaration's is scored whole).
#[test]
fn one_actuals_block_is_never_counted_twice() {
    let decl = department(
        "申报 2 个项目，资金 20 万元",
        &[
            project("培训(一)", "10 万元", TRAINED),
            project("培训（一）", "10 万元", TRAINED),
        ],
    );
    for dept in ["示例局", "示例"] {
        let actuals = format!("自评 \"{dept}\" 2025 {{\n  项目 \"培训(一)\" {{\n    预算 100,000.00 元\n    执行 100,000.00 元\n    培训人数 150 人\n  }}\n}}\n");
        run_with(
            &[("申报.jx", decl.as_str()), ("自评.jx", actuals.as_str())],
            &["eval", "申报.jx", "--actuals", "自评.jx"],
        )
        .code(1)
        .has(&[
            "JX-M005",
            "合计      100,000.00  100,000.00",
            "1 个项目（1 个有自评数据）",
        ])
        .lacks(&["200,000.00"]);
    }
}

/// A trailing space does not make a second project either.
#[test]
fn trailing_space_is_the_same_project() {
    let text = department(
        "申报 2 个项目，资金 20 万元",
        &[
            project("培训", "10 万元", TRAINED),
            project("培训 ", "10 万元", TRAINED),
        ],
    );
    check(&text).code(1).has(&["JX-M005"]);
}

/// `diff` compares names by the same rule: a project renamed only in the
/// width of its brackets is the same project, not one deleted and one added.
#[test]
fn diff_matches_lookalike_project_names() {
    let old = department(
        "申报 1 个项目，资金 10 万元",
        &[project("培训(一)", "10 万元", TRAINED)],
    );
    let new = old.replace("培训(一)", "培训（一）");
    run_with(
        &[("旧.jx", old.as_str()), ("新.jx", new.as_str())],
        &["diff", "旧.jx", "新.jx"],
    )
    .code(0)
    .has(&["无实质变更"])
    .lacks(&["删除项目", "新增项目"]);
}

/// A 自评 name equal to the declared one only after folding is matched to
/// it (once) and named: JX-M010, with the declared spelling as the fix.
#[test]
fn lookalike_actuals_names_are_matched_and_named() {
    let decl = department(
        "申报 1 个项目，资金 10 万元",
        &[project(
            "培训(一)",
            "10 万元",
            "          培训人数(期) ≥ 140 人\n",
        )],
    );
    let actuals = "自评 \"示例局\" 2025 {\n  项目 \"培训（一）\" {\n    预算 100,000.00 元\n    执行 100,000.00 元\n    培训人数（期） 150 人\n  }\n}\n";
    run_with(
        &[("申报.jx", decl.as_str()), ("自评.jx", actuals)],
        &["eval", "申报.jx", "--actuals", "自评.jx"],
    )
    .has(&[
        "JX-M010",
        "“培训（一）”与申报的“培训(一)”",
        "“培训人数（期）”与申报的“培训人数(期)”",
    ])
    .lacks(&["JX-V003", "JX-V004", "JX-V007"]);
}

// ── 2. what check can know before year end ──

/// `随访率 ≥ 90` has no unit: `check` warns, and suggests `%` for a rate.
#[test]
fn target_without_unit_warns_at_check() {
    let text = department(
        "申报 1 个项目，资金 10 万元",
        &[project("示例项目", "10 万元", "          随访率 ≥ 90\n")],
    );
    check(&text).code(0).has(&[
        "JX-G011",
        "“随访率”的指标值“≥ 90”没有写单位",
        "随访率 ≥ 90%",
    ]);
    check(&text.replace("≥ 90\n", "≥ 90%\n"))
        .code(0)
        .lacks(&["JX-G011"]);
}

/// 分值 no rule set can score: negative, above 100, or a group's 分值
/// summing above 100 — errors at check, not only at year end.
#[test]
fn impossible_points_are_errors_at_check() {
    let with = |lines: &str| {
        department(
            "申报 1 个项目，资金 10 万元",
            &[project("示例项目", "10 万元", lines)],
        )
    };
    check(&with("          培训人数 ≥ 140 人 分值 -10\n"))
        .code(1)
        .has(&["JX-G012", "分值 -10 是负数"]);
    check(&with("          培训人数 ≥ 140 人 分值 120\n"))
        .code(1)
        .has(&["JX-G012", "分值 120 超过了满分 100"]);
    check(&with(
        "          培训人数 ≥ 140 人 分值 60\n          培训次数 ≥ 2 次 分值 60\n",
    ))
    .code(1)
    .has(&["JX-G012", "“产出指标”各指标的分值合计 120"]);
    check(&with("          培训人数 ≥ 140 人 分值 50\n"))
        .code(0)
        .lacks(&["JX-G012"]);
}

/// With both files (or their folder), `check` matches the 自评 names as
/// eval does: a misnamed indicator is JX-V004 (error) and its declared
/// indicator JX-V006, from check too.
#[test]
fn misnamed_actuals_are_reported_by_check() {
    let decl = department(
        "申报 1 个项目，资金 10 万元",
        &[project("培训(一)", "10 万元", TRAINED)],
    );
    let actuals = "自评 \"示例局\" 2025 {\n  项目 \"培训(一)\" {\n    预算 100,000.00 元\n    执行 100,000.00 元\n    培训人次 150 人\n  }\n}\n";
    let files = [("申报.jx", decl.as_str()), ("自评.jx", actuals)];
    for args in [&["check", "申报.jx", "自评.jx"][..], &["check", "."][..]] {
        run_with(&files, args).code(1).has(&[
            "JX-V004",
            "没有申报指标“培训人次”",
            "是不是想写“培训人数”",
            "JX-V006",
        ]);
    }
    let right = actuals.replace("培训人次", "培训人数");
    run_with(
        &[("申报.jx", decl.as_str()), ("自评.jx", right.as_str())],
        &["check", "."],
    )
    .code(0)
    .lacks(&["JX-V004", "JX-V006"]);
}

// ── 3. a claim is compared at a precision a reviewer accepts ──

/// `资金 2 亿元` is not “2 亿元 ± 0.5 亿元”: a sum 1 万元 short is reported.
#[test]
fn whole_yi_claim_is_not_half_a_yi() {
    let text = department(
        "申报 1 个项目，资金 2 亿元",
        &[project("示例项目", "199,990,000 元", TRAINED)],
    );
    check(&text).code(1).has(&["JX-D002", "199,990,000.00 元"]);
    let far = department(
        "申报 1 个项目，资金 2 亿元",
        &[project("示例项目", "249,999,999 元", TRAINED)],
    );
    check(&far).code(1).has(&["JX-D002"]);
}

/// A claim in whole 万元 keeps its rounding of at most ± 0.5 万元.
#[test]
fn whole_wan_claim_allows_half_a_wan() {
    let text = department(
        "申报 1 个项目，资金 436 万元",
        &[project("示例项目", "4,362,963.50 元", TRAINED)],
    );
    check(&text).code(0).lacks(&["JX-D002"]);
}

// ── 4. an amount too large to convert is an error, not a skipped check ──

#[test]
fn overflowing_total_is_an_error() {
    let text = department(
        "申报 1 个项目，资金 2 亿元",
        &[project(
            "示例项目",
            "7922816251426433759354395033 亿元",
            TRAINED,
        )],
    );
    check(&text).code(1).has(&["JX-M004", "总额"]);
}

#[test]
fn overflowing_claim_is_an_error() {
    let text = department(
        "申报 1 个项目，资金 7922816251426433759354395033 亿元",
        &[project("示例项目", "10 万元", TRAINED)],
    );
    check(&text).code(1).has(&["JX-M004", "申报"]);
}

/// Two amounts that fit, whose sum does not: the claim cannot be checked,
/// and `check` says so at the claim.
#[test]
fn overflowing_sum_of_totals_is_an_error() {
    let big = "50,000,000,000,000,000,000,000,000,000 元";
    let text = department(
        "申报 2 个项目，资金 10 万元",
        &[
            project("甲项目", big, TRAINED),
            project("乙项目", big, TRAINED),
        ],
    );
    check(&text)
        .code(1)
        .has(&["JX-M004", "2 个项目的资金总额之和超出"]);
}

// ── 5. no number is silently rounded ──

/// 29 decimal places cannot be held exactly: JX-M004, not a target of 0.
#[test]
fn too_many_decimals_in_a_target_is_an_error() {
    let text = department(
        "申报 1 个项目，资金 10 万元",
        &[project(
            "示例项目",
            "10 万元",
            "          培训人数 ≥ 0.00000000000000000000000000001 人\n",
        )],
    );
    check(&text).code(1).has(&["JX-M004", "小数"]);
}

/// The same for an amount: 28 digits and a fraction would be rounded.
#[test]
fn too_many_digits_in_an_amount_is_an_error() {
    let text = department(
        "申报 1 个项目，资金 10 万元",
        &[project(
            "示例项目",
            "9999999999999999999999999999.5 元",
            TRAINED,
        )],
    );
    check(&text).code(1).has(&["JX-M004"]);
}

/// A rule set's 年度 `2020.7` was cut to 2020 in silence: now JX-R008.
#[test]
fn fractional_rule_year_is_refused() {
    let rules = std::fs::read_to_string(crate::cli::root().join("rules/central-2020.jx"))
        .expect("built-in rules")
        .replace("年度 2020", "年度 2020.7");
    let decl = department(
        "申报 1 个项目，资金 10 万元",
        &[project("示例项目", "10 万元", TRAINED)],
    );
    let actuals = "自评 \"示例局\" 2025 {\n  项目 \"示例项目\" {\n    预算 100,000.00 元\n    执行 100,000.00 元\n    培训人数 150 人\n  }\n}\n";
    run_with(
        &[
            ("申报.jx", decl.as_str()),
            ("自评.jx", actuals),
            ("规则.jx", rules.as_str()),
        ],
        &[
            "eval",
            "申报.jx",
            "--actuals",
            "自评.jx",
            "--rules",
            "规则.jx",
        ],
    )
    .code(1)
    .has(&["JX-R008", "年度“2020.7”应是整数年份"]);
}

/// 分值 above what the rule set gives the group (满意度 is 10 points under
/// central-2020) while another indicator of the group has none: eval
/// rejects it (JX-V014), so check reports it too, under the rule set eval
/// would use — a rule file among the inputs, else the built-in one. Before,
/// check passed it and only eval refused. (Every indicator of the group
/// weighted is the form's own weighting: scaled, JX-V051, issue 17.)
#[test]
fn points_above_the_rule_sets_group_are_reported_by_check() {
    let satisfied = |points: &str| {
        format!(
            "部门 \"示例局\" {{\n  年度 2025\n  项目 \"示例项目\" {{\n    资金 {{\n      总额 10 万元\n    }}\n    指标 {{\n      产出指标 {{\n        数量指标 {{\n          培训人数 ≥ 140 人\n        }}\n      }}\n      满意度指标 {{\n        服务对象满意度指标 {{\n          学员满意度 ≥ 90% 分值 {points}\n          回访满意度 ≥ 90%\n        }}\n      }}\n    }}\n  }}\n}}\n"
        )
    };
    check(&satisfied("20")).code(1).has(&[
        "JX-V014",
        "项目“示例项目”中“满意度指标”各指标的分值合计 20，而规则集“central-2020”给这一组 10 分",
        "申报.jx:15:",
    ]);
    check(&satisfied("10")).lacks(&["JX-V014"]);
    // The rule file in the folder decides, as it does for eval: one that
    // gives 满意度 20 points accepts 分值 20 and refuses 分值 30.
    let rules = include_str!("../../rules/hubei-2020.jx")
        .replace("效益指标   30", "效益指标   20")
        .replace("满意度指标 10", "满意度指标 20");
    let actuals = "自评 \"示例局\" 2025 {\n  项目 \"示例项目\" {\n    预算 10 万元\n    执行 10 万元\n    培训人数 150 人\n    学员满意度 95%\n    回访满意度 95%\n  }\n}\n";
    for (points, refused) in [("20", false), ("30", true)] {
        let decl = satisfied(points);
        let files = [
            ("申报.jx", decl.as_str()),
            ("规则.jx", rules.as_str()),
            ("年终/自评.jx", actuals),
        ];
        let eval = run_with(
            &files,
            &[
                "eval",
                "申报.jx",
                "--actuals",
                "年终/自评.jx",
                "--rules",
                "规则.jx",
            ],
        );
        assert_eq!(eval.all().contains("JX-V014"), refused, "{}", eval.all());
        for args in [
            &["check", "申报.jx", "规则.jx"][..],
            &["check", "申报.jx", "规则.jx", "年终/自评.jx"],
        ] {
            let at_check = run_with(&files, args);
            assert_eq!(
                at_check.all().contains("JX-V014"),
                refused,
                "{args:?}\n{}",
                at_check.all()
            );
        }
    }
}
