//! The formulas of a rule set (`formula_word`).

word_set! {
    /// A formula a rule set defines: `正向 = …`. Its evaluation is the
    /// rules engine's; here are only its words.
    pub enum FormulaKind {
        Positive = "正向",
        Negative = "反向",
        Equal = "等于",
        Zero = "零目标",
        Range = "区间",
        Execution = "执行率",
    }
}

serde_as_word!(FormulaKind);
