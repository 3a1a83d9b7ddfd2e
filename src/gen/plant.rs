//! Planted inconsistencies (`jixiao gen --forms N --plant P`, issue 19):
//! each kind makes exactly one thing of a clean [`Form`] wrong and keeps the
//! rest consistent with it (a wrong indicator score is summed correctly into
//! its 小计 and the 合计, and the 等级 follows the new 合计), so that the
//! audit has exactly the findings listed, and nothing else.

use super::forms::Form;
use super::Rng;
use crate::audit::Line;
use crate::model::rules::RuleSet;
use rust_decimal::{Decimal, RoundingStrategy};

/// What can be planted, by the code the audit should report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An unmet indicator's score off by one point.
    ScoreOff,
    /// A met indicator printed one point below its points.
    MetDeducted,
    /// A score with decimals printed rounded to an integer.
    Rounded,
    /// A 小计 off by one point (the 合计 adds it up).
    SubtotalOff,
    /// The 合计 off by one point, in the same grade band.
    TotalOff,
    /// The 合计 over 100 (so also ≠ the sum of its parts).
    TotalOver,
    /// The 等级 not the grade of the 合计.
    GradeWrong,
    /// The budget score off by one point.
    BudgetScoreOff,
    /// A score one point above its points.
    OverPoints,
    /// The 原因 and 措施 of a shortfall removed.
    ExplanationRemoved,
    /// A met quantitative indicator's actual written as the word 完成.
    WordForNumber,
    /// The budget's total row printed as 0, the money in its sub-row.
    BudgetZeroed,
    /// The printed 执行率 one point off.
    RateWrong,
}

impl Kind {
    /// Every kind, in the order they are dealt.
    pub const ALL: [Kind; 13] = [
        Kind::ScoreOff,
        Kind::MetDeducted,
        Kind::Rounded,
        Kind::SubtotalOff,
        Kind::TotalOff,
        Kind::TotalOver,
        Kind::GradeWrong,
        Kind::BudgetScoreOff,
        Kind::OverPoints,
        Kind::ExplanationRemoved,
        Kind::WordForNumber,
        Kind::BudgetZeroed,
        Kind::RateWrong,
    ];
}

/// One finding a plant makes true.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Planted {
    pub line: Line,
    pub code: &'static str,
}

fn at(line: Line, code: &'static str) -> Vec<Planted> {
    vec![Planted { line, code }]
}

