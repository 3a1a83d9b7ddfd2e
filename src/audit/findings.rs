//! The findings of one audited form (issue 19): each printed score against
//! the rule set (JX-H001/002/003/009 on an indicator's line, JX-H003/008 on
//! the budget line), the form's 小计 and 合计 against its own printed parts
//! ([`sums`]), and the eval findings of [`super::FROM_EVAL`], located at
//! their project and line ([`locate`]).
//!
//! One finding per line for the score family, the most specific winning:
//! a score above its points (H009), a grade's score inside its band but
//! not the default (H011, allowed), a met target not given its points
//! (H002), a rounding of the computed score (H003), else H001.

#[path = "findings_locate.rs"]
mod locate;
#[path = "findings_sums.rs"]
mod sums;

use super::{Finding, Line};
use crate::diagnostic::{codes, Code, Diagnostic};
use crate::model::display::num;
use crate::model::evaluation::{
    ActualValue, Actuals, Evaluation, Grade, IndicatorEvaluation, ProjectActuals, ProjectEvaluation,
};
use crate::model::rules::{RoundingMode, RuleSet};
use crate::source::Span;
use rust_decimal::{Decimal, RoundingStrategy};

/// A finding, and the diagnostic that shows it at its place in the form.
#[derive(Clone, Debug)]
pub struct Located {
    pub finding: Finding,
    pub diagnostic: Diagnostic,
}

/// Every audit finding of an evaluation: the JX-H findings computed here,
/// and the diagnostics of `evaluation` whose code is in
/// [`super::FROM_EVAL`], located at their project and line.
pub fn collect(evaluation: &Evaluation, actuals: &Actuals, rules: &RuleSet) -> Vec<Located> {
    let mut out = Vec::new();
    for pe in &evaluation.projects {
        let Some(pa) = actuals.project(&pe.name) else {
            continue;
        };
        for ie in &pe.indicators {
            if let Some(l) = indicator(pe, pa, ie, rules) {
                out.push(l);
            }
        }
        if let Some(l) = budget(pe, pa, rules) {
            out.push(l);
        }
        sums::subtotals(pe, pa, &mut out);
        sums::total(pe, pa, rules, &mut out);
    }
    out.extend(locate::from_eval(evaluation, actuals));
    out
}

/// What a finding says, before it is located.
pub(super) struct Draft {
    pub code: &'static Code,
    pub printed: Option<Decimal>,
    pub computed: Option<Decimal>,
    pub stake: Decimal,
    pub message: String,
    pub label: &'static str,
    pub help: String,
}

impl Draft {
    /// The finding at `line` of project `project`, shown at `span`.
    pub fn at(self, project: &str, line: Line, span: Span) -> Located {
        let diagnostic = Diagnostic::new(self.code, self.message.clone())
            .label(span, self.label)
            .help(self.help);
        Located {
            finding: Finding {
                project: project.to_string(),
                line,
                code: self.code.code,
                severity: self.code.severity,
                printed: self.printed,
                computed: self.computed,
                stake: self.stake,
                message: self.message,
            },
            diagnostic,
        }
    }
}

/// |a − b| (0 on overflow, which no printed score reaches).
pub(super) fn gap(a: Decimal, b: Decimal) -> Decimal {
    a.checked_sub(b).map(|d| d.abs()).unwrap_or_default()
}

/// `computed` rounded to `places` the way the rule set rounds.
fn rounded(computed: Decimal, places: u32, rules: &RuleSet) -> Decimal {
    let strategy = match rules.rounding.mode {
        RoundingMode::HalfUp => RoundingStrategy::MidpointAwayFromZero,
        RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
        RoundingMode::Truncate => RoundingStrategy::ToZero,
    };
    computed.round_dp_with_strategy(places, strategy)
}

/// The printed figure is the computed one rounded (by the rule set's mode)
/// to the places printed, and fewer places were printed.
fn is_rounding(printed: Decimal, computed: Decimal, rules: &RuleSet) -> bool {
    let places = printed.scale();
    places < computed.normalize().scale() && rounded(computed, places, rules) == printed
}

/// The help's sentence on a printed figure that is the computed one cut,
/// not rounded, to the printed places.
fn truncation(printed: Decimal, computed: Decimal) -> Option<String> {
    let places = printed.scale();
    let cut = computed.round_dp_with_strategy(places, RoundingStrategy::ToZero);
    (places < computed.normalize().scale() && cut == printed).then(|| {
        let to = if places == 0 {
            "整数".to_string()
        } else {
            format!("{places} 位小数")
        };
        let half_up =
            computed.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
        format!("算出的 {computed} 截断到{to}才是表上的数（四舍五入应为 {half_up}）")
    })
}

/// The trace line of an indicator without its leading `名称：`.
fn rule_line(ie: &IndicatorEvaluation) -> String {
    let line = &ie.trace.line;
    let prefix = format!("{}：", ie.name);
    let line = line.strip_prefix(prefix.as_str()).unwrap_or(line);
    format!("{}：{line}", ie.trace.rule)
}

/// A printed score against the computed one, on the line's `表上的得分`.
fn score_draft(code: &'static Code, printed: Decimal, computed: Decimal) -> Draft {
    Draft {
        code,
        printed: Some(printed),
        computed: Some(computed),
        stake: gap(printed, computed),
        message: String::new(),
        label: "表上的得分",
        help: String::new(),
    }
}

