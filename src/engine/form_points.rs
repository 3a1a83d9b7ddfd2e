//! The points a form prints (issue 17): 分值 on groups (`产出指标 分值 70`,
//! a 自评's `小计 产出指标 分值 70`) and on indicators (`分值 10` in the
//! declaration or on the 自评 line), read as weights within each scoring
//! group of the rule set, and shared out as the rule set says
//! (`表内分值 采用 | 折算 | 不用`, [`FormPointsPolicy`]).

use crate::diagnostic::{codes, Diagnostic};
use crate::model::display::num;
use crate::model::evaluation::ProjectActuals;
use crate::model::rules::{FormPointsPolicy, RuleSet};
use crate::model::{same_name, Project};
use crate::source::Span;
use rust_decimal::{Decimal, RoundingStrategy};

/// A weight the form wrote, and where.
pub(super) type Weight = Option<(Decimal, Span)>;

/// Where the form's points of one project come from.
pub(super) struct FormWeights<'a> {
    project: &'a Project,
    actuals: Option<&'a ProjectActuals>,
    /// Each indicator's own weight (declared 分值, else the 自评's).
    indicators: Vec<Weight>,
}

impl<'a> FormWeights<'a> {
    /// The form's weights of `project`, or `None` when it has none or the
    /// rule set does not use them (`表内分值 不用`): then each group is split
    /// evenly. A 自评 分值 that differs from the declared one is reported
    /// here (JX-V052), whatever the rule set does with them.
    pub fn of(
        project: &'a Project,
        actuals: Option<&'a ProjectActuals>,
        rules: &RuleSet,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<FormWeights<'a>> {
        let printed = actuals.filter(|a| !a.printed.is_empty());
        let sums = actuals.filter(|a| a.subtotals.iter().any(|s| s.points.is_some()));
        let declared = project.indicators.iter().any(|i| i.points.is_some());
        if !declared && printed.is_none() && sums.is_none() && project.group_points.is_empty() {
            return None;
        }
        let indicators: Vec<Weight> = project
            .indicators
            .iter()
            .map(|i| {
                let own = i.points.map(|p| (p, i.span));
                let on_line = printed
                    .and_then(|a| a.printed(&i.name))
                    .and_then(|p| p.points.map(|v| (v, p.points_span)));
                differs(&i.name, own, on_line, diags);
                own.or(on_line)
            })
            .collect();
        if let Some(a) = sums {
            for s in &a.subtotals {
                let (Some(group), Some(v)) = (&s.group, s.points) else {
                    continue;
                };
                let own = project
                    .group_weight(group, None)
                    .map(|w| (w.points, w.span));
                differs(group, own, Some((v, s.points_span)), diags);
            }
        }
        if rules.form_points == FormPointsPolicy::Ignore {
            return None;
        }
        Some(FormWeights {
            project,
            actuals,
            indicators,
        })
    }

    fn indicator(&self, i: usize) -> Weight {
        self.indicators.get(i).copied().flatten()
    }

    /// The weight of a first-level group (declared, else the 自评's 小计)
    /// or of a second-level one (declared only).
    fn group(&self, level1: &str, level2: Option<&str>) -> Weight {
        if let Some(w) = self.project.group_weight(level1, level2) {
            return Some((w.points, w.span));
        }
        if level2.is_some() {
            return None;
        }
        let s = self.actuals?.subtotal(level1)?;
        s.points.map(|v| (v, s.points_span))
    }

