//! The seed department (上海市松江区人大常委会办公室, 2025): model-level facts
//! that must hold exactly as on the official form.

#[path = "common/cli.rs"]
mod cli;
use cli::Checked;

use jixiao::model::{Comparator, Target};
use rust_decimal::Decimal;
use std::path::PathBuf;
use std::str::FromStr;

fn seed() -> jixiao::Checked {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/songjiang-npc-2025");
    jixiao::check_paths(&[dir], &jixiao::LoadOptions::default())
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[test]
fn seed_has_no_errors() {
    let checked = seed();
    let errors: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn seed_department_header() {
    let checked = seed();
    let dept = &checked.workspace.departments[0];
    assert_eq!(
        dept.name.as_deref(),
        Some("上海市松江区人民代表大会常务委员会办公室")
    );
    assert_eq!(dept.year, Some(2025));
    let claim = dept.claim.as_ref().unwrap();
    assert_eq!(claim.project_count, dec("9"));
    assert_eq!(claim.funds.to_string(), "436.30 万元");
}

#[test]
fn seed_projects_and_totals() {
    let checked = seed();
    let projects: Vec<_> = checked.workspace.projects().collect();
    let expected = [
        ("松江人大网络信息系统维护", "90682.50", 7),
        ("市人大代表松江小组活动费", "200000.00", 6),
        ("区人大代表工作", "690000.00", 6),
        ("九地市人大工作交流", "300000.00", 7),
        ("人大履职培训", "1060000.00", 6),
        ("全过程人民民主与松江人大工作研究", "250000.00", 6),
        ("课题调研", "645000.00", 6),
        ("编外人员经费", "310581.00", 6),
        ("人代会会议", "816700.00", 8),
    ];
    assert_eq!(projects.len(), 9);
    let mut sum = Decimal::ZERO;
    for (p, (name, total, indicators)) in projects.iter().zip(expected) {
        assert_eq!(p.name, name);
        let t = p.funds.total.as_ref().unwrap().quantity.yuan().unwrap();
        assert_eq!(t, dec(total), "{name}");
        assert_eq!(p.indicators.len(), indicators, "{name}");
        sum += t;
    }
    assert_eq!(sum, dec("4362963.50"));
    assert_eq!(checked.workspace.indicator_count(), 58);
}

#[test]
fn seed_project_facts() {
    let checked = seed();
    let projects: Vec<_> = checked.workspace.projects().collect();
    let p4 = projects[3];
    assert_eq!(p4.nature.as_deref(), Some("其他一次性项目"));
    assert_eq!(p4.category.as_deref(), Some("特定目标类"));
    for p in &projects {
        let period = p.period.as_ref().unwrap();
        assert_eq!(period.start.to_string(), "2025-01-01");
        assert_eq!(period.end.to_string(), "2025-12-31");
        assert!(
            p.overall_goal.is_some() && p.annual_goal.is_some(),
            "{}",
            p.name
        );
        for (key, value) in p.narrative.fields().iter().take(6) {
            assert!(value.is_some(), "{} 缺少说明：{key}", p.name);
        }
    }
    // Project 2: the form leaves 其中：财政资金 blank.
    let p2 = projects[1];
    assert!(p2.funds.fiscal.is_none());
    assert_eq!(
        p2.funds.other.as_ref().unwrap().quantity.yuan(),
        Some(dec("200000.00"))
    );
}

#[test]
fn seed_indicator_kinds() {
    let checked = seed();
    let p1 = checked.workspace.projects().next().unwrap();
    let cost = p1.indicator("运维总成本").unwrap();
    assert_eq!(
        (cost.level1.as_str(), cost.level2.as_str()),
        ("成本指标", "经济成本指标")
    );
    match &cost.target {
        Target::Compare {
            comparator,
            value,
            implied,
        } => {
            assert!(!implied, "the seed writes its comparators");
            assert_eq!(*comparator, Comparator::Le);
            assert_eq!(value.value, dec("10.04"));
            assert_eq!(value.unit.text(), "万元");
            assert_eq!(value.yuan(), Some(dec("100400")));
        }
        other => panic!("{other:?}"),
    }
    let zero = p1.indicator("系统重要存储丢失率").unwrap();
    assert_eq!(zero.target.to_string(), "= 0%");
    let timely = p1.indicator("系统故障响应及时性").unwrap();
    assert_eq!(
        timely.target,
        Target::Qualitative {
            word: "及时".into()
        }
    );
    // Full-width and half-width parentheses name the same indicator.
    assert!(p1.indicator("更新系统(软件)数量").is_some());
}

/// Every indicator of the seed, one line each, reviewed against the form.
#[test]
fn seed_indicator_table() {
    let checked = seed();
    let mut table = String::new();
    for (i, p) in checked.workspace.projects().enumerate() {
        table.push_str(&format!("项目 {}：{}\n", i + 1, p.name));
        for ind in &p.indicators {
            table.push_str(&format!(
                "  {} / {} / {} / {}\n",
                ind.level1, ind.level2, ind.name, ind.target
            ));
        }
    }
    insta::assert_snapshot!(table);
}

#[test]
fn export_json_numbers() {
    let out = cli::command(&cli::root())
        .args(["export", "--format", "json"])
        .arg(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/songjiang-npc-2025"))
        .checked();
    assert_eq!(out.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["version"], 1);
    let projects = doc["departments"][0]["projects"].as_array().unwrap();
    assert_eq!(projects.len(), 9);
    let indicators: usize = projects
        .iter()
        .map(|p| p["indicators"].as_array().unwrap().len())
        .sum();
    assert_eq!(indicators, 58);
    let sum: Decimal = projects
        .iter()
        .map(|p| {
            assert_eq!(p["funds"]["total"]["unit"], "元");
            dec(p["funds"]["total"]["value"].as_str().unwrap())
        })
        .sum();
    assert_eq!(sum, dec("4362963.50"));
    // The export reads back into the same model.
    let ws: jixiao::Workspace = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(ws, seed().workspace);
}
