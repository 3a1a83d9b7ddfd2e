//! The functions an expression may call.

word_set! {
    /// A function an expression may call (`校验` and rule formulas alike):
    /// the Chinese name, the Latin one as another spelling.
    pub enum Function {
        Min = "最小" | "min",
        Max = "最大" | "max",
        Abs = "绝对值" | "abs",
    }
}

impl Function {
    /// The function written as `name`, in any of its spellings.
    pub fn from_written(name: &str) -> Option<Function> {
        Function::from_word(name)
    }

    /// The canonical name.
    pub fn name(self) -> &'static str {
        self.word()
    }

    /// How many arguments it takes: (at least, at most).
    pub fn arity(self) -> (usize, usize) {
        match self {
            Function::Min | Function::Max => (1, 16),
            Function::Abs => (1, 1),
        }
    }

    /// Every spelling, each function's canonical one first, for
    /// did-you-mean suggestions.
    pub fn spellings() -> impl Iterator<Item = &'static str> {
        Function::ALL
            .iter()
            .flat_map(|f| std::iter::once(f.word()).chain(f.other_spellings()))
    }
}
