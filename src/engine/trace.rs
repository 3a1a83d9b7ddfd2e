//! The traces of scores, kept as the numbers used and written out when
//! first read (see [`Trace`]): writing every line while scoring cost more
//! than the scoring itself (performance, issue 7).
//!
//! Each recipe writes exactly what the engine used to write eagerly; the
//! formula is evaluated again with its text, which gives the same value.

use super::expr::{Code, Env, Value};
use crate::model::display::{
    about_percent, figure, money_exact, num, percent, score as fmt_score, spaced, told_apart,
    with_unit,
};
use crate::model::evaluation::{Grade, RenderTrace, ShortText, TraceText};
use crate::model::rules::{Formula, FormulaKind, Formulas};
use crate::model::{Comparator, Direction, Unit};
use rust_decimal::Decimal;
use std::sync::Arc;

/// The rule set's formulas, shared by the traces of one batch of projects
/// (each batch its own copies, so that threads do not share a counter),
/// each compiled for the variables it is given.
#[derive(Default)]
pub(super) struct SharedFormulas {
    pub positive: Option<Rule>,
    pub negative: Option<Rule>,
    pub equal: Option<Rule>,
    pub zero: Option<Rule>,
    pub range: Option<Rule>,
    pub execution: Option<Rule>,
}

/// A formula with its compiled code.
pub(super) struct Rule {
    pub formula: Arc<Formula>,
    pub code: Code,
}

impl SharedFormulas {
    /// The formula of `kind`.
    pub fn get(&self, kind: FormulaKind) -> Option<&Rule> {
        let all = [
            (FormulaKind::Positive, &self.positive),
            (FormulaKind::Negative, &self.negative),
            (FormulaKind::Equal, &self.equal),
            (FormulaKind::Zero, &self.zero),
            (FormulaKind::Range, &self.range),
            (FormulaKind::Execution, &self.execution),
        ];
        all.into_iter().find(|(k, _)| *k == kind)?.1.as_ref()
    }
    pub fn new(f: &Formulas) -> SharedFormulas {
        // Every formula of the rule set, named: a new kind fails to compile here.
        let Formulas {
            positive,
            negative,
            equal,
            zero,
            range,
            execution,
        } = f;
        let share = |f: &Option<Formula>, kind: FormulaKind| {
            f.as_ref().map(|f| Rule {
                code: Code::compile(&f.expr, kind.names()),
                formula: Arc::new(f.clone()),
            })
        };
        SharedFormulas {
            positive: share(positive, FormulaKind::Positive),
            negative: share(negative, FormulaKind::Negative),
            equal: share(equal, FormulaKind::Equal),
            zero: share(zero, FormulaKind::Zero),
            range: share(range, FormulaKind::Range),
            execution: share(execution, FormulaKind::Execution),
        }
    }
}

/// How a value in a unit is shown: `94.92%`, `8.84 万元`, `12`
/// (what [`crate::model::display::in_unit`] writes, without holding the unit). A
/// unit's text is short: kept inline, with no allocation per trace.
pub(super) struct UnitText {
    text: InlineText,
    spaced: bool,
}

/// Up to 22 bytes inline, longer on the heap.
enum InlineText {
    Short { bytes: [u8; 22], len: u8 },
    Long(String),
}

impl UnitText {
    pub fn new(unit: &Unit) -> UnitText {
        let t = unit.text();
        let mut bytes = [0u8; 22];
        let text = match (bytes.get_mut(..t.len()), u8::try_from(t.len())) {
            (Some(slot), Ok(len)) => {
                slot.copy_from_slice(t.as_bytes());
                InlineText::Short { bytes, len }
            }
            _ => InlineText::Long(t.to_owned()),
        };
        UnitText {
            text,
            spaced: spaced(unit),
        }
    }
    fn text(&self) -> &str {
        match &self.text {
            InlineText::Short { bytes, len } => bytes
                .get(..usize::from(*len))
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or(""),
            InlineText::Long(s) => s,
        }
    }
    /// A number already written, with the unit.
    pub fn with(&self, number: String) -> String {
        with_unit(number, self.text(), self.spaced)
    }
}

