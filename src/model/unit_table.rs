//! The unit words jixiao knows: each word's spellings, scale and what it
//! measures. [`super::unit::Unit::parse`] reads units through it, and the
//! editor support offers and converts with it (issue 20).

use crate::vocab::PERCENT_WORD;

/// What a unit word measures, in [`UNITS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    Money,
    /// A ratio: `%`, `‰`.
    Percent,
    Minute,
    Workday,
    Month,
    Metre,
    SquareMetre,
    Gram,
    /// A count of people: 名 and 位 count the same thing as 人.
    People,
    /// A count of what the word names (次, 个 …; volume and energy too,
    /// each a count of its own, without conversions).
    Count,
}

/// A unit word of the built-in table: its spellings (the first is the
/// one shown), its scale (mantissa, decimal places) and what it measures.
pub type UnitWord = (&'static [&'static str], i64, u32, Measure);

/// Every unit word jixiao knows, with its scale and dimension: the one
/// table [`super::Unit::parse`] reads and the editor support offers (issue 20).
#[rustfmt::skip]
pub const UNITS: &[UnitWord] = {
    use Measure::*;
    &[
        (&["元"], 1, 0, Money),
        (&["千元"], 1000, 0, Money),
        (&["万元"], 10_000, 0, Money),
        (&["百万元"], 1_000_000, 0, Money),
        (&["亿元"], 100_000_000, 0, Money),
        (&["%", "％", PERCENT_WORD, "百分点"], 1, 2, Percent),
        (&["‰", "千分比"], 1, 3, Percent),
        (&["分钟", "分"], 1, 0, Minute),
        (&["小时", "时"], 60, 0, Minute),
        (&["天", "日", "自然日"], 1440, 0, Minute),
        (&["周", "星期"], 10080, 0, Minute),
        (&["工作日", "个工作日"], 1, 0, Workday),
        (&["月", "个月"], 1, 0, Month),
        (&["季度", "个季度"], 3, 0, Month),
        (&["年"], 12, 0, Month),
        (&["米"], 1, 0, Metre),
        (&["千米", "公里"], 1000, 0, Metre),
        (&["厘米"], 1, 2, Metre),
        (&["毫米"], 1, 3, Metre),
        (&["平方米", "平米"], 1, 0, SquareMetre),
        (&["平方公里", "平方千米"], 1_000_000, 0, SquareMetre),
        (&["公顷"], 10_000, 0, SquareMetre),
        (&["克"], 1, 0, Gram),
        (&["千克", "公斤"], 1000, 0, Gram),
        (&["吨"], 1_000_000, 0, Gram),
        (&["人", "名", "位"], 1, 0, People),
        (
            &[
                "人次", "人天", "人日", "次", "个", "项", "场", "份", "件", "家", "户", "台", "套", "篇", "期",
                "批", "条", "本", "册", "所", "处", "辆", "张", "组", "门", "课时", "学时", "个数", "间", "座",
                "栋", "只", "株", "棵", "亩", "部", "节", "届", "轮", "类", "单", "笔", "例", "床", "公顷次",
                "块", "片", "段", "首", "幅", "集", "卷", "盒", "包", "箱", "瓶", "支", "根", "对", "双", "副",
                "头", "匹", "尾", "羽", "座次", "车次", "架次", "班次", "场次", "户次", "家次", "项次", "期次", "篇次",
                "册次", "个次", "立方米", "千瓦时", "千瓦",
            ],
            1,
            0,
            Count,
        ),
    ]
};
