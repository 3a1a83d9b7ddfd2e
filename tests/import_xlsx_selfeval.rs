//! `jixiao report --xlsx` of a 自评 (the 项目支出绩效自评表 workbook) →
//! `jixiao import`: the printed half comes back as the draft's 自评 —
//! budget row, actuals with their units, 分值, 得分, 总分 and 等级 — and the
//! 自评汇总 sheet is no project and no 申报 summary (issue 18).

#[path = "common/cli.rs"]
mod cli;

#[path = "common/workbook.rs"]
mod workbook;
use workbook::{assert_no_warnings, import};

use jixiao::import::draft::{DraftActual, DraftActualValue, DraftBudgetRow, DraftTotal};
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// The 自评表 workbook of a generated department (20 projects, seed 3).
fn selfeval_workbook() -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let options = jixiao::gen::Options {
        projects: 20,
        seed: 3,
        departments: 1,
    };
    let dept = jixiao::gen::generate(&options).remove(0);
    std::fs::write(dir.path().join("申报.jx"), jixiao::gen::declaration(&dept)).unwrap();
    std::fs::write(dir.path().join("自评.jx"), jixiao::gen::actuals(&dept)).unwrap();
    let run = cli::jixiao_in(
        dir.path(),
        &[
            "report",
            "申报.jx",
            "--actuals",
            "自评.jx",
            "--xlsx",
            "自评表.xlsx",
        ],
    );
    assert!(run.err.contains("已写出自评表工作簿"), "{}", run.all());
    std::fs::read(dir.path().join("自评表.xlsx")).unwrap()
}

fn quantity(value: &str, unit: &str) -> Option<DraftActualValue> {
    Some(DraftActualValue::Quantity {
        comparator: None,
        value: d(value),
        unit: unit.into(),
    })
}

#[test]
fn own_selfeval_workbook_comes_back_as_printed() {
    let imported = import(&selfeval_workbook());
    assert_no_warnings(&imported);
    assert!(imported.others.is_empty());
    let draft = imported.draft.as_ref().unwrap();
    assert_eq!(
        draft.name.as_deref(),
        Some("上海市松江区人民代表大会常务委员会办公室")
    );
    assert_eq!(draft.year, Some(2025));
    assert_eq!(draft.projects.len(), 20);
    assert!(draft.projects.iter().all(|p| p.name != "部门汇总"));
    for p in &draft.projects {
        let s = p.selfeval.as_ref().expect("every project has its 自评");
        let indicators = p.indicators.iter().filter(|i| i.value.is_some()).count();
        assert_eq!(s.actuals.len(), indicators, "{}", p.name);
        assert!(s.total.is_some(), "{}", p.name);
    }

    // The first project, cell by cell (its sheet: see the generated actuals).
    let p = draft.projects.first().unwrap();
    assert_eq!(p.name, "广富林街道农田水利购买服务");
    assert_eq!(
        p.annual_goal.value.as_deref(),
        Some("完成年度建设任务并通过验收")
    );
    let s = p.selfeval.as_ref().unwrap();
    let budget: Vec<&DraftBudgetRow> = s.budget.iter().filter_map(|e| e.value.as_ref()).collect();
    assert_eq!(
        budget,
        [&DraftBudgetRow {
            key: "年度资金总额".into(),
            start: None,
            full: Some(d("385700")),
            spent: Some(d("277704")),
            unit: "元".into(),
            points: Some(d("10")),
            rate: Some((d("72"), "%".into())),
            score: Some(d("7.2")),
        }]
    );
    let actuals: Vec<&DraftActual> = s.actuals.iter().filter_map(|e| e.value.as_ref()).collect();
    let actual = |name: &str, value, points: &str, score: &str| DraftActual {
        name: name.into(),
        value,
        points: Some(d(points)),
        score: Some(d(score)),
        reason: None,
    };
    assert_eq!(
        actuals,
        [
            &actual("运维总成本", quantity("32.78", "万元"), "12.5", "12.5"),
            &actual("会议召开次数", quantity("5", "次"), "12.5", "12.5"),
            &actual(
                "培训课程安排有效性",
                Some(DraftActualValue::Word("达成".into())),
                "12.5",
                "12.5"
            ),
            &actual(
                "会议召开",
                Some(DraftActualValue::Word("达成".into())),
                "12.5",
                "12.5"
            ),
            &actual(
                "推动地区经济社会发展",
                Some(DraftActualValue::Word("达成".into())),
                "30",
                "30"
            ),
            // `= 89 / 98` in the 自评: the workbook holds the rate as a
            // number (a double), 89/98 to 16 digits; the fraction itself is
            // not in the workbook.
            &actual(
                "使用者满意率",
                quantity("90.81632653061225", "%"),
                "10",
                "10"
            ),
        ]
    );
    assert_eq!(
        s.total.as_ref().and_then(|t| t.value.as_ref()),
        Some(&DraftTotal {
            points: Some(d("100")),
            score: Some(d("97.2")),
            grade: Some("优".into()),
        })
    );
}

