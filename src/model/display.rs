//! How a number is shown to a person: the one place for it. Reports
//! (text, Markdown, CSV, HTML), the traces of `--explain`, the messages of
//! `check`, `diff` and `fmt`'s amounts all write their numbers here, so a
//! rule changes in one place. A figure is never rounded into a false
//! statement (issue 17): a value as written keeps its digits (`32.9999 万元`
//! was shown as `33 万元`), and where a sentence compares figures or says
//! one equals another, the figures printed make it true ([`told_apart`],
//! [`equals`]).
//!
//! The rules, by what a number is:
//!
//! | what | function | rule | example |
//! |---|---|---|---|
//! | a decimal as written | [`write_decimal`], [`group_thousands`] | every digit, thousands separators for people | `4,362,963.5` |
//! | a number in a trace or report | [`num`] | at most 2 decimals (half away from zero), trailing zeros dropped, grouped | `94.92`, `10` |
//! | a score | [`score`] | exactly the rule set's places (half away from zero), not grouped | `7.00` |
//! | money in a report or trace | [`money`] | exactly 2 decimals (half away from zero), grouped | `90,682.50` |
//! | money in a message | [`money_exact`], [`yuan`] | at least 2 decimals, finer amounts keep their digits, grouped | `100,400.00 元` |
//! | a fraction as a percentage | [`percent`] | ×100, exactly 2 decimals, `%` | `97.48%` |
//! | a number a trace compares or substitutes | [`figure`], [`figure_in_unit`] | every digit up to 8 decimals (as written, or an exact quotient), else [`num`]'s 2 | `32.9999`, `94.999`, `94.92` |
//! | numbers a sentence compares | [`told_apart`] | each as [`figure`], rounded ones with more decimals until the printed figures compare as the exact ones do | `32.9999 < 33`, `6.662 < 6.664` |
//! | a derived value said to equal something | [`equals`] | `=` and the figure when it is exact, else `≈` | `= 96.25%`, `≈ 94.92%` |
//! | a fraction as a percentage in a sentence | [`about_percent`] | [`percent`], with `约 ` when rounded | `200.00%`, `约 65.55%` |
//! | a fraction at a given precision | [`percent_at`] | ×100, the given decimals (half away from zero), `%` | `99.985%` |
//! | a rate a form printed | [`printed_rate`] | the printed digits: a percentage (the fraction has ≥ 2 decimals) or the ratio as written | `99%`, `100.00%`, `1` |
//! | a value with its unit | [`in_unit`], [`quantity`], [`target`] | a space before the unit, none before `%` | `8.84 万元`, `95%` |
//! | a change | [`signed`] | `+`/`-` always written, grouped | `+1,000` |
//! | a cell a spreadsheet reads | [`plain_yuan`], [`plain_percent`], [`plain_num`], [`plain_printed_rate`] | the same rounding (the printed digits), no separators, no unit | `90682.50` |

use super::evaluation::ShortText;
use super::{Quantity, Target, Unit};
use rust_decimal::{Decimal, RoundingStrategy};
use std::fmt;

/// Format a decimal with thousands separators: `90682.50` → `90,682.50`.
pub fn group_thousands(value: Decimal) -> String {
    let mut out = String::with_capacity(24);
    if write_grouped(&mut out, value).is_err() {
        return value.to_string();
    }
    out
}

/// Write a decimal with thousands separators, without building strings on
/// the way (reports and traces write hundreds of thousands of them).
pub fn write_grouped(out: &mut impl fmt::Write, value: Decimal) -> fmt::Result {
    out.write_str(Digits::of(value, true).as_str())
}

/// Write a decimal exactly as its `Display` does (every digit of the
/// mantissa, the point `scale` digits from the right, `-` for any negative
/// value, `-0` included), without the formatter's machinery.
pub fn write_decimal(out: &mut impl fmt::Write, value: Decimal) -> fmt::Result {
    out.write_str(Digits::of(value, false).as_str())
}

/// A decimal's digits, on the stack (at most 29 digits, a sign, a point,
/// as many zeros as the scale puts before the first digit and 9 commas).
struct Digits {
    bytes: [u8; 64],
    /// The text is `bytes[start..]`: written from the right.
    start: usize,
}

