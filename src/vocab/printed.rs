//! The numbers a published form prints beside jixiao's own (issue 17): the
//! 分值 and 得分 of a 自评 line, and the lines that repeat the form's sums.

word_set! {
    /// A value the form printed: on an indicator's 自评 line (`分值 10`,
    /// `得分 9.5`), on a `小计` or a `合计` (`等级 优`, the total's only).
    pub enum Printed {
        Points = "分值",
        Score = "得分",
        Grade = "等级",
    }
}

word_set! {
    /// The sum lines of a 自评 project block: `小计 产出指标 分值 50 得分 45`
    /// (one first-level group) and `合计 分值 100 得分 92.5 等级 优`.
    pub enum SumLine {
        Subtotal = "小计",
        Total = "合计",
    }
}

/// The long spellings published forms print for the one-character grades
/// of the rule sets (`等级 { 优 ≥ 90 … }`): `优秀` is `优`. A printed 等级
/// is the rule set's grade when it is its name or one of these.
pub const GRADE_SPELLINGS: &[(&str, &[&str])] = &[
    ("优", &["优秀"]),
    ("良", &["良好"]),
    ("中", &["中等"]),
    ("差", &["较差"]),
];

/// Whether `printed` is the grade named `grade`: the same name, or one of
/// its long spellings ([`GRADE_SPELLINGS`]).
pub fn is_grade(printed: &str, grade: &str) -> bool {
    crate::model::same_name(printed, grade)
        || GRADE_SPELLINGS.iter().any(|(short, long)| {
            crate::model::same_name(short, grade)
                && long.iter().any(|l| crate::model::same_name(l, printed))
        })
}
