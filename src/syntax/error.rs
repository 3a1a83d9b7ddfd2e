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
use crate::diagnostic::{codes, Code, Diagnostic};
use crate::source::{FileId, Span};
use crate::suggest::nearest;
use pest::error::{Error, ErrorVariant, InputLocation};

/// What was being parsed, for the message.
pub enum Context {
    File,
    Project(String),
    Expression,
}

/// The keys of a project block.
pub const PROJECT_KEYS: [&str; 11] = [
    "性质",
    "类别",
    "主管部门",
    "实施单位",
    "周期",
    "资金",
    "总目标",
    "年度目标",
    "说明",
    "指标",
    "校验",
];
/// The lines of a `资金` block (canonical names first).
pub const FUND_KEYS: [&str; 10] = [
    "总额",
    "年度申请",
    "财政资金",
    "当年拨款",
    "上年结转",
    "其他资金",
    "项目资金总额",
    "年度资金申请总额",
    "当年财政拨款",
    "上年结转资金",
];
/// The sections of a `说明` block.
pub const NARRATIVE_KEYS: [&str; 7] = [
    "概述",
    "立项依据",
    "实施主体",
    "实施方案",
    "实施周期",
    "预算安排",
    "绩效目标",
];
const DEPT_KEYS: [&str; 4] = ["年度", "申报", "项目", "引用"];
const TOP_KEYS: [&str; 3] = ["部门", "项目", "引用"];
const ATTR_KEYS: [&str; 4] = ["分值", "容差", "方向", "口径"];

/// Nesting deeper than this is refused before parsing (the deepest real
/// declaration nests 6 blocks: 部门 › 项目 › 指标 › 一级 › 二级 › 属性).
pub const MAX_DEPTH: usize = 64;

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
        Rule::fund_line | Rule::fund_key => "资金项（总额、年度申请、财政资金、当年拨款、上年结转、其他资金）",
        Rule::narrative_line | Rule::narrative_key => {
            "说明的小节（概述、立项依据、实施主体、实施方案、实施周期、预算安排、绩效目标）"
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
        | Rule::period
        | Rule::funds
        | Rule::overall_goal
        | Rule::annual_goal
        | Rule::narrative
        | Rule::indicators
        | Rule::check
        | Rule::unknown_stmt => "项目字段（性质、类别、主管部门、实施单位、周期、资金、总目标、年度目标、说明、指标、校验）",
        Rule::expr | Rule::path | Rule::reference | Rule::bare_ref | Rule::call | Rule::conditional => {
            "数值或名称"
        }
        Rule::add | Rule::sub | Rule::mul | Rule::div | Rule::ne | Rule::and | Rule::or => {
            "运算符（+ − × ÷ 等）"
        }
        Rule::neg | Rule::not => "数值或名称",
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
        }
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
    let mut d = Diagnostic::new(msg.code, msg.message).label(span(msg.start, msg.len), msg.label);
    for (s, l, label) in msg.more {
        d = d.label(span(s, l), label);
    }
    if let Some(h) = msg.help {
        d = d.help(h);
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

/// The project's name for messages: `项目“X”` or `项目`.
fn project_of(ctx: &Context) -> String {
    match ctx {
        Context::Project(n) if !n.is_empty() => format!("项目“{n}”"),
        _ => "项目".into(),
    }
}

fn did_you_mean<'a>(word: &str, keys: impl IntoIterator<Item = &'a str>) -> Option<String> {
    nearest(word, keys).map(|k| format!("是不是想写“{k}”？"))
}

/// Chinese numerals written where a number is expected.
fn chinese_numeral(word: &str) -> bool {
    !word.is_empty()
        && word
            .chars()
            .all(|c| "〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟".contains(c))
}

fn starts_with_digit(s: &str) -> bool {
    s.trim_start().starts_with(|c: char| c.is_ascii_digit())
}