impl Digits {
    /// What [`write_decimal`] writes, or with `grouped` [`write_grouped`]:
    /// built from the right, dividing by ten in 64 bits while the mantissa
    /// fits (a 128-bit division costs a call).
    fn of(value: Decimal, grouped: bool) -> Digits {
        let mut d = Digits {
            bytes: [b'0'; 64],
            start: 64,
        };
        let scale = value.scale() as usize;
        let mut m = value.mantissa().unsigned_abs();
        let mut n = 0usize;
        while m > u128::from(u64::MAX) {
            d.digit((m % 10) as u8, &mut n, scale, grouped);
            m /= 10;
        }
        let mut small = u64::try_from(m).unwrap_or_default();
        while small > 0 {
            d.digit((small % 10) as u8, &mut n, scale, grouped);
            small /= 10;
        }
        // Zeros up to the point, and the one before it.
        while n <= scale {
            d.digit(0, &mut n, scale, grouped);
        }
        if value.is_sign_negative() {
            d.push(b'-');
        }
        d
    }
    /// The `n`-th digit from the right, after the point when there is
    /// one; with `grouped`, a comma before every third whole digit.
    fn digit(&mut self, digit: u8, n: &mut usize, scale: usize, grouped: bool) {
        if *n == scale && scale > 0 {
            self.push(b'.');
        } else if grouped && *n > scale && (*n - scale) % 3 == 0 {
            self.push(b',');
        }
        self.push(b'0' + digit);
        *n += 1;
    }
    fn push(&mut self, b: u8) {
        if let Some(start) = self.start.checked_sub(1) {
            if let Some(slot) = self.bytes.get_mut(start) {
                *slot = b;
            }
            self.start = start;
        }
    }
    fn as_str(&self) -> &str {
        self.bytes
            .get(self.start..)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }
}

/// `d` rounded half away from zero to exactly `places` decimals.
fn places(d: Decimal, places: u32) -> Decimal {
    let mut r = d.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(places);
    r
}

/// A fraction as a number of percent, exactly 2 decimals; `None` when ×100
/// overflows.
fn hundredths_of_percent(fraction: Decimal) -> Option<Decimal> {
    Some(places(fraction.checked_mul(Decimal::ONE_HUNDRED)?, 2))
}

/// A declared target as its `Display` writes it (`≥ 95%`, `90%~95%`,
/// `: 及时`'s word), without the formatter, inline when short.
pub fn target(t: &Target) -> ShortText {
    let mut s = ShortText::default();
    match t {
        Target::Compare {
            comparator,
            value,
            implied,
        } => {
            // Written without a comparator: shown as written.
            if !implied {
                s.push_str(comparator.symbol());
                s.push(' ');
            }
            let _ = write_in_unit(&mut s, value.value, &value.unit);
        }
        Target::Range { low, high } => {
            let _ = write_in_unit(&mut s, low.value, &low.unit);
            s.push('~');
            let _ = write_in_unit(&mut s, high.value, &high.unit);
        }
        Target::Qualitative { word } => s.push_str(word),
    }
    s
}

/// A quantity as its `Display` writes it (`12,345.6 万元`, `95%`).
pub fn quantity(q: &Quantity) -> ShortText {
    let mut s = ShortText::default();
    let _ = write_in_unit(&mut s, q.value, &q.unit);
    s
}

/// A value with its unit, every digit kept: what a [`Quantity`] shows.
pub fn write_in_unit(out: &mut impl fmt::Write, value: Decimal, unit: &Unit) -> fmt::Result {
    write_grouped(out, value)?;
    if spaced(unit) {
        out.write_char(' ')?;
    }
    out.write_str(unit.text())
}

/// A number for a trace: at most 2 decimals (half up), trailing zeros dropped.
pub fn num(d: Decimal) -> String {
    group_thousands(num_rounded(d))
}

/// What [`num`] writes: at most 2 decimals (half up), trailing zeros dropped.
pub fn num_rounded(d: Decimal) -> Decimal {
    let r = if d.scale() > 2 {
        d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
    } else {
        d
    };
    r.normalize()
}

/// A score: exactly 2 decimals (or the rule set's places).
pub fn score(d: Decimal, places_: u32) -> String {
    let r = places(d, places_);
    let mut s = String::with_capacity(16);
    if write_decimal(&mut s, r).is_err() {
        return r.to_string();
    }
    s
}

/// Money with 2 decimals and thousands separators.
pub fn money(d: Decimal) -> String {
    group_thousands(places(d, 2))
}

/// A money number with two decimal places, as on the form: `100,400.00`.
/// Amounts finer than a 分 keep their digits.
pub fn money_exact(value: Decimal) -> String {
    let mut v = value.normalize();
    if v.scale() < 2 {
        v.rescale(2);
    }
    group_thousands(v)
}

