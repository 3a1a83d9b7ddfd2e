//! Project blocks (`project_block`) on the fast path.

use super::cursor::Cur;
use super::expr::{cmp, expr};
use crate::source::Node;
use crate::syntax::ast::*;
use crate::vocab::{Block, Direction, FieldValue, FundKey, NarrativeKey, Postfix, ProjectField};

/// Statements of one project body.
pub(super) fn body(c: &mut Cur<'_>) -> Option<Vec<ProjectStmt>> {
    c.block_of(stmt)
}

/// A text field from `start`: its key in the tree, its value read by `read`.
fn field<'a>(
    c: &mut Cur<'a>,
    start: usize,
    key: FieldKey,
    read: impl FnOnce(&mut Cur<'a>) -> Option<Node<StringLit>>,
) -> Option<ProjectStmt> {
    let value = read(c)?;
    Some(ProjectStmt::Field {
        key,
        value,
        span: c.span(start, c.pos),
    })
}

/// `project_stmt`: a known field, else `unknown_stmt`. `Some(None)` for a
/// statement read but left out (a `校验` too long to build).
fn stmt(c: &mut Cur<'_>) -> Option<Option<ProjectStmt>> {
    if let Some(s) = c.attempt(known) {
        return Some(s);
    }
    unknown(c).map(Some)
}

/// The statements that start with a keyword. The keywords share no prefix,
/// so the one the line starts with names the only rule that can match.
fn known(c: &mut Cur<'_>) -> Option<Option<ProjectStmt>> {
    let start = c.pos;
    let (which, len) = ProjectField::read(c.rest())?;
    c.pos += len;
    c.skip();
    // Read by how the value is written: a new field of a known kind needs
    // nothing here.
    let key = FieldKey::of(which);
    Some(Some(match which.value() {
        FieldValue::Word => field(c, start, key?, Cur::word)?,
        FieldValue::Text => field(c, start, key?, Cur::string)?,
        FieldValue::Dates => {
            let a = date(c)?;
            c.skip();
            c.eat_any(&["至", "~", "～"])?;
            c.skip();
            let b = date(c)?;
            ProjectStmt::Period {
                start: a,
                end: b,
                span: c.span(start, c.pos),
            }
        }
        FieldValue::Block(Block::Funds) => ProjectStmt::Funds {
            lines: c.block(fund_line)?,
            span: c.span(start, c.pos),
        },
        FieldValue::Block(Block::Narrative) => ProjectStmt::Narrative {
            lines: c.block(narrative_line)?,
            span: c.span(start, c.pos),
        },
        FieldValue::Block(Block::Indicators) => ProjectStmt::Indicators {
            groups: c.block(level1)?,
            span: c.span(start, c.pos),
        },
        FieldValue::Expr => {
            let from = c.pos;
            let Some(expr) = expr(c)? else {
                return Some(None);
            };
            ProjectStmt::Check {
                expr,
                text: c.slice(from, c.pos)?.trim().to_string(),
                span: c.span(start, c.pos),
            }
        }
        FieldValue::Allow => {
            let s = c.pos;
            let len = c
                .rest()
                .char_indices()
                .find(|(_, ch)| allow_stop(*ch))
                .map_or(c.rest().len(), |(i, _)| i);
            if len == 0 {
                return None;
            }
            let code = Node::new(c.slice(s, s + len)?.to_string(), c.span(s, s + len));
            c.pos = s + len;
            c.skip();
            let reason = c.attempt(Cur::string);
            ProjectStmt::Allow {
                code,
                reason,
                span: c.span(start, c.pos),
            }
        }
    }))
}

/// `unknown_stmt = { !known_key ~ bare_name ~ (string | !(sep | "}" | "{")
/// ~ ANY)* ~ raw_block? }`: the line, strings and a block after it taken
/// whole (strings not decoded), for lowering to name the unknown field.
fn unknown(c: &mut Cur<'_>) -> Option<ProjectStmt> {
    let start = c.pos;
    if crate::syntax::PROJECT_KEYS
        .iter()
        .any(|k| c.keyword_ahead(k))
    {
        return None;
    }
    let key = c.bare_name()?;
    loop {
        c.skip();
        if let Some((end, _)) = c.string_end() {
            c.pos = end;
            continue;
        }
        match c.peek() {
            Some(ch) if !matches!(ch, '\n' | '\r' | ';' | '；' | '}' | '{') => {
                c.pos += ch.len_utf8();
            }
            _ => break,
        }
    }
    c.attempt(|c| super::skeleton::raw_block(c, true));
    Some(ProjectStmt::Unknown {
        key,
        span: c.span(start, c.pos),
    })
}

