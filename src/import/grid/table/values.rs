//! A row's cells, once placed in their columns, as draft values: the target
//! (with its 指标性质 and 度量单位 columns), the printed actual, 分值, 得分
//! and reason.

use super::Column;
use crate::import::draft::{DraftActualValue, DraftTarget};
use crate::import::target::{
    normalize_unit, parse_inline, parse_number, parse_sense, take_comparator, take_number,
    InlineProblem, Sense,
};

/// The cells of one row by column kind (the first of each kind).
#[derive(Clone, Debug, Default)]
pub(super) struct RowCells<'a> {
    pub nature: Option<&'a str>,
    pub target: Option<&'a str>,
    pub midterm: Option<&'a str>,
    pub unit: Option<&'a str>,
    pub actual: Option<&'a str>,
    pub points: Option<&'a str>,
    pub score: Option<&'a str>,
    pub reason: Option<&'a str>,
    /// (title, text) of other columns.
    pub other: Vec<(String, &'a str)>,
}

impl<'a> RowCells<'a> {
    pub fn put(&mut self, kind: &Column, text: &'a str) {
        let slot = match kind {
            Column::Nature => &mut self.nature,
            Column::Target => &mut self.target,
            Column::Midterm => &mut self.midterm,
            Column::Unit => &mut self.unit,
            Column::Actual => &mut self.actual,
            Column::Points => &mut self.points,
            Column::Score => &mut self.score,
            Column::Reason => &mut self.reason,
            Column::Other(title) => {
                self.other.push((title.clone(), text));
                return;
            }
            Column::Level1 | Column::Level2 | Column::Name => return,
        };
        if slot.is_none() {
            *slot = Some(text);
        }
    }
}

/// What reading a target cell went wrong on, for the comment and JX-I012.
pub(super) struct TargetProblem {
    pub comment: String,
    pub message: String,
}

/// The target from its cell, the 指标性质 cell and the 度量单位 cell:
/// `≧ | 735 | 人次` → `≥ 735 人次`; `≥50个` → `≥ 50 个`; `43.2` → `43.2`
/// as printed (no comparator: the language infers one); a word → `: 词`.
pub(super) fn target(
    cell: &str,
    nature: Option<&str>,
    unit: Option<&str>,
) -> (DraftTarget, Option<TargetProblem>) {
    let cell = cell.trim();
    let unit_text = unit.unwrap_or("").trim();
    let unit_norm = normalize_unit(unit_text);
    let joined = format!("{cell}{unit_text}");
    let sense = nature.map(|n| (n, parse_sense(n)));
    if let Some((n, s)) = sense {
        match s {
            Some(Sense::Qualitative) => return (DraftTarget::Qualitative(joined), None),
            Some(Sense::Compare(comparator)) if take_comparator(cell).is_none() => {
                if let Some((value, rest)) = take_number(cell) {
                    if let Some(u) = quantity_unit(rest, unit_text) {
                        return (
                            DraftTarget::Compare {
                                comparator,
                                value,
                                unit: u,
                            },
                            None,
                        );
                    }
                }
            }
            Some(Sense::Compare(_)) => {}
            None => {
                let (t, _) = target(cell, None, unit);
                let problem = TargetProblem {
                    comment: format!("原表“指标性质”作“{n}”，读不出，指标值照印"),
                    message: format!("“指标性质”一格“{n}”读不出比较符，指标值照印"),
                };
                return (t, Some(problem));
            }
        }
    }
    match parse_inline(&joined) {
        Ok(t) => (t, None),
        Err(InlineProblem::BadUnit(u)) => bad_unit(joined, &u),
        Err(InlineProblem::NotQuantitative) => match take_number(cell) {
            Some((value, rest)) if unit_norm.is_some() || unit_text.is_empty() => {
                match quantity_unit(rest, unit_text) {
                    Some(u) => (DraftTarget::Bare { value, unit: u }, None),
                    // `80M`: a number whose unit the language cannot write.
                    None if latin_unit(rest) => bad_unit(joined, rest.trim()),
                    None => (DraftTarget::Qualitative(joined), None),
                }
            }
            _ => (DraftTarget::Qualitative(joined), None),
        },
    }
}