/// Values with the names a formula reads them by.
pub(super) fn named<const N: usize>(
    names: [&'static str; N],
    values: [Value; N],
) -> [(&'static str, Value); N] {
    let mut vars = [("", Value::Bool(false)); N];
    for (slot, pair) in vars.iter_mut().zip(names.into_iter().zip(values)) {
        *slot = pair;
    }
    vars
}

/// The `i`-th value as a number (0 for a condition).
fn number(values: &[Value], i: usize) -> Decimal {
    match values.get(i) {
        Some(Value::Num(d)) => *d,
        _ => Decimal::ZERO,
    }
}

/// The formula with the values substituted: computed again, with its text.
fn substituted<const N: usize>(
    formula: &Formula,
    names: [&'static str; N],
    values: [Value; N],
) -> String {
    super::expr::text(
        &formula.expr,
        &Env {
            vars: &named(names, values),
        },
    )
    .unwrap_or_default()
}

/// The variables of an indicator formula, in the order they are named.
pub(super) use crate::model::rules::INDICATOR_NAMES as INDICATOR_VARS;

/// The values of [`INDICATOR_VARS`]: the numbers, then 达成.
pub(super) fn indicator_values(numbers: [Decimal; 6], met: bool) -> [Value; 7] {
    let [a, t, w, lo, hi, tol] = numbers;
    let num = Value::Num;
    [
        num(a),
        num(t),
        num(w),
        num(lo),
        num(hi),
        num(tol),
        Value::Bool(met),
    ]
}

/// A quantitative indicator scored by a formula.
pub(super) struct Quantitative {
    pub formula: Arc<Formula>,
    pub name: ShortText,
    pub unit: UnitText,
    /// 完成值, 指标值, 分值, 下限, 上限, 容差 (达成 is `met`): numbers,
    /// smaller than values.
    pub numbers: [Decimal; 6],
    /// 完成值 as written (the formula may read 0 for a negative one).
    pub actual: Decimal,
    pub comparator: Option<Comparator>,
    pub met: bool,
    pub score: Decimal,
    /// The formula's score, when an indicator not met had full marks.
    pub formula_score: Option<Decimal>,
    pub places: u32,
    pub notes: Vec<String>,
    /// Over-achieved: the threshold and the good direction, for the last note.
    pub over: Option<(Decimal, Direction)>,
}

impl RenderTrace for Quantitative {
    fn render(&self) -> TraceText {
        let [_, t, w, lo, hi, _] = self.numbers;
        let a = self.actual;
        let vars = indicator_values(self.numbers, self.met);
        let text = substituted(&self.formula, INDICATOR_VARS, vars);
        let unit = &self.unit;
        // The figures printed compare as the exact numbers do (issue 17:
        // “完成值 33 万元 < 指标值 33 万元”).
        let (shown, relation) = match self.comparator {
            None => {
                let [a_t, lo_t, hi_t] = told_apart([a, lo, hi]);
                let within = if lo <= a && a <= hi { "在" } else { "不在" };
                let range = format!("{}～{}", unit.with(lo_t), unit.with(hi_t));
                (a_t, format!("{within} {range} 之内"))
            }
            Some(_) => {
                let [a_t, t_t] = told_apart([a, t]);
                let rel = match a.cmp(&t) {
                    std::cmp::Ordering::Less => "<",
                    std::cmp::Ordering::Equal => "=",
                    std::cmp::Ordering::Greater => ">",
                };
                (a_t, format!("{rel} 指标值 {}", unit.with(t_t)))
            }
        };
        let s = self.formula_score.unwrap_or(self.score);
        let result = fmt_score(s, self.places);
        let mut subst = if text == result || text == num(s) {
            if s == w {
                format!("满分 {result}")
            } else {
                result
            }
        } else {
            format!("{text} = {result}")
        };
        if self.formula_score.is_some() {
            subst.push_str("；未达成，不得满分 → ");
            subst.push_str(&fmt_score(self.score, self.places));
        }
        let mut notes = self.notes.clone();
        if let Some((r, direction)) = self.over {
            notes.push(over_note(a, t, r, direction));
        }
        TraceText {
            rule: self.formula.kind.keyword().into(),
            formula: self.formula.text.clone(),
            notes,
            line: format!(
                "{}：完成值 {} {} → {}",
                self.name,
                unit.with(shown),
                relation,
                subst
            ),
        }
    }
}

/// The note of an over-achieved target, true in both directions: a `≥`
/// target reached at 200% of it, a `≤` one at 65.6% of it (节约 34.4%; it
/// said 152.45%, the target's share of the actual, issue 17).
pub(super) fn over_note(a: Decimal, t: Decimal, r: Decimal, d: Direction) -> String {
    let Some(f) = a.checked_div(t) else {
        return format!("超额完成（阈值 {}）", percent(r));
    };
    // `约` where two decimals are not the exact share.
    let (share, about) = match about_percent(f).strip_prefix("约 ") {
        Some(p) => (p.to_string(), "约"),
        None => (percent(f), ""),
    };
    match d {
        Direction::Positive => format!(
            "超额完成：完成值{about}达到指标值的 {share}（阈值 {}）",
            percent(r)
        ),
        Direction::Negative => format!(
            "超额完成：完成值{about}为指标值的 {share}，{about}节约 {}（阈值 {}：指标值不低于完成值的 {}）",
            percent(Decimal::ONE.checked_sub(f).unwrap_or_default()),
            percent(r),
            percent(r)
        ),
    }
}

/// How the points of a qualitative indicator were found.
pub(super) enum QualitativeHow {
    /// 分值 × the band's default.
    Default,
    Points(Decimal),
    Fraction(Decimal),
}

/// A qualitative indicator scored in its grade's band.
pub(super) struct Qualitative {
    pub name: ShortText,
    pub grade: Grade,
    /// The word as written, when it is not one of the vocabulary's.
    pub word: Option<ShortText>,
    pub reading: super::qualitative::Reading,
    /// A quantitative target with a word for an actual (`完成`).
    pub unmeasured: bool,
    /// The band's fractions: low, high, default.
    pub band: [Decimal; 3],
    pub points: Decimal,
    pub low: Decimal,
    pub high: Decimal,
    pub how: QualitativeHow,
    pub score: Decimal,
    pub places: u32,
}

/// A fraction as a percentage for the qualitative traces: 0.7 → `70`.
pub(super) fn pct(f: Decimal) -> String {
    num(f.checked_mul(Decimal::ONE_HUNDRED).unwrap_or(f))
}

/// The qualitative trace's formula: `部分达成 60%～80%，默认 70%`.
pub(super) fn band_formula(grade: Grade, [low, high, default]: [Decimal; 3]) -> String {
    format!(
        "{} {}%～{}%，默认 {}%",
        grade.short(),
        pct(low),
        pct(high),
        pct(default)
    )
}

impl RenderTrace for Qualitative {
    fn render(&self) -> TraceText {
        let [_, _, default] = self.band;
        let w = self.points;
        let how = match self.how {
            QualitativeHow::Default => format!("{} × {}%（默认）", num(w), pct(default)),
            QualitativeHow::Points(p) => format!("给定 {} 分", num(p)),
            QualitativeHow::Fraction(f) => format!("{} × {}%", num(w), pct(f)),
        };
        use super::qualitative::Reading;
        let grade = self.grade.short();
        let read = match (&self.word, self.reading) {
            (Some(w), Reading::Target) => format!("“{w}”与指标值相同，读作{grade}"),
            (Some(w), _) => format!("“{w}”按定性用语读作{grade}"),
            (None, _) => grade.to_string(),
        };
        let mut notes = Vec::new();
        if self.unmeasured {
            notes.push(format!(
                "定量指标的完成值只写了词，没有写数：按“{grade}”的分数段计分"
            ));
        }
        TraceText {
            rule: "定性".into(),
            formula: band_formula(self.grade, self.band),
            notes,
            line: format!(
                "{}：{read}（分数段 {}～{} 分）→ {} = {}",
                self.name,
                figure(self.low),
                figure(self.high),
                how,
                fmt_score(self.score, self.places)
            ),
        }
    }
}

/// The variables of the 执行率 formula, in the order they are named.
pub(super) use crate::model::rules::EXECUTION_NAMES as EXECUTION_VARS;

/// 预算执行率 scored by the rule set's formula.
pub(super) struct Execution {
    pub formula: Arc<Formula>,
    /// 执行数 (0 when negative), 预算数, 执行率, 分值.
    pub vars: [Value; 4],
    /// What the trace calls 预算数 (`ExecutionBase::trace_name`).
    pub base: &'static str,
    /// 执行数 as reported.
    pub spent: Decimal,
    pub score: Decimal,
    pub places: u32,
    pub notes: Vec<String>,
}

impl RenderTrace for Execution {
    fn render(&self) -> TraceText {
        let text = substituted(&self.formula, EXECUTION_VARS, self.vars);
        TraceText {
            rule: "执行率".into(),
            formula: self.formula.text.clone(),
            notes: self.notes.clone(),
            line: format!(
                "预算执行率：执行数 {} 元 ÷ {} {} 元 {} → {} = {}",
                money_exact(self.spent),
                self.base,
                money_exact(number(&self.vars, 1)),
                equals_percent(number(&self.vars, 2)),
                text,
                fmt_score(self.score, self.places)
            ),
        }
    }
}

/// A rate said to equal a quotient: `= 97.50%`, or `≈ 97.48%` when the two
/// decimals are not exact.
fn equals_percent(fraction: Decimal) -> String {
    match about_percent(fraction).strip_prefix("约 ") {
        Some(p) => format!("≈ {p}"),
        None => format!("= {}", percent(fraction)),
    }
}