fn explain(s: &Scene<'_>, positives: &[Rule], ctx: &Context) -> Msg {
    let (found, found_len) = s.found();
    let rest = s.text.get(s.pos..).unwrap_or("");
    let quoted = |w: &str| format!("“{w}”");
    let in_project = matches!(ctx, Context::Project(_));
    let whom = project_of(ctx);
    let lead = if in_project {
        format!("{whom}：")
    } else {
        String::new()
    };

    // ── Strings ──
    let before_all = s.text.get(..s.pos).unwrap_or("");
    if rest.starts_with("\"\"\"") || (rest.starts_with('"') && before_all.ends_with("\"\"")) {
        let start = if rest.starts_with("\"\"\"") {
            s.pos
        } else {
            s.pos.saturating_sub(2)
        };
        return Msg::new(
            &codes::UNCLOSED_STRING,
            format!(
                "{lead}多行文字没有结束：从这里的 \"\"\" 开始，直到{}末尾都没有找到结束的 \"\"\"",
                if in_project { "项目" } else { "文件" }
            ),
            start,
            3,
            "多行文字从这里开始",
        )
        .help("在多行文字结束处另起一行写 \"\"\"；中间的文字里不要再出现 \"\"\"");
    }
    if rest.starts_with('"') && s.after.matches('"').count() % 2 == 1 {
        return Msg::new(
            &codes::UNCLOSED_STRING,
            format!("{lead}引号没有配对：这一行的文字缺少结束的引号 \""),
            s.pos,
            1,
            "文字从这里开始，到行末都没有结束的引号",
        )
        .help("在文字末尾补上 \"；文字里要写引号时写成 \\\"；多行文字请写成 \"\"\"……\"\"\"");
    }

    let line_text = format!("{}{}", s.before, s.after);
    if line_text.contains(['“', '”']) && !s.at_stmt_start() {
        let open = s.before.rfind('“').or_else(|| line_text.find('“'));
        let start = open.map_or(s.pos, |i| s.pos - s.before.len() + i);
        return Msg::new(
            &codes::SYNTAX,
            format!("{lead}文字用了中文引号“”：jixiao 的文字要用英文双引号 \"…\" 括起来"),
            start,
            '“'.len_utf8(),
            "中文引号",
        )
        .help(
            "把 “ 和 ” 换成 \"；文字里面的中文引号不受影响，如 \"《关于……的通知》“十四五”规划\"",
        );
    }

    // ── End of file: a block left open ──
    if rest.trim().is_empty() {
        let b = scene::braces(s.text);
        let still_open = s.open.len();
        if let Some(inner) = s.open.last().filter(|_| !b.by_indent && still_open > 1) {
            let what = if inner.head.is_empty() {
                "最里层的块".to_string()
            } else {
                format!("最里层的是“{}”块", inner.head)
            };
            let line = scene::line_of(s.text, inner.offset);
            return Msg::new(
                &codes::UNCLOSED_BLOCK,
                format!("文件意外结束：还有 {still_open} 个块没有用“}}”结束，{what}（第 {line} 行）"),
                inner.offset,
                1,
                "这个块还没有结束",
            )
            .help(format!(
                "文件可能不完整（只保存或复制了一部分），或末尾少了 {still_open} 个“}}”；请与原文件核对"
            ));
        }
        if let Some(open) = b.unclosed {
            let what = if open.head.is_empty() {
                "这个块".to_string()
            } else {
                format!("“{}”块", open.head)
            };
            let line = scene::line_of(s.text, open.offset);
            return Msg::new(
                &codes::UNCLOSED_BLOCK,
                format!("大括号没有配对：{what}（第 {line} 行）直到文件结束都没有结束的“}}”"),
                open.offset,
                1,
                "这个“{”没有对应的“}”",
            )
            .help("在块的末尾补上“}”；各层的“}”与块开头那一行对齐缩进，容易看出少了哪一个");
        }
        let last = s.text.trim_end();
        let last_line = last.rsplit('\n').next().unwrap_or("").trim();
        let key = scene::first_word(last_line);
        if key == "项目" || key == "部门" {
            return Msg::new(
                &codes::SYNTAX,
                format!("“{last_line}”后面缺少用大括号括起来的内容"),
                last.len() - last_line.len(),
                last_line.len(),
                "这里缺少“{ … }”",
            )
            .help(format!(
                "写成 {key} \"名称\" {{ … }}，{key}的内容写在大括号里"
            ));
        }
        return Msg::new(
            &codes::SYNTAX,
            format!("文件在“{last_line}”之后意外结束：这一项没有写完"),
            last.len() - last_line.len(),
            last_line.len(),
            "没有写完的一项",
        )
        .help("检查最后一行是否写完整");
    }

    // ── A `}` with no `{` ──
    if rest.starts_with('}') && s.open.is_empty() {
        let b = scene::braces(s.text);
        let at = b.stray_close.unwrap_or(s.pos);
        if let Some((close, open)) = b.premature.filter(|(c, _)| *c < at) {
            let line = scene::line_of(s.text, close);
            let from = scene::line_of(s.text, open.offset);
            return Msg::new(
                &codes::UNCLOSED_BLOCK,
                format!(
                    "大括号没有配对：第 {line} 行的“}}”提前结束了“{}”块（第 {from} 行开始），后面的内容就落到了块外",
                    open.head
                ),
                close,
                1,
                "这个“}”结束得太早",
            )
            .also(at, 1, "因此这个“}”多了出来")
            .help("删去提前的那个“}”（常见于“}}”写在同一行）；块的“}”与块开头那一行对齐缩进，容易看出配对");
        }
        if let Some((close, open)) = b.misaligned.filter(|(c, _)| *c < at) {
            let line = scene::line_of(s.text, close);
            let from = scene::line_of(s.text, open.offset);
            return Msg::new(
                &codes::UNCLOSED_BLOCK,
                format!(
                    "多了一个“}}”：大括号在第 {from}–{line} 行之间就已经对不上了，第 {line} 行的“}}”与它配对的“{}”（第 {from} 行）缩进不同",
                    if open.head.is_empty() { "{".to_string() } else { format!("{} {{", open.head) }
                ),
                at,
                1,
                "多余的“}”",
            )
            .also(close, 1, "从这里开始对不上")
            .help("检查这几行之间是否有块少写了“{”（如“产出指标”后面漏了“{”），或多写了“}”");
        }
        return Msg::new(
            &codes::UNCLOSED_BLOCK,
            "多了一个“}”：它前面的块都已经结束了".into(),
            at,
            1,
            "多余的“}”",
        )
        .help("删去这个“}”；或检查前面是否少写了某个块开头的“{”");
    }

    // ── A name left out: `项目 {` ──
    if rest.starts_with('{') && matches!(s.prev_word().as_str(), "项目" | "部门") {
        let what = s.prev_word();
        return Msg::new(
            &codes::SYNTAX,
            format!("{what}缺少名称：“{what}”和“{{”之间应写{what}名称"),
            s.pos,
            1,
            "名称应写在这里",
        )
        .help(format!(
            "写成 {what} \"名称\" {{ … }}，名称与申报表上的{what}名称一致"
        ));
    }

    // ── Comparators ──
    if let Some(m) = bad_comparator(s, &lead) {
        return m;
    }

    // ── Numbers ──
    if let Some(m) = bad_number(s, &found, positives, &lead) {
        return m;
    }

    // `},` `}\`: something after a block's closing brace.
    if s.before.trim_end().ends_with('}') && !s.at_line_end() && !rest.starts_with('}') {
        return Msg::new(
            &codes::SYNTAX,
            format!("{lead}块结束的“}}”后面多了“{found}”"),
            s.pos,
            found_len,
            "多出的内容",
        )
        .help("“}”后面不要再写内容；删去多余的字符，下一项另起一行");
    }
    // A line that begins with punctuation instead of a name.
    let first = rest.chars().next().unwrap_or(' ');
    if s.at_stmt_start()
        && (is_cmp_char(first)
            || matches!(
                first,
                ':' | '：' | '~' | '～' | ',' | '，' | '、' | '。' | '\\'
            ))
    {
        return Msg::new(
            &codes::SYNTAX,
            format!("{lead}这一行以“{found}”开头：每一行应以名称或关键字开头"),
            s.pos,
            found_len,
            "多出的符号",
        )
        .help("删去行首的符号；如果这是上一行的一部分，请把它接回上一行");
    }

    let keys = s.keys();
    if in_project {
        let m = match keys.get(1).copied() {
            None => project_body(s, &found, found_len, &whom),
            Some("资金") if keys.len() == 2 => funds(s, &found, found_len, &whom),
            Some("说明") if keys.len() == 2 => narrative(s, &found, found_len, &whom),
            Some("指标") => indicators(s, &found, found_len, &whom, keys.len() - 2),
            _ => None,
        };
        if let Some(m) = m {
            return m;
        }
    } else if matches!(ctx, Context::File) {
        if let Some(m) = file_level(s, &found, found_len) {
            return m;
        }
    }

    // ── Fallback: what was expected, from the grammar ──
    let mut expected: Vec<&'static str> = Vec::new();
    for r in positives {
        if let Some(d) = describe(*r) {
            if !expected.contains(&d) {
                expected.push(d);
            }
        }
    }
    let prefix = match ctx {
        Context::Project(_) => format!("{whom}中，"),
        Context::Expression => "表达式中，".into(),
        Context::File => String::new(),
    };
    if matches!(ctx, Context::File)
        && s.key == "部门"
        && !s.at_stmt_start()
        && !found.starts_with('{')
    {
        return Msg::new(
            &codes::SYNTAX,
            format!("部门名称后面应直接写“{{”，这里写的是“{found}”"),
            s.pos,
            found_len,
            "这里应为“{”",
        )
        .help("写成 部门 \"名称\" {；年度写在块里，如“年度 2025”；名称里有空格时整个名称加引号");
    }
    let found_words = if s.at_line_end() {
        "这一行已经结束".to_string()
    } else {
        format!("实际写的是{}", quoted(&found))
    };
    if expected.is_empty() && !s.at_stmt_start() {
        // The statement was complete; something follows it on the line.
        let done = if s.stmt.trim().is_empty() {
            s.before.trim()
        } else {
            s.stmt.trim()
        };
        let m = if s.at_line_end() {
            format!("{prefix}“{done}”这一行没有写完")
        } else {
            format!("{prefix}“{done}”后面多了{}", quoted(&found))
        };
        let help = if found.starts_with(['。', '，', '、', '；']) {
            "行末不要加标点；一行只写一项"
        } else {
            "一行只写一项；如果这是名称或文字的一部分，请把整段用引号括起来"
        };
        return Msg::new(&codes::SYNTAX, m, s.pos, found_len, "多出的内容").help(help);
    }
    let message = match expected.split_last() {
        None => format!("{prefix}这里的内容无法识别：{}", quoted(&found)),
        Some((only, [])) => format!("{prefix}这里应为{only}，{found_words}"),
        Some((last, others)) => format!(
            "{prefix}这里应为{}或{last}，{found_words}",
            others.join("、")
        ),
    };
    let mut m = Msg::new(&codes::SYNTAX, message, s.pos, found_len, "这里");
    if expected
        .iter()
        .any(|e| e.starts_with("数字") || e.starts_with("数值"))
    {
        m = m.help(NUMBER_HELP);
    }
    m
}

