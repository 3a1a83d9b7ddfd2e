//! The indicator system of the national form: the 一级 and 二级 groups.

/// First-level groups, without the 指标 suffix.
pub const LEVEL1: [&str; 4] = ["成本", "产出", "效益", "满意度"];

/// The 成本指标 group: a target written there without a comparator is read
/// as a ceiling (issue 17).
pub const COST_LEVEL1: &str = LEVEL1[0];

/// First-level groups every project must fill.
pub const REQUIRED_LEVEL1: [&str; 3] = ["产出", "效益", "满意度"];

/// Second-level groups and the first-level group each belongs to, without
/// the 指标 suffix.
pub const LEVEL2: [(&str, &str); 11] = [
    ("经济成本", "成本"),
    ("社会成本", "成本"),
    ("生态环境成本", "成本"),
    ("数量", "产出"),
    ("质量", "产出"),
    ("时效", "产出"),
    ("经济效益", "效益"),
    ("社会效益", "效益"),
    ("生态效益", "效益"),
    ("可持续影响", "效益"),
    ("服务对象满意度", "满意度"),
];
