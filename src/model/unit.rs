//! Units with dimensions: money (元), ratios (%), counts (次, 人 …), time,
//! length, area, mass, and compounds such as 元/人 and 元/人·天.
//!
//! A unit is a scale factor times a product of base dimensions with integer
//! exponents. Two units are comparable when their dimensions are equal; the
//! factor converts between them (1 万元 = 10,000 元). Unknown unit words are
//! treated as a count unit of their own (`known == false`), which `check`
//! reports as a warning.

pub use super::unit_table::{Measure, UnitWord, UNITS};
use crate::vocab::PERCENT_WORD;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::Arc;

/// A base dimension.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Base {
    Money,
    /// Minutes (天, 小时, 分钟, 周 convert among themselves).
    Minute,
    /// Working days: not convertible to calendar days.
    Workday,
    /// Months (月, 季度, 年 convert among themselves).
    Month,
    Metre,
    SquareMetre,
    Gram,
    /// A count of things named by the word (人, 次, 个 …).
    Count(String),
}

/// What a unit measures, for messages and checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    /// No unit at all, or a ratio (%, ‰).
    Ratio,
    Money,
    Time,
    Count,
    Physical,
    Compound,
    None,
}

/// A unit as written, with its meaning. One pointer: a declaration holds a
/// unit in every amount and target (over a million in 100k projects), and
/// repeats a handful of units, which are shared (see [`Unit::parse`]).
#[derive(Clone)]
pub struct Unit(Arc<UnitData>);

#[derive(Clone)]
struct UnitData {
    text: String,
    factor: Decimal,
    dims: BTreeMap<Base, i8>,
    known: bool,
    percent: bool,
}

impl fmt::Debug for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let u = &self.0;
        f.debug_struct("Unit")
            .field("text", &u.text)
            .field("factor", &u.factor)
            .field("dims", &u.dims)
            .field("known", &u.known)
            .field("percent", &u.percent)
            .finish()
    }
}

struct Atom {
    factor: Decimal,
    base: Option<Base>,
    percent: bool,
}

fn atom(word: &str) -> Option<Atom> {
    let &(_, mantissa, scale, measure) = UNITS.iter().find(|(words, ..)| words.contains(&word))?;
    let factor = Decimal::new(mantissa, scale);
    let base = match measure {
        Measure::Money => Base::Money,
        Measure::Percent => {
            return Some(Atom {
                factor,
                base: None,
                percent: true,
            })
        }
        Measure::Minute => Base::Minute,
        Measure::Workday => Base::Workday,
        Measure::Month => Base::Month,
        Measure::Metre => Base::Metre,
        Measure::SquareMetre => Base::SquareMetre,
        Measure::Gram => Base::Gram,
        Measure::People => Base::Count("人".to_string()),
        Measure::Count => Base::Count(word.to_string()),
    };
    Some(Atom {
        factor,
        base: Some(base),
        percent: false,
    })
}

/// A magnitude word before a known unit scales it: `5 万人` is 50,000 人,
/// `1.2 亿人次` is 120,000,000 人次 (万元 and 亿元 are in the table itself).
fn scaled_atom(word: &str) -> Option<Atom> {
    let (factor, rest) = if let Some(rest) = word.strip_prefix('万') {
        (Decimal::new(10_000, 0), rest)
    } else if let Some(rest) = word.strip_prefix('亿') {
        (Decimal::new(100_000_000, 0), rest)
    } else {
        return None;
    };
    let at = atom(rest).filter(|a| !a.percent)?;
    Some(Atom {
        factor: at.factor.checked_mul(factor)?,
        ..at
    })
}

/// Characters that join unit atoms: `/` divides, `·` and `*` multiply.
fn split_atoms(text: &str) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    let mut denominator = false;
    let mut current = String::new();
    let mut current_den = false;
    for c in text.chars() {
        match c {
            '/' | '／' => {
                out.push((current_den, std::mem::take(&mut current)));
                denominator = true;
                current_den = true;
            }
            '·' | '・' | '•' | '*' => {
                out.push((current_den, std::mem::take(&mut current)));
                current_den = denominator;
            }
            _ => current.push(c),
        }
    }
    out.push((current_den, current));
    out.retain(|(_, w)| !w.is_empty());
    out
}

impl Unit {
    /// The unit of a bare number.
    pub fn none() -> Unit {
        static NONE: std::sync::OnceLock<Unit> = std::sync::OnceLock::new();
        NONE.get_or_init(|| Unit(Arc::new(UnitData::none())))
            .clone()
    }

    /// A unit as written, in its canonical spelling: full-width `％` `／`
    /// and the other product signs mean exactly `%` `/` `·`, and `百分比`
    /// means `%`, so `100％` and `100%` lower to the same model (and
    /// export, and diff alike). The one reading of a written unit: the
    /// parser, lowering and import call it.
    pub fn from_written(text: &str) -> Unit {
        let text = text.trim();
        if text == PERCENT_WORD {
            return Unit::parse("%");
        }
        Unit::parse(&crate::vocab::canonical_text(text))
    }