/// JX-H003: the printed score is the computed one rounded; `said` states both.
fn rounding(said: String, printed: Decimal, computed: Decimal) -> Draft {
    Draft {
        message: format!("{said}：表上是它舍入到所印位数的结果"),
        help: "只差舍入：表若只印整数，得分照算出的舍入即可，不算错".into(),
        ..score_draft(&codes::AUDIT_SCORE_ROUNDED, printed, computed)
    }
}

/// The score family on an indicator's line (H009 > H011 > H002 > H003 > H001).
fn indicator(
    pe: &ProjectEvaluation,
    pa: &ProjectActuals,
    ie: &IndicatorEvaluation,
    rules: &RuleSet,
) -> Option<Located> {
    let printed = ie.printed_score?;
    let line = pa.printed(&ie.name)?;
    let name = &ie.name;
    let (points, whose) = match ie.printed_points {
        Some(p) => (p, "表上的分值"),
        None => (ie.points, "规则集给它的分值"),
    };
    let draft = if printed > points {
        Draft {
            computed: ie.score,
            stake: gap(printed, points),
            message: format!("指标“{name}”表上得分 {printed}，超过{whose} {points}"),
            help: "一行的得分在 0 与它的分值之间：核对这一行印的得分与分值".into(),
            ..score_draft(&codes::AUDIT_SCORE_OVER_POINTS, printed, points)
        }
    } else {
        let computed = ie.score.filter(|_| ie.printed_differs())?;
        if let Some(d) = within_band(pa, ie, rules, printed, points, computed) {
            return Some(d.at(&pe.name, Line::Indicator(name.to_string()), line.span));
        }
        let said = format!(
            "指标“{name}”表上得分 {printed}，按 {} 算得 {computed}（{}）",
            rules.name,
            rule_line(ie)
        );
        if ie.met == Some(true) && printed < points {
            Draft {
                message: format!("{said}：指标已达成，表上却比{whose} {points} 少给了分"),
                help: "达成的指标得满分：没有公式会给达成的指标扣分；若另有扣分的理由，写进“原因”"
                    .into(),
                ..score_draft(&codes::AUDIT_MET_DEDUCTED, printed, computed)
            }
        } else if is_rounding(printed, computed, rules) {
            rounding(said, printed, computed)
        } else {
            Draft {
                message: said,
                help: truncation(printed, computed).unwrap_or_else(|| {
                    format!(
                        "表上的得分不是规则集“{}”算出的：核对完成值与评分办法，或用 --rules 指定表所用的规则集",
                        rules.name
                    )
                }),
                ..score_draft(&codes::AUDIT_SCORE_DIFFERS, printed, computed)
            }
        }
    };
    Some(draft.at(&pe.name, Line::Indicator(name.to_string()), line.span))
}

/// JX-H011: a word's grade scored by the rule set's default, the form
/// printing another score inside that grade's band (the rule sets allow
/// any: “在分数段内合理确定得分”). `points` are the line's.
fn within_band(
    pa: &ProjectActuals,
    ie: &IndicatorEvaluation,
    rules: &RuleSet,
    printed: Decimal,
    points: Decimal,
    computed: Decimal,
) -> Option<Draft> {
    let actual = pa.actual(&ie.name)?;
    let ActualValue::Grade {
        word, score: None, ..
    } = &actual.value
    else {
        return None;
    };
    // Met is 达成 (the target's own word too); else the word's grade.
    let grade = if ie.met == Some(true) {
        Grade::Achieved
    } else {
        rules.verdict(word)?
    };
    let band = rules.band(grade)?;
    let low = points.checked_mul(band.low)?;
    let high = points.checked_mul(band.high)?;
    if printed < low || printed > high {
        return None;
    }
    Some(Draft {
        message: format!(
            "指标“{}”评为“{}”，表上得分 {printed}，在规则集“{}”这一等级的分数段 {}～{} 分之内；规则集的默认是 {computed}",
            ie.name,
            grade.short(),
            rules.name,
            num(low),
            num(high)
        ),
        help: "分数段之内的得分都合乎规则；要让复核按表上的得分计，在完成值后写上它，如：部分达成 [7]".into(),
        ..score_draft(&codes::AUDIT_WITHIN_BAND, printed, computed)
    })
}

/// The budget line's printed score against the rule set's (H003, else H008).
fn budget(pe: &ProjectEvaluation, pa: &ProjectActuals, rules: &RuleSet) -> Option<Located> {
    let (printed, computed) = (pe.printed_execution_score?, pe.execution_score?);
    if printed == computed {
        return None;
    }
    let at = pa.total_row().and_then(|r| r.score)?;
    let said = format!(
        "项目“{}”表上预算执行率得分 {printed}，按 {} 算得 {computed}（{}）",
        pe.name, rules.name, pe.execution_trace.line
    );
    let draft = if is_rounding(printed, computed, rules) {
        rounding(said, printed, computed)
    } else {
        Draft {
            message: said,
            help: truncation(printed, computed).unwrap_or_else(|| {
                "预算执行率得分 = 分值 × 执行率（规则集的执行率公式）：核对预算栏的数与印的得分"
                    .into()
            }),
            ..score_draft(&codes::AUDIT_BUDGET_SCORE, printed, computed)
        }
    };
    Some(draft.at(&pe.name, Line::Budget, at.span))
}