/// `=>`, `>>`, `=<`, `≥=` …: a comparator written wrongly.
fn bad_comparator(s: &Scene<'_>, lead: &str) -> Option<Msg> {
    let rest = s.text.get(s.pos..).unwrap_or("");
    let first = rest.chars().next()?;
    if !is_cmp_char(first) {
        return None;
    }
    // The whole run of comparator characters, including those already read.
    let head: String = s
        .before
        .trim_end()
        .chars()
        .rev()
        .take_while(|c| is_cmp_char(*c))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let tail: String = rest.chars().take_while(|c| is_cmp_char(*c)).collect();
    if head.is_empty() {
        return None;
    }
    let whole = format!("{head}{tail}");
    let start = s.before.trim_end().len() - head.len() + (s.pos - s.before.len());
    let guess = match whole.as_str() {
        "=>" | "=＞" | "＝>" | "＝＞" | "≥=" | "=≥" => Some("“≥”（或 >=，等号写在后面）"),
        "=<" | "=＜" | "＝<" | "＝＜" | "≤=" | "=≤" => Some("“≤”（或 <=，等号写在后面）"),
        ">>" | "＞＞" => Some("“>”（大于）或“≥”（大于等于）"),
        "<<" | "＜＜" => Some("“<”（小于）或“≤”（小于等于）"),
        "==" | "===" => Some("“=”"),
        _ => None,
    };
    let help = match guess {
        Some(g) => format!("应写作{g}；可用的比较符：≥（或 >=）、>、≤（或 <=）、<、="),
        None => "可用的比较符：≥（或 >=）、>、≤（或 <=）、<、=".into(),
    };
    Some(
        Msg::new(
            &codes::SYNTAX,
            format!("{lead}比较符“{whole}”写法不对"),
            start,
            whole.len(),
            "这个比较符",
        )
        .help(help),
    )
}

