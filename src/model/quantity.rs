//! Exact quantities: a decimal with a unit.

use super::unit::Unit;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

/// An exact decimal with its unit, e.g. `10.04 万元` or `95%`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Quantity {
    pub value: Decimal,
    pub unit: Unit,
}

impl Quantity {
    pub fn new(value: Decimal, unit: Unit) -> Quantity {
        Quantity { value, unit }
    }
    /// The value in the base unit of its dimension (元 for money, a plain
    /// fraction for %), or `None` on overflow.
    pub fn base_value(&self) -> Option<Decimal> {
        self.value.checked_mul(self.unit.factor())
    }
    /// The value converted to `unit`, if the dimensions agree.
    pub fn value_in(&self, unit: &Unit) -> Option<Decimal> {
        if !self.unit.compatible(unit) {
            return None;
        }
        self.base_value()?.checked_div(unit.factor())
    }
    /// Equal in meaning: `10.04 万元` is the same value as `100,400 元`.
    pub fn same_value(&self, other: &Quantity) -> bool {
        self.unit.compatible(&other.unit) && self.base_value() == other.base_value()
    }
    /// The value in 元, when this is an amount of money.
    pub fn yuan(&self) -> Option<Decimal> {
        if self.unit.is_money() {
            self.base_value()
        } else {
            None
        }
    }
}

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

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_grouped(f, self.value)?;
        if self.unit.is_none() {
            Ok(())
        } else if self.unit.is_percent() {
            write!(f, "{}", self.unit)
        } else {
            write!(f, " {}", self.unit)
        }
    }
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
    fn conversions() {
        let wan = Quantity::new(Decimal::new(1004, 2), Unit::parse("万元"));
        let yuan = Quantity::new(Decimal::new(100_400, 0), Unit::parse("元"));
        assert!(wan.same_value(&yuan));
        assert_eq!(wan.yuan(), Some(Decimal::new(100_400, 0)));
        assert_eq!(wan.to_string(), "10.04 万元");
    }
}
