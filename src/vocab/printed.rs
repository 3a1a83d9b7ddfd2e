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
