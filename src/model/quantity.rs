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

/// The checked sum of decimals, `None` on overflow (never a panic).
pub fn sum<I: IntoIterator<Item = Decimal>>(items: I) -> Option<Decimal> {
    items
        .into_iter()
        .try_fold(Decimal::ZERO, |acc, d| acc.checked_add(d))
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        super::display::write_in_unit(f, self.value, &self.unit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions() {
        let wan = Quantity::new(Decimal::new(1004, 2), Unit::parse("万元"));
        let yuan = Quantity::new(Decimal::new(100_400, 0), Unit::parse("元"));
        assert!(wan.same_value(&yuan));
        assert_eq!(wan.yuan(), Some(Decimal::new(100_400, 0)));
        assert_eq!(wan.to_string(), "10.04 万元");
    }
}
