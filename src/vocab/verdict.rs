//! The verdicts of a qualitative indicator (`grade`).

word_set! {
    /// The three grades of a qualitative indicator: the short word, and the
    /// official wording of the 自评表.
    pub enum Grade {
        Achieved = "达成" | "达成年度指标",
        Partial = "部分达成" | "部分达成年度指标并具有一定效果",
        NotAchieved = "未达成" | "未达成年度指标且效果较差",
    }
}

serde_as_word!(Grade);

impl Grade {
    /// Read a grade, short or long official form.
    pub fn parse(word: &str) -> Option<Grade> {
        Grade::from_word(word)
    }
    /// The short word.
    pub fn short(self) -> &'static str {
        self.word()
    }
    /// The 自评表's wording.
    pub fn official(self) -> &'static str {
        self.other_spellings().next().unwrap_or(self.word())
    }
}

/// The words that start a note after an actual (`原因 "…"`, `得分 8 理由 "…"`,
/// `分值 10`), and the words of the form's printed sums (`小计`, `合计`,
/// `等级`, issue 17): never a verdict word written without a colon
/// (`完成`), unless a Han character follows (`原因分析`). The grammar's
/// `verdict_reserved`; holds every word of `Printed` and `SumLine` (a test
/// below checks).
pub const NOT_VERDICTS: [&str; 9] = [
    "原因", "措施", "来源", "得分", "分值", "理由", "小计", "合计", "等级",
];

#[cfg(test)]
mod tests {
    use super::NOT_VERDICTS;
    use crate::vocab::{Printed, SumLine};

    /// A word the form prints beside an actual is never read as one.
    #[test]
    fn printed_words_are_no_verdicts() {
        let printed = Printed::ALL.iter().map(|p| p.word());
        let sums = SumLine::ALL.iter().map(|s| s.word());
        for w in printed.chain(sums) {
            assert!(NOT_VERDICTS.contains(&w), "{w} 不在 NOT_VERDICTS 中");
        }
    }
}
