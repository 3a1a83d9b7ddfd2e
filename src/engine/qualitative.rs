//! Scoring a qualitative indicator: the word written read as a grade (the
//! vocabulary's, the rule set's 定性用语, or the target's own word), the
//! grade's band and the point in it; and a quantitative one whose actual
//! is only a word (`完成`), met or not but unmeasured.

use super::indicator::{kind_error, Input};
use super::trace::{band_formula, pct, Qualitative, QualitativeHow};
use crate::diagnostic::{codes, Diagnostic};
use crate::model::display::num;
use crate::model::evaluation::{
    Actual, ActualValue, Grade, GradeScore, IndicatorEvaluation, ShortText, Trace, TraceText,
};
use crate::model::{same_name, Target};
use rust_decimal::Decimal;

pub(super) fn score(
    input: &Input<'_>,
    actual: &Actual,
    ev: &mut IndicatorEvaluation,
    diags: &mut Vec<Diagnostic>,
) -> Option<Decimal> {
    let ActualValue::Grade { word, .. } = &actual.value else {
        kind_error(
            input,
            actual,
            "写等级（达成、部分达成、未达成）或定性用语",
            diags,
        );
        return None;
    };
    let Some((grade, reading)) = read_word(input, word) else {
        return unknown_word(input, actual, word, ev, diags);
    };
    graded(input, actual, grade, reading, ev, diags)
}

/// A quantitative indicator whose actual is a word (`完成`): met or not as
/// the word says, unmeasured; scored by its grade's band, with a warning
/// that names the number not written (JX-V041).
pub(super) fn word_only(
    input: &Input<'_>,
    actual: &Actual,
    ev: &mut IndicatorEvaluation,
    diags: &mut Vec<Diagnostic>,
) -> Option<Decimal> {
    let ind = input.indicator;
    let ActualValue::Grade { word, .. } = &actual.value else {
        return None;
    };
    let Some((grade, reading)) = read_word(input, word) else {
        return unknown_word(input, actual, word, ev, diags);
    };
    let target = crate::model::display::target(&ind.target);
    diags.push(
        Diagnostic::new(
            &codes::ACTUAL_WORD_ONLY,
            format!(
                "指标“{}”的指标值是“{target}”，完成值只写了“{}”，没有写数：按“{}”的分数段计分",
                ind.name,
                word.trim(),
                grade.short()
            ),
        )
        .label(actual.value_span, "完成值")
        .label(ind.target_span, "指标值")
        .help(format!(
            "写出实际完成的数（与指标值同一单位），得分才按公式计算，如“{} {}”",
            ind.name,
            example_number(&ind.target)
        )),
    );
    let s = graded(input, actual, grade, reading, ev, diags)?;
    ev.actual_value = None;
    Some(s)
}

/// A number in the target's unit, for a help text: the target's own.
fn example_number(t: &Target) -> ShortText {
    match t {
        Target::Compare { value, .. } | Target::Range { high: value, .. } => {
            crate::model::display::quantity(value)
        }
        Target::Qualitative { word } => word.as_str().into(),
    }
}

/// How an actual's word came to mean its grade.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Reading {
    /// One of the vocabulary's six words (`达成`, `部分达成年度指标…`).
    Vocabulary,
    /// A word of the rule set's 定性用语.
    RuleSet,
    /// The declared qualitative target word itself: 达成.
    Target,
}

/// The grade an actual's word is read as: the declared target word itself
/// is 达成; else the vocabulary's six words, else the rule set's 定性用语.
fn read_word(input: &Input<'_>, word: &str) -> Option<(Grade, Reading)> {
    if let Target::Qualitative { word: target } = &input.indicator.target {
        if same_name(target, word) && Grade::parse(word.trim()).is_none() {
            return Some((Grade::Achieved, Reading::Target));
        }
    }
    if let Some(g) = Grade::parse(word.trim()) {
        return Some((g, Reading::Vocabulary));
    }
    input.rules.verdict(word).map(|g| (g, Reading::RuleSet))
}

/// JX-V042: a word neither the vocabulary, the rule set's 定性用语 nor the
/// target knows. The indicator is scored 0 as unscored; the project is
/// scored.
fn unknown_word(
    input: &Input<'_>,
    actual: &Actual,
    word: &str,
    ev: &mut IndicatorEvaluation,
    diags: &mut Vec<Diagnostic>,
) -> Option<Decimal> {
    let ind = input.indicator;
    let rules = input.rules;
    let target_word = match &ind.target {
        Target::Qualitative { word } => Some(word.as_str()),
        _ => None,
    };
    // The target word is suggested only where it can be written as it is.
    let bare = |w: &&str| !w.is_empty() && w.chars().all(|c| !c.is_ascii() && c.is_alphanumeric());
    let known = Grade::WORDS
        .iter()
        .copied()
        .chain(rules.verdicts.iter().map(|v| v.word.as_str()))
        .chain(target_word.filter(bare));
    let word = word.trim();
    let mut d = Diagnostic::new(
        &codes::UNKNOWN_VERDICT,
        format!(
            "指标“{}”的完成值“{word}”不是认得的定性用语，这项指标未评分（计 0 分）",
            ind.name
        ),
    )
    .label(actual.value_span, "完成值");
    let near = crate::suggest::nearest(word, known);
    let mut help = match near {
        Some(n) => format!("是不是想写“{n}”？"),
        None => String::new(),
    };
    // A slip of one character (达城 → 达成), where the word is written as
    // read (no escapes, no spaces around it).
    let written = match &actual.value {
        ActualValue::Grade { word_span, .. } => Some(*word_span),
        _ => None,
    };
    let at = written.filter(|s| s.range().len() == word.len() && !s.range().is_empty());
    if let (Some(n), Some(span)) = (near, at) {
        if crate::suggest::one_slip(word, n) {
            d = d.fix(
                format!("改为“{n}”"),
                vec![crate::diagnostic::Edit {
                    span,
                    text: n.to_string().into(),
                }],
            );
        }
    }
    help.push_str(&format!(
        "完成值写{}；或在规则集的“定性用语 {{ … }}”中写明“{word}”读作哪一级（达成、部分达成、未达成）",
        match target_word {
            Some(t) if bare(&t) => format!("等级（达成、部分达成、未达成）或指标值的原词“{t}”"),
            Some(t) => format!("等级（达成、部分达成、未达成）或指标值的原词（加引号：: \"{t}\"）"),
            None => "实际完成的数".to_string(),
        }
    ));
    d = d.help(help);
    diags.push(d);
    ev.actual = Some(word.into());
    super::indicator::unscored(input, ev, crate::model::evaluation::Unscored::UnknownWord)
}

