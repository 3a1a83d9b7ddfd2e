//! Comparators of a target (`ge` `le` `gt` `lt` `eq`) and directions
//! (`direction_word`).

word_set! {
    /// A comparator of a quantitative target, with every spelling: the
    /// mathematical sign, the ASCII pair and the full-width forms.
    pub enum Comparator {
        Ge = "≥" | ">=" | "＞＝" | "＞=" | ">＝" | "≧",
        Gt = ">" | "＞",
        Le = "≤" | "<=" | "＜＝" | "＜=" | "<＝" | "≦",
        Lt = "<" | "＜",
        Eq = "=" | "==" | "＝",
    }
}

serde_as_word!(Comparator);

impl Comparator {
    /// The sign fmt writes.
    pub fn symbol(self) -> &'static str {
        self.word()
    }
    /// The direction the comparator implies.
    pub fn direction(self) -> Direction {
        match self {
            Comparator::Le | Comparator::Lt => Direction::Negative,
            Comparator::Ge | Comparator::Gt | Comparator::Eq => Direction::Positive,
        }
    }
}

word_set! {
    /// 正向 (more is better) or 反向 (less is better).
    pub enum Direction {
        Positive = "正向",
        Negative = "反向",
    }
}

serde_as_word!(Direction);

impl Direction {
    /// The word (`正向`).
    pub fn chinese(self) -> &'static str {
        self.word()
    }
}