/// Numbers written in a way the language does not read.
fn bad_number(s: &Scene<'_>, found: &str, positives: &[Rule], lead: &str) -> Option<Msg> {
    let rest = s.text.get(s.pos..).unwrap_or("");
    let before = s.before.trim_end();
    // `1,00`: a thousands separator not followed by three digits.
    if rest.starts_with([',', '，'])
        && s.before.ends_with(|c: char| c.is_ascii_digit())
        && rest
            .get(','.len_utf8()..)
            .or_else(|| rest.get('，'.len_utf8()..))
            .is_some_and(|r| starts_with_digit(r) || r.starts_with(|c: char| c.is_ascii_digit()))
    {
        let num_start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_digit() || matches!(c, ',' | '.' | '-'))
            .last()
            .map_or(before.len(), |(i, _)| i);
        let start = s.pos - s.before.len() + num_start;
        let len = s.text.get(start..).map_or(0, |t| {
            t.chars()
                .take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '，' | '.'))
                .map(char::len_utf8)
                .sum()
        });
        let number = s.text.get(start..start + len).unwrap_or("");
        if rest.starts_with('，') {
            return Some(
                Msg::new(
                    &codes::SYNTAX,
                    format!("{lead}数字“{number}”的千分位用了中文逗号“，”，应为英文逗号“,”"),
                    start,
                    len,
                    "这个数字",
                )
                .help(format!(
                    "写成“{}”，或不写千分位：“{}”",
                    number.replace('，', ","),
                    number.replace('，', "")
                )),
            );
        }
        return Some(
            Msg::new(
                &codes::SYNTAX,
                format!("{lead}数字“{number}”的千分位写法不对：每个逗号后面应正好有三位数字"),
                start,
                len,
                "这个数字",
            )
            .help("千分位从个位起每三位加一个逗号，如 1,000 或 90,682.50；也可以不写逗号，如 100"),
        );
    }
    let wants_number = positives
        .iter()
        .any(|r| matches!(r, Rule::number | Rule::quantity));
    if !wants_number {
        return None;
    }
    let word = found.trim_end_matches('…');
    if chinese_numeral(word) {
        let (what, example) = match s.key.as_str() {
            "年度" => ("年度", "写成“年度 2025”".to_string()),
            "申报" => (
                "项目个数",
                "写成“申报 9 个项目，资金 436.30 万元”".to_string(),
            ),
            "分值" => ("分值", "写成“分值 10”".to_string()),
            k if FUND_KEYS.contains(&k) => ("金额", format!("写成“{k} 10.04 万元”")),
            _ => ("数字", "如“140 人”“10.04 万元”“95%”".to_string()),
        };
        return Some(
            Msg::new(
                &codes::SYNTAX,
                format!("{lead}{what}要用阿拉伯数字书写，这里写的是“{word}”"),
                s.pos,
                word.len(),
                "这里应为阿拉伯数字",
            )
            .help(example),
        );
    }
    // `万元 10.04`: the unit before the number.
    let unit_first = s.after.trim_start_matches(|c: char| !c.is_whitespace());
    let unit_like = !word.is_empty()
        && word.chars().count() <= 4
        && word.chars().all(|c| {
            ('\u{4E00}'..='\u{9FFF}').contains(&c) || matches!(c, '%' | '％' | '‰' | '/' | '·')
        });
    if unit_like && starts_with_digit(unit_first) {
        let number = unit_first.split_whitespace().next().unwrap_or("");
        return Some(
            Msg::new(
                &codes::SYNTAX,
                format!("{lead}数值要先写数字、再写单位，这里写成了“{word} {number}”"),
                s.pos,
                word.len(),
                "单位写在了数字前面",
            )
            .help(format!("改为“{number} {word}”")),
        );
    }
    None
}