/// A reason written in the 自评 comes back as 原因; the remarks jixiao adds
/// in that column (【超额完成】, 【需说明，未填写】) are not reasons.
#[test]
fn reasons_without_jixiao_remarks() {
    let imported = import(&selfeval_workbook());
    let draft = imported.draft.as_ref().unwrap();
    let p = draft
        .projects
        .iter()
        .find(|p| p.name == "中山街道农田水利能力提升")
        .unwrap();
    let s = p.selfeval.as_ref().unwrap();
    let reason = s
        .actuals
        .iter()
        .filter_map(|e| e.value.as_ref())
        .find(|a| a.name == "项目完成质量")
        .and_then(|a| a.reason.clone());
    assert_eq!(
        reason.as_deref(),
        Some("设备采购流程较长，完成时间晚于计划")
    );
}

/// The 14 published 自评表 of the corpus, through `report --xlsx` and back:
/// what each form printed (an indicator line's 分值 and 得分, the 合计) is
/// what the import reads from the workbook's 表内 columns.
#[test]
fn corpus_selfeval_forms_keep_their_printed_values() {
    let corpus = cli::root().join("tests/corpus/selfeval");
    let mut forms = 0;
    for entry in std::fs::read_dir(&corpus).unwrap() {
        let dir = entry.unwrap().path();
        if !dir.join("自评.jx").exists() {
            continue;
        }
        forms += 1;
        let out = tempfile::tempdir().unwrap();
        let book = out.path().join("自评表.xlsx");
        cli::jixiao_in(
            &dir,
            &[
                "report",
                "申报.jx",
                "--actuals",
                "自评.jx",
                "--xlsx",
                book.to_str().unwrap(),
            ],
        );
        let imported = import(&std::fs::read(&book).unwrap());
        let text = std::fs::read_to_string(dir.join("自评.jx")).unwrap();
        let loaded = jixiao::load::load_text("自评.jx", &text);
        let (actuals, _) = jixiao::lower::lower_actuals(&loaded, jixiao::source::FileId(0));
        let actuals = actuals.unwrap();
        let draft = imported.draft.as_ref().unwrap();
        for pa in &actuals.projects {
            let key = jixiao::model::name_key(&pa.name);
            let Some(p) = draft
                .projects
                .iter()
                .find(|p| jixiao::model::name_key(&p.name) == key)
            else {
                continue; // a project of the 自评 not declared: not in the workbook
            };
            let s = p.selfeval.as_ref().unwrap();
            if let Some(t) = &pa.total {
                let got = s.total.as_ref().and_then(|e| e.value.as_ref()).unwrap();
                assert_eq!(
                    (got.points, got.score),
                    (t.points, t.score),
                    "{dir:?} {} 合计",
                    pa.name
                );
            }
            // The budget total row: 全年预算数 and 全年执行数 as written.
            let row = s.budget.iter().filter_map(|e| e.value.as_ref()).next();
            let yuan =
                |a: &Option<jixiao::model::Amount>| a.as_ref().and_then(|a| a.quantity.yuan());
            if let (Some(row), Some(budget)) = (row, yuan(&pa.budget)) {
                assert_eq!(row.full, Some(budget), "{dir:?} {} 全年预算数", pa.name);
                assert_eq!(row.spent, yuan(&pa.spent), "{dir:?} {} 全年执行数", pa.name);
            }
            for line in &pa.printed {
                let got = s.actuals.iter().filter_map(|e| e.value.as_ref()).find(|a| {
                    jixiao::model::name_key(&a.name) == jixiao::model::name_key(&line.name)
                });
                let Some(got) = got else {
                    panic!("{dir:?} {}: no line {}", pa.name, line.name);
                };
                assert_eq!(
                    (got.points, got.score),
                    (line.points, line.score),
                    "{dir:?} {} {}",
                    pa.name,
                    line.name
                );
            }
        }
    }
    assert_eq!(forms, 14);
}
