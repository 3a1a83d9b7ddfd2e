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
    let s = value.to_string();
    let (sign, digits) = match s.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", s.as_str()),
    };
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let mut grouped = String::new();
    let len = int.len();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (len - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = group_thousands(self.value);
        if self.unit.is_none() {
            write!(f, "{n}")
        } else if self.unit.is_percent() {
            write!(f, "{n}{}", self.unit)
        } else {
            write!(f, "{n} {}", self.unit)
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
