//! Formatting numbers for messages, and which units are common enough to
//! suggest.

use crate::diagnostic::{codes, Diagnostic};
use crate::model::{group_thousands, Quantity, Unit};
use crate::source::Span;
use rust_decimal::Decimal;

/// JX-M004 for an amount in money that does not fit once converted to 元
/// (`7922816251426433759354395033 亿元`): the checks that need it cannot
/// be made, and say so rather than pass in silence.
pub fn too_large_in_yuan(what: &str, q: &Quantity, span: Span) -> Diagnostic {
    Diagnostic::new(
        &codes::BAD_NUMBER,
        format!("{what} {q} 换算成元超出了可以精确计算的范围，与它有关的资金核对无法进行"),
    )
    .label(span, "这个金额")
    .help("jixiao 用精确小数计算，金额换算成元后最多约 28 位数字；请检查是否多写或误粘贴了数字、写错了单位")
}

/// An amount in 元 as the form writes it: `90,682.50 元`, `100,400.00 元`.
pub fn yuan(value: Decimal) -> String {
    format!("{} 元", money_number(value))
}

/// A money number with two decimal places, as on the form: `100,400.00`.
/// Amounts finer than a 分 keep their digits.
pub fn money_number(value: Decimal) -> String {
    let mut v = value.normalize();
    if v.scale() < 2 {
        v.rescale(2);
    }
    group_thousands(v)
}

/// A plain number, without trailing zeros: `2,000`, `0.95`.
pub fn number(value: Decimal) -> String {
    group_thousands(value.normalize())
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
        money_number(value)
    } else {
        number(value)
    };
    if unit.text().is_empty() {
        n
    } else {
        format!("{n} {}", unit.text())
    }
}

/// Units suggested when an unknown one is written.
pub const COMMON_UNITS: &[&str] = &[
    "元",
    "万元",
    "千元",
    "亿元",
    "%",
    "‰",
    "人",
    "人次",
    "次",
    "个",
    "项",
    "场",
    "份",
    "件",
    "家",
    "户",
    "台",
    "套",
    "篇",
    "期",
    "批",
    "条",
    "本",
    "册",
    "天",
    "小时",
    "分钟",
    "周",
    "月",
    "个月",
    "季度",
    "年",
    "工作日",
    "米",
    "公里",
    "平方米",
    "公顷",
    "吨",
    "千克",
    "课时",
    "学时",
    "元/人",
    "元/人·天",
    "元/次",
    "万元/个",
];