/// Errors directly in a project block.
fn project_body(s: &Scene<'_>, found: &str, found_len: usize, whom: &str) -> Option<Msg> {
    let prev = s.prev_word();
    let rest = s.text.get(s.pos..).unwrap_or("");
    // `性质：其他经常性项目`
    if rest.starts_with([':', '：']) && PROJECT_KEYS.contains(&prev.as_str()) {
        return Some(
            Msg::new(
                &codes::SYNTAX,
                format!("{whom}：字段名“{prev}”后面不用冒号"),
                s.pos,
                rest.chars().next().map_or(1, char::len_utf8),
                "去掉这个冒号",
            )
            .help(format!(
                "字段名和内容之间用空格分开，写成“{prev} {}”",
                s.after.get(3..).unwrap_or("").trim()
            )),
        );
    }
    // `资金 总额 …`: a block keyword without its `{`.
    if matches!(prev.as_str(), "资金" | "说明" | "指标") && !rest.starts_with('{') {
        let example = match prev.as_str() {
            "资金" => "资金 {\n  总额 90,682.50 元\n  财政资金 90,682.50 元\n}",
            "说明" => "说明 {\n  概述 \"……\"\n  立项依据 \"……\"\n}",
            _ => "指标 {\n  产出指标 {\n    数量指标 {\n      培训人数 ≥ 140 人\n    }\n  }\n}",
        };
        return Some(
            Msg::new(
                &codes::SYNTAX,
                format!("{whom}：“{prev}”后面应写“{{”，各项内容写在大括号里，每项一行"),
                s.pos,
                found_len,
                "这里应为“{”",
            )
            .help(format!("写成：\n{example}")),
        );
    }
    match s.key.as_str() {
        "周期" => {
            let after_date = s
                .prev_word()
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit());
            let (m, label) = if found == "至" && s.stmt.trim() == "周期" {
                (format!("{whom}：周期缺少开始日期"), "开始日期应写在这里")
            } else if s.at_line_end() {
                (
                    format!(
                        "{whom}：周期要写开始和结束两个日期，这里只写了“{}”",
                        s.stmt.trim()
                    ),
                    "这里应为“至”和结束日期",
                )
            } else if after_date && !found.starts_with(|c: char| c.is_ascii_digit()) {
                (
                    format!("{whom}：周期的两个日期之间应写“至”，这里写的是“{found}”"),
                    "这里应为“至”",
                )
            } else if found.contains(['年', '月', '日', '.']) {
                (
                    format!("{whom}：日期要写成“年-月-日”的形式，这里写的是“{found}”"),
                    "这个日期",
                )
            } else {
                (
                    format!("{whom}：日期“{found}”写法不对：应为四位年份-月-日"),
                    "这里应为日期",
                )
            };
            return Some(
                Msg::new(&codes::SYNTAX, m, s.pos, found_len, label)
                    .help("写成“周期 2025-01-01 至 2025-12-31”：日期用 年-月-日，两个日期之间写“至”（也可写 ~）"),
            );
        }
        "性质" | "类别" | "主管部门" | "实施单位" if !s.at_stmt_start() && !s.at_line_end() =>
        {
            let value = s
                .text
                .get(s.key_start + s.key.len()..s.pos + s.after.len())
                .unwrap_or("")
                .trim();
            let value = value.trim_start_matches([':', '：']).trim();
            let line = s.text.get(s.key_start..).unwrap_or("");
            let vstart = s.key_start + line.find(value).unwrap_or(0);
            return Some(
                Msg::new(
                    &codes::SYNTAX,
                    format!(
                        "{whom}：{}的内容“{value}”里有空格或符号，要用引号括起来",
                        s.key
                    ),
                    vstart,
                    value.len(),
                    "这段内容要加引号",
                )
                .help(format!("写成 {} \"{value}\"", s.key)),
            );
        }
        "校验" => {
            let prev = s.prev_word();
            let after_operator = prev.ends_with([
                '+', '＋', '-', '−', '－', '×', '*', '＊', '÷', '/', '／', '(', '（',
            ]) || prev.ends_with(is_cmp_char)
                || matches!(prev.as_str(), "且" | "或" | "非" | "若" | "则" | "否则");
            let opened = s.stmt.matches(['(', '（']).count();
            let closed = s.stmt.matches([')', '）']).count();
            if s.at_line_end() && opened > closed {
                return Some(
                    Msg::new(
                        &codes::SYNTAX,
                        format!(
                            "{whom}：校验式的括号没有配对：少了 {} 个“)”",
                            opened - closed
                        ),
                        s.pos,
                        0,
                        "这里应有“)”",
                    )
                    .help("每个“(”都要有对应的“)”"),
                );
            }
            let m = if s.at_line_end() {
                format!(
                    "{whom}：校验式没有写完，“{}”后面缺少数值或名称",
                    s.before.trim()
                )
            } else if after_operator {
                format!("{whom}：校验式中“{prev}”后面应为数值、名称或括号，实际写的是“{found}”")
            } else {
                format!("{whom}：校验式中这里应为数值、名称或括号，实际写的是“{found}”")
            };
            return Some(
                Msg::new(&codes::SYNTAX, m, s.pos, found_len, "这里")
                    .help("校验写成“校验 表达式”，如“校验 人均代表履职费 × 代表履职费发放人数 ≤ 资金.总额”；每个运算符两边都要有数值或名称"),
            );
        }
        "总目标" | "年度目标" if s.pos.saturating_sub(s.key_start) <= s.key.len() + 4 => {
            let value = s.after.trim();
            let shown = if value.chars().count() > 20 {
                format!("{}……", value.chars().take(20).collect::<String>())
            } else {
                value.to_string()
            };
            return Some(
                Msg::new(
                    &codes::SYNTAX,
                    format!("{whom}：{}的内容要写在引号里", s.key),
                    s.pos,
                    value.len(),
                    "这段文字要加引号",
                )
                .help(format!(
                    "写成 {} \"{shown}\"；文字有多行时用 \"\"\"……\"\"\"",
                    s.key
                )),
            );
        }
        _ => {}
    }
    if s.at_line_end() && PROJECT_KEYS.contains(&s.key.as_str()) {
        return Some(
            Msg::new(
                &codes::SYNTAX,
                format!("{whom}：“{}”后面缺少内容", s.key),
                s.pos,
                0,
                "这里应有内容",
            )
            .help(format!("在“{}”后面空一格写上内容", s.key)),
        );
    }
    None
}

/// Errors inside `资金 { … }`.
fn funds(s: &Scene<'_>, found: &str, found_len: usize, whom: &str) -> Option<Msg> {
    if s.at_stmt_start() && !found.starts_with('}') {
        let word = found.trim_end_matches('…');
        let mut m = Msg::new(
            &codes::UNKNOWN_FIELD,
            format!("{whom}：资金块里没有“{found}”这一项"),
            s.pos,
            found_len,
            "不认识的资金项",
        );
        m = m.help(match did_you_mean(word, FUND_KEYS) {
            Some(d) => format!("{d}{FUNDS_HELP}"),
            None => FUNDS_HELP.to_string(),
        });
        return Some(m);
    }
    let key = s.key.as_str();
    let value = s.stmt.trim().get(key.len()..).unwrap_or("").trim();
    if FUND_KEYS.contains(&key) && value.contains(|c: char| c.is_ascii_digit()) {
        let help = if found.starts_with(['。', '，', '、', '；']) {
            "行末不要加标点；资金块里每行只写一项：资金项、金额和单位".to_string()
        } else {
            format!("每行只写一项：资金项、金额和单位，如“{key} 10.04 万元”；单位只写一个")
        };
        return Some(
            Msg::new(
                &codes::SYNTAX,
                format!("{whom}：资金项“{key} {value}”后面多了“{found}”"),
                s.pos,
                found_len,
                "多出的内容",
            )
            .help(help),
        );
    }
    if FUND_KEYS.contains(&key) {
        let m = if s.at_line_end() {
            format!("{whom}：资金项“{key}”后面缺少金额")
        } else {
            format!("{whom}：资金项“{key}”的金额应为数字加单位，实际写的是“{found}”")
        };
        return Some(
            Msg::new(&codes::SYNTAX, m, s.pos, found_len, "这里应为金额")
                .help(format!("写成“{key} 90,682.50 元”或“{key} 10.04 万元”")),
        );
    }
    None
}

