//! A deterministic, seeded generator of realistic declarations, for
//! benchmarks and load tests (`jixiao gen`, hidden; see BENCHMARKS.md).
//!
//! The mix follows the seed declaration (examples/songjiang-npc-2025): 6–8
//! indicators per project across 成本/产出/效益/满意度, units 万元, 元, 元/人,
//! 次, 人 and %, qualitative targets, narrative sections of a few hundred
//! characters, and funds that add up (总额 = 财政资金 + 其他资金, 财政资金 =
//! 当年拨款 + 上年结转, and the department's 申报 line is the sum of totals).
//!
//! A project depends only on the seed and its index, so the first 1,000
//! projects of a 100,000-project workload are the 1,000-project workload.
//! Year-end actuals (自评, a mix of met and unmet) are rendered from the same
//! data in the syntax of docs/language.md, for the evaluation benchmarks.

pub mod form_files;
pub mod forms;
pub mod plant;
mod render;
mod rng;
mod words;

use crate::vocab::{Comparator, NarrativeKey};
pub use render::{actuals, declaration};
use rng::nth;
pub use rng::Rng;

use rust_decimal::Decimal;
use std::collections::HashSet;
use words::*;

/// What to generate.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Projects in all.
    pub projects: usize,
    pub seed: u64,
    /// Departments (one per file); projects are dealt out in order.
    pub departments: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            projects: 1000,
            seed: 1,
            departments: 1,
        }
    }
}

/// One generated department.
#[derive(Clone, Debug)]
pub struct GenDepartment {
    pub name: String,
    pub year: u16,
    pub projects: Vec<GenProject>,
}

impl GenDepartment {
    /// Sum of the projects' totals, in 元 (whole hundreds).
    pub fn total_yuan(&self) -> i64 {
        self.projects.iter().map(|p| p.total).sum()
    }
    pub fn indicator_count(&self) -> usize {
        self.projects.iter().map(|p| p.indicators.len()).sum()
    }
}