/// Plant `kind` in `form`: the findings it makes true, or `None` when the
/// form has no line it fits (no unmet indicator, no score with decimals …),
/// the form then unchanged.
pub fn plant(form: &mut Form, kind: Kind, rules: &RuleSet, r: &mut Rng) -> Option<Vec<Planted>> {
    let one = Decimal::ONE;
    let hundred = Decimal::ONE_HUNDRED;
    let found = match kind {
        Kind::ScoreOff => {
            let i = pick(r, form, |l| {
                measured(l) && !l.met && (l.score >= one || l.score + one < l.points)
            })?;
            let l = form.lines.get_mut(i)?;
            l.score = if l.score >= one {
                l.score - one
            } else {
                l.score + one
            };
            at(Line::Indicator(l.name.clone()), "JX-H001")
        }
        Kind::MetDeducted => {
            let i = pick(r, form, |l| measured(l) && l.met && l.points > one)?;
            let l = form.lines.get_mut(i)?;
            l.score = l.points - one;
            at(Line::Indicator(l.name.clone()), "JX-H002")
        }
        Kind::Rounded => {
            // Unmet, so that a lower score is not H002; below its points
            // once rounded, so that it is not H009; no midpoint, so that
            // every rounding mode agrees.
            let i = pick(r, form, |l| {
                let whole = integer(l.score);
                measured(l)
                    && !l.met
                    && whole != l.score
                    && whole < l.points
                    && frac_not_half(l.score)
            });
            match i {
                Some(i) => {
                    let l = form.lines.get_mut(i)?;
                    l.score = integer(l.score);
                    at(Line::Indicator(l.name.clone()), "JX-H003")
                }
                None => {
                    let b = &mut form.budget;
                    let whole = integer(b.score);
                    if whole == b.score || whole > b.points || !frac_not_half(b.score) {
                        return None;
                    }
                    b.score = whole;
                    at(Line::Budget, "JX-H003")
                }
            }
        }
        Kind::SubtotalOff => {
            let n = form.subtotals.len();
            let i = (r.range(0, n.checked_sub(1)? as u64)) as usize;
            let s = form.subtotals.get_mut(i)?;
            let delta = if s.score >= one { -one } else { one };
            s.score += delta;
            let group = s.group.clone();
            form.total.score += delta;
            form.total.grade = rules.grade_of(form.total.score)?;
            at(Line::Subtotal(group), "JX-H004")
        }
        Kind::TotalOff => {
            let t = &mut form.total;
            let grade = Some(t.grade.clone());
            let down = t.score - one;
            let up = t.score + one;
            t.score = if rules.grade_of(down) == grade && down >= Decimal::ZERO {
                down
            } else if rules.grade_of(up) == grade && up <= hundred {
                up
            } else {
                return None;
            };
            at(Line::Total, "JX-H005")
        }
        Kind::TotalOver => {
            let t = &mut form.total;
            t.score = hundred + Decimal::from(r.range(1, 9));
            t.grade = rules.grade_of(t.score)?;
            let mut out = at(Line::Total, "JX-H005");
            out.extend(at(Line::Total, "JX-H006"));
            out
        }
        Kind::GradeWrong => {
            let other = rules
                .grades
                .iter()
                .map(|g| g.name.clone())
                .find(|g| *g != form.total.grade)?;
            form.total.grade = other;
            at(Line::Total, "JX-H007")
        }
        Kind::BudgetScoreOff => {
            let b = &mut form.budget;
            b.score = if b.score >= one {
                b.score - one
            } else {
                b.score + one
            };
            at(Line::Budget, "JX-H008")
        }
        Kind::OverPoints => {
            // The 合计 rises by what the line gains: kept within 100, so
            // that it is not also H006.
            let total = form.total.score;
            let i = pick(r, form, |l| total + l.points + one - l.score <= hundred)?;
            let l = form.lines.get_mut(i)?;
            l.score = l.points + one;
            at(Line::Indicator(l.name.clone()), "JX-H009")
        }
        Kind::ExplanationRemoved => {
            let i = pick(r, form, |l| !l.met && l.reason.is_some())?;
            let l = form.lines.get_mut(i)?;
            l.reason = None;
            return Some(at(Line::Indicator(l.name.clone()), "JX-V016"));
        }
        Kind::WordForNumber => {
            // A met number: the word 完成 reads as 达成, its score is the
            // full points either way.
            let i = pick(r, form, |l| l.met && !l.actual.starts_with(':'))?;
            let l = form.lines.get_mut(i)?;
            l.actual = " 完成".into();
            l.reason = None;
            return Some(at(Line::Indicator(l.name.clone()), "JX-V041"));
        }
        Kind::BudgetZeroed => {
            // As 池州棠溪 2022 printed it: the whole total row 0, its
            // 执行率 and 得分 too (the 合计 adds the 0).
            let b = &mut form.budget;
            b.zeroed = true;
            b.rate = Decimal::ZERO;
            b.score = Decimal::ZERO;
            at(Line::Budget, "JX-V060")
        }
        Kind::RateWrong => {
            let b = &mut form.budget;
            let point = Decimal::new(1, 2);
            b.rate = if b.rate >= point {
                b.rate - point
            } else {
                b.rate + point
            };
            return Some(at(Line::Budget, "JX-V062"));
        }
    };
    if !matches!(
        kind,
        Kind::SubtotalOff | Kind::TotalOff | Kind::TotalOver | Kind::GradeWrong
    ) {
        form.add_up(rules);
    }
    Some(found)
}

/// A line of the form that `fits`, chosen with `r`.
fn pick(r: &mut Rng, form: &Form, fits: impl Fn(&super::forms::FormLine) -> bool) -> Option<usize> {
    let fitting: Vec<usize> = (0..form.lines.len())
        .filter(|&i| form.lines.get(i).is_some_and(&fits))
        .collect();
    let last = fitting.len().checked_sub(1)?;
    fitting.get(r.range(0, last as u64) as usize).copied()
}

/// A line whose actual is a number: a word's grade may be scored anywhere
/// in its band (JX-H011, allowed), so a changed score on it is no H001,
/// H002 or H003.
fn measured(l: &super::forms::FormLine) -> bool {
    !l.actual.starts_with(':')
}

/// Rounded half away from zero to an integer (四舍五入).
fn integer(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
}

/// The fraction is not exactly one half (where rounding modes differ).
fn frac_not_half(d: Decimal) -> bool {
    d.fract().abs() != Decimal::new(5, 1)
}