/// Errors inside `说明 { … }`.
fn narrative(s: &Scene<'_>, found: &str, found_len: usize, whom: &str) -> Option<Msg> {
    if s.at_stmt_start() && !found.starts_with('}') {
        let word = found.trim_end_matches('…');
        let help = match did_you_mean(word, NARRATIVE_KEYS) {
            Some(d) => format!("{d}{NARRATIVE_HELP}"),
            None => NARRATIVE_HELP.to_string(),
        };
        return Some(
            Msg::new(
                &codes::UNKNOWN_FIELD,
                format!("{whom}：说明块里没有“{found}”这一节"),
                s.pos,
                found_len,
                "不认识的小节",
            )
            .help(help),
        );
    }
    let key = s.key.as_str();
    if NARRATIVE_KEYS.contains(&key) && s.at_line_end() {
        return Some(
            Msg::new(
                &codes::SYNTAX,
                format!("{whom}：说明的“{key}”后面缺少内容"),
                s.pos,
                0,
                "这里应为带引号的文字",
            )
            .help(format!(
                "写成 {key} \"……\"；文字很长或有多行时写成 {key} \"\"\"……\"\"\"；没有内容时删去这一行"
            )),
        );
    }
    if NARRATIVE_KEYS.contains(&key) {
        return Some(
            Msg::new(
                &codes::SYNTAX,
                format!("{whom}：说明的“{key}”要写在引号里，实际写的是“{found}”"),
                s.pos,
                found_len,
                "这里应为带引号的文字",
            )
            .help(format!(
                "写成 {key} \"……\"；文字很长或有多行时写成 {key} \"\"\"……\"\"\""
            )),
        );
    }
    None
}

