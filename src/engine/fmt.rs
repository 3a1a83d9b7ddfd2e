//! How numbers appear in traces and reports.

use crate::model::evaluation::ShortText;
use crate::model::quantity::{write_decimal, write_grouped};
use crate::model::{group_thousands, Quantity, Target, Unit};
use rust_decimal::{Decimal, RoundingStrategy};

/// The sum of decimals, `None` on overflow (never a panic).
pub fn sum<I: IntoIterator<Item = Decimal>>(items: I) -> Option<Decimal> {
    items
        .into_iter()
        .try_fold(Decimal::ZERO, |acc, d| acc.checked_add(d))
}

/// A value written out in one allocation (`to_string` grows its string
/// several times for a target such as `≥ 95%`).
pub fn text(value: &impl std::fmt::Display) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(32);
    let _ = write!(s, "{value}");
    s
}

/// A declared target as its `Display` writes it (`≥ 95%`, `90%~95%`,
/// `: 及时`'s word), without the formatter, inline when short.
pub fn target(t: &Target) -> ShortText {
    let mut s = ShortText::default();
    match t {
        Target::Compare { comparator, value } => {
            s.push_str(comparator.symbol());
            s.push(' ');
            push_quantity(&mut s, value);
        }
        Target::Range { low, high } => {
            push_quantity(&mut s, low);
            s.push('~');
            push_quantity(&mut s, high);
        }
        Target::Qualitative { word } => s.push_str(word),
    }
    s
}

/// A quantity as its `Display` writes it (`12,345.6 万元`, `95%`).
pub fn quantity(q: &Quantity) -> ShortText {
    let mut s = ShortText::default();
    push_quantity(&mut s, q);
    s
}

fn push_quantity(s: &mut ShortText, q: &Quantity) {
    push_in_unit(s, q.value, &q.unit);
}

/// A value with its unit, as a quantity's `Display` writes it.
fn push_in_unit(s: &mut ShortText, value: Decimal, unit: &Unit) {
    if write_grouped(s, value).is_err() {
        s.push_str(&value.to_string());
    }
    if spaced(unit) {
        s.push(' ');
    }
    s.push_str(unit.text());
}

/// A number for a trace: at most 2 decimals (half up), trailing zeros dropped.
pub fn num(d: Decimal) -> String {
    group_thousands(num_rounded(d))
}

/// What [`num`] writes: at most 2 decimals (half up), trailing zeros dropped.
pub(crate) fn num_rounded(d: Decimal) -> Decimal {
    let r = if d.scale() > 2 {
        d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
    } else {
        d
    };
    r.normalize()
}

/// A score: exactly 2 decimals (or the rule set's places).
pub fn score(d: Decimal, places: u32) -> String {
    let mut r = d.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(places);
    let mut s = String::with_capacity(16);
    if write_decimal(&mut s, r).is_err() {
        return r.to_string();
    }
    s
}

/// Money with 2 decimals and thousands separators.
pub fn money(d: Decimal) -> String {
    let mut r = d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(2);
    group_thousands(r)
}

/// A fraction as a percentage with 2 decimals: 0.974838 → 97.48%.
pub fn percent(fraction: Decimal) -> String {
    let p = fraction
        .checked_mul(Decimal::ONE_HUNDRED)
        .unwrap_or(fraction)
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    let mut p = p;
    p.rescale(2);
    let mut s = String::with_capacity(16);
    if write_decimal(&mut s, p).is_err() {
        return format!("{p}%");
    }
    s.push('%');
    s
}

/// A value in a unit, for a trace: `94.92%`, `8.84 万元`.
pub fn in_unit(value: Decimal, unit: &Unit) -> ShortText {
    // What `Quantity::new(value, unit).to_string()` writes, with `num`'s rounding.
    let mut s = ShortText::default();
    push_in_unit(&mut s, num_rounded(value), unit);
    s
}

/// Is a unit written after a space (`8.84 万元`) rather than joined (`95%`)?
pub fn spaced(unit: &Unit) -> bool {
    !unit.is_none() && !unit.is_percent()
}

/// A number written with its unit's text.
pub fn with_unit(mut number: String, unit: &str, spaced: bool) -> String {
    if spaced {
        number.push(' ');
    }
    number.push_str(unit);
    number
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn shapes() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(num(d("94.915254")), "94.92");
        assert_eq!(num(d("10.00")), "10");
        assert_eq!(score(d("9.995"), 2), "10.00");
        assert_eq!(score(d("7"), 2), "7.00");
        assert_eq!(money(d("90682.5")), "90,682.50");
        assert_eq!(percent(d("0.9748382")), "97.48%");
        assert_eq!(in_unit(d("94.9152"), &Unit::parse("%")), "94.92%");
        assert_eq!(in_unit(d("8.84"), &Unit::parse("万元")), "8.84 万元");
        let q = |v: &str, u: &str| Quantity::new(d(v), Unit::parse(u));
        for t in [
            Target::Compare {
                comparator: crate::model::Comparator::Ge,
                value: q("1234567.50", "万元"),
            },
            Target::Compare {
                comparator: crate::model::Comparator::Eq,
                value: q("-0.5", "%"),
            },
            Target::Range {
                low: q("90", "%"),
                high: q("100", ""),
            },
            Target::Qualitative {
                word: "及时".into(),
            },
        ] {
            assert_eq!(target(&t), t.to_string());
        }
        assert_eq!(quantity(&q("1234.5", "元/人")), "1,234.5 元/人");
    }
}
