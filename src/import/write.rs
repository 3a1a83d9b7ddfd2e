//! Draft → jixiao text in the canonical layout (2-space indent, `≥ ≤ =`,
//! thousands separators, `"""` blocks for long narrative). The importer
//! then passes the text through `jixiao fmt` (see `canonical` in the parent
//! module), which settles alignment.

use super::draft::{Draft, DraftAttributes, DraftIndicator, DraftProject, DraftTarget, Entry};
use crate::model::group_thousands;
use crate::vocab::ProjectField;
use rust_decimal::Decimal;
use std::fmt::Write as _;
use unicode_width::UnicodeWidthStr;

/// Narrative longer than this (display columns) goes into a `"""` block.
const LONG_TEXT: usize = 60;

/// Write a draft as jixiao source text. Each target is written after its
/// name: ` ≥ 95%`, `: 及时`.
pub fn write(draft: &Draft) -> String {
    let mut out = String::new();
    comments(&mut out, 0, &draft.comments);
    let name = draft.name.as_deref().unwrap_or("（部门名称未知）");
    let _ = writeln!(out, "部门 {} {{", quote(name));
    if let Some(year) = draft.year {
        let _ = writeln!(out, "  年度 {year}");
    }
    if let Some(claim) = &draft.claim {
        let _ = writeln!(
            out,
            "  申报 {} 个项目，资金 {} {}",
            claim.count.normalize(),
            group_thousands(claim.amount),
            claim.unit
        );
    }
    let mut first = draft.year.is_none() && draft.claim.is_none();
    for project in &draft.projects {
        if !first {
            out.push('\n');
        }
        first = false;
        write_project(&mut out, project);
    }
    if !draft.trailing.is_empty() {
        out.push('\n');
        comments(&mut out, 2, &draft.trailing);
    }
    out.push_str("}\n");
    out.push_str(&super::write_selfeval::write_selfeval(draft));
    out
}

fn write_project(out: &mut String, p: &DraftProject) {
    comments(out, 2, &p.comments);
    let _ = writeln!(out, "  项目 {} {{", quote(&p.name));
    for field in &p.fields {
        entry(out, 4, field, |out, (key, value)| {
            let quoted = ProjectField::from_word(key)
                .is_some_and(|f| matches!(f, ProjectField::Competent | ProjectField::Implementer));
            let value = if quoted { quote(value) } else { word(value) };
            let _ = writeln!(out, "    {key} {value}");
        });
    }
    entry(out, 4, &p.period, |out, (start, end)| {
        let _ = writeln!(out, "    {} {start} 至 {end}", ProjectField::Period);
    });
    if !p.funds.is_empty() {
        out.push('\n');
        if p.funds.iter().any(|f| f.value.is_some()) {
            let _ = writeln!(out, "    {} {{", ProjectField::Funds);
            for fund in &p.funds {
                entry(out, 6, fund, |out, (key, value)| {
                    let _ = writeln!(
                        out,
                        "      {key} {} {}",
                        group_thousands(*value),
                        p.funds_unit_or_default()
                    );
                });
            }
            out.push_str("    }\n");
        } else {
            for fund in &p.funds {
                comments(out, 4, &fund.comments);
            }
        }
    }
    let goals = [
        (ProjectField::OverallGoal, &p.overall_goal),
        (ProjectField::AnnualGoal, &p.annual_goal),
    ];
    if goals
        .iter()
        .any(|(_, g)| g.value.is_some() || !g.comments.is_empty())
    {
        out.push('\n');
        for (key, goal) in goals {
            entry(out, 4, goal, |out, text| {
                let _ = writeln!(out, "    {key} {}", quote(text));
            });
        }
    }
    if !p.narrative.is_empty() {
        out.push('\n');
        if p.narrative.iter().any(|n| n.value.is_some()) {
            let _ = writeln!(out, "    {} {{", ProjectField::Narrative);
            for item in &p.narrative {
                entry(out, 6, item, |out, (key, text)| narrative(out, key, text));
            }
            out.push_str("    }\n");
        } else {
            for item in &p.narrative {
                comments(out, 4, &item.comments);
            }
        }
    }
    if p.indicators.iter().any(|i| i.value.is_some()) {
        out.push('\n');
        write_indicators(out, &p.indicators, &p.group_points);
        comments(out, 4, &p.indicator_comments);
    } else {
        if !p.indicator_comments.is_empty() || p.indicators.iter().any(|i| !i.comments.is_empty()) {
            out.push('\n');
        }
        for i in &p.indicators {
            comments(out, 4, &i.comments);
        }
        comments(out, 4, &p.indicator_comments);
    }
    if !p.checks.is_empty() || !p.allows.is_empty() {
        out.push('\n');
    }
    for check in &p.checks {
        entry(out, 4, check, |out, text| {
            let _ = writeln!(out, "    {} {text}", ProjectField::Check);
        });
    }
    for allow in &p.allows {
        entry(out, 4, allow, |out, (code, reason)| match reason {
            Some(r) => {
                let _ = writeln!(out, "    {} {code} {}", ProjectField::Allow, quote(r));
            }
            None => {
                let _ = writeln!(out, "    {} {code}", ProjectField::Allow);
            }
        });
    }
    out.push_str("  }\n");
}