/// Errors inside `指标 { … }`; `depth` 0 = directly in 指标, 1 = in a
/// first-level group, 2 = in a second-level group, 3 = in an attribute block.
fn indicators(
    s: &Scene<'_>,
    found: &str,
    found_len: usize,
    whom: &str,
    depth: usize,
) -> Option<Msg> {
    let rest = s.text.get(s.pos..).unwrap_or("");
    let line_has_target = s.after.contains(is_cmp_char)
        || s.stmt.contains(is_cmp_char)
        || s.after.contains([':', '：', '~', '～']);
    let name = s.key.clone();
    let group = |i: usize| s.open.get(i).map(|o| o.key.clone()).unwrap_or_default();
    match depth {
        0 | 1 if line_has_target && !rest.starts_with('}') => {
            let (message, label) = if depth == 0 {
                (
                    format!("{whom}：指标“{name}”直接写在了“指标”下面，缺少一级和二级指标分组"),
                    "这个指标",
                )
            } else {
                (
                    format!(
                        "{whom}：指标“{name}”直接写在了一级指标“{}”下面，缺少二级指标分组",
                        group(2)
                    ),
                    "这个指标",
                )
            };
            return Some(
                Msg::new(&codes::SYNTAX, message, s.key_start, name.len(), label).help(LEVELS_HELP),
            );
        }
        0 | 1 => {
            let level = if depth == 0 { "一级" } else { "二级" };
            let written = s.stmt.trim();
            // `数量　指标 {`: a group name with a blank.
            if !written.is_empty() && !rest.starts_with(['{', '}']) {
                if let Some(brace) = s.after.find('{') {
                    let full = format!("{written} {}", s.after.get(..brace).unwrap_or("").trim());
                    return Some(
                        Msg::new(
                            &codes::SYNTAX,
                            format!(
                                "{whom}：{level}指标分组的名称“{full}”中有空格，要用引号括起来"
                            ),
                            s.key_start,
                            s.pos + brace - s.key_start,
                            "这个名称",
                        )
                        .help(format!("写成 \"{full}\" {{，或去掉名称里的空格")),
                    );
                }
            }
            let m = if rest.starts_with('{') {
                format!("{whom}：{level}指标分组缺少名称")
            } else if !written.is_empty() {
                format!("{whom}：{level}指标分组“{written}”后面应写“{{”，实际写的是“{found}”")
            } else {
                format!("{whom}：这里应为{level}指标分组（名称后接“{{”），实际写的是“{found}”")
            };
            return Some(Msg::new(&codes::SYNTAX, m, s.pos, found_len, "这里").help(LEVELS_HELP));
        }
        2 => {}
        _ => {
            return Some(
                Msg::new(
                    &codes::SYNTAX,
                    format!(
                        "{whom}：指标属性块里只能写 分值、容差、方向、口径，实际写的是“{found}”"
                    ),
                    s.pos,
                    found_len,
                    "这里",
                )
                .help("如 { 分值 10; 方向 反向; 口径 \"按问卷统计\" }"),
            )
        }
    }
    // depth 2: an indicator line.
    let g2 = group(3);
    let prev = s.prev_word();
    if rest.starts_with('{') && !s.at_stmt_start() && s.stmt.trim() == name {
        return Some(
            Msg::new(
                &codes::SYNTAX,
                format!("{whom}：指标只有三级，二级指标“{g2}”下面不能再分组（“{name}”）"),
                s.key_start,
                name.len(),
                "多出的一层分组",
            )
            .help(LEVELS_HELP),
        );
    }
    // Attribute values (`方向 侧向`, also `95%方向` written without a blank).
    let prev = ATTR_KEYS
        .iter()
        .find(|k| s.stmt.trim_end().ends_with(**k))
        .map_or(prev, |k| k.to_string());
    if s.at_line_end() || rest.starts_with('}') {
        let missing = match prev.as_str() {
            "方向" => Some(("“正向”或“反向”", "方向 反向")),
            "分值" => Some(("分值（数字）", "分值 10")),
            "容差" => Some(("容差（数值）", "容差 0.5%")),
            "口径" => Some(("带引号的口径说明", "口径 \"按问卷统计\"")),
            _ => None,
        };
        if let Some((what, example)) = missing {
            return Some(
                Msg::new(
                    &codes::SYNTAX,
                    format!("{whom}：指标“{name}”的“{prev}”后面缺少{what}"),
                    s.pos,
                    0,
                    "这里缺少内容",
                )
                .help(format!(
                    "如“{name} … {example}”；不需要这项属性时删去“{prev}”"
                )),
            );
        }
    }
    match prev.as_str() {
        "方向" => {
            return Some(
                Msg::new(
                    &codes::SYNTAX,
                    format!("{whom}：指标“{name}”的方向只能是“正向”或“反向”，实际写的是“{found}”"),
                    s.pos,
                    found_len,
                    "这里",
                )
                .help("正向：完成值越大越好；反向：完成值越小越好（如成本、差错率）"),
            )
        }
        "分值" => {
            return Some(
                Msg::new(
                    &codes::SYNTAX,
                    format!("{whom}：指标“{name}”的分值应为数字，实际写的是“{found}”"),
                    s.pos,
                    found_len,
                    "这里应为数字",
                )
                .help("如“分值 10”；分值是这项指标在自评中的满分"),
            )
        }
        "容差" => {
            return Some(
                Msg::new(
                    &codes::SYNTAX,
                    format!("{whom}：指标“{name}”的容差应为数值，实际写的是“{found}”"),
                    s.pos,
                    found_len,
                    "这里应为数值",
                )
                .help("如“容差 0.5%”：完成值与目标值相差不超过容差即视为达成"),
            )
        }
        "口径" => {
            return Some(
                Msg::new(
                    &codes::SYNTAX,
                    format!("{whom}：指标“{name}”的口径要写在引号里，实际写的是“{found}”"),
                    s.pos,
                    found_len,
                    "这里应为带引号的文字",
                )
                .help(format!("写成 口径 \"{}\"", found.trim_end_matches('…'))),
            )
        }
        _ => {}
    }
    let before = s.stmt.trim();
    let after_name = s.stmt.trim_start().get(name.len()..).unwrap_or("").trim();
    // `使用者满意率90%~95%`: the name runs into the range.
    if rest.starts_with(['~', '～']) && before == name {
        let digits = name
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_digit() || matches!(c, '.' | '%' | '％' | '‰' | ','))
            .last()
            .map(|(i, _)| i);
        if let Some(cut) = digits.filter(|i| *i > 0) {
            let (real, low) = name.split_at(cut);
            let whole = format!("{low}{}", s.after.trim());
            return Some(
                Msg::new(
                    &codes::SYNTAX,
                    format!("{whom}：指标名称“{real}”和目标“{whole}”连在了一起"),
                    s.key_start + cut,
                    0,
                    "这里应空一格",
                )
                .help(format!("名称和目标之间空一格：“{real} {whole}”")),
            );
        }
    }
    // `培训人数` alone.
    if (s.at_line_end() || rest.starts_with('}')) && before == name {
        return Some(
            Msg::new(
                &codes::SYNTAX,
                format!("{whom}：指标“{name}”缺少目标值"),
                s.key_start,
                name.len(),
                "这个指标没有目标值",
            )
            .help(format!(
                "在名称后写目标，如“{name} ≥ 140 人”“{name} = 100%”，或定性指标“{name}: 及时”"
            )),
        );
    }
    // `使用者 满意率 ≥ 95%`, `每月 25 日前: 及时`: a name with a blank.
    let line_start = s.key_start;
    let line_end = s.pos + s.after.len();
    let line = s.text.get(line_start..line_end).unwrap_or("");
    if let Some(cut) = line.find(|c: char| is_cmp_char(c) || matches!(c, ':' | '：')) {
        let full = line.get(..cut).unwrap_or("").trim_end();
        if full.len() > name.len() && full.starts_with(name.as_str()) && s.pos <= line_start + cut {
            return Some(
                Msg::new(
                    &codes::SYNTAX,
                    format!("{whom}：指标名称“{full}”中有空格，要用引号括起来"),
                    line_start,
                    full.len(),
                    "这个名称",
                )
                .help(format!(
                    "写成 \"{full}\"{}，或去掉名称里的空格",
                    line.get(cut..).map_or(String::new(), |t| {
                        let t = t.trim();
                        if t.starts_with([':', '：']) {
                            t.to_string()
                        } else {
                            format!(" {t}")
                        }
                    })
                )),
            );
        }
    }
    // `培训人数 140 人`: a value without a comparator.
    if starts_with_digit(after_name)
        && !after_name.contains(['~', '～'])
        && !before.contains(is_cmp_char)
    {
        return Some(
            Msg::new(
                &codes::SYNTAX,
                format!("{whom}：指标“{name}”的目标值“{after_name}”前缺少比较符"),
                s.key_start + name.len(),
                0,
                "这里应写比较符",
            )
            .help(format!(
                "在数值前写比较符 ≥、>、≤、<、=，如“{name} ≥ {after_name}”；区间写成“90%~95%”"
            )),
        );
    }
    // `90%~` with no upper end.
    if s.at_line_end() && before.ends_with(['~', '～']) {
        return Some(
            Msg::new(
                &codes::SYNTAX,
                format!("{whom}：指标“{name}”的区间“{after_name}”缺少上限"),
                s.pos,
                0,
                "这里应为上限",
            )
            .help("区间写成“下限~上限”，如“90%~95%”"),
        );
    }
    // `名称:` with no word.
    if s.at_line_end() && before.ends_with([':', '：']) {
        return Some(
            Msg::new(
                &codes::SYNTAX,
                format!("{whom}：定性指标“{name}”的冒号后面缺少目标"),
                s.pos,
                0,
                "这里应为目标",
            )
            .help(format!(
                "写成“{name}: 及时”，冒号后写要达到的状态，如 及时、提高、达标"
            )),
        );
    }
    if s.at_stmt_start() && !rest.starts_with('}') {
        return None;
    }
    if before.ends_with(is_cmp_char) && !s.at_stmt_start() {
        let help = if found.contains("百分之") {
            "百分数写成 95%，不写“百分之95”".to_string()
        } else {
            format!("比较符后写数值和单位，如“{name} ≥ 95%”“{name} ≤ 10.04 万元”；定性目标写成“{name}: 及时”")
        };
        let m = if s.at_line_end() {
            format!("{whom}：指标“{name}”的比较符后面缺少目标值")
        } else {
            format!("{whom}：指标“{name}”的比较符后面应为数值，实际写的是“{found}”")
        };
        return Some(Msg::new(&codes::SYNTAX, m, s.pos, found_len, "这里应为数值").help(help));
    }
    if found == "，" || found == "," || found == "、" || found == "；" {
        return Some(
            Msg::new(
                &codes::SYNTAX,
                format!("{whom}：指标“{name}”这一行里多了“{found}”"),
                s.pos,
                found_len,
                "多出的标点",
            )
            .help(format!(
                "目标和属性之间用空格分开，不用标点，如“{name} ≥ 140 人 分值 10”"
            )),
        );
    }
    if !s.at_stmt_start()
        && before.contains(is_cmp_char)
        && s.after
            .contains(|c: char| is_cmp_char(c) || matches!(c, ':' | '：'))
    {
        let second = s.after.trim();
        return Some(
            Msg::new(
                &codes::SYNTAX,
                format!("{whom}：一行只能写一个指标，“{second}”要另起一行"),
                s.pos,
                second.len(),
                "第二个指标",
            )
            .help(format!(
                "把“{second}”移到下一行；若它是“{name}”的一部分，请把名称或目标加上引号"
            )),
        );
    }
    if !s.at_stmt_start() && !s.at_line_end() {
        let attr = ATTR_KEYS.iter().find(|k| found.starts_with(**k)).is_some();
        if !attr && before.contains(is_cmp_char) || before.contains([':', '：']) {
            return Some(
                Msg::new(
                    &codes::SYNTAX,
                    format!("{whom}：指标“{name}”的目标“{}”后面多了“{found}”", after_name),
                    s.pos,
                    found_len,
                    "多出的内容",
                )
                .help("目标后面只能写属性：分值、容差、方向、口径；一行只写一个指标；名称或目标里有空格时要加引号".to_string() + "。\n" + INDICATOR_HELP),
            );
        }
    }
    None
}

