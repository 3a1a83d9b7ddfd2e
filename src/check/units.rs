//! Amounts too large to check, and which units are common enough to
//! suggest. How a number is shown is `model::display`.

use crate::diagnostic::{codes, Diagnostic};
use crate::model::Quantity;
use crate::source::Span;

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
