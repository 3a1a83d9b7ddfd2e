//! Turning pest's parse errors into diagnostics a budget officer can read:
//! what was expected, in words, where, and what was found instead — never a
//! grammar rule name.
//!
//! pest tells where parsing stopped and which rules it tried there. That
//! alone makes poor messages (“此处应为名称或表达式”), so the [`Scene`] of the
//! error — the block it is in (资金, 说明, 指标 and its level), the first word
//! of the line, the word before and the word found — decides the wording.
//! The list of expected rules is only the fallback.

use super::scene::{self, is_cmp_char, Scene};
use super::Rule;
use crate::diagnostic::{codes, Code, Diagnostic, Edit};
use crate::source::{FileId, Span};
use crate::suggest::nearest;
use pest::error::{Error, ErrorVariant, InputLocation};

mod blocks;
mod budget;
mod explain;
mod file;
mod indicators;
mod pasted;
mod printed;
mod slips;
mod words;

use explain::explain;

/// What was being parsed, for the message.
pub enum Context {
    File,
    Project(String),
    /// The body of a 自评 project block: worded as a project's, and its
    /// `小计`, `合计`, `等级` lines are told apart (issue 17).
    Actuals(String),
    Expression,
}

pub use super::PROJECT_KEYS;
/// The lines of a `资金` block (canonical names first).
pub const FUND_KEYS: [&str; crate::vocab::FundKey::ALL_WORDS.len()] =
    crate::vocab::FundKey::ALL_WORDS;
/// The sections of a `说明` block.
pub const NARRATIVE_KEYS: [&str; 7] = crate::vocab::NarrativeKey::WORDS;
const DEPT_KEYS: [&str; 4] = ["年度", "申报", "项目", "引用"];
const TOP_KEYS: [&str; 3] = ["部门", "项目", "引用"];
const ATTR_KEYS: [&str; 5] = ["分值", "容差", "方向", "口径", "中期"];

/// Nesting deeper than this is refused before parsing (the deepest real
/// declaration nests 6 blocks: 部门 › 项目 › 指标 › 一级 › 二级 › 属性).
pub const MAX_DEPTH: usize = 64;

/// The most operations (operators, `若 … 则 … 否则`, calls) one expression
/// may hold: every later stage (lowering, checking, evaluating, formatting,
/// comparing, and dropping the tree) recurses once per level of it, so a
/// longer one is refused while parsing and no stage ever sees it. The
/// longest real one (a `校验` summing every indicator) has a few dozen.
/// The deepest-recursing stage needs about 10 KiB of stack per level in a
/// debug build (about 750 levels overflow the main thread's 8 MiB).
pub const MAX_EXPR_OPERATIONS: usize = 256;

/// An expression with `count` operations, more than [`MAX_EXPR_OPERATIONS`].
pub fn expr_too_long(span: Span, count: usize) -> Diagnostic {
    Diagnostic::new(
        &codes::EXPR_TOO_LONG,
        format!("表达式太长：有 {count} 个运算，超过了 {MAX_EXPR_OPERATIONS} 个，没有读取"),
    )
    .label(span, "这个表达式")
    .help(
        "正常的表达式只有几个到几十个运算；请检查是否误粘贴了大量“+”“-”“非”，或把它拆成几条“校验”",
    )
}

const FUNDS_HELP: &str =
    "资金块里每行写一项：总额、年度申请、财政资金、当年拨款、上年结转、其他资金，如“总额 90,682.50 元”";
const NARRATIVE_HELP: &str =
    "说明块里的小节有：概述、立项依据、实施主体、实施方案、实施周期、预算安排、绩效目标；内容写在引号里，多行文字用 \"\"\"……\"\"\"";
const INDICATOR_HELP: &str = "指标写成“名称 比较符 数值”，如“使用者满意率 ≥ 95%”；区间写成“90%~95%”；定性指标写成“名称: 及时”";
const LEVELS_HELP: &str = "指标分三级书写：指标 { 一级指标 { 二级指标 { 具体指标 } } }，例如：\n指标 {\n  产出指标 {\n    数量指标 {\n      培训人数 ≥ 140 人\n    }\n  }\n}";
const NUMBER_HELP: &str =
    "数字用阿拉伯数字书写，可带千分位和单位，如 90,682.50 元、10.04 万元、95%";

