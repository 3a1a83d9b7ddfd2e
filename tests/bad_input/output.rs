//! Corrupt or unsafe output (issue 15): control and invisible characters in
//! names.

use crate::cli::{dir_with, jixiao_in};

/// A declaration whose names carry what a Word paste brings along: U+001E
/// and U+0007 in the project name, U+200B in the department name, U+202E in
/// an indicator name, U+FEFF inside a group name, and `[]:*?/` for the
/// sheet name.
const PASTED: &str = "部门 \"示例\u{200B}局\" {\n  年度 2025\n  项目 \"示例\u{1E}项目\u{7}[一]:二*三?四/五六七八九十甲乙丙丁戊己庚辛壬癸\" {\n    性质 其他经常性项目\n    资金 {\n      总额 10.04 万元\n    }\n    指标 {\n      产出指标 {\n        \"数量\u{FEFF}指标\" {\n          培训\u{202E}人数 ≥ 140 人\n        }\n      }\n      效益指标 {\n        社会效益指标 {\n          工作质量: 提高\n        }\n      }\n      满意度指标 {\n        服务对象满意度指标 {\n          满意率 ≥ 90%\n        }\n      }\n    }\n  }\n}\n";

const PASTED_ACTUALS: &str = "自评 \"示例\u{200B}局\" 2025 {\n  项目 \"示例\u{1E}项目\u{7}[一]:二*三?四/五六七八九十甲乙丙丁戊己庚辛壬癸\" {\n    预算 100,400.00 元\n    执行 100,000.00 元\n    \"培训\u{202E}人数\" 150 人\n    工作质量: 达成\n    满意率 95%\n  }\n}\n";

#[test]
fn control_character_in_a_name_is_an_error_at_its_column() {
    let dir = dir_with(&[("申报.jx", PASTED)]);
    let r = jixiao_in(dir.path(), &["check", "申报.jx"]);
    r.code(1).has(&[
        "JX-M015",
        "第 3 个字符",
        "U+001E",
        // The label points at the character itself: line 3, column 9.
        "申报.jx:3:9",
        "删除",
    ]);
    // Shown escaped, never raw: a terminal must not receive the control character.
    assert!(!r.err.contains('\u{1E}') || r.err.contains("U+001E"));
}

#[test]
fn bidi_override_and_invisible_characters_in_names_are_findings() {
    let dir = dir_with(&[("申报.jx", PASTED)]);
    let r = jixiao_in(dir.path(), &["check", "申报.jx"]);
    r.has(&["JX-M016", "U+202E", "JX-M017", "U+200B", "U+FEFF"]);
}