    /// The form's weights of the indicators of one scoring group (`members`,
    /// places in the project's indicators, in order), in the form's units:
    /// written ones as written, the others sharing what their group's
    /// written 分值 leaves (JX-V014 where a group's 分值 and its members'
    /// disagree).
    pub fn group_form(&self, members: &[usize], places: u32, diags: &mut Vec<Diagnostic>) -> Form {
        let inds = &self.project.indicators;
        let ind = |m: usize| inds.get(m);
        let mut w: Vec<Option<Decimal>> = members
            .iter()
            .map(|&m| self.indicator(m).map(|(v, _)| v))
            .collect();
        let mut grid = w.clone();
        let mut total = Some(Decimal::ZERO);
        let mut at = None;
        let written = w.iter().filter(|x| x.is_some()).count();
        let mut level1s: Vec<&str> = Vec::new();
        for &m in members {
            if let Some(i) = ind(m) {
                if !level1s.iter().any(|l| same_name(l, &i.level1)) {
                    level1s.push(&i.level1);
                }
            }
        }
        for l1 in level1s {
            let in1: Vec<usize> = (0..members.len())
                .filter(|&k| {
                    members
                        .get(k)
                        .and_then(|&m| ind(m))
                        .is_some_and(|i| same_name(&i.level1, l1))
                })
                .collect();
            let mut level2s: Vec<&str> = Vec::new();
            for &k in &in1 {
                if let Some(i) = members.get(k).and_then(|&m| ind(m)) {
                    if !level2s.iter().any(|l| same_name(l, &i.level2)) {
                        level2s.push(&i.level2);
                    }
                }
            }
            // What the second-level groups weigh (their 分值, or their
            // members' written weights), and whether every member has one.
            let mut fixed = Decimal::ZERO;
            let mut complete = true;
            for l2 in level2s {
                let in2: Vec<usize> = in1
                    .iter()
                    .copied()
                    .filter(|&k| {
                        members
                            .get(k)
                            .and_then(|&m| ind(m))
                            .is_some_and(|i| same_name(&i.level2, l2))
                    })
                    .collect();
                let frame = self.group(l1, Some(l2));
                match share(&mut w, &mut grid, &in2, frame, places) {
                    Shared::Done(f) => fixed = fixed.saturating_add(f),
                    Shared::Partial(f) => {
                        fixed = fixed.saturating_add(f);
                        complete = false;
                    }
                    Shared::Mismatch(sum, (g, span)) => {
                        fixed = fixed.saturating_add(g);
                        diags.push(self.mismatch(l2, sum, g, span, &in2, members));
                    }
                }
                at = at.or(frame.map(|(_, s)| s));
            }
            let frame = self.group(l1, None);
            at = frame.map(|(_, s)| s).or(at);
            let f1 = match frame {
                Some((g, span)) => {
                    let open: Vec<usize> = in1
                        .iter()
                        .copied()
                        .filter(|&k| w.get(k) == Some(&None))
                        .collect();
                    if fixed > g || (open.is_empty() && fixed != g) {
                        diags.push(self.mismatch(l1, fixed, g, span, &in1, members));
                    }
                    fill(&mut w, &mut grid, &open, g, fixed, places);
                    Some(g)
                }
                None if complete => Some(fixed),
                None => None,
            };
            total = match (total, f1) {
                (Some(t), Some(f)) => Some(t.saturating_add(f)),
                _ => None,
            };
        }
        if at.is_none() {
            at = members
                .iter()
                .find_map(|&m| self.indicator(m).map(|(_, s)| s));
        }
        let shared = w.iter().filter(|x| x.is_some()).count() > written;
        Form {
            w,
            grid,
            total,
            at,
            shared,
        }
    }

    /// JX-V014: the 分值 of a group's members do not make its own 分值.
    fn mismatch(
        &self,
        group: &str,
        sum: Decimal,
        points: Decimal,
        span: Span,
        inside: &[usize],
        members: &[usize],
    ) -> Diagnostic {
        let first = inside
            .iter()
            .filter_map(|&k| members.get(k))
            .find_map(|&m| self.indicator(m).map(|(_, s)| s));
        let mut d = Diagnostic::new(
            &codes::POINTS_MISMATCH,
            format!(
                "项目“{}”中“{group}”各指标的分值合计 {}，而表上这一组的分值是 {}",
                self.project.name,
                num(sum),
                num(points)
            ),
        )
        .label(span, "这一组的分值");
        if let Some(s) = first {
            d = d.label(s, "写了分值的指标");
        }
        d.help(if sum > points {
            "核对表上印的分值：组内各指标的分值之和应等于这一组的分值；评分时各指标的分值按比例减到这一组之内"
        } else {
            "核对表上印的分值：组内各指标的分值之和应等于这一组的分值；少的部分无从得分"
        })
    }
}