/// An amount in 元 as the form writes it: `90,682.50 元`, `100,400.00 元`.
pub fn yuan(value: Decimal) -> String {
    format!("{} 元", money_exact(value))
}

/// A plain number, without trailing zeros: `2,000`, `0.95`.
pub fn number(value: Decimal) -> String {
    group_thousands(value.normalize())
}

/// A change, its sign always written: `+1,000`, `-2.5`.
pub fn signed(d: Decimal) -> String {
    if d.is_sign_negative() {
        format!("-{}", group_thousands(d.abs()))
    } else {
        format!("+{}", group_thousands(d))
    }
}

/// A fraction as a percentage with 2 decimals: 0.974838 → 97.48%.
pub fn percent(fraction: Decimal) -> String {
    let p = hundredths_of_percent(fraction).unwrap_or_else(|| places(fraction, 2));
    let mut s = String::with_capacity(16);
    if write_decimal(&mut s, p).is_err() {
        return format!("{p}%");
    }
    s.push('%');
    s
}

/// A fraction as a percentage with `decimals` decimals (half away from
/// zero): 0.99985393 at 3 → `99.985%`.
pub fn percent_at(fraction: Decimal, decimals: u32) -> String {
    let p = fraction
        .checked_mul(Decimal::ONE_HUNDRED)
        .map_or(fraction, |p| places(p, decimals));
    let mut s = String::with_capacity(16);
    if write_decimal(&mut s, p).is_err() {
        return format!("{p}%");
    }
    s.push('%');
    s
}

/// A 执行率 as a form printed it, kept as a fraction with the printed
/// precision (`lower::budget`): `0.99` → `99%`, `1.0000` → `100.00%`; a
/// ratio printed with fewer than 2 decimals is shown as printed (`1`).
pub fn printed_rate(fraction: Decimal) -> String {
    let mut s = String::with_capacity(16);
    let written = match fraction.scale().checked_sub(2) {
        Some(scale) => {
            let pct = Decimal::from_i128_with_scale(fraction.mantissa(), scale);
            write_decimal(&mut s, pct).map(|()| s.push('%'))
        }
        None => write_decimal(&mut s, fraction),
    };
    if written.is_err() {
        return fraction.to_string();
    }
    s
}

/// A value in a unit, for a trace: `94.92%`, `8.84 万元`.
pub fn in_unit(value: Decimal, unit: &Unit) -> ShortText {
    // What `Quantity::new(value, unit).to_string()` writes, with `num`'s rounding.
    let mut s = ShortText::default();
    let _ = write_in_unit(&mut s, num_rounded(value), unit);
    s
}

/// Up to this many decimals a number is shown with every digit: what a
/// person writes, or a quotient that comes out exact (`94999 / 100000`);
/// a quotient that does not (`112 / 118`) has 28.
const EXACT_PLACES: u32 = 8;

/// `d` as [`figure`] shows it, and whether that is exactly `d`.
fn figure_value(d: Decimal) -> (Decimal, bool) {
    let n = d.normalize();
    if n.scale() <= EXACT_PLACES {
        (n, true)
    } else {
        let r = num_rounded(d);
        (r, r == n)
    }
}

/// A number a trace compares or puts into a formula: every digit when it
/// has at most 8 decimals (`32.9999` as written, `94.999` from
/// `94999 / 100000`), else [`num`]'s 2 (`94.92` from `112 / 118`).
pub fn figure(d: Decimal) -> String {
    group_thousands(figure_value(d).0)
}

/// Numbers one sentence compares (`完成值 … < 指标值 …`, `得分 … 不在 …～… 之内`),
/// each as [`figure`] writes it; those rounded get more decimals, all at
/// once, until every pair of printed figures compares as the exact numbers
/// do (equal only where they are equal). Never a false comparison.
pub fn told_apart<const N: usize>(values: [Decimal; N]) -> [String; N] {
    told_apart_figures(values).map(group_thousands)
}

/// The figures [`told_apart`] writes, as numbers (normalized).
pub fn told_apart_figures<const N: usize>(values: [Decimal; N]) -> [Decimal; N] {
    let holds = |shown: &[Decimal; N]| {
        values
            .iter()
            .zip(shown.iter())
            .enumerate()
            .all(|(i, (a, sa))| {
                values
                    .iter()
                    .zip(shown.iter())
                    .skip(i + 1)
                    .all(|(b, sb)| a.cmp(b) == sa.cmp(sb))
            })
    };
    let mut shown = values.map(|v| figure_value(v).0);
    let mut places = 2;
    while !holds(&shown) && places < 28 {
        places += 1;
        shown = values.map(|v| {
            let (f, exact) = figure_value(v);
            if exact {
                f
            } else {
                v.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero)
                    .normalize()
            }
        });
    }
    shown
}