/// The score of a grade: its band's default, or the points or share given
/// with it, checked against the band.
fn graded(
    input: &Input<'_>,
    actual: &Actual,
    grade: Grade,
    reading: Reading,
    ev: &mut IndicatorEvaluation,
    diags: &mut Vec<Diagnostic>,
) -> Option<Decimal> {
    let ind = input.indicator;
    let rules = input.rules;
    let ActualValue::Grade {
        word,
        score,
        score_span,
        ..
    } = &actual.value
    else {
        return None;
    };
    let word = word.trim();
    let written: Option<ShortText> = (reading != Reading::Vocabulary).then(|| word.into());
    ev.actual = Some(written.clone().unwrap_or_else(|| grade.short().into()));
    ev.met = Some(grade == Grade::Achieved);
    // Written out now only where scoring stops short of a score.
    let stopped = |formula: String| {
        Trace::ready(TraceText {
            rule: "定性".into(),
            formula,
            ..TraceText::default()
        })
    };
    let Some(band) = rules.band(grade) else {
        ev.trace = stopped(String::new());
        return None;
    };
    let fractions = [band.low, band.high, band.default];
    let failed = |ev: &mut IndicatorEvaluation| {
        ev.trace = stopped(band_formula(grade, fractions));
        None
    };
    let w = input.points;
    let Some((lo, hi, raw, how)) = bounds(input, actual, band, score, diags) else {
        return failed(ev);
    };
    if raw < lo || raw > hi {
        let [raw_t, lo_t, hi_t] = crate::model::display::told_apart([raw, lo, hi]);
        diags.push(
            Diagnostic::new(
                &codes::GRADE_OUT_OF_BAND,
                format!(
                    "指标“{}”评为“{}”，得分 {raw_t} 不在该等级的分数段 {lo_t}～{hi_t} 分（分值 {} 的 {}%～{}%）之内",
                    ind.name,
                    grade.short(),
                    num(w),
                    pct(band.low),
                    pct(band.high)
                ),
            )
            .label(*score_span, "给定的得分")
            .label(band.span, "规则集的分数段")
            .help("改为分数段之内的得分，或改评另一个等级"),
        );
        return failed(ev);
    }
    let s = rules.rounding.apply(raw);
    let unmeasured = !matches!(ind.target, Target::Qualitative { .. });
    ev.trace = Trace::lazy(Box::new(Qualitative {
        name: ind.name.as_str().into(),
        grade,
        word: written,
        reading,
        unmeasured,
        band: fractions,
        points: w,
        low: lo,
        high: hi,
        how,
        score: s,
        places: rules.rounding.places,
    }));
    Some(s)
}

/// The band in points, the points given and how they were found.
fn bounds(
    input: &Input<'_>,
    actual: &Actual,
    band: &crate::model::rules::QualBand,
    score: &Option<GradeScore>,
    diags: &mut Vec<Diagnostic>,
) -> Option<(Decimal, Decimal, Decimal, QualitativeHow)> {
    let w = input.points;
    let lo = w
        .checked_mul(band.low)
        .or_else(|| overflow(input, actual, diags))?;
    let hi = w
        .checked_mul(band.high)
        .or_else(|| overflow(input, actual, diags))?;
    let (raw, how) = match score {
        None => {
            let s = w
                .checked_mul(band.default)
                .or_else(|| overflow(input, actual, diags))?;
            (s, QualitativeHow::Default)
        }
        Some(GradeScore::Points(p)) => (*p, QualitativeHow::Points(*p)),
        Some(GradeScore::Fraction(f)) => {
            let s = w
                .checked_mul(*f)
                .or_else(|| overflow(input, actual, diags))?;
            (s, QualitativeHow::Fraction(*f))
        }
    };
    Some((lo, hi, raw, how))
}

/// A score too large to compute exactly: said, never silently dropped.
fn overflow(input: &Input<'_>, actual: &Actual, diags: &mut Vec<Diagnostic>) -> Option<Decimal> {
    diags.push(
        Diagnostic::new(
            &codes::BAD_ACTUAL,
            format!(
                "指标“{}”的得分超出了可以精确表示的范围（分值 {}）",
                input.indicator.name,
                num(input.points)
            ),
        )
        .label(actual.value_span, "完成值")
        .help("检查分值和给定的得分是否多写了数字"),
    );
    None
}