/// The form's weights of one scoring group.
pub(super) struct Form {
    /// Each member's weight in the form's units (`None`: not written, and
    /// no written group 分值 to share).
    pub w: Vec<Option<Decimal>>,
    /// The same as points: a share of a group's 分值 rounded down to the
    /// rule set's places, the rest to the last sharing member (what a
    /// member's points are when its weight is not scaled).
    pub grid: Vec<Option<Decimal>>,
    /// The form's points for the whole group, when it says them.
    pub total: Option<Decimal>,
    /// Where the form writes them (for labels).
    pub at: Option<Span>,
    /// Some weight is a share of a group's 分值, not written.
    pub shared: bool,
}

/// What a second-level group's members weigh together.
enum Shared {
    /// Its 分值, or its members' weights, every member having one.
    Done(Decimal),
    /// Its members' written weights; some member has none, and the group
    /// no 分值 to share.
    Partial(Decimal),
    /// Its written 分值 and its members' disagree: their sum, and the 分值.
    Mismatch(Decimal, (Decimal, Span)),
}

/// The weights of a second-level group's members (`in2`, places in `w`):
/// those without one share what the group's 分值 leaves ([`fill`]).
fn share(
    w: &mut [Option<Decimal>],
    grid: &mut [Option<Decimal>],
    in2: &[usize],
    frame: Weight,
    places: u32,
) -> Shared {
    let written: Decimal = in2
        .iter()
        .filter_map(|&k| w.get(k).copied().flatten())
        .fold(Decimal::ZERO, Decimal::saturating_add);
    let open: Vec<usize> = in2
        .iter()
        .copied()
        .filter(|&k| w.get(k) == Some(&None))
        .collect();
    let Some((g, span)) = frame else {
        return if open.is_empty() {
            Shared::Done(written)
        } else {
            Shared::Partial(written)
        };
    };
    fill(w, grid, &open, g, written, places);
    if written > g || (open.is_empty() && written != g) {
        Shared::Mismatch(written, (g, span))
    } else {
        Shared::Done(g)
    }
}

/// The unweighted members `open` (places in `w`) share what a group's
/// `points` leave when the others weigh `written`. In `w` each gets an
/// exact share: a weight, which `表内分值` may scale (rounded only then). In
/// `grid` the same shares as points: rounded down to the rule set's
/// `places`, the rest to the last, so that they add up to what they share
/// (12.01 between two: 6.00 and 6.01, never 6.005 each, which no score
/// rounded to two places can stay within).
fn fill(
    w: &mut [Option<Decimal>],
    grid: &mut [Option<Decimal>],
    open: &[usize],
    points: Decimal,
    written: Decimal,
    places: u32,
) {
    let Some(others) = open.len().checked_sub(1) else {
        return;
    };
    let rest = points
        .checked_sub(written)
        .unwrap_or_default()
        .max(Decimal::ZERO);
    let each = rest
        .checked_div(Decimal::from(open.len()))
        .unwrap_or_default();
    let down = each.round_dp_with_strategy(places, RoundingStrategy::ToZero);
    let last = down
        .checked_mul(Decimal::from(others))
        .and_then(|given| rest.checked_sub(given))
        .unwrap_or(down);
    for (j, &k) in open.iter().enumerate() {
        if let Some(slot) = w.get_mut(k) {
            *slot = Some(each);
        }
        if let Some(slot) = grid.get_mut(k) {
            *slot = Some(if j + 1 == open.len() { last } else { down });
        }
    }
}