impl DraftProject {
    fn funds_unit_or_default(&self) -> &str {
        if self.funds_unit.is_empty() {
            "元"
        } else {
            &self.funds_unit
        }
    }
}

/// The 指标 block: groups open and close as the levels change, so the
/// indicators keep the order of the source.
fn write_indicators(
    out: &mut String,
    indicators: &[Entry<DraftIndicator>],
    group_points: &[(String, Decimal)],
) {
    // `产出指标 分值 50 {`: the group's printed weight, when the form has one.
    let level1 = |name: &str| match group_points.iter().find(|(g, _)| g == name) {
        Some((_, p)) => format!("{} 分值 {p}", word(name)),
        None => word(name),
    };
    let _ = writeln!(out, "    {} {{", ProjectField::Indicators);
    let mut open: Option<(&str, &str)> = None;
    let mut pending: Vec<&String> = Vec::new();
    for item in indicators {
        let Some(ind) = &item.value else {
            pending.extend(item.comments.iter());
            continue;
        };
        match open {
            Some((l1, l2)) if l1 == ind.level1 && l2 == ind.level2 => {}
            Some((l1, _)) if l1 == ind.level1 => {
                out.push_str("        }\n");
                let _ = writeln!(out, "        {} {{", word(&ind.level2));
            }
            Some(_) => {
                out.push_str("        }\n      }\n");
                let _ = writeln!(out, "      {} {{", level1(&ind.level1));
                let _ = writeln!(out, "        {} {{", word(&ind.level2));
            }
            None => {
                let _ = writeln!(out, "      {} {{", level1(&ind.level1));
                let _ = writeln!(out, "        {} {{", word(&ind.level2));
            }
        }
        open = Some((&ind.level1, &ind.level2));
        for c in pending.drain(..).chain(item.comments.iter()) {
            comment_line(out, 10, c);
        }
        let _ = writeln!(
            out,
            "          {}{}{}",
            word(&ind.name),
            target(&ind.target),
            attributes(&ind.attributes)
        );
    }
    if open.is_some() {
        out.push_str("        }\n      }\n");
    }
    for c in pending {
        comment_line(out, 6, c);
    }
    // A printed group weight with no indicator read under it (the form was
    // cut off): kept as a comment, not dropped.
    for (group, points) in group_points {
        let has = indicators
            .iter()
            .filter_map(|i| i.value.as_ref())
            .any(|i| &i.level1 == group);
        if !has {
            comment_line(
                out,
                6,
                &format!("原表“{group}”印分值 {points}，但这一组没有读到指标"),
            );
        }
    }
    out.push_str("    }\n");
}