    /// Read a unit as written. Never fails: unknown words become count units
    /// of their own, with [`Unit::is_known`] false.
    ///
    /// A declaration repeats a handful of units hundreds of thousands of
    /// times, so each thread keeps the units it has read: a repeat costs a
    /// lookup, and shares the unit.
    pub fn parse(text: &str) -> Unit {
        const CACHE_LIMIT: usize = 1024;
        thread_local! {
            static CACHE: RefCell<HashMap<String, Unit>> = RefCell::new(HashMap::new());
        }
        if let Some(unit) = CACHE.with(|c| c.borrow().get(text).cloned()) {
            return unit;
        }
        let unit = Unit::parse_uncached(text);
        CACHE.with(|c| {
            let mut c = c.borrow_mut();
            if c.len() < CACHE_LIMIT {
                c.insert(text.to_string(), unit.clone());
            }
        });
        unit
    }

    fn parse_uncached(text: &str) -> Unit {
        let text = text.trim();
        let mut unit = UnitData::none();
        // Full-width and half-width forms are the same unit: `95％` = `95%`.
        unit.text = crate::vocab::canonical_text(text);
        for (den, word) in split_atoms(text) {
            let at = atom(&word)
                .or_else(|| scaled_atom(&word))
                .unwrap_or_else(|| {
                    unit.known = false;
                    Atom {
                        factor: Decimal::ONE,
                        base: Some(Base::Count(word.clone())),
                        percent: false,
                    }
                });
            unit.percent |= at.percent && !den;
            unit.factor = if den {
                unit.factor.checked_div(at.factor)
            } else {
                unit.factor.checked_mul(at.factor)
            }
            .unwrap_or(unit.factor);
            if let Some(base) = at.base {
                let e = unit.dims.entry(base).or_insert(0);
                *e = e.saturating_add(if den { -1 } else { 1 });
            }
        }
        unit.dims.retain(|_, e| *e != 0);
        Unit(Arc::new(unit))
    }

    pub fn text(&self) -> &str {
        &self.0.text
    }
    pub fn is_none(&self) -> bool {
        self.0.text.is_empty()
    }
    /// Is every part of this unit in the built-in table?
    pub fn is_known(&self) -> bool {
        self.0.known
    }
    pub fn is_percent(&self) -> bool {
        self.0.percent && self.0.dims.is_empty()
    }
    /// Multiply a value in this unit by this to get the value in base units.
    pub fn factor(&self) -> Decimal {
        self.0.factor
    }
    pub fn dims(&self) -> &BTreeMap<Base, i8> {
        &self.0.dims
    }
    /// Can values in these units be compared?
    pub fn compatible(&self, other: &Unit) -> bool {
        // A unit is parsed once per thread: the same one is often shared.
        Arc::ptr_eq(&self.0, &other.0) || self.0.dims == other.0.dims
    }
    pub fn kind(&self) -> Kind {
        if self.0.text.is_empty() {
            return Kind::None;
        }
        if self.0.dims.is_empty() {
            return Kind::Ratio;
        }
        if self.0.dims.len() > 1 || self.0.dims.values().any(|e| *e != 1) {
            return Kind::Compound;
        }
        match self.0.dims.keys().next() {
            Some(Base::Money) => Kind::Money,
            Some(Base::Minute | Base::Workday | Base::Month) => Kind::Time,
            Some(Base::Count(_)) => Kind::Count,
            Some(_) => Kind::Physical,
            None => Kind::Ratio,
        }
    }
    pub fn is_money(&self) -> bool {
        self.kind() == Kind::Money
    }

    /// The product of two units (for 校验 expressions: 元/人 × 人 = 元).
    pub fn mul(&self, other: &Unit, divide: bool) -> Unit {
        let mut dims = self.0.dims.clone();
        for (b, e) in other.0.dims.iter() {
            let v = dims.entry(b.clone()).or_insert(0);
            *v = v.saturating_add(if divide { -*e } else { *e });
        }
        dims.retain(|_, e| *e != 0);
        let factor = if divide {
            self.0.factor.checked_div(other.0.factor)
        } else {
            self.0.factor.checked_mul(other.0.factor)
        }
        .unwrap_or(self.0.factor);
        Unit(Arc::new(UnitData {
            text: describe(&dims),
            factor,
            dims,
            known: self.0.known && other.0.known,
            percent: false,
        }))
    }

    /// A description of the dimension in words, for messages ("金额", "人数" …).
    pub fn dimension_name(&self) -> String {
        match self.kind() {
            Kind::None => "无单位的数".into(),
            Kind::Ratio => "比率".into(),
            Kind::Money => "金额".into(),
            Kind::Time => "时间".into(),
            Kind::Count => format!("以“{}”计的数量", self.0.text),
            Kind::Physical => "物理量".into(),
            Kind::Compound => format!("复合单位“{}”", self.0.text),
        }
    }
}