/// JX-V052: the 自评 prints another 分值 than the declaration's; the
/// declaration's stands.
fn differs(what: &str, declared: Weight, printed: Weight, diags: &mut Vec<Diagnostic>) {
    let (Some((d, dspan)), Some((p, pspan))) = (declared, printed) else {
        return;
    };
    if d == p {
        return;
    }
    diags.push(
        Diagnostic::new(
            &codes::PRINTED_POINTS_DIFFER,
            format!(
                "自评表上“{what}”印的分值 {} 与申报的分值 {} 不同，按申报的 {} 计",
                num(p),
                num(d),
                num(d)
            ),
        )
        .label(pspan, "自评表印的分值")
        .label(dspan, "申报的分值")
        .help("照批复的申报表核对：两处应相同"),
    );
}

/// `points` shared out over weights `w` in proportion, within `frame` (the
/// larger of the form's group points and the weights' sum, so that the
/// parts never exceed `points`): each rounded down to the rule set's places,
/// the rest of the rounding to the last member, so that the parts add up
/// exactly. Weights written whole and shared whole (a frame equal to the
/// points) are kept as written.
pub(super) fn proportional(
    w: &[Decimal],
    frame: Decimal,
    points: Decimal,
    places: u32,
    written: bool,
) -> Vec<Decimal> {
    let sum = w
        .iter()
        .copied()
        .fold(Decimal::ZERO, Decimal::saturating_add);
    let frame = frame.max(sum);
    if written && frame == points {
        return w.to_vec();
    }
    if frame.is_zero() {
        return vec![Decimal::ZERO; w.len()];
    }
    let down = |d: Decimal| {
        d.round_dp_with_strategy(places, RoundingStrategy::ToZero)
            .normalize()
    };
    let part = |x: Decimal| {
        x.checked_mul(points)
            .and_then(|v| v.checked_div(frame))
            .map(down)
            .unwrap_or_default()
    };
    let target = if sum == frame { points } else { part(sum) };
    let mut out: Vec<Decimal> = w.iter().map(|&x| part(x)).collect();
    let given: Decimal = out
        .iter()
        .take(w.len().saturating_sub(1))
        .copied()
        .fold(Decimal::ZERO, Decimal::saturating_add);
    if let Some(last) = out.last_mut() {
        *last = target
            .checked_sub(given)
            .unwrap_or(*last)
            .max(Decimal::ZERO)
            .normalize();
    }
    out
}

/// The indicators of a project in a scoring group, by place.
pub(super) fn places(slots: &[Option<usize>], slot: Option<usize>) -> Vec<usize> {
    slots
        .iter()
        .enumerate()
        .filter(|(_, s)| **s == slot)
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    /// 产出 70 (10, 10, 20, 10, 10, 10) into 50: rounded down, the rest to
    /// the last, adding up exactly.
    #[test]
    fn weights_scale_into_the_group_and_add_up() {
        let w: Vec<Decimal> = ["10", "10", "20", "10", "10", "10"].map(d).to_vec();
        let p = proportional(&w, d("70"), d("50"), 2, true);
        let shown: Vec<String> = p.iter().map(|x| x.to_string()).collect();
        assert_eq!(shown, ["7.14", "7.14", "14.28", "7.14", "7.14", "7.16"]);
        assert_eq!(p.iter().copied().sum::<Decimal>(), d("50"));
    }

    /// Weights above their frame (6 × 8 = 48 in a group of 40) are brought
    /// within it; weights below it (4 × 8 of 40) are not raised.
    #[test]
    fn weights_never_exceed_the_points() {
        let six = vec![d("8"); 6];
        let p = proportional(&six, d("40"), d("40"), 2, true);
        assert_eq!(p.iter().copied().sum::<Decimal>(), d("40"));
        let four = vec![d("8"); 4];
        let p = proportional(&four, d("40"), d("40"), 2, true);
        assert_eq!(p, four);
        let p = proportional(&four, d("40"), d("50"), 2, true);
        assert_eq!(p.iter().copied().sum::<Decimal>(), d("40"));
    }
}
