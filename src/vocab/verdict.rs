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