/// What ends an `allow_code`: `WHITESPACE`, `NEWLINE` (together Rust's white
/// space and U+FEFF), quotes, comment signs, braces and separators.
fn allow_stop(ch: char) -> bool {
    ch.is_whitespace() || matches!(ch, '\u{FEFF}' | '"' | '#' | '＃' | '{' | '}' | ';' | '；')
}

/// `date`: `YYYY-M-D` with `-` or `/`.
fn date(c: &mut Cur<'_>) -> Option<Node<String>> {
    let start = c.pos;
    let b = c.rest().as_bytes();
    let digits = |from: usize, max: usize| {
        b.get(from..).map_or(0, |r| {
            r.iter()
                .take(max)
                .take_while(|x| x.is_ascii_digit())
                .count()
        })
    };
    if digits(0, 4) != 4 {
        return None;
    }
    let mut i = 4;
    for _ in 0..2 {
        if !matches!(b.get(i), Some(b'-' | b'/')) {
            return None;
        }
        let n = digits(i + 1, 2);
        if n == 0 {
            return None;
        }
        i += 1 + n;
    }
    c.pos = start + i;
    Some(Node::new(
        c.slice(start, c.pos)?.to_string(),
        c.span(start, c.pos),
    ))
}

fn fund_line(c: &mut Cur<'_>) -> Option<FundLine> {
    let start = c.pos;
    let (fund, len) = FundKey::read(c.rest())?;
    c.pos += len;
    let key = Node::new(fund, c.span(start, c.pos));
    c.skip();
    let value = c.quantity()?;
    Some(FundLine {
        key,
        value,
        span: c.span(start, c.pos),
    })
}

fn narrative_line(c: &mut Cur<'_>) -> Option<NarrativeLine> {
    let start = c.pos;
    // `narrative_key`: the form's sections, none a prefix of another.
    let (section, len) = NarrativeKey::read(c.rest())?;
    c.pos += len;
    let key = Node::new(section, c.span(start, c.pos));
    c.skip();
    let value = c.string()?;
    Some(NarrativeLine {
        key,
        value,
        span: c.span(start, c.pos),
    })
}

fn level1(c: &mut Cur<'_>) -> Option<Group> {
    group(c, |c| c.block(level2).map(GroupChildren::Groups))
}

fn level2(c: &mut Cur<'_>) -> Option<Group> {
    group(c, |c| c.block(indicator).map(GroupChildren::Indicators))
}