/// Words for each rule that can be expected; `None` for rules a user never
/// needs to hear about.
/// "项目字段（性质、类别、…）" and the like: a word set of the vocabulary
/// listed after its name, made once.
fn listed(cell: &'static std::sync::OnceLock<String>, name: &str, words: &[&str]) -> &'static str {
    cell.get_or_init(|| format!("{name}（{}）", words.join("、")))
}

fn describe(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::string | Rule::plain_string | Rule::triple_string => "带引号的文字",
        Rule::number => "数字",
        Rule::quantity => "数值（如 95%、10.04 万元、3 次）",
        Rule::unit => "单位（如 元、%、次）",
        Rule::date => "日期（如 2025-01-01）",
        Rule::cmp | Rule::ge | Rule::le | Rule::gt | Rule::lt | Rule::eq => {
            "比较符（≥、≤、=、>、<）"
        }
        Rule::name | Rule::bare_name => "名称",
        Rule::word => "文字",
        Rule::department => "部门块（部门 \"名称\" { … }）",
        Rule::project_raw => "项目块（项目 \"名称\" { … }）",
        Rule::raw_block | Rule::attr_block => "“{”",
        Rule::include => "引用（引用 \"文件.jx\"）",
        Rule::year => "年度（年度 2025）",
        Rule::claim => "申报（申报 9 个项目，资金 436.30 万元）",
        Rule::fund_line | Rule::fund_key => {
            static FUNDS: std::sync::OnceLock<String> = std::sync::OnceLock::new();
            listed(&FUNDS, "资金项", &crate::vocab::FundKey::WORDS)
        }
        Rule::narrative_line | Rule::narrative_key => {
            static SECTIONS: std::sync::OnceLock<String> = std::sync::OnceLock::new();
            listed(&SECTIONS, "说明的小节", &crate::vocab::NarrativeKey::WORDS)
        }
        Rule::level1 => "一级指标分组（如 产出指标 { … }）",
        Rule::level2 => "二级指标分组（如 数量指标 { … }）",
        Rule::indicator => "指标（如 使用者满意率 ≥ 95%）",
        Rule::comparison => "目标值（如 ≥ 95%）",
        Rule::range => "区间（如 90%~95%）",
        Rule::qualitative => "定性目标（如“: 及时”）",
        Rule::points | Rule::tolerance | Rule::direction | Rule::caliber => {
            "指标属性（分值、容差、方向、口径）"
        }
        Rule::direction_word => "“正向”或“反向”",
        Rule::nature
        | Rule::category
        | Rule::competent
        | Rule::implementer
        | Rule::leader
        | Rule::contact
        | Rule::phone
        | Rule::period
        | Rule::funds
        | Rule::overall_goal
        | Rule::annual_goal
        | Rule::narrative
        | Rule::indicators
        | Rule::check
        | Rule::unknown_stmt => {
            static FIELDS: std::sync::OnceLock<String> = std::sync::OnceLock::new();
            listed(&FIELDS, "项目字段", &crate::vocab::ProjectField::WORDS)
        }
        Rule::expr
        | Rule::path
        | Rule::reference
        | Rule::bare_ref
        | Rule::call
        | Rule::conditional => "数值或名称",
        Rule::add | Rule::sub | Rule::mul | Rule::div | Rule::ne | Rule::and | Rule::or => {
            "运算符（+ − × ÷ 等）"
        }
        Rule::neg | Rule::not => "数值或名称",
        Rule::allow | Rule::allow_code => "允许（允许 JX-G006 \"原因\"）",
        // 自评与规则（issue 4）
        Rule::actuals => "自评块（自评 \"部门名称\" 2025 { … }）",
        Rule::actuals_raw => "自评中的项目块（项目 \"名称\" { … }）",
        Rule::ruleset => "规则块（规则 \"名称\" { … }）",
        Rule::actual_budget | Rule::actual_spent | Rule::actual_line => {
            "自评行（预算 …、执行 …，或“指标名 完成值”）"
        }
        Rule::budget_rows => "预算栏（预算 { 年度资金总额 年初 … 全年 … 执行 … }）",
        Rule::budget_row | Rule::budget_row_key | Rule::budget_line => {
            static ROWS: std::sync::OnceLock<String> = std::sync::OnceLock::new();
            ROWS.get_or_init(|| {
                let mut words: Vec<&str> = crate::vocab::BudgetLine::WORDS.to_vec();
                words.extend(crate::vocab::FundKey::WORDS);
                format!("预算栏的行（{}）", words.join("、"))
            })
        }
        Rule::budget_cell | Rule::budget_column => {
            static COLUMNS: std::sync::OnceLock<String> = std::sync::OnceLock::new();
            listed(
                &COLUMNS,
                "预算栏的列",
                &crate::vocab::BudgetColumn::IN_FORM_ORDER.map(|c| c.word()),
            )
        }
        Rule::budget_value => "数值（金额如 251.89 万元，执行率如 100.00%，分值、得分如 10）",
        Rule::actual_expr => "“= 表达式”（如 = 112 / 118）",
        Rule::actual_grade | Rule::grade => "等级（达成、部分达成、未达成）",
        Rule::actual_word | Rule::verdict | Rule::verdict_word => {
            "定性用语（达成、完成、达成预期指标 ……）"
        }
        Rule::actual_compared => "数字",
        Rule::rule_verdicts | Rule::verdict_line => "定性用语（如 达成 \"达成预期指标\" 完成）",
        Rule::grade_score => "得分或百分数",
        Rule::actual_reason
        | Rule::actual_measure
        | Rule::actual_source
        | Rule::actual_override
        | Rule::actual_note => "说明（原因 \"…\"、措施 \"…\"、来源 \"…\"、得分 8.5 理由 \"…\"）",
        Rule::printed_points | Rule::printed_score => "表上印的分值、得分（分值 10、得分 9.5）",
        Rule::printed_grade => "表上印的等级（等级 优）",
        Rule::percent => "百分数（如 80%）",
        Rule::formula_key => {
            static FORMULAS: std::sync::OnceLock<String> = std::sync::OnceLock::new();
            listed(&FORMULAS, "公式名", &crate::vocab::FormulaKind::WORDS)
        }
        Rule::rounding_mode => "舍入方式（四舍五入、银行家舍入、截断）",
        Rule::explain_word => "“未得满分”或“超额”",
        Rule::missing_mode => "“记零分”或“报错”",
        Rule::negative_mode => "“记为零”或“照算”",
        Rule::clamp_mode => "“截取”或“报错”",
        Rule::split_mode => "“均分”",
        Rule::empty_mode => "“不得分”或“按比例折算”",
        Rule::implied_mode => "“推断”或“报错”",
        Rule::form_points_mode => "“采用”、“折算”或“不用”",
        Rule::base_mode => "“全年预算数”或“年初预算数”",
        _ => return None,
    })
}

