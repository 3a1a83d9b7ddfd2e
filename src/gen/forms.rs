//! Generated 自评表 (`jixiao gen --forms`, issue 19): one form per file, a
//! `部门` block with one generated project and its `自评` block with every
//! number a published form prints — the budget row (分值, 执行率, 得分), each
//! indicator's 分值 and 得分, a 小计 per group, the 合计 with its 等级.
//!
//! The numbers are the engine's: the form is evaluated under the built-in
//! rule set (central-2020) and its scores printed as computed, so a clean
//! form audits with no finding; [`super::plant`] then makes one of them
//! wrong. The generator never scores anything itself.

use super::render::{self, name_token};
use super::{generate, GenDepartment, Options, Rng};
use crate::model::display::{money_exact, number, percent_at};
use crate::model::evaluation::ProjectEvaluation;
use crate::model::rules::RuleSet;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::fmt::Write;

/// One generated form, with the numbers it prints.
#[derive(Clone, Debug)]
pub struct Form {
    /// The declaration: one department holding one project.
    pub department: GenDepartment,
    pub project: String,
    pub budget: BudgetLine,
    pub lines: Vec<FormLine>,
    pub subtotals: Vec<Subtotal>,
    pub total: Total,
}

/// The budget section: the total row and the row that holds the money.
#[derive(Clone, Debug)]
pub struct BudgetLine {
    /// 年初 = 全年预算数, in 元.
    pub budget: Decimal,
    /// 全年执行数, in 元.
    pub spent: Decimal,
    /// The money is 财政资金 (else 其他资金).
    pub fiscal: bool,
    /// The total row prints 0 (planted: JX-V060).
    pub zeroed: bool,
    pub points: Decimal,
    /// 执行率 as printed, a fraction.
    pub rate: Decimal,
    pub score: Decimal,
}

/// One indicator's line.
#[derive(Clone, Debug)]
pub struct FormLine {
    pub name: String,
    /// The rule set's group it is scored in (成本指标 is in 产出指标).
    pub group: String,
    /// The actual, as written after the name.
    pub actual: String,
    pub points: Decimal,
    /// 得分 as printed.
    pub score: Decimal,
    /// 得分 as the engine computes it.
    pub computed: Decimal,
    pub met: bool,
    /// 原因 (and a 措施) written on the line.
    pub reason: Option<&'static str>,
}

/// `小计 <group> 分值 … 得分 …`.
#[derive(Clone, Debug)]
pub struct Subtotal {
    pub group: String,
    pub points: Decimal,
    pub score: Decimal,
}

/// `合计 分值 … 得分 … 等级 …`.
#[derive(Clone, Debug)]
pub struct Total {
    pub points: Decimal,
    pub score: Decimal,
    pub grade: String,
}

const MEASURES: [&str; 3] = [
    "加强过程跟踪，按月调度进度",
    "下一年度提前启动采购与组织工作",
    "完善统计口径，扩大调查覆盖面",
];

/// `count` forms of the workload `seed`: form `i` holds the generated
/// project `i` (its own department, so that each file is one form).
/// A form the engine cannot evaluate is left out (none is, see the tests).
pub fn forms(count: usize, seed: u64) -> Vec<Form> {
    let options = Options {
        projects: count,
        seed,
        departments: count,
    };
    generate(&options)
        .into_iter()
        .map(|mut d| {
            // As the 2020 自评表 prints it: 成本指标 a second-level group of
            // 产出指标, so that each 小计 is one declared first-level group.
            for x in d.projects.iter_mut().flat_map(|p| p.indicators.iter_mut()) {
                if x.level1 == "成本指标" {
                    x.level1 = "产出指标";
                    x.level2 = "成本指标";
                }
            }
            d
        })
        .filter_map(form)
        .collect()
}

