//! The lines of a `资金` block (`fund_key`).

word_set! {
    /// A line of the funds grid, in the form's order. The canonical word
    /// is the short one fmt writes (and `资金.总额` names); the other is
    /// the form's full wording.
    pub enum FundKey {
        Total = "总额" | "项目资金总额",
        AnnualRequest = "年度申请" | "年度资金申请总额",
        Fiscal = "财政资金",
        CurrentAppropriation = "当年拨款" | "当年财政拨款" | "本年财政拨款" | "财政拨款",
        Carryover = "上年结转" | "上年结转资金",
        Other = "其他资金",
    }
}

/// How the form marks a part of the line above: 其中：财政资金.
pub const OF_WHICH: &str = "其中：";

impl FundKey {
    /// The form's label of the line: `项目资金总额`, `其中：财政资金`.
    pub fn form_label(self) -> String {
        let of_which = if self.of_which() { OF_WHICH } else { "" };
        format!("{of_which}{}", self.full())
    }

    /// The line named by `text`: any spelling, or a “其中” line's label.
    pub fn from_label(text: &str) -> Option<FundKey> {
        FundKey::from_word(text)
            .or_else(|| FundKey::from_word(text.strip_prefix(OF_WHICH)?).filter(|k| k.of_which()))
    }

    /// The form's full wording of the line (`项目资金总额`).
    pub fn full(self) -> &'static str {
        self.other_spellings().next().unwrap_or(self.word())
    }

    /// Is the line a “其中” (of which) line of the form?
    pub const fn of_which(self) -> bool {
        match self {
            FundKey::Fiscal | FundKey::CurrentAppropriation => true,
            FundKey::Total | FundKey::AnnualRequest | FundKey::Carryover | FundKey::Other => false,
        }
    }
}
