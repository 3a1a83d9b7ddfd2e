//! Turning pest's parse errors into diagnostics a budget officer can read:
//! what was expected, in words, never a grammar rule name.

use super::Rule;
use crate::diagnostic::{codes, Diagnostic};
use crate::source::{FileId, Span};
use pest::error::{Error, ErrorVariant, InputLocation};

/// What was being parsed, for the message.
pub enum Context {
    File,
    Project(String),
    Expression,
}

/// Words for each rule that can be expected; `None` for rules a user never
/// needs to hear about.
fn describe(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::string | Rule::plain_string | Rule::triple_string => "带引号的文字",
        Rule::number => "数字",
        Rule::quantity => "数值（如 95%、10.04 万元、3 次）",
        Rule::unit => "单位（如 元、%、次）",
        Rule::date => "日期（如 2025-01-01）",
        Rule::cmp | Rule::ge | Rule::le | Rule::gt | Rule::lt | Rule::eq => "比较符（≥、≤、=、>、<）",
        Rule::name | Rule::bare_name => "名称",
        Rule::word => "文字",
        Rule::department => "部门块（部门 \"名称\" { … }）",
        Rule::project_raw => "项目块（项目 \"名称\" { … }）",
        Rule::raw_block | Rule::attr_block => "“{”",
        Rule::include => "引用（引用 \"文件.jx\"）",
        Rule::year => "年度（年度 2025）",
        Rule::claim => "申报（申报 9 个项目，资金 436.30 万元）",
        Rule::EOI => "文件结束",
        Rule::sep => "换行",
        Rule::fund_line | Rule::fund_key => "资金项（总额、年度申请、财政资金、当年拨款、上年结转、其他资金）",
        Rule::narrative_line | Rule::narrative_key => {
            "说明的小节（概述、立项依据、实施主体、实施方案、实施周期、预算安排、绩效目标）"
        }
        Rule::level1 => "一级指标分组（如 产出指标 { … }）",
        Rule::level2 => "二级指标分组（如 数量指标 { … }）",
        Rule::indicator => "指标（如 使用者满意率 ≥ 95%）",
        Rule::comparison => "目标值（如 ≥ 95%）",
        Rule::range => "区间（如 90%~95%）",
        Rule::qualitative => "定性目标（如 “: 及时”）",
        Rule::points | Rule::tolerance | Rule::direction | Rule::caliber => "指标属性（分值、容差、方向、口径）",
        Rule::direction_word => "“正向”或“反向”",
        Rule::nature
        | Rule::category
        | Rule::competent
        | Rule::implementer
        | Rule::period
        | Rule::funds
        | Rule::overall_goal
        | Rule::annual_goal
        | Rule::narrative
        | Rule::indicators
        | Rule::check
        | Rule::unknown_stmt => "项目字段（性质、类别、主管部门、实施单位、周期、资金、总目标、年度目标、说明、指标、校验、允许）",
        Rule::expr | Rule::path | Rule::reference | Rule::bare_ref | Rule::call | Rule::conditional => "表达式",
        Rule::add | Rule::sub | Rule::mul | Rule::div | Rule::ne | Rule::and | Rule::or => "运算符（+ − × ÷ 等）",
        Rule::neg | Rule::not => "表达式",
        Rule::allow | Rule::allow_code => "允许（允许 JX-G006 \"原因\"）",
        // 自评与规则（issue 4）
        Rule::actuals => "自评块（自评 \"部门名称\" 2025 { … }）",
        Rule::actuals_raw => "自评中的项目块（项目 \"名称\" { … }）",
        Rule::ruleset => "规则块（规则 \"名称\" { … }）",
        Rule::actual_budget | Rule::actual_spent | Rule::actual_line => {
            "自评行（预算 …、执行 …，或“指标名 完成值”）"
        }
        Rule::actual_expr => "“= 表达式”（如 = 112 / 118）",
        Rule::actual_grade | Rule::grade => "等级（达成、部分达成、未达成）",
        Rule::grade_score => "得分或百分数",
        Rule::actual_reason | Rule::actual_measure | Rule::actual_source | Rule::actual_override | Rule::actual_note => {
            "说明（原因 \"…\"、措施 \"…\"、来源 \"…\"、得分 8.5 理由 \"…\"）"
        }
        Rule::percent => "百分数（如 80%）",
        Rule::formula_key => "公式名（正向、反向、等于、零目标、区间、执行率）",
        Rule::rounding_mode => "舍入方式（四舍五入、银行家舍入、截断）",
        Rule::explain_word => "“未得满分”或“超额”",
        Rule::missing_mode => "“记零分”或“报错”",
        Rule::negative_mode => "“记为零”或“照算”",
        Rule::clamp_mode => "“截取”或“报错”",
        Rule::split_mode => "“均分”",
        Rule::empty_mode => "“不得分”或“按比例折算”",
        _ => return None,
    })
}

