//! Hidden characters in names (JX-M015–M017, issue 15): what a paste from
//! Word or a web page brings along — control characters (U+001E, U+0007),
//! bidirectional overrides (U+202E), zero-width spaces (U+200B), a byte
//! order mark inside the text. They cannot be seen, yet they make a name
//! differ from the one the 自评 writes, and a control character cannot be
//! written into a workbook's XML. [`kind`] is also what the reports use to
//! write such names harmlessly (`report::html`, `report::xlsx::style`).

use crate::diagnostic::{codes, Diagnostic};
use crate::model::{Department, Project};
use crate::source::Span;
use rustc_hash::FxHashSet;

pub use crate::hidden::{kind, Hidden};

/// True when `name` may hold a hidden character: most names are printable
/// ASCII and CJK ideographs (lead bytes E4–E9), which cannot.
fn may_hide(name: &str) -> bool {
    !name
        .bytes()
        .all(|b| matches!(b, 0x20..=0x7E | 0x80..=0xBF | 0xE4..=0xE9))
}

pub use crate::hidden::shown;

/// The findings about a department's name.
pub(super) fn check_department(d: &Department, out: &mut Vec<Diagnostic>) {
    if let Some(name) = &d.name {
        name_findings("部门名称", name, d.name_span, out);
    }
}

/// The findings about a project's name, its indicators' names and the
/// names of its groups (each group once).
pub(super) fn check_project(p: &Project, out: &mut Vec<Diagnostic>) {
    name_findings("项目名称", &p.name, p.name_span, out);
    let mut groups = FxHashSet::default();
    for i in &p.indicators {
        for (what, name, span) in [
            ("一级指标名称", &i.level1, i.level1_span),
            ("二级指标名称", &i.level2, i.level2_span),
        ] {
            if groups.insert((span.file, span.start)) {
                name_findings(what, name, span, out);
            }
        }
        name_findings("指标名称", &i.name, i.name_span, out);
    }
}

/// One finding per kind of hidden character in `name`, at the first one.
fn name_findings(what: &str, name: &str, span: Span, out: &mut Vec<Diagnostic>) {
    if !may_hide(name) {
        return;
    }
    for wanted in [Hidden::Control, Hidden::Bidi, Hidden::Invisible] {
        let mut found = name
            .char_indices()
            .enumerate()
            .filter(|(_, (_, c))| kind(*c) == Some(wanted));
        let Some((column, (byte, c))) = found.next() else {
            continue;
        };
        let more = found.count();
        out.push(finding(
            wanted,
            what,
            name,
            (column + 1, byte, c, more),
            span,
        ));
    }
}

/// The diagnostic for the hidden character `c`, the `column`-th character
/// of `name` at `byte`, with `more` of its kind after it.
fn finding(
    wanted: Hidden,
    what: &str,
    name: &str,
    (column, byte, c, more): (usize, usize, char, usize),
    span: Span,
) -> Diagnostic {
    let (code, described, why) = match wanted {
        Hidden::Control => (
            &codes::NAME_CONTROL_CHAR,
            "控制字符",
            "控制字符看不见，多是从 Word 或网页粘贴带来的；它让名称与自评中的对不上，也不能写进 Excel 工作簿",
        ),
        Hidden::Bidi => (
            &codes::NAME_BIDI_CHAR,
            "双向控制字符",
            "双向控制字符让名称显示出来的顺序与实际保存的不同，审核时看到的不是真正的名称",
        ),
        Hidden::Invisible => (
            &codes::NAME_INVISIBLE_CHAR,
            "看不见的字符",
            "零宽空格、字节顺序标记这类字符看不见，却让两个看起来相同的名称对不上",
        ),
    };
    let also = if more > 0 {
        format!("（之后还有 {more} 个）")
    } else {
        String::new()
    };
    Diagnostic::new(
        code,
        format!(
            "{what}“{}”的第 {column} 个字符是{described} U+{:04X}{also}",
            shown(name),
            c as u32
        ),
    )
    .label(at_char(span, name, byte, c), format!("U+{:04X}", c as u32))
    .help(format!(
        "{why}。请删除它：在编辑器中删去名称的第 {column} 个字符，或不经复制、重新输入这个名称"
    ))
}

/// The span of the character at `byte` of `name`, when the name is written
/// without escapes (its span is the name, or the name in quotes); else the
/// whole name.
fn at_char(span: Span, name: &str, byte: usize, c: char) -> Span {
    let written = span.end.saturating_sub(span.start) as usize;
    let offset = if written == name.len() {
        0
    } else if written == name.len().saturating_add(2) {
        1
    } else {
        return span;
    };
    let start = u32::try_from(byte.saturating_add(offset))
        .ok()
        .and_then(|b| span.start.checked_add(b));
    let end = start.and_then(|s| s.checked_add(c.len_utf8() as u32));
    match (start, end) {
        (Some(start), Some(end)) if end <= span.end => Span {
            file: span.file,
            start,
            end,
        },
        _ => span,
    }
}
