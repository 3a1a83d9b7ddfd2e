//! Comparators of a target (`ge` `le` `gt` `lt` `eq`), the words written
//! after a number (`postfix`: `95%以上`) and directions (`direction_word`).

word_set! {
    /// A comparator of a quantitative target, with every spelling: the
    /// mathematical sign, the ASCII pair, the full-width forms and the
    /// words of published forms (`不低于`, `大于等于` …, issue 17). Written
    /// where the sign goes: `合格率 不低于 90%`. fmt writes the sign.
    pub enum Comparator {
        Ge = "≥" | ">=" | "＞＝" | "＞=" | ">＝" | "≧"
            | "大于或等于" | "大于等于" | "不低于" | "不少于" | "不小于" | "至少",
        Gt = ">" | "＞" | "大于" | "高于" | "超过" | "多于",
        Le = "≤" | "<=" | "＜＝" | "＜=" | "<＝" | "≦"
            | "小于或等于" | "小于等于" | "不超过" | "不高于" | "不多于" | "不大于" | "至多",
        Lt = "<" | "＜" | "小于" | "低于" | "少于",
        Eq = "=" | "==" | "＝" | "﹦" | "═" | "等于",
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
    /// Is `written` one of the words (`不低于`), not a sign (`≥`, `>=`)?
    /// fmt rewrites every spelling to the sign, but says so only for
    /// words: the signs' variants it has always written the one way.
    pub fn is_word(written: &str) -> bool {
        written
            .chars()
            .next()
            .is_some_and(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
    }
}

word_set! {
    /// A comparator written after the quantity (`postfix`): `95%以上` is
    /// `≥ 95%`, `5 万元以内` and `10 次以下` are `≤` (以上、以下、以内 include
    /// the number itself, as in law). fmt writes the sign before the number.
    pub enum Postfix {
        AtLeast = "以上" | "及以上",
        AtMost = "以内" | "以下" | "及以下",
    }
}

impl Postfix {
    /// The comparator the word stands for.
    pub fn comparator(self) -> Comparator {
        match self {
            Postfix::AtLeast => Comparator::Ge,
            Postfix::AtMost => Comparator::Le,
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