/// A target whose unit the language cannot write: a word, and JX-I012.
fn bad_unit(joined: String, unit: &str) -> (DraftTarget, Option<TargetProblem>) {
    let problem = TargetProblem {
        comment: format!("原表指标值“{joined}”的单位“{unit}”认不出，暂作文字目标"),
        message: format!("指标值“{joined}”中的单位“{unit}”认不出，暂作文字目标"),
    };
    (DraftTarget::Qualitative(joined), Some(problem))
}

fn latin_unit(rest: &str) -> bool {
    let r = rest.trim();
    !r.is_empty()
        && r.chars()
            .all(|c| c.is_ascii_alphabetic() || c == '/' || c == '²')
}

/// The unit of a quantity: the rest of its cell or the 度量单位 cell. A
/// time (`9月前`, `3天后`) is no quantity: the language has no such
/// comparison, the target stays a word.
fn quantity_unit(rest: &str, unit_cell: &str) -> Option<String> {
    let rest = rest.trim();
    if rest.ends_with(['前', '后']) {
        return None;
    }
    match (rest.is_empty(), unit_cell.is_empty()) {
        (true, _) => normalize_unit(unit_cell),
        (false, true) => normalize_unit(rest),
        (false, false) => {
            let a = normalize_unit(rest)?;
            (Some(&a) == normalize_unit(unit_cell).as_ref()).then_some(a)
        }
    }
}

/// A printed 实际完成值: `29.5亩`, `100`, `≥266米`, or a word. The 度量单位
/// column's unit is not added: the form printed the actual as it is. The
/// actual of a word target is a word (`9月前` → `7月`).
pub(super) fn actual(cell: &str, target: &DraftTarget) -> DraftActualValue {
    let t = cell.trim();
    if matches!(target, DraftTarget::Qualitative(_)) {
        return DraftActualValue::Word(t.to_string());
    }
    let (comparator, rest) = match take_comparator(t) {
        Some((c, rest)) => (Some(c), rest.trim_start()),
        None => (None, t),
    };
    if let Some((value, rest)) = take_number(rest) {
        if let Some(unit) = normalize_unit(rest) {
            return DraftActualValue::Quantity {
                comparator,
                value,
                unit,
            };
        }
    }
    DraftActualValue::Word(t.to_string())
}

/// A 分值 or 得分 cell; `/`, `-`, `—` print “none”.
pub(super) fn number(cell: Option<&str>) -> Option<rust_decimal::Decimal> {
    cell.and_then(parse_number)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Comparator;
    use std::str::FromStr;

    fn d(s: &str) -> rust_decimal::Decimal {
        rust_decimal::Decimal::from_str(s).unwrap()
    }

    #[test]
    fn nature_and_unit_columns_join_the_value() {
        let (t, p) = target("735", Some("≧"), Some("人次"));
        assert!(p.is_none());
        assert_eq!(
            t,
            DraftTarget::Compare {
                comparator: Comparator::Ge,
                value: d("735"),
                unit: "人次".into()
            }
        );
        let (t, _) = target("100", Some("═"), Some("%"));
        assert!(matches!(
            t,
            DraftTarget::Compare {
                comparator: Comparator::Eq,
                ..
            }
        ));
        let (t, _) = target("有效", None, None);
        assert_eq!(t, DraftTarget::Qualitative("有效".into()));
        let (t, _) = target("29.5亩", None, None);
        assert_eq!(
            t,
            DraftTarget::Bare {
                value: d("29.5"),
                unit: "亩".into()
            }
        );
    }

    #[test]
    fn actuals() {
        let bare = DraftTarget::Bare {
            value: d("266"),
            unit: "米".into(),
        };
        assert_eq!(
            actual("≥266米", &bare),
            DraftActualValue::Quantity {
                comparator: Some(Comparator::Ge),
                value: d("266"),
                unit: "米".into()
            }
        );
        assert_eq!(
            actual("达成预期指标", &bare),
            DraftActualValue::Word("达成预期指标".into())
        );
        let word = DraftTarget::Qualitative("9月前".into());
        assert_eq!(actual("7月", &word), DraftActualValue::Word("7月".into()));
        assert_eq!(target("9月前", None, None).0, word);
    }
}