/// A value with its unit as [`figure`] writes it: `32.9999 万元`, `94.92%`.
pub fn figure_in_unit(value: Decimal, unit: &Unit) -> ShortText {
    let mut s = ShortText::default();
    let _ = write_in_unit(&mut s, figure_value(value).0, unit);
    s
}

/// A value with its unit, every digit kept: `32.9999 万元`.
pub fn exact_in_unit(value: Decimal, unit: &Unit) -> ShortText {
    let mut s = ShortText::default();
    let _ = write_in_unit(&mut s, value.normalize(), unit);
    s
}

/// A derived value said to equal what it came from: `= 96.25%` when the
/// figure shown is the value, else `≈ 94.92%`.
pub fn equals(value: Decimal, unit: &Unit) -> String {
    let (shown, exact) = figure_value(value);
    let mut s = String::from(if exact { "= " } else { "≈ " });
    let _ = write_in_unit(&mut s, shown, unit);
    s
}

/// [`percent`] for a sentence: `200.00%`, or `约 65.55%` when the two
/// decimals are not the exact ratio.
pub fn about_percent(fraction: Decimal) -> String {
    let exact = fraction
        .checked_mul(Decimal::ONE_HUNDRED)
        .is_some_and(|p| p.normalize().scale() <= 2);
    if exact {
        percent(fraction)
    } else {
        format!("约 {}", percent(fraction))
    }
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

/// A quantity as written, with its value in 元 when that differs:
/// `10.04 万元（100,400 元）`.
pub fn quantity_with_yuan(q: &Quantity) -> String {
    match q.yuan() {
        Some(y) if q.unit.text() != "元" => format!("{q}（{}）", yuan(y)),
        _ => q.to_string(),
    }
}

/// A value in base units with its unit's text, e.g. `560,000 元`, `280 人`.
pub fn value_with_unit(value: Decimal, unit: &Unit) -> String {
    let n = if unit.is_money() {
        money_exact(value)
    } else {
        number(value)
    };
    if unit.text().is_empty() {
        n
    } else {
        format!("{n} {}", unit.text())
    }
}

/// An amount in 元 for a spreadsheet: exact, at least the 2 decimals of
/// 分, no separators.
pub fn plain_yuan(d: Decimal) -> String {
    let mut d = d;
    if d.scale() < 2 {
        d.rescale(2);
    }
    d.to_string()
}

/// A fraction as a number of percent for a spreadsheet: [`percent`]'s
/// digits without the sign; `None` when it overflows.
pub fn plain_percent(fraction: Decimal) -> Option<String> {
    hundredths_of_percent(fraction).map(|p| p.to_string())
}

/// [`printed_rate`] for a spreadsheet: the printed digits as a number of
/// percent (`1.0000` → `100.00`, a ratio `1` → `100`); `None` on overflow.
pub fn plain_printed_rate(fraction: Decimal) -> Option<String> {
    match fraction.scale().checked_sub(2) {
        Some(scale) => Some(Decimal::from_i128_with_scale(fraction.mantissa(), scale).to_string()),
        None => fraction
            .checked_mul(Decimal::ONE_HUNDRED)
            .map(|p| p.normalize().to_string()),
    }
}

/// [`num`] for a spreadsheet: the same rounding, no separators.
pub fn plain_num(d: Decimal) -> String {
    num_rounded(d).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn grouping() {
        let d = |s| Decimal::from_str(s).unwrap();
        assert_eq!(group_thousands(d("90682.50")), "90,682.50");
        assert_eq!(group_thousands(d("4362963.5")), "4,362,963.5");
        assert_eq!(group_thousands(d("100")), "100");
        assert_eq!(group_thousands(d("-1000")), "-1,000");
        assert_eq!(group_thousands(d("999.99")), "999.99");
        assert_eq!(group_thousands(d("-123456")), "-123,456");
        assert_eq!(group_thousands(d("0.001")), "0.001");
        assert_eq!(
            group_thousands(Decimal::MAX),
            "79,228,162,514,264,337,593,543,950,335"
        );
        assert_eq!(
            group_thousands(d("-0.0000000000000000000000000001")),
            "-0.0000000000000000000000000001"
        );
        // Digits written by hand are those of Display, for every shape.
        let mut values = vec![
            Decimal::ZERO,
            -Decimal::ZERO,
            Decimal::new(0, 2),
            Decimal::new(-5, 3),
            Decimal::MAX,
            Decimal::MIN,
            d("0.0000000000000000000000000001"),
            d("94.9152542372881355932203389831"),
        ];
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for i in 0..2000u32 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let m = i64::from_ne_bytes(x.to_ne_bytes()) >> (x % 60);
            values.push(Decimal::new(m, i % 29));
            let big = i128::from(m) * i128::from(m) * i128::from(m.signum());
            if let Ok(v) = Decimal::try_from_i128_with_scale(big >> (x % 40), i % 29) {
                values.push(v);
            }
        }
        for v in values {
            let mut s = String::new();
            write_decimal(&mut s, v).unwrap();
            assert_eq!(s, v.to_string(), "{v:?}");
            // Grouped: the same digits, commas every three whole digits.
            let g = group_thousands(v);
            assert_eq!(g.replace(',', ""), s, "{v:?}");
            let whole = g.trim_start_matches('-').split('.').next().unwrap();
            let groups: Vec<&str> = whole.split(',').collect();
            assert!((1..=3).contains(&groups[0].len()), "{g}");
            assert!(groups[1..].iter().all(|g| g.len() == 3), "{g}");
        }
        let q = Quantity::new(d("12345.6"), Unit::parse("万元"));
        assert_eq!(format!("{q}|{:>3}", q), "12,345.6 万元|12,345.6 万元");
    }

    #[test]
    fn shapes() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(num(d("94.915254")), "94.92");
        assert_eq!(num(d("10.00")), "10");
        assert_eq!(score(d("9.995"), 2), "10.00");
        assert_eq!(score(d("7"), 2), "7.00");
        assert_eq!(money(d("90682.5")), "90,682.50");
        assert_eq!(money_exact(d("100400")), "100,400.00");
        assert_eq!(money_exact(d("0.125")), "0.125");
        assert_eq!(signed(d("-1000.5")), "-1,000.5");
        assert_eq!(percent(d("0.9748382")), "97.48%");
        assert_eq!(plain_percent(d("0.9748382")).as_deref(), Some("97.48"));
        assert_eq!(plain_yuan(d("90682.5")), "90682.50");
        assert_eq!(plain_num(d("1234.567")), "1234.57");
        assert_eq!(in_unit(d("94.9152"), &Unit::parse("%")), "94.92%");
        assert_eq!(in_unit(d("8.84"), &Unit::parse("万元")), "8.84 万元");
        let q = |v: &str, u: &str| Quantity::new(d(v), Unit::parse(u));
        for t in [
            Target::compare(crate::model::Comparator::Ge, q("1234567.50", "万元")),
            Target::compare(crate::model::Comparator::Eq, q("-0.5", "%")),
            Target::Compare {
                comparator: crate::model::Comparator::Eq,
                value: q("100", "%"),
                implied: true,
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

    /// Issue 17: figures are never rounded into a false comparison.
    #[test]
    fn figures_told_apart() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let third = d("100") / d("3");
        assert_eq!(figure(d("32.9999")), "32.9999");
        assert_eq!(figure(third), "33.33");
        assert_eq!(told_apart([d("32.9999"), d("33")]), ["32.9999", "33"]);
        assert_eq!(told_apart([third, d("33.33")]), ["33.333", "33.33"]);
        assert_eq!(told_apart([third, d("34")]), ["33.33", "34"]);
        assert_eq!(
            told_apart([d("6.662"), d("6.664"), d("8.33")]),
            ["6.662", "6.664", "8.33"]
        );
        // Equal stays equal; the rounded one gets only the places it needs.
        let q = d("94999") / d("1000");
        assert_eq!(told_apart([q, q]), ["94.999", "94.999"]);
        assert_eq!(equals(third, &Unit::parse("%")), "≈ 33.33%");
        assert_eq!(equals(d("96.25"), &Unit::parse("%")), "= 96.25%");
        assert_eq!(about_percent(d("0.656")), "65.60%");
        assert_eq!(about_percent(d("0.65545")), "约 65.55%");
        assert_eq!(
            exact_in_unit(d("32.99990"), &Unit::parse("万元")),
            "32.9999 万元"
        );
    }
}