/// The form of a one-project department.
pub fn form(department: GenDepartment) -> Option<Form> {
    let p = department.projects.first()?;
    let mut r = p.rng.fork(0xF0);
    let actuals: Vec<_> = p
        .indicators
        .iter()
        .map(|x| render::actual(&mut r, x))
        .collect();
    let declaration = render::declaration(&department);
    let mut form = Form {
        project: p.name.clone(),
        budget: BudgetLine {
            budget: Decimal::from(p.total),
            spent: Decimal::from(p.total),
            fiscal: p.other != p.total,
            zeroed: false,
            points: Decimal::ZERO,
            rate: Decimal::ZERO,
            score: Decimal::ZERO,
        },
        lines: p
            .indicators
            .iter()
            .zip(&actuals)
            .map(|(x, (actual, reason))| FormLine {
                name: x.name.clone(),
                group: String::new(),
                actual: actual.clone(),
                points: Decimal::ZERO,
                score: Decimal::ZERO,
                computed: Decimal::ZERO,
                met: false,
                reason: *reason,
            })
            .collect(),
        subtotals: Vec::new(),
        total: Total {
            points: Decimal::ZERO,
            score: Decimal::ZERO,
            grade: String::new(),
        },
        department,
    };
    // First pass: how much of the indicators' points is scored, so that the
    // money spent keeps pace with it (JX-V018 flags a gap over 5 points).
    let (first, _) = evaluate(&declaration, &form.actuals_text(false))?;
    let share = first
        .indicator_total()
        .zip(sum(first.indicators.iter().map(|i| i.points)))
        .and_then(|(s, p)| s.checked_div(p))?;
    let bp = (share * Decimal::from(10_000))
        .floor()
        .to_u64()?
        .min(10_000);
    let bp = r.range(bp.saturating_sub(300), (bp + 300).min(10_000));
    form.budget.spent = Decimal::new(p_total(&form) * bp as i64, 4).round_dp(2);

    let (pe, rules) = evaluate(&declaration, &form.actuals_text(false))?;
    form.budget.points = pe.execution_points;
    form.budget.score = pe.execution_score?;
    form.budget.rate = pe.execution_rate?.round_dp(4);
    for (line, i) in form.lines.iter_mut().zip(&pe.indicators) {
        line.group = i.group.to_string();
        line.points = i.points;
        line.computed = i.score?;
        line.score = line.computed;
        line.met = i.met == Some(true);
        line.reason = match (i.explanation_required, line.reason) {
            (false, _) => None,
            (true, Some(why)) => Some(why),
            (true, None) => Some(r.pick(&super::words::REASONS)),
        };
    }
    form.subtotals = pe
        .groups
        .iter()
        .filter(|g| !g.members.is_empty())
        .map(|g| Subtotal {
            group: g.name.to_string(),
            points: g.points,
            score: Decimal::ZERO,
        })
        .collect();
    form.total.points = pe.points();
    form.add_up(&rules);
    Some(form)
}

fn p_total(form: &Form) -> i64 {
    form.budget.budget.to_i64().unwrap_or_default()
}

fn sum(mut values: impl Iterator<Item = Decimal>) -> Option<Decimal> {
    values.try_fold(Decimal::ZERO, |acc, v| acc.checked_add(v))
}

/// Evaluate a one-project form under the built-in rule set.
fn evaluate(declaration: &str, actuals: &str) -> Option<(ProjectEvaluation, RuleSet)> {
    let evaluated = crate::evaluate_text(declaration, actuals, None);
    let rules = evaluated.rules?;
    let project = evaluated.evaluation?.projects.into_iter().next()?;
    Some((project, rules))
}

