//! The fields of a project block (`project_stmt`, `known_key`).

word_set! {
    /// A field a project block knows, in the form's order: what the
    /// grammar's `project_key` accepts, for the parser, messages and
    /// "did you mean".
    pub enum ProjectField {
        Nature = "性质",
        Category = "类别",
        Competent = "主管部门",
        Implementer = "实施单位",
        Leader = "项目负责人",
        Contact = "联系人",
        Phone = "联系电话",
        Period = "周期",
        Funds = "资金",
        OverallGoal = "总目标",
        AnnualGoal = "年度目标",
        Narrative = "说明",
        Indicators = "指标",
        Check = "校验",
        Allow = "允许",
    }
}

serde_as_word!(ProjectField);

/// How the value after a field's keyword is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldValue {
    /// A word or quoted text: 性质 其他经常性项目.
    Word,
    /// Quoted text only: 总目标 "……".
    Text,
    /// Two dates: 周期 2025-01-01 至 2025-12-31.
    Dates,
    /// A block `{ … }`: 资金, 说明, 指标.
    Block(Block),
    /// An expression: 校验 ….
    Expr,
    /// A finding code and a reason: 允许 JX-G006 "……".
    Allow,
}

/// The blocks a project holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Block {
    Funds,
    Narrative,
    Indicators,
}

impl ProjectField {
    /// How the field's value is written.
    pub const fn value(self) -> FieldValue {
        match self {
            ProjectField::Nature
            | ProjectField::Category
            | ProjectField::Competent
            | ProjectField::Implementer
            | ProjectField::Leader
            | ProjectField::Contact
            | ProjectField::Phone => FieldValue::Word,
            ProjectField::OverallGoal | ProjectField::AnnualGoal => FieldValue::Text,
            ProjectField::Period => FieldValue::Dates,
            ProjectField::Funds => FieldValue::Block(Block::Funds),
            ProjectField::Narrative => FieldValue::Block(Block::Narrative),
            ProjectField::Indicators => FieldValue::Block(Block::Indicators),
            ProjectField::Check => FieldValue::Expr,
            ProjectField::Allow => FieldValue::Allow,
        }
    }

    /// Whether fmt may leave the value bare (性质 其他经常性项目); it quotes
    /// the others, names of units and people alike.
    pub const fn bare_in_fmt(self) -> bool {
        match self {
            ProjectField::Nature | ProjectField::Category => true,
            ProjectField::Competent
            | ProjectField::Implementer
            | ProjectField::Leader
            | ProjectField::Contact
            | ProjectField::Phone
            | ProjectField::Period
            | ProjectField::Funds
            | ProjectField::OverallGoal
            | ProjectField::AnnualGoal
            | ProjectField::Narrative
            | ProjectField::Indicators
            | ProjectField::Check
            | ProjectField::Allow => false,
        }
    }

    /// The people of a project (项目负责人, 联系人, 联系电话), in the form's
    /// order: written below the indicators of the 申报表 workbook (and read
    /// back by its import), and under each project of the 自评 reports.
    pub const PEOPLE: [ProjectField; 3] = [
        ProjectField::Leader,
        ProjectField::Contact,
        ProjectField::Phone,
    ];
}
