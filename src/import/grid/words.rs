//! The label words of the generic-layout reader: what it turns into
//! structure (field labels, budget grid headings, the indicator table's
//! header, its level words, total and end words) rather than writing as a
//! value. The “nothing dropped” check of the corpus
//! (`tests/import_corpus_coverage.rs`) does not look for them in the output.
//! Each word here is one the reader's own tables or classifiers accept (see
//! the test below), so the list cannot hide a value.

use crate::vocab::{BudgetColumn, BudgetLine, FundKey, LEVEL1, LEVEL2};

/// Header words of the indicator table
/// ([`crate::import::xlsx::columns::classify`]).
const HEADER_WORDS: &[&str] = &[
    "一级指标",
    "二级指标",
    "三级指标",
    "指标名称",
    "指标值",
    "年度指标值",
    "目标值",
    "年度目标值",
    "指标目标值",
    "绩效指标值",
    "年初目标值",
    "预期指标值",
    "指标性质",
    "指标方向",
    "度量单位",
    "计量单位",
    "中期指标值",
    "指标分值",
    "实际完成值",
    "全年实际值",
    "完成值",
    "实际值",
    "指标得分",
    "自评得分",
    "偏差原因分析及改进措施",
    "未完成原因分析",
    "未完成原因及拟采取的改进措施",
    "未完成原因",
    "偏差原因",
    "原因",
];

/// Titles and headings of the form around the tables.
const STRUCTURE_WORDS: &[&str] = &[
    "绩效指标",
    "项目支出绩效自评表",
    "绩效目标自评表",
    "绩效自评表",
    "绩效目标申报表",
    "绩效目标表",
    "自评表",
    "申报表",
    "年度",
    "其中",
    "单位",
    "万元",
    "元",
    "指标",
    "分",
    // The formula letters after a column header (`全年预算数(A)`), which
    // the reader strips.
    "(A)",
    "(B)",
    "(B/A)",
];

/// Every label word of the generic-layout reader.
pub fn label_words() -> Vec<&'static str> {
    let mut words: Vec<&'static str> = Vec::new();
    words.extend(super::fields::LABELS.iter().map(|(w, _)| *w));
    words.extend(super::fields::PERSON);
    words.push("盖章");
    words.extend(HEADER_WORDS);
    words.extend(STRUCTURE_WORDS);
    words.extend(super::budget::HEADINGS);
    words.extend(super::budget::OTHER_COLUMNS);
    words.extend(BudgetColumn::ALL.iter().map(|c| c.header()));
    words.extend([
        "年初预算",
        "调整后预算数",
        "预算执行数",
        "预算执行率",
        "权重",
    ]);
    words.extend(BudgetLine::ALL_WORDS);
    words.extend(FundKey::ALL_WORDS);
    words.extend(LEVEL1);
    words.extend(LEVEL2.iter().map(|(l2, _)| *l2));
    words.extend(super::table::layout_words());
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::xlsx::columns::{classify, Col};

    /// The lists name only words the reader itself reads as labels (the
    /// field labels are the reader's own table, `fields::LABELS`).
    #[test]
    fn every_word_is_one_the_reader_reads() {
        for w in HEADER_WORDS {
            let known = classify(w).is_some_and(|c| c != Col::Other && c != Col::Project);
            assert!(known, "{w}");
        }
        for w in [
            "年初预算",
            "调整后预算数",
            "预算执行数",
            "预算执行率",
            "权重",
        ] {
            assert!(BudgetColumn::from_header(w).is_some(), "{w}");
        }
    }
}