/// The text found at a position, for the message: up to the end of the line,
/// at most 12 characters.
fn found_at(text: &str, pos: usize) -> String {
    let rest = text.get(pos..).unwrap_or("");
    if rest.is_empty() {
        return "文件结束".into();
    }
    let line: String = rest
        .chars()
        .take_while(|c| *c != '\n' && *c != '\r')
        .take(12)
        .collect();
    if line.trim().is_empty() {
        "行尾".into()
    } else {
        format!("“{}”", line.trim_end())
    }
}

pub fn parse_error(
    e: &Error<Rule>,
    text: &str,
    file: FileId,
    offset: usize,
    ctx: Context,
) -> Diagnostic {
    let pos = match e.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    let mut expected: Vec<&'static str> = Vec::new();
    if let ErrorVariant::ParsingError { positives, .. } = &e.variant {
        for r in positives {
            if let Some(d) = describe(*r) {
                if !expected.contains(&d) {
                    expected.push(d);
                }
            }
        }
    }
    let found = found_at(text, pos);
    let rest = text.get(pos..).unwrap_or("");
    let start = offset + pos;
    let len = rest.chars().next().map(|c| c.len_utf8()).unwrap_or(0);
    let span = Span::new(file, start, start + len);

    // Special cases with better advice than a list of alternatives.
    let unclosed_string = rest.starts_with('"') && !rest.starts_with("\"\"\"") && {
        let line: &str = rest.split('\n').next().unwrap_or("");
        line.matches('"').count() % 2 == 1
    };
    if unclosed_string {
        return Diagnostic::new(
            &codes::UNCLOSED_STRING,
            "引号没有配对：这一行的字符串没有结束的引号",
        )
        .label(span, "字符串从这里开始")
        .help("在文字末尾补上 \"；多行文字请写成 \"\"\"……\"\"\"");
    }
    let (code, mut message) = match &ctx {
        Context::File
            if rest.starts_with('{') || text.matches('{').count() != text.matches('}').count() =>
        {
            (
                &codes::UNCLOSED_BLOCK,
                "大括号没有配对，或块的写法不对".to_string(),
            )
        }
        _ => (&codes::SYNTAX, String::new()),
    };
    let whom = match &ctx {
        Context::Project(name) if !name.is_empty() => format!("项目“{name}”中"),
        Context::Expression => "表达式中".into(),
        _ => String::new(),
    };
    let wanted = match expected.len() {
        0 => None,
        1 => Some(expected[0].to_string()),
        n => Some(format!(
            "{}或{}",
            expected[..n - 1].join("、"),
            expected[n - 1]
        )),
    };
    if message.is_empty() {
        message = match &wanted {
            Some(w) => format!("{whom}此处应为{w}，实际是{found}"),
            None => format!("{whom}无法识别这里的内容：{found}"),
        };
    }
    let help = advice(rest, &expected);
    let mut d = Diagnostic::new(code, message).label(span, "这里");
    if let Some(h) = help {
        d = d.help(h);
    }
    d
}

/// Advice for common slips.
fn advice(rest: &str, expected: &[&str]) -> Option<String> {
    let first = rest.chars().next();
    if rest.is_empty() {
        return Some("文件在块结束之前就结束了：检查是否少了“}”".into());
    }
    if expected
        .iter()
        .any(|e| e.starts_with("比较符") || e.starts_with("目标值"))
    {
        return Some("指标写成“名称 比较符 数值”，如“使用者满意率 ≥ 95%”；定性指标写成“名称: 及时”；名称里有空格时请加引号".into());
    }
    if expected.iter().any(|e| e.starts_with("日期")) {
        return Some("日期写成 2025-01-01，周期写成“周期 2025-01-01 至 2025-12-31”".into());
    }
    if expected.iter().any(|e| e.starts_with("资金项")) {
        return Some("资金块里每行一项，如“总额 90,682.50 元”".into());
    }
    if expected
        .iter()
        .any(|e| e.starts_with("数值") || e.starts_with("数字"))
    {
        return Some(
            "数字用阿拉伯数字书写，可带千分位和单位，如 90,682.50 元、10.04 万元、95%".into(),
        );
    }
    if expected.iter().any(|e| e.starts_with("等级")) {
        return Some("定性指标的完成值写成“名称: 达成”“名称: 部分达成 7”或“名称: 未达成”；长写法“达成年度指标”等也可以".into());
    }
    if first == Some('}') {
        return Some("这里多了一个“}”，或前面的内容没有写完".into());
    }
    None
}