/// Errors in the file's skeleton: top level and department blocks.
fn file_level(s: &Scene<'_>, found: &str, found_len: usize) -> Option<Msg> {
    let keys = s.keys();
    let in_dept = keys.first().is_some_and(|k| *k == "部门") && keys.len() == 1;
    let word = found.trim_end_matches('…');
    match s.key.as_str() {
        "年度" if in_dept && !s.at_stmt_start() => {
            return Some(
                Msg::new(
                    &codes::SYNTAX,
                    format!("年度应为四位数字的年份，实际写的是“{found}”"),
                    s.pos,
                    found_len,
                    "这里应为年份",
                )
                .help("写成“年度 2025”"),
            )
        }
        "申报" if in_dept && !s.at_stmt_start() => {
            return Some(
                Msg::new(
                    &codes::SYNTAX,
                    format!("申报行的写法不对：这里写的是“{found}”"),
                    s.pos,
                    found_len,
                    "这里",
                )
                .help("写成“申报 9 个项目，资金 436.30 万元”：项目个数和资金总额与申报表表头一致"),
            )
        }
        "项目" | "部门" if !s.at_stmt_start() && s.stmt.trim() == s.key => {
            let what = s.key.clone();
            let m = if s.at_line_end() {
                format!("{what}缺少名称和内容")
            } else {
                format!("{what}名称的写法不对，这里写的是“{found}”")
            };
            return Some(
                Msg::new(&codes::SYNTAX, m, s.pos, found_len, "这里应为名称")
                    .help(format!(
                        "写成 {what} \"名称\" {{ … }}：名称紧跟在“{what}”后面，带空格或符号的名称加引号"
                    )),
            );
        }
        "引用" if !s.at_stmt_start() => {
            return Some(
                Msg::new(
                    &codes::SYNTAX,
                    format!("引用的文件名要写在引号里，实际写的是“{found}”"),
                    s.pos,
                    found_len,
                    "这里应为带引号的文件名",
                )
                .help("写成 引用 \"项目/网络运维.jx\"，路径相对于当前文件所在目录"),
            )
        }
        _ => {}
    }
    if !s.at_stmt_start() || found.starts_with('}') {
        return None;
    }
    if in_dept {
        let mut m = Msg::new(
            &codes::SYNTAX,
            format!("部门块里不认识“{found}”"),
            s.pos,
            found_len,
            "这里",
        );
        m = if PROJECT_KEYS.contains(&word) || ATTR_KEYS.contains(&word) {
            m.label = "项目的字段写在了部门块里".into();
            m.help(format!(
                "“{word}”是项目里的字段，却写在了部门块里：前面的项目块可能多写了“}}”而提前结束了"
            ))
        } else {
            let list = "部门块里可以写：年度、申报、项目、引用";
            match did_you_mean(word, DEPT_KEYS) {
                Some(d) => m.help(format!("{d}{list}")),
                None => m.help(list),
            }
        };
        return Some(m);
    }
    if keys.is_empty() {
        let list = "文件的顶层可以写：部门 \"名称\" { … }、项目 \"名称\" { … }、引用 \"文件.jx\"";
        let m = Msg::new(
            &codes::SYNTAX,
            format!("文件的顶层不认识“{found}”"),
            s.pos,
            found_len,
            "这里",
        );
        return Some(match did_you_mean(word, TOP_KEYS) {
            Some(d) => m.help(format!("{d}{list}")),
            None if word == "年度" || word == "申报" => m.help(format!(
                "“{word}”要写在部门块里：部门 \"名称\" {{ {word} … }}"
            )),
            None => m.help(list),
        });
    }
    None
}