pub(crate) fn target(t: &DraftTarget) -> String {
    match t {
        DraftTarget::Compare {
            comparator,
            value,
            unit,
        } => format!(" {} {}", comparator.symbol(), quantity(*value, unit)),
        DraftTarget::Range { low, high, unit } => {
            format!(" {}~{}", quantity(*low, unit), quantity(*high, unit))
        }
        DraftTarget::Qualitative(w) => format!(": {}", word(w)),
        DraftTarget::Bare { value, unit } => format!(" {}", quantity(*value, unit)),
    }
}

/// ` 中期 ≥ 90% 分值 10 容差 0.5% 方向 反向 口径 "…"`, those given.
fn attributes(a: &DraftAttributes) -> String {
    let mut s = String::new();
    if let Some(m) = &a.midterm {
        let _ = write!(s, " 中期{}", target(m));
    }
    if let Some(p) = a.points {
        let _ = write!(s, " 分值 {}", p.normalize());
    }
    if let Some((v, unit)) = &a.tolerance {
        let _ = write!(s, " 容差 {}", quantity(*v, unit));
    }
    if let Some(d) = &a.direction {
        let _ = write!(s, " 方向 {d}");
    }
    if let Some(c) = &a.caliber {
        let _ = write!(s, " 口径 {}", quote(c));
    }
    s
}

fn quantity(value: Decimal, unit: &str) -> String {
    let n = group_thousands(value.normalize());
    if unit.is_empty() {
        n
    } else if matches!(unit, "%" | "‰" | "万" | "亿") {
        // `45万` is the number 450,000 in the language; `45 万` would be a unit 万.
        format!("{n}{unit}")
    } else {
        format!("{n} {unit}")
    }
}

fn narrative(out: &mut String, key: &str, text: &str) {
    let long = text.contains('\n') || text.width() > LONG_TEXT;
    if long && !text.contains("\"\"\"") {
        let _ = writeln!(out, "      {key} \"\"\"");
        for line in text.split('\n') {
            if line.is_empty() {
                out.push('\n');
            } else {
                let _ = writeln!(out, "        {line}");
            }
        }
        out.push_str("        \"\"\"\n");
    } else {
        let _ = writeln!(out, "      {key} {}", quote(text));
    }
}

fn entry<T>(out: &mut String, indent: usize, e: &Entry<T>, f: impl FnOnce(&mut String, &T)) {
    comments(out, indent, &e.comments);
    if let Some(v) = &e.value {
        f(out, v);
    }
}

/// `#` lines for each comment, at `indent`.
pub(crate) fn comments(out: &mut String, indent: usize, lines: &[String]) {
    for c in lines {
        comment_line(out, indent, c);
    }
}

fn comment_line(out: &mut String, indent: usize, text: &str) {
    for line in text.split('\n') {
        let _ = writeln!(out, "{:indent$}# {}", "", line.trim_end());
    }
}

/// A `"…"` literal.
pub fn quote(s: &str) -> String {
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    for c in s.chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            '\n' => q.push_str("\\n"),
            '\t' => q.push_str("\\t"),
            c => q.push(c),
        }
    }
    q.push('"');
    q
}

/// A name or word: bare when the grammar reads it back whole, else quoted.
pub fn word(s: &str) -> String {
    const STOPS: &str = "\"#＃{};；:：~～≥≤≧≦><=＞＜＝\\";
    let bare = !s.is_empty()
        && !s.chars().any(|c| c.is_whitespace() || STOPS.contains(c))
        && !matches!(
            s,
            "分值" | "容差" | "方向" | "口径" | "至" | "则" | "否则" | "且" | "或" | "若"
        );
    if bare {
        s.to_string()
    } else {
        quote(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_quotes() {
        assert_eq!(word("及时"), "及时");
        assert_eq!(word("每月 25 日前"), "\"每月 25 日前\"");
        assert_eq!(quote("a\"b"), "\"a\\\"b\"");
        assert_eq!(quantity(Decimal::new(240000, 2), "元/人"), "2,400 元/人");
        assert_eq!(quantity(Decimal::new(9500, 2), "%"), "95%");
    }
}