/// One generated project. Amounts are whole 元.
#[derive(Clone, Debug)]
pub struct GenProject {
    pub name: String,
    pub nature: &'static str,
    pub category: &'static str,
    pub total: i64,
    pub current: i64,
    pub carryover: i64,
    pub other: i64,
    pub goal: &'static str,
    pub narrative: Vec<(&'static str, String)>,
    pub indicators: Vec<GenIndicator>,
    pub check: Option<String>,
    /// Actual spending (执行数) for the actuals file.
    pub spent: i64,
    pub rng: Rng,
}

#[derive(Clone, Debug)]
pub struct GenIndicator {
    pub level1: &'static str,
    pub level2: &'static str,
    pub name: String,
    pub target: GenTarget,
    pub caliber: Option<&'static str>,
}

#[derive(Clone, Debug)]
pub enum GenTarget {
    Compare {
        cmp: Comparator,
        value: Decimal,
        unit: &'static str,
    },
    Range {
        low: Decimal,
        high: Decimal,
        unit: &'static str,
    },
    Qualitative(&'static str),
}

/// Generate the departments of a workload.
pub fn generate(options: &Options) -> Vec<GenDepartment> {
    let root = Rng::new(options.seed);
    let departments = options.departments.max(1);
    let per = options.projects / departments;
    let extra = options.projects % departments;
    let mut index = 0usize;
    (0..departments)
        .map(|d| {
            let count = per + usize::from(d < extra);
            let mut names = HashSet::new();
            let projects = (0..count)
                .map(|_| {
                    let p = project(root.fork(index as u64 + 1), &mut names);
                    index += 1;
                    p
                })
                .collect();
            GenDepartment {
                name: department_name(d),
                year: 2025,
                projects,
            }
        })
        .collect()
}

/// One department's declaration file with `projects` projects.
pub fn declaration_text(projects: usize, seed: u64) -> String {
    let options = Options {
        projects,
        seed,
        departments: 1,
    };
    generate(&options).iter().map(declaration).collect()
}

fn department_name(i: usize) -> String {
    let combos = DISTRICTS.len() * BUREAUS.len();
    let district = nth(&DISTRICTS, i % DISTRICTS.len());
    let bureau = nth(&BUREAUS, (i / DISTRICTS.len()) % BUREAUS.len());
    if i < combos {
        format!("上海市{district}{bureau}")
    } else {
        format!("上海市{district}{bureau}第{}分部", i / combos + 1)
    }
}

fn yuan(v: i64) -> Decimal {
    Decimal::new(v, 0)
}

fn project(mut r: Rng, names: &mut HashSet<String>) -> GenProject {
    let base = format!("{}{}{}", r.pick(&PLACES), r.pick(&THEMES), r.pick(&KINDS));
    let mut name = base.clone();
    let mut phase = 2;
    while !names.insert(name.clone()) {
        name = format!("{base}（{phase}期）");
        phase += 1;
    }

    let total = r.range(300, 20_000) as i64 * 100;
    let other = if r.chance(12) { total } else { 0 };
    let fiscal = total - other;
    let carryover = if fiscal > 0 && r.chance(10) {
        fiscal / 100 * r.range(5, 40) as i64
    } else {
        0
    };
    let current = fiscal - carryover;

    let clauses = |r: &mut Rng, lo: u64, hi: u64| -> String {
        let n = r.range(lo, hi) as usize;
        // n distinct clauses: a partial Fisher–Yates shuffle.
        let mut order: Vec<&str> = CLAUSES.to_vec();
        let mut lines = Vec::new();
        let mut line: Vec<&str> = Vec::new();
        for i in 0..n.min(order.len()) {
            let j = r.range(i as u64, order.len() as u64 - 1) as usize;
            order.swap(i, j);
            line.push(nth(&order, i));
            if line.len() == 3 || i + 1 == n {
                lines.push(format!("{}。", line.join("，")));
                line.clear();
            }
        }
        lines.join("\n")
    };
    let narrative = vec![
        (NarrativeKey::Overview.word(), clauses(&mut r, 2, 4)),
        (NarrativeKey::Basis.word(), clauses(&mut r, 3, 6)),
        (NarrativeKey::Implementer.word(), "本单位".to_string()),
        (NarrativeKey::Plan.word(), clauses(&mut r, 3, 6)),
        (
            NarrativeKey::Schedule.word(),
            "2025 年 1 月 1 日—2025 年 12 月 31 日".to_string(),
        ),
        (
            NarrativeKey::Budget.word(),
            format!(
                "2025 年 11 月底前支付 {} 元",
                crate::model::group_thousands(Decimal::new(total * 100, 2))
            ),
        ),
    ];

    let (indicators, check) = indicators(&mut r, total);
    let spent = total / 100 * r.range(70, 100) as i64;
    GenProject {
        name,
        nature: r.pick(&NATURES),
        category: r.pick(&CATEGORIES),
        total,
        current,
        carryover,
        other,
        goal: r.pick(&GOALS),
        narrative,
        indicators,
        check,
        spent,
        rng: r.fork(0xAC7),
    }
}

fn ind(level1: &'static str, level2: &'static str, name: &str, target: GenTarget) -> GenIndicator {
    GenIndicator {
        level1,
        level2,
        name: name.to_string(),
        target,
        caliber: None,
    }
}

fn cmp(cmp: Comparator, value: Decimal, unit: &'static str) -> GenTarget {
    GenTarget::Compare { cmp, value, unit }
}

/// Two distinct indices below `n` (n ≥ 2).
fn two(r: &mut Rng, n: usize) -> (usize, usize) {
    let a = r.range(0, n as u64 - 1) as usize;
    let b = (a + 1 + r.range(0, n as u64 - 2) as usize) % n;
    (a, b)
}

fn indicators(r: &mut Rng, total: i64) -> (Vec<GenIndicator>, Option<String>) {
    const COST: (&str, &str) = ("成本指标", "经济成本指标");
    const COUNT: (&str, &str) = ("产出指标", "数量指标");
    const QUALITY: (&str, &str) = ("产出指标", "质量指标");
    const TIME: (&str, &str) = ("产出指标", "时效指标");
    const BENEFIT: (&str, &str) = ("效益指标", "社会效益指标");
    const SATISFY: (&str, &str) = ("满意度指标", "服务对象满意度指标");
    let mut out = Vec::new();
    let mut check = None;

    // 成本: 万元, 元/人 (with a matching 人数 and a 校验) or 元.
    let (ci, cj) = two(r, COUNT_NAMES.len());
    let mut counts = vec![nth(&COUNT_NAMES, ci)];
    if r.chance(30) {
        counts.push(nth(&COUNT_NAMES, cj));
    }
    match r.range(0, 2) {
        0 => out.push(ind(
            COST.0,
            COST.1,
            "运维总成本",
            cmp(Comparator::Le, Decimal::new(total / 100, 2), "万元"),
        )),
        1 => {
            let people = r.range(10, 400) as i64;
            let per = total / people;
            out.push(ind(
                COST.0,
                COST.1,
                "人均培训成本",
                cmp(Comparator::Le, yuan(per), "元/人"),
            ));
            if let Some(first) = counts.first_mut() {
                *first = ("培训人数", "人");
            }
            if counts.get(1).is_some_and(|c| c.0 == "培训人数") {
                counts.truncate(1);
            }
            if r.chance(40) {
                check = Some("人均培训成本 × 培训人数 ≤ 资金.总额".to_string());
            }
            out.push(ind(
                COUNT.0,
                COUNT.1,
                "培训人数",
                cmp(Comparator::Ge, yuan(people), "人"),
            ));
            counts.remove(0);
        }
        _ => out.push(ind(
            COST.0,
            COST.1,
            "会议日人均费用",
            cmp(Comparator::Le, yuan(r.range(1, 60) as i64 * 50), "元"),
        )),
    }
    for (name, unit) in counts {
        let v = if unit == "人" {
            r.range(2, 500)
        } else {
            r.range(1, 30)
        };
        out.push(ind(
            COUNT.0,
            COUNT.1,
            name,
            cmp(Comparator::Ge, yuan(v as i64), unit),
        ));
    }

    // 质量: rates in %, a qualitative word, now and then a range.
    let (qi, qj) = two(r, RATE_NAMES.len() + QUALITY_WORDS.len());
    let picks = if r.chance(40) { vec![qi, qj] } else { vec![qi] };
    for q in picks {
        if let Some(name) = RATE_NAMES.get(q) {
            let target = if name.contains("丢失") || name.contains("出错") {
                cmp(Comparator::Eq, Decimal::ZERO, "%")
            } else if r.chance(10) {
                GenTarget::Range {
                    low: yuan(95),
                    high: yuan(100),
                    unit: "%",
                }
            } else if r.chance(50) {
                cmp(Comparator::Eq, yuan(100), "%")
            } else {
                cmp(Comparator::Ge, yuan(90), "%")
            };
            out.push(ind(QUALITY.0, QUALITY.1, name, target));
        } else {
            let (name, word) = nth(&QUALITY_WORDS, q - RATE_NAMES.len());
            out.push(ind(
                QUALITY.0,
                QUALITY.1,
                name,
                GenTarget::Qualitative(word),
            ));
        }
    }

    let timely = if r.chance(3) {
        "每月 25 日前"
    } else {
        r.pick(&TIMELY_NAMES)
    };
    out.push(ind(TIME.0, TIME.1, timely, GenTarget::Qualitative("及时")));
    let (name, word) = r.pick(&BENEFITS);
    out.push(ind(
        BENEFIT.0,
        BENEFIT.1,
        name,
        GenTarget::Qualitative(word),
    ));
    let level = if r.chance(50) { 90 } else { 95 };
    let mut sat = ind(
        SATISFY.0,
        SATISFY.1,
        r.pick(&SATISFACTION),
        cmp(Comparator::Ge, yuan(level), "%"),
    );
    if r.chance(5) {
        sat.caliber = Some("年末问卷调查");
    }
    out.push(sat);
    (out, check)
}

#[cfg(test)]
mod tests;