impl Form {
    /// The 小计 from the printed lines of each group, the 合计 from the
    /// budget score and the 小计, and the 等级 of that 合计: a form that
    /// adds up, whatever its lines print.
    pub fn add_up(&mut self, rules: &RuleSet) {
        for s in &mut self.subtotals {
            let rows = self.lines.iter().filter(|l| l.group == s.group);
            s.score = sum(rows.map(|l| l.score)).unwrap_or_default();
        }
        let parts = self.subtotals.iter().map(|s| s.score);
        self.total.score = sum(std::iter::once(self.budget.score).chain(parts)).unwrap_or_default();
        self.total.grade = rules.grade_of(self.total.score).unwrap_or_default();
    }

    /// The file: the declaration, then the 自评 with every printed number.
    pub fn text(&self) -> String {
        let mut s = render::declaration(&self.department);
        s.push('\n');
        s.push_str(&self.actuals_text(true));
        s
    }

    /// The 自评 block; without `printed`, only what the engine scores from
    /// (the actuals and the money), for the passes that compute the scores.
    fn actuals_text(&self, printed: bool) -> String {
        let d = &self.department;
        let mut s = String::with_capacity(2048);
        let _ = writeln!(s, "自评 \"{}\" {} {{", d.name, d.year);
        let _ = writeln!(s, "  项目 \"{}\" {{", self.project);
        self.budget_rows(&mut s, printed);
        let mut groups = self.subtotals.iter().peekable();
        for (i, line) in self.lines.iter().enumerate() {
            let _ = write!(s, "    {}{}", name_token(&line.name), line.actual);
            if printed {
                let _ = write!(
                    s,
                    " 分值 {} 得分 {}",
                    number(line.points),
                    number(line.score)
                );
            }
            if let (true, Some(why)) = (printed, line.reason) {
                let measure = super::rng::nth(&MEASURES, i % MEASURES.len());
                let _ = write!(s, " 原因 \"{why}\" 措施 \"{measure}\"");
            }
            s.push('\n');
            let last = self.lines.get(i + 1).is_none_or(|n| n.group != line.group);
            if let (true, true, Some(g)) = (printed, last, groups.peek()) {
                if g.group == line.group {
                    let _ = writeln!(
                        s,
                        "    小计 {} 分值 {} 得分 {}",
                        g.group,
                        number(g.points),
                        number(g.score)
                    );
                    groups.next();
                }
            }
        }
        if printed {
            let t = &self.total;
            let _ = writeln!(
                s,
                "    合计 分值 {} 得分 {} 等级 {}",
                number(t.points),
                number(t.score),
                t.grade
            );
        }
        s.push_str("  }\n}\n");
        s
    }

    fn budget_rows(&self, s: &mut String, printed: bool) {
        let b = &self.budget;
        let row = |s: &mut String, name: &str, budget: Decimal, spent: Decimal| {
            let (budget, spent) = (money_exact(budget), money_exact(spent));
            let _ = write!(
                s,
                "      {name} 年初 {budget} 元 全年 {budget} 元 执行 {spent} 元"
            );
        };
        let _ = writeln!(s, "    预算 {{");
        if b.zeroed {
            row(s, "年度资金总额", Decimal::ZERO, Decimal::ZERO);
        } else {
            row(s, "年度资金总额", b.budget, b.spent);
        }
        if printed {
            let _ = write!(
                s,
                " 分值 {} 执行率 {} 得分 {}",
                number(b.points),
                percent_at(b.rate, 2),
                number(b.score)
            );
        }
        s.push('\n');
        let (fiscal, other) = if b.fiscal {
            ((b.budget, b.spent), (Decimal::ZERO, Decimal::ZERO))
        } else {
            ((Decimal::ZERO, Decimal::ZERO), (b.budget, b.spent))
        };
        row(s, "财政资金", fiscal.0, fiscal.1);
        s.push('\n');
        row(s, "其他资金", other.0, other.1);
        s.push('\n');
        let _ = writeln!(s, "    }}");
    }
}

/// A stream for the plants of form `index` of workload `seed`.
pub fn plant_rng(seed: u64, index: usize) -> Rng {
    Rng::new(seed).fork(0x9_1A47 + index as u64)
}