/// `name ~ points? ~ "{" … "}"`: a group of either level, with the points
/// the form prints for it.
fn group(
    c: &mut Cur<'_>,
    children: impl FnOnce(&mut Cur<'_>) -> Option<GroupChildren>,
) -> Option<Group> {
    let start = c.pos;
    let name = c.name()?;
    c.skip();
    let points = c.attempt(points);
    if points.is_some() {
        c.skip();
    }
    let children = children(c)?;
    Some(Group {
        name,
        points,
        children,
        span: c.span(start, c.pos),
    })
}

/// `points = { "分值" ~ number }`: the number, spanning the keyword too.
fn points(c: &mut Cur<'_>) -> Option<Node<NumberLit>> {
    let start = c.pos;
    if !c.eat(crate::vocab::Printed::Points.word()) {
        return None;
    }
    c.skip();
    let n = c.number()?;
    Some(Node::new(n.node, c.span(start, c.pos)))
}

/// `indicator = { !attr ~ name ~ target ~ attr* ~ attr_block? }`: its span
/// takes the white space (and comments) after the last attribute. A line
/// that is an attribute (`分值 10` below its indicator) is none.
fn indicator(c: &mut Cur<'_>) -> Option<Indicator> {
    let start = c.pos;
    let m = c.mark();
    let is_attr = matches!(attr(c), Some(Some(_)));
    c.reset(m);
    if is_attr {
        return None;
    }
    let name = c.name()?;
    c.skip();
    let target = target(c)?;
    c.skip();
    let mut attrs = Vec::new();
    while let Some(a) = attr(c) {
        attrs.push(a?);
        c.skip();
    }
    let attr_block = c.byte() == Some(b'{');
    if attr_block {
        for a in c.block(|c| attr(c)?)? {
            attrs.push(a);
        }
    }
    Some(Indicator {
        name,
        target,
        attrs,
        attr_block,
        span: c.span(start, c.pos),
    })
}

/// `target = qualitative | plus_minus | range | comparison |
/// postfix_comparison | bare_target`.
fn target(c: &mut Cur<'_>) -> Option<Node<TargetLit>> {
    let start = c.pos;
    if c.eat_any(&[":", "："]).is_some() {
        c.skip();
        let word = c.name()?;
        return Some(Node::new(
            TargetLit::Qualitative { word },
            c.span(start, c.pos),
        ));
    }
    if c.eat("±") {
        // `"±" ~ !sign ~ quantity ~ "以内"?`
        c.skip();
        if c.rest().starts_with(['-', '−', '－', '+']) {
            return None;
        }
        let value = c.quantity()?;
        let end = c.mark();
        c.skip();
        if !c.eat("以内") {
            c.reset(end);
        }
        return Some(Node::new(
            TargetLit::PlusMinus { value },
            c.span(start, c.pos),
        ));
    }
    if let Some(low) = c.quantity() {
        // A number starts a range, a value with its comparator after it,
        // or a value alone; `comparison` starts with `cmp`.
        let after = c.mark();
        c.skip();
        if c.eat_any(&RANGE_SEPARATORS).is_some() {
            c.skip();
            if let Some(high) = c.quantity() {
                return Some(Node::new(
                    TargetLit::Range { low, high },
                    c.span(start, c.pos),
                ));
            }
        }
        c.reset(after);
        c.skip();
        if let Some((postfix, len)) = Postfix::read(c.rest()) {
            let at = c.pos;
            c.pos += len;
            let comparator = Node::new(postfix.comparator(), c.span(at, c.pos));
            return Some(Node::new(
                TargetLit::Compare {
                    comparator,
                    value: low,
                },
                c.span(start, c.pos),
            ));
        }
        c.reset(after);
        return Some(Node::new(
            TargetLit::Bare { value: low },
            c.span(start, c.pos),
        ));
    }
    let comparator = Node::new(cmp(c)?, c.span(start, c.pos));
    c.skip();
    let value = c.quantity()?;
    Some(Node::new(
        TargetLit::Compare { comparator, value },
        c.span(start, c.pos),
    ))
}

/// What separates the ends of a `range`.
const RANGE_SEPARATORS: [&str; 5] = ["~", "～", "至", "-", "－"];

#[derive(Clone, Copy)]
enum AttrKey {
    Points,
    Tolerance,
    Direction,
    Caliber,
    Midterm,
}

/// `attr = points | tolerance | direction | caliber | midterm`, by their
/// keywords.
const ATTRS: [(&str, AttrKey); 5] = [
    ("分值", AttrKey::Points),
    ("容差", AttrKey::Tolerance),
    ("方向", AttrKey::Direction),
    ("口径", AttrKey::Caliber),
    ("中期", AttrKey::Midterm),
];

/// `attr`: `None` when no attribute keyword starts here, `Some(None)` when
/// one does but the fast path cannot read it.
fn attr(c: &mut Cur<'_>) -> Option<Option<Node<Attr>>> {
    let start = c.pos;
    let which = c.eat_word(&ATTRS)?;
    c.skip();
    let attr = match which {
        AttrKey::Points => c.number().map(Attr::Points),
        AttrKey::Tolerance => c.quantity().map(Attr::Tolerance),
        AttrKey::Direction => Direction::read(c.rest()).map(|(d, len)| {
            c.pos += len;
            Attr::Direction(d)
        }),
        AttrKey::Caliber => c.string().map(Attr::Caliber),
        AttrKey::Midterm => target(c).map(Attr::Midterm),
    };
    Some(attr.map(|a| Node::new(a, c.span(start, c.pos))))
}
