//! The department summary, counted a project at a time: a whole evaluation
//! and a streamed one (the projects never all held) give the same numbers.

use crate::model::evaluation::{ProjectEvaluation, ShortText, Summary};
use crate::model::rules::RuleSet;
use rust_decimal::Decimal;

/// What the summary needs of one scored project (taken in the thread that
/// scored it, so that the project itself can be dropped there).
#[derive(Clone, Debug, Default)]
pub(crate) struct ProjectCount {
    has_actuals: bool,
    indicators: usize,
    met: usize,
    missing: usize,
    budget: Option<Decimal>,
    spent: Option<Decimal>,
    /// The 执行率 denominator under `执行率分母 年初预算数`
    /// (`ProjectEvaluation::execution_base`).
    initial_base: Option<Decimal>,
    total: Option<Decimal>,
    grade: Option<ShortText>,
}

impl ProjectCount {
    pub fn of(p: &ProjectEvaluation) -> ProjectCount {
        ProjectCount {
            has_actuals: p.has_actuals,
            indicators: p.indicators.len(),
            met: p.indicators.iter().filter(|i| i.met == Some(true)).count(),
            missing: p.indicators.iter().filter(|i| i.missing).count(),
            budget: p.budget,
            spent: p.spent,
            initial_base: p.execution_base,
            total: p.total,
            grade: p.grade.clone(),
        }
    }
}

/// What the summary needs of the projects scored so far, in project order.
#[derive(Debug)]
pub(crate) struct SummaryTally {
    summary: Summary,
    /// Σ of the 执行率 denominators (`None` on overflow): 全年预算数, or
    /// under `执行率分母 年初预算数` what each project divides by.
    bases: Option<Decimal>,
    initial: bool,
    /// Σ of the totals while every project has one (`None` on overflow).
    totals: Option<Decimal>,
    every_total: bool,
}

impl SummaryTally {
    pub fn new(rules: &RuleSet) -> SummaryTally {
        SummaryTally {
            summary: Summary {
                budget: Some(Decimal::ZERO),
                spent: Some(Decimal::ZERO),
                grades: rules.grades.iter().map(|g| (g.name.clone(), 0)).collect(),
                ..Summary::default()
            },
            bases: Some(Decimal::ZERO),
            initial: rules.execution_base == crate::model::rules::ExecutionBase::Initial,
            totals: Some(Decimal::ZERO),
            every_total: true,
        }
    }

    /// Count one more project.
    pub fn add(&mut self, c: &ProjectCount) {
        let s = &mut self.summary;
        s.projects += 1;
        s.evaluated += usize::from(c.has_actuals);
        s.indicators += c.indicators;
        s.met += c.met;
        s.missing += c.missing;
        let plus = |acc: Option<Decimal>, v: Option<Decimal>| {
            acc.and_then(|a| a.checked_add(v.unwrap_or_default()))
        };
        s.budget = plus(s.budget, c.budget);
        s.spent = plus(s.spent, c.spent);
        let base = if self.initial {
            c.initial_base
        } else {
            c.budget
        };
        self.bases = plus(self.bases, base);
        match c.total {
            Some(t) => self.totals = plus(self.totals, Some(t)),
            None => self.every_total = false,
        }
        if let Some(grade) = c.grade.as_deref() {
            for (name, n) in &mut s.grades {
                if name == grade {
                    *n += 1;
                }
            }
        }
    }

    /// The summary of the projects counted.
    pub fn finish(self, rules: &RuleSet) -> Summary {
        let mut s = self.summary;
        // Σ 执行数 ÷ Σ of what each project's 执行率 divides by: Σ 全年预算数
        // (`budget`) under the default denominator.
        s.execution_rate = match (s.spent, self.bases) {
            (Some(sp), Some(b)) if !b.is_zero() => sp.checked_div(b),
            _ => None,
        };
        if self.every_total && s.projects > 0 {
            s.average = self
                .totals
                .and_then(|sum| sum.checked_div(Decimal::from(s.projects)))
                .map(|a| rules.rounding.apply(a));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_department_has_sums_of_zero_and_no_average() {
        let rules = RuleSet::default();
        let s = SummaryTally::new(&rules).finish(&rules);
        assert_eq!(s.budget, Some(Decimal::ZERO));
        assert_eq!(s.execution_rate, None);
        assert_eq!(s.average, None);
    }
}
