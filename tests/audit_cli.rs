//! `jixiao audit` (issue 19, first step): for each printed 自评表 of the corpus
//! (`tests/corpus/selfeval/`), the count of printed indicator scores the
//! form's own rule set reproduces is the count the hand check found.
//!
//! The expected counts come from each form's `期望.tsv`, written by hand from
//! `rules/*.jx` (never from jixiao): the rule set with the most indicator
//! rows is the form's main one, and lists every printed indicator score;
//! `重现` rows are the ones it reproduces.

#[path = "common/cli.rs"]
mod cli;

use std::collections::BTreeMap;

/// The audit's column for a rule set of `期望.tsv`.
fn column(spec: &str) -> Option<&'static str> {
    match spec {
        "central-2020" | "central-2020/折算" => Some("central-2020"),
        "central-2020/采用" => Some("central-2020（表内分值 采用）"),
        "hubei-2020" => Some("hubei-2020"),
        "sichuan-2022" => Some("sichuan-2022"),
        _ => None,
    }
}

/// The main rule set of a form and (rows, 重现 rows) under it.
fn expected(tsv: &str) -> Option<(String, usize, usize)> {
    let mut by_spec: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for line in tsv.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(name), Some(spec), Some(verdict)) = (cols.first(), cols.get(2), cols.get(3))
        else {
            continue;
        };
        if name.contains('[') {
            continue; // the budget row: not an indicator
        }
        let e = by_spec.entry(spec.to_string()).or_default();
        e.0 += 1;
        if *verdict == "重现" {
            e.1 += 1;
        }
    }
    by_spec
        .into_iter()
        .max_by_key(|(_, (rows, _))| *rows)
        .map(|(spec, (rows, same))| (spec, rows, same))
}

/// (printed, reproduced under `column`), summed over the table's projects.
fn audited(table: &str, column: &str) -> Option<(usize, usize)> {
    let mut lines = table
        .lines()
        .skip_while(|l| !l.starts_with("项目"))
        .take_while(|l| !l.trim().is_empty());
    let header: Vec<&str> = lines
        .next()?
        .split("  ")
        .filter(|c| !c.is_empty())
        .collect();
    let at = header.iter().position(|h| h.trim() == column)?;
    let mut total = (0, 0);
    for row in lines.filter(|l| !l.trim().is_empty()) {
        let cells: Vec<&str> = row.split("  ").filter(|c| !c.trim().is_empty()).collect();
        let (same, printed) = cells.get(at)?.trim().split_once('/')?;
        total.0 += printed.parse::<usize>().ok()?;
        total.1 += same.parse::<usize>().ok()?;
    }
    Some(total)
}

