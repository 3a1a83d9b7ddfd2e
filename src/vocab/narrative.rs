//! The sections of a `说明` block (`narrative_key`).

word_set! {
    /// A section of 项目经费情况说明, in the form's order.
    pub enum NarrativeKey {
        Overview = "概述",
        Basis = "立项依据",
        Implementer = "实施主体",
        Plan = "实施方案",
        Schedule = "实施周期",
        Budget = "预算安排",
        Goals = "绩效目标",
    }
}

impl NarrativeKey {
    /// The section's title on the form: the keyword, or its longer form.
    pub const fn title(self) -> &'static str {
        match self {
            NarrativeKey::Overview => "项目概述",
            NarrativeKey::Budget => "年度预算安排",
            NarrativeKey::Basis
            | NarrativeKey::Implementer
            | NarrativeKey::Plan
            | NarrativeKey::Schedule
            | NarrativeKey::Goals => self.word(),
        }
    }
}