/// A message being put together: offsets are relative to the parsed text.
struct Msg {
    code: &'static Code,
    message: String,
    start: usize,
    len: usize,
    label: String,
    more: Vec<(usize, usize, String)>,
    help: Option<String>,
    /// The word that replaces the labelled text (a did-you-mean).
    fix: Option<String>,
}

impl Msg {
    fn new(code: &'static Code, message: String, start: usize, len: usize, label: &str) -> Msg {
        Msg {
            code,
            message,
            start,
            len,
            label: label.to_string(),
            more: Vec::new(),
            help: None,
            fix: None,
        }
    }
    /// The did-you-mean `near` of `found`, the labelled word, as a fix:
    /// only when `found` is the whole word (not shown cut short with “…”).
    fn replace_with(mut self, found: &str, near: Option<&str>) -> Msg {
        if !found.ends_with('…') && self.len == found.len() {
            self.fix = near.map(str::to_string);
        }
        self
    }
    fn help(mut self, help: impl Into<String>) -> Msg {
        self.help = Some(help.into());
        self
    }
    fn also(mut self, start: usize, len: usize, label: impl Into<String>) -> Msg {
        self.more.push((start, len, label.into()));
        self
    }
}

/// A pest error met parsing `text` (which starts at `offset` in its file).
pub fn parse_error(
    e: &Error<Rule>,
    text: &str,
    file: FileId,
    offset: usize,
    ctx: Context,
) -> Diagnostic {
    let (pos, positives, too_deep) = unpack(e);
    diagnose(text, pos, &positives, too_deep, file, offset, &ctx)
}

