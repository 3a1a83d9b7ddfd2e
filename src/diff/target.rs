//! Is a changed target harder or easier to meet?

use crate::model::{Comparator, Target};
use serde::{Deserialize, Serialize};

/// How a target changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// 收紧: harder to meet (`≥ 280 人` → `≥ 300 人`, a narrower range).
    Tightened,
    /// 放宽: easier to meet (`≤ 10 万元` → `≤ 12 万元`, a wider range).
    Loosened,
    /// An `=` target, or a range moved rather than narrowed or widened.
    ValueChanged,
    /// `≥` became `>`, `≤` became `=` …
    ComparatorChanged,
    /// The same value and reading, the comparator written where it was
    /// left out or left out where it was written (`100%` → `= 100%`).
    ComparatorWritten,
    /// A qualitative target reworded (`及时` → `较及时`).
    WordingChanged,
    /// Quantitative became qualitative, a range became a comparison …
    KindChanged,
    /// The unit changed to one that measures something else (`次` → `人`).
    UnitChanged,
}

impl Verdict {
    pub fn chinese(self) -> &'static str {
        match self {
            Verdict::Tightened => "收紧",
            Verdict::Loosened => "放宽",
            Verdict::ValueChanged => "目标值改变",
            Verdict::ComparatorChanged => "比较符改变",
            Verdict::ComparatorWritten => "写明或省去了比较符，读法不变",
            Verdict::WordingChanged => "措辞改变",
            Verdict::KindChanged => "目标类型改变",
            Verdict::UnitChanged => "计量单位改变",
        }
    }
}

/// Classify a target change; `None` when the meaning did not change.
pub fn classify(old: &Target, new: &Target) -> Option<Verdict> {
    match (old, new) {
        (
            Target::Compare {
                comparator: c1,
                value: v1,
                implied: i1,
            },
            Target::Compare {
                comparator: c2,
                value: v2,
                implied: i2,
            },
        ) => {
            // Two spellings of one comparator (`不低于`, `≥`, `95%以上`) are
            // one comparator in the model: no change.
            if c1 != c2 {
                return Some(Verdict::ComparatorChanged);
            }
            if !v1.unit.compatible(&v2.unit) {
                return Some(Verdict::UnitChanged);
            }
            if v1.same_value(v2) {
                return (i1 != i2).then_some(Verdict::ComparatorWritten);
            }
            let (Some(a), Some(b)) = (v1.base_value(), v2.base_value()) else {
                return Some(Verdict::ValueChanged);
            };
            Some(match c1 {
                Comparator::Ge | Comparator::Gt if b > a => Verdict::Tightened,
                Comparator::Ge | Comparator::Gt => Verdict::Loosened,
                Comparator::Le | Comparator::Lt if b < a => Verdict::Tightened,
                Comparator::Le | Comparator::Lt => Verdict::Loosened,
                Comparator::Eq => Verdict::ValueChanged,
            })
        }
        (Target::Range { low: l1, high: h1 }, Target::Range { low: l2, high: h2 }) => {
            if !l1.unit.compatible(&l2.unit) || !h1.unit.compatible(&h2.unit) {
                return Some(Verdict::UnitChanged);
            }
            if l1.same_value(l2) && h1.same_value(h2) {
                return None;
            }
            let (Some(a1), Some(b1), Some(a2), Some(b2)) = (
                l1.base_value(),
                h1.base_value(),
                l2.base_value(),
                h2.base_value(),
            ) else {
                return Some(Verdict::ValueChanged);
            };
            Some(if a2 >= a1 && b2 <= b1 {
                Verdict::Tightened
            } else if a2 <= a1 && b2 >= b1 {
                Verdict::Loosened
            } else {
                Verdict::ValueChanged
            })
        }
        (Target::Qualitative { word: w1 }, Target::Qualitative { word: w2 }) => {
            (w1.trim() != w2.trim()).then_some(Verdict::WordingChanged)
        }
        _ => Some(Verdict::KindChanged),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Quantity, Unit};
    use rust_decimal::Decimal;

    fn cmp(c: Comparator, v: i64, unit: &str) -> Target {
        Target::compare(c, Quantity::new(Decimal::new(v, 0), Unit::parse(unit)))
    }

    #[test]
    fn tighten_and_loosen() {
        use Comparator::*;
        assert_eq!(
            classify(&cmp(Ge, 280, "人"), &cmp(Ge, 300, "人")),
            Some(Verdict::Tightened)
        );
        assert_eq!(
            classify(&cmp(Le, 10, "万元"), &cmp(Le, 12, "万元")),
            Some(Verdict::Loosened)
        );
        assert_eq!(
            classify(&cmp(Le, 10, "万元"), &cmp(Le, 100_000, "元")),
            None
        );
        assert_eq!(
            classify(&cmp(Eq, 100, "%"), &cmp(Eq, 99, "%")),
            Some(Verdict::ValueChanged)
        );
        assert_eq!(
            classify(&cmp(Ge, 1, "次"), &cmp(Gt, 1, "次")),
            Some(Verdict::ComparatorChanged)
        );
        assert_eq!(
            classify(&cmp(Ge, 1, "次"), &cmp(Ge, 1, "人")),
            Some(Verdict::UnitChanged)
        );
    }
}