impl UnitData {
    fn none() -> UnitData {
        UnitData {
            text: String::new(),
            factor: Decimal::ONE,
            dims: BTreeMap::new(),
            known: true,
            percent: false,
        }
    }
}

/// Canonical text for a computed unit, in base units.
fn describe(dims: &BTreeMap<Base, i8>) -> String {
    let name = |b: &Base| match b {
        Base::Money => "元".to_string(),
        Base::Minute => "分钟".into(),
        Base::Workday => "工作日".into(),
        Base::Month => "月".into(),
        Base::Metre => "米".into(),
        Base::SquareMetre => "平方米".into(),
        Base::Gram => "克".into(),
        Base::Count(w) => w.clone(),
    };
    let mut num = Vec::new();
    let mut den = Vec::new();
    for (b, e) in dims {
        for _ in 0..e.unsigned_abs() {
            if *e > 0 {
                num.push(name(b));
            } else {
                den.push(name(b));
            }
        }
    }
    let mut s = num.join("·");
    if !den.is_empty() {
        if s.is_empty() {
            s.push('1');
        }
        s.push('/');
        s.push_str(&den.join("·"));
    }
    s
}

impl PartialEq for Unit {
    /// Units as written: `万元` and `元` differ (quantities compare by value
    /// through [`crate::model::Quantity::same_value`]).
    fn eq(&self, other: &Self) -> bool {
        self.0.text == other.0.text
    }
}
impl Eq for Unit {}
impl std::hash::Hash for Unit {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.text.hash(state)
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.text)
    }
}

impl Serialize for Unit {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.text)
    }
}
impl<'de> Deserialize<'de> for Unit {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(Unit::parse(&s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_scales() {
        assert_eq!(Unit::parse("万元").factor(), Decimal::new(10_000, 0));
        assert!(Unit::parse("万元").compatible(&Unit::parse("元")));
        assert!(!Unit::parse("元").compatible(&Unit::parse("次")));
    }

    #[test]
    fn compounds() {
        let per_person_day = Unit::parse("元/人·天");
        assert_eq!(per_person_day.kind(), Kind::Compound);
        assert!(per_person_day.compatible(&Unit::parse("元/人/天")));
        let product = Unit::parse("元/人").mul(&Unit::parse("人"), false);
        assert!(product.compatible(&Unit::parse("元")));
        assert_eq!(product.text(), "元");
    }

    #[test]
    fn percent_and_unknown() {
        assert!(Unit::parse("%").is_percent());
        assert!(Unit::parse("百分比").compatible(&Unit::parse("%")));
        let odd = Unit::parse("坨");
        assert!(!odd.is_known());
        assert_eq!(odd.kind(), Kind::Count);
        assert!(Unit::parse("名").compatible(&Unit::parse("人")));
    }

    /// Units of the published forms (tests/corpus/import/: 厘米 in a 四川
    /// 自评表, 元/平米 in another form) and others of their kind: known, and converted
    /// where the conversion is exact (亩 stays a count of its own: 666.67 m²
    /// is not exact).
    #[test]
    fn lengths_areas_and_energy_of_real_forms() {
        assert!(Unit::parse("厘米").compatible(&Unit::parse("米")));
        assert_eq!(Unit::parse("厘米").factor(), Decimal::new(1, 2));
        assert_eq!(Unit::parse("毫米").factor(), Decimal::new(1, 3));
        assert!(Unit::parse("平米").compatible(&Unit::parse("平方米")));
        assert!(Unit::parse("元/平米").compatible(&Unit::parse("元/平方米")));
        assert!(Unit::parse("平方千米").compatible(&Unit::parse("平方公里")));
        assert_eq!(
            Unit::parse("平方千米").factor(),
            Unit::parse("平方公里").factor()
        );
        for w in [
            "厘米",
            "毫米",
            "平米",
            "平方千米",
            "立方米",
            "千瓦时",
            "千瓦",
        ] {
            assert!(Unit::parse(w).is_known(), "{w}");
        }
        assert!(!Unit::parse("亩").compatible(&Unit::parse("平方米")));
    }

    #[test]
    fn full_width_forms_are_the_same_unit() {
        assert_eq!(Unit::parse("％"), Unit::parse("%"));
        assert_eq!(Unit::parse("％").text(), "%");
        assert!(Unit::parse("％").is_percent());
        assert_eq!(Unit::parse("元／人・天").text(), "元/人·天");
        assert_eq!(Unit::parse("元/人*天"), Unit::parse("元/人·天"));
    }

    #[test]
    fn magnitude_before_a_count_unit() {
        let wan_ren = Unit::parse("万人");
        assert!(wan_ren.is_known());
        assert!(wan_ren.compatible(&Unit::parse("人")));
        assert_eq!(wan_ren.factor(), Decimal::new(10_000, 0));
        assert_eq!(Unit::parse("亿人次").factor(), Decimal::new(100_000_000, 0));
        assert!(!Unit::parse("万坨").is_known());
        assert!(!Unit::parse("万%").is_known());
    }
}