#[test]
fn the_forms_own_rule_set_reproduces_what_the_hand_check_found() {
    let root = cli::root().join("tests/corpus/selfeval");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let mut checked = 0;
    let mut wrong = Vec::new();
    for dir in &dirs {
        let tsv = std::fs::read_to_string(dir.join("期望.tsv")).unwrap();
        let Some((spec, rows, same)) = expected(&tsv) else {
            continue;
        };
        let Some(col) = column(&spec) else {
            continue;
        };
        let run = cli::jixiao(&[
            "audit",
            dir.join("申报.jx").to_str().unwrap(),
            dir.join("自评.jx").to_str().unwrap(),
        ]);
        // Exit 1 exactly when the form shows an error (some corpus forms
        // print group points that do not add up, JX-V014).
        run.code(if run.out.contains("错误[") { 1 } else { 0 });
        match audited(&run.out, col) {
            Some(got) if got == (rows, same) => checked += 1,
            got => wrong.push(format!(
                "{}: {col} 期望 {same}/{rows}，audit 给出 {got:?}\n{}",
                dir.display(),
                run.out
            )),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // Every form with printed indicator scores under a shipped rule set.
    assert!(checked >= 12, "only {checked} forms checked");
}

#[test]
fn one_form_as_the_user_sees_it() {
    let dir = cli::root().join("tests/corpus/selfeval/yunnan-yongde-minglangzhongxue-2022-ziping");
    let run = cli::jixiao(&[
        "audit",
        dir.join("申报.jx").to_str().unwrap(),
        dir.join("自评.jx").to_str().unwrap(),
    ]);
    run.code(0);
    // 永德 prints its own points (10 each): central-2020 shares the rule
    // set's 50/30/10 among them and misses 7; taking the form's points
    // (表内分值 采用) misses only the two rows the hand check marks 不同
    // (资金到位及时率 met but scored 7, 政策知晓率 98% scored 9).
    assert_eq!(
        run.out.lines().collect::<Vec<_>>(),
        [
            "表上印的指标得分，各规则集重现了几项：",
            "",
            "项目                          表内得分  central-2020  central-2020（表内分值 采用）  hubei-2020  sichuan-2022",
            "义务教育营养改善计划专项资金  9 项      2/9           7/9                            5/9         2/9",
            "",
            "共 1 张表、1 个项目：印出的得分 9 项，重现 2 项，标出 0 项；0 个错误，0 个警告，0 个提示；分差合计 0 分。",
        ]
    );
}

#[test]
fn no_printed_scores_is_said() {
    let example = cli::root().join("examples/songjiang-npc-2025");
    let run = cli::jixiao(&["audit", example.to_str().unwrap()]);
    run.code(0).has(&["没有表上印的指标得分"]);
}

/// A fresh folder `表` holding copies of corpus forms, each in its own
/// folder (`name`, corpus form).
fn forms(list: &[(&str, &str)]) -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    let corpus = cli::root().join("tests/corpus/selfeval");
    for (name, form) in list {
        let to = t.path().join("表").join(name);
        std::fs::create_dir_all(&to).unwrap();
        for f in ["申报.jx", "自评.jx"] {
            std::fs::copy(corpus.join(form).join(f), to.join(f)).unwrap();
        }
    }
    t
}

const THREE: [(&str, &str); 3] = [
    ("a-tangxi", "anhui-chizhou-tangxi-2022-ziping"),
    ("b-langfang", "hebei-langfang-shipinxuexiao-2019-ziping"),
    ("c-putuo", "shanghai-putuo-tiyuzhongxin-2022-ziping"),
];

#[test]
fn three_forms_in_a_folder_give_the_summary_table() {
    let t = forms(&THREE);
    let run = cli::jixiao_in(t.path(), &["audit", "表"]);
    // Before part A's findings: no finding, so the rows are in name
    // order. (After the merge, 廊坊's one score not reproduced is flagged
    // and its row comes first; 棠溪's zeroed budget row with spending in
    // its sub-row is a finding too.)
    run.code(0);
    assert_eq!(
        run.out.lines().collect::<Vec<_>>(),
        [
            "各表复核汇总（先列有错误的，再按分差从大到小）：",
            "",
            "表             项目                                印出的得分  重现  标出  错误  警告  提示  分差合计  最能重现的规则集",
            "表/a-tangxi    委托业务项目                        9           9     0     0     0     0     0         central-2020 9/9",
            "表/b-langfang  办公宿舍楼、食堂及餐厅暖通改造经费  9           8     0     0     0     0     0         central-2020 8/9",
            "表/c-putuo     普陀体育中心与委托运营方结算费用    5           5     0     0     0     0     0         central-2020 5/5",
            "",
            "共 3 张表、3 个项目：印出的得分 23 项，重现 22 项，标出 0 项；0 个错误，0 个警告，0 个提示；分差合计 0 分。",
        ]
    );
}

#[test]
fn a_form_that_does_not_parse_is_an_error_and_comes_first() {
    let t = forms(&THREE);
    let bad = t.path().join("表/b-langfang/自评.jx");
    let text = std::fs::read_to_string(&bad).unwrap();
    std::fs::write(&bad, text.replacen("得分", "得分 得分", 1)).unwrap();
    let run = cli::jixiao_in(t.path(), &["audit", "表"]);
    run.code(1).has(&["━━ 表/b-langfang ━━", "错误[JX-"]);
    let rows: Vec<&str> = run
        .out
        .lines()
        .skip_while(|l| !l.starts_with("表 "))
        .skip(1)
        .take(3)
        .collect();
    assert!(rows[0].starts_with("表/b-langfang"), "{}", run.out);
    assert!(run.out.contains("1 个错误"), "{}", run.out);
}

/// What part A's JX-H005 (合计 ≠ Σ printed parts, an error) makes of the
/// exit code: 棠溪 prints 8 × 5 + 10 × 4 = 80 and a budget score of 0;
/// a 合计 of 95 is 15 more than its parts.
#[test]
#[ignore = "needs part A's JX-H005 (findings::collect); the lead enables it after the merge"]
fn a_total_that_is_not_the_sum_of_its_parts_exits_1() {
    let t = forms(&THREE[..1]);
    let f = t.path().join("表/a-tangxi/自评.jx");
    let text = std::fs::read_to_string(&f).unwrap();
    let text = text.replacen(
        "分值 10 得分 10\n  }",
        "分值 10 得分 10\n    合计 分值 100 得分 95\n  }",
        1,
    );
    std::fs::write(&f, text).unwrap();
    let run = cli::jixiao_in(t.path(), &["audit", "表"]);
    run.code(1).has(&["JX-H005", "95", "80"]);
}

#[test]
fn an_imported_form_is_audited_as_its_jx_is() {
    let name = "yunnan-yongde-minglangzhongxue-2022-ziping";
    let txt = cli::root()
        .join("tests/corpus/import")
        .join(name)
        .join("自评表.txt");
    let jx = cli::root().join("tests/corpus/selfeval").join(name);
    let imported = cli::jixiao(&["audit", txt.to_str().unwrap()]);
    imported.code(0);
    let written = cli::jixiao(&["audit", jx.to_str().unwrap()]);
    written.code(0);
    // The same explain table: central-2020 taking the form's points
    // reproduces 7 of the 9 printed scores (the hand check's count).
    assert_eq!(imported.out, written.out);
    assert!(
        imported.out.contains("9 项      2/9           7/9"),
        "{}",
        imported.out
    );
}

#[test]
fn a_text_that_is_no_form_is_that_forms_error_and_the_others_go_on() {
    let t = forms(&THREE[..1]);
    std::fs::write(t.path().join("乱码.txt"), "随便写点什么\n").unwrap();
    let run = cli::jixiao_in(t.path(), &["audit", "乱码.txt", "表"]);
    run.code(1).has(&["━━ 乱码.txt ━━", "JX-I001"]);
    assert!(run.out.contains("表/a-tangxi  委托业务项目"), "{}", run.out);
    assert!(run.out.contains("共 2 张表、1 个项目"), "{}", run.out);
}

#[test]
fn declarations_without_a_self_evaluation_are_named_once() {
    let t = forms(&THREE[..1]);
    let lone = t.path().join("表/只有申报");
    std::fs::create_dir_all(&lone).unwrap();
    std::fs::copy(t.path().join("表/a-tangxi/申报.jx"), lone.join("申报.jx")).unwrap();
    let run = cli::jixiao_in(t.path(), &["audit", "表"]);
    run.code(0);
    assert_eq!(
        run.err.matches("不属于任何自评表").count(),
        1,
        "{}",
        run.err
    );
    run.has(&["表/只有申报/申报.jx"]);
}

#[test]
fn an_output_that_is_an_input_is_refused() {
    let t = forms(&THREE[..1]);
    let input = t.path().join("表/a-tangxi/自评.jx");
    let before = std::fs::read(&input).unwrap();
    let run = cli::jixiao_in(t.path(), &["audit", "表", "--html", "表/a-tangxi/自评.jx"]);
    run.code(2)
        .has(&["JX-E016", "就是输入文件", "写出会覆盖它"]);
    assert_eq!(std::fs::read(&input).unwrap(), before);
    let run = cli::jixiao_in(t.path(), &["audit", "表", "--xlsx", "x", "--html", "x"]);
    run.code(2).has(&["同一个输出文件"]);
    assert!(!t.path().join("x").exists());
}

#[test]
fn a_path_that_does_not_exist_is_exit_2() {
    let t = forms(&THREE[..1]);
    let run = cli::jixiao_in(t.path(), &["audit", "表", "没有这个.jx"]);
    // The other forms are still audited.
    run.code(2)
        .has(&["无法读取“没有这个.jx”", "委托业务项目  9 项"]);
}

#[test]
fn one_form_that_cannot_be_imported_says_so() {
    // Its cells run together (JX-I017): nothing to audit, and the user is
    // not told that the form printed no scores.
    let txt = cli::root()
        .join("tests/corpus/import/hubei-xiangyang-zhongxinyiyuan-2021-ziping/自评表.txt");
    let run = cli::jixiao(&["audit", txt.to_str().unwrap()]);
    run.code(1)
        .has(&["JX-I017", "这张表有错误（见上），未能复核表上印的得分。"])
        .lacks(&["没有表上印的指标得分"]);
}