/// A pest error met parsing a piece of `text` that starts at `base`; the
/// message is worded with the whole text around it.
pub fn parse_error_in(
    e: &Error<Rule>,
    text: &str,
    base: usize,
    file: FileId,
    ctx: Context,
) -> Diagnostic {
    let (pos, positives, too_deep) = unpack(e);
    diagnose(text, base + pos, &positives, too_deep, file, 0, &ctx)
}

/// An error at `pos` in `text` found without pest (recovery rules).
pub fn error_at(
    text: &str,
    pos: usize,
    positives: &[Rule],
    file: FileId,
    ctx: Context,
) -> Diagnostic {
    diagnose(text, pos, positives, false, file, 0, &ctx)
}

fn unpack(e: &Error<Rule>) -> (usize, Vec<Rule>, bool) {
    let pos = match e.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    let too_deep = matches!(&e.variant, ErrorVariant::CustomError { .. });
    let positives = match &e.variant {
        ErrorVariant::ParsingError { positives, .. } => positives.clone(),
        ErrorVariant::CustomError { .. } => Vec::new(),
    };
    (pos, positives, too_deep)
}

fn diagnose(
    text: &str,
    pos: usize,
    positives: &[Rule],
    too_deep: bool,
    file: FileId,
    offset: usize,
    ctx: &Context,
) -> Diagnostic {
    let scene = Scene::new(text, pos);
    let msg = if too_deep {
        Msg::new(
            &codes::TOO_DEEP,
            "内容嵌套太深，无法读取".into(),
            scene.pos,
            0,
            "这里",
        )
        .help(format!(
            "申报文件的块最多嵌套 {MAX_DEPTH} 层；请检查是否误写了大量“{{”或“(”"
        ))
    } else {
        explain(&scene, positives, ctx)
    };
    let span = |start: usize, len: usize| {
        let start = start.min(text.len());
        let len = if len == 0 {
            text.get(start..)
                .and_then(|r| r.chars().next())
                .filter(|c| *c != '\n')
                .map_or(0, char::len_utf8)
        } else {
            len
        };
        Span::new(file, offset + start, offset + start + len)
    };
    let at = span(msg.start, msg.len);
    let mut d = Diagnostic::new(msg.code, msg.message).label(at, msg.label);
    for (s, l, label) in msg.more {
        d = d.label(span(s, l), label);
    }
    if let Some(h) = msg.help {
        d = d.help(h);
    }
    if let Some(text) = msg.fix {
        d = d.fix(
            format!("改为“{text}”"),
            vec![Edit {
                span: at,
                text: text.into(),
            }],
        );
    }
    d
}

/// Refuse text nested deeper than [`MAX_DEPTH`] before parsing it: the
/// parser and the tree builder recurse once per level.
pub fn too_deep(file: FileId, text: &str) -> Option<Diagnostic> {
    let (at, depth) = scene::too_deep(text, MAX_DEPTH)?;
    let line = scene::line_of(text, at);
    Some(
        Diagnostic::new(
            &codes::TOO_DEEP,
            format!("块或括号嵌套太深：最深有 {depth} 层，从第 {line} 行起超过了 {MAX_DEPTH} 层，文件没有读取"),
        )
        .label(Span::new(file, at, at + 1), format!("这里已是第 {} 层", MAX_DEPTH + 1))
        .help(
            "正常的申报文件最多嵌套 6 层（部门、项目、指标、一级指标、二级指标、属性）；请检查是否误写或误粘贴了大量“{”或“(”",
        ),
    )
}
