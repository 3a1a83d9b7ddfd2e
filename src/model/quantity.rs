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
    let mut buf = Digits::default();
    write_decimal(&mut buf, value)?;
    let s = buf.as_str();
    let (sign, digits) = match s.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", s),
    };
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    out.write_str(sign)?;
    // Digits are ASCII: the integer part in groups of three from the right.
    let first = match int.len() % 3 {
        0 => 3.min(int.len()),
        n => n,
    };
    let (head, mut rest) = int.split_at(first);
    out.write_str(head)?;
    while let (Some(group), Some(tail)) = (rest.get(..3), rest.get(3..)) {
        out.write_char(',')?;
        out.write_str(group)?;
        rest = tail;
    }
    if let Some(f) = frac {
        out.write_char('.')?;
        out.write_str(f)?;
    }
    Ok(())
}

/// Write a decimal exactly as its `Display` does (every digit of the
/// mantissa, the point `scale` digits from the right, `-` for any negative
/// value, `-0` included), without the formatter's machinery.
pub fn write_decimal(out: &mut impl fmt::Write, value: Decimal) -> fmt::Result {
    // The mantissa's digits, least significant first.
    let mut digits = [b'0'; 40];
    let mut n = 0;
    let mut m = value.mantissa().unsigned_abs();
    while m > 0 {
        let d = (m % 10) as u8;
        m /= 10;
        let slot = digits.get_mut(n).ok_or(fmt::Error)?;
        *slot = b'0' + d;
        n += 1;
    }
    let scale = value.scale() as usize;
    let n = n.max(scale);
    if value.is_sign_negative() {
        out.write_char('-')?;
    }
    let (frac, whole) = digits.get(..n).ok_or(fmt::Error)?.split_at(scale);
    if whole.is_empty() {
        out.write_char('0')?;
    }
    for d in whole.iter().rev() {
        out.write_char(char::from(*d))?;
    }
    if !frac.is_empty() {
        out.write_char('.')?;
        for d in frac.iter().rev() {
            out.write_char(char::from(*d))?;
        }
    }
    Ok(())
}

/// A decimal's digits, on the stack (at most 29 digits, a sign and a point).
struct Digits {
    bytes: [u8; 48],
    len: usize,
}

impl Default for Digits {
    fn default() -> Digits {
        Digits {
            bytes: [0; 48],
            len: 0,
        }
    }
}

impl Digits {
    fn as_str(&self) -> &str {
        self.bytes
            .get(..self.len)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }
}

impl fmt::Write for Digits {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len.checked_add(s.len()).ok_or(fmt::Error)?;
        let slot = self.bytes.get_mut(self.len..end).ok_or(fmt::Error)?;
        slot.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
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
