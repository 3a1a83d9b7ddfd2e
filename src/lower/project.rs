//! Lowering one project.

use super::Lowerer;
use crate::diagnostic::{codes, Diagnostic, Edit};
use crate::model::{
    Allow, Amount, Check, Date, GroupWeight, Indicator, Period, Project, Quantity, Target,
};
use crate::source::{Node, Span};
use crate::syntax::ast::{
    self, Attr, GroupChildren, Magnitude, ProjectStmt, QuantityLit, TargetLit,
};
use rustc_hash::FxHashMap;

use crate::syntax::PROJECT_KEYS;
use crate::vocab::{Block, FieldValue, FundKey, NarrativeKey, ProjectField};

/// Common words from the paper form, mapped to the field that replaces them
/// (项目名称 is handled before: it is no field).
fn form_label(word: &str) -> Option<ProjectField> {
    let narrative = |w: &str| {
        NarrativeKey::from_word(w)
            .is_some_and(|k| matches!(k, NarrativeKey::Basis | NarrativeKey::Plan))
    };
    Some(match word {
        "项目性质" => ProjectField::Nature,
        "项目类别" => ProjectField::Category,
        "计划开始日期" | "计划完成日期" | "实施期限" => ProjectField::Period,
        "项目资金" => ProjectField::Funds,
        w if w == FundKey::Total.full() => ProjectField::Funds,
        "项目总目标" => ProjectField::OverallGoal,
        "年度总体目标" | "年度绩效目标" => ProjectField::AnnualGoal,
        "绩效指标" => ProjectField::Indicators,
        "项目概述" => ProjectField::Narrative,
        w if narrative(w) => ProjectField::Narrative,
        _ => return None,
    })
}

/// How a form's word is written here: the keyword, or the block it opens.
fn written_as(field: ProjectField) -> String {
    match field.value() {
        FieldValue::Block(Block::Funds) => format!("{field} {{ {} … }}", FundKey::Total),
        FieldValue::Block(Block::Narrative) => format!("{field} {{ … }}"),
        FieldValue::Block(Block::Indicators)
        | FieldValue::Word
        | FieldValue::Text
        | FieldValue::Dates
        | FieldValue::Expr
        | FieldValue::Allow => field.word().to_string(),
    }
}

/// `body`: the project's statements, from its tree or parsed just now
/// (`None`: the block could not be read).
pub(super) fn lower_project(
    l: &mut Lowerer<'_>,
    p: &ast::Project,
    body: Option<&[ProjectStmt]>,
) -> Option<Project> {
    let body = body?;
    let mut project = Project {
        name: p.name.node.clone(),
        name_span: p.name.span,
        span: p.span,
        ..Project::default()
    };
    let whom = format!("项目“{}”的", p.name.node);
    let mut seen: FxHashMap<ProjectField, Span> = FxHashMap::default();
    let mut once = |l: &mut Lowerer<'_>, key: ProjectField, span: Span| {
        if let Some(first) = seen.get(&key) {
            l.duplicate(&whom, key.word(), *first, span);
        } else {
            seen.insert(key, span);
        }
    };
    for stmt in body {
        match stmt {
            ProjectStmt::Field { key, value, span } => {
                once(l, key.field(), *span);
                if let Some(slot) = project.text_mut(key.field()) {
                    *slot = Some(value.node.value.clone());
                }
            }
            ProjectStmt::Period { start, end, span } => {
                once(l, ProjectField::Period, *span);
                if let (Some(s), Some(e)) = (date(l, start), date(l, end)) {
                    project.period = Some(Period {
                        start: s,
                        end: e,
                        span: *span,
                    });
                }
            }
            ProjectStmt::Funds { lines, span } => {
                once(l, ProjectField::Funds, *span);
                project.funds.span = *span;
                let mut fund_seen: FxHashMap<FundKey, Span> = FxHashMap::default();
                for line in lines {
                    if let Some(first) = fund_seen.insert(line.key.node, line.key.span) {
                        l.duplicate(
                            &format!("项目“{}”的资金块里", p.name.node),
                            line.key.node.word(),
                            first,
                            line.key.span,
                        );
                    }
                    let quantity = l.quantity(&line.value);
                    *project.funds.field_mut(line.key.node) = Some(Amount {
                        quantity,
                        span: line.value.span,
                    });
                }
            }
            ProjectStmt::Narrative { lines, span } => {
                once(l, ProjectField::Narrative, *span);
                let mut narr_seen: FxHashMap<NarrativeKey, Span> = FxHashMap::default();
                for line in lines {
                    if let Some(first) = narr_seen.insert(line.key.node, line.key.span) {
                        l.duplicate(
                            &format!("项目“{}”的说明块里", p.name.node),
                            line.key.node.word(),
                            first,
                            line.key.span,
                        );
                    }
                    *project.narrative.field_mut(line.key.node) =
                        Some(line.value.node.value.clone());
                }
            }
            ProjectStmt::Indicators { groups, span } => {
                once(l, ProjectField::Indicators, *span);
                indicators(l, groups, &mut project.indicators);
                group_points(l, groups, &mut project.group_points);
            }
            ProjectStmt::Check { expr, text, span } => project.checks.push(Check {
                expr: expr.lowered(),
                text: text.clone(),
                span: *span,
            }),
            ProjectStmt::Allow { code, reason, span } => project.allows.push(Allow {
                code: code.node.clone(),
                reason: reason.as_ref().map(|r| r.node.value.clone()),
                span: *span,
                code_span: code.span,
            }),
            ProjectStmt::Unknown { key, span } => unknown(l, &p.name.node, key, *span),
        }
    }
    // A model of 100k projects is kept whole: no room to grow (issue 8).
    project.indicators.shrink_to_fit();
    project.checks.shrink_to_fit();
    Some(project)
}

fn unknown(l: &mut Lowerer<'_>, project: &str, key: &Node<String>, span: Span) {
    let fields = format!("项目里可以写的字段：{}", PROJECT_KEYS.join("、"));
    let mut d = Diagnostic::new(
        &codes::UNKNOWN_FIELD,
        format!("项目“{project}”中没有“{}”这个字段", key.node),
    )
    .label(key.span, "不认识的字段");
    // What was written after the key, for the advice.
    let value = l
        .loaded
        .sources
        .get(span.file)
        .and_then(|f| f.text.get(key.span.end as usize..span.end as usize))
        .map(|v| v.trim().to_string())
        .unwrap_or_default();
    let unquoted = value.trim_matches('"');
    if matches!(key.node.as_str(), "项目名称" | "名称") {
        d = d.help(if unquoted == project || value.is_empty() {
            format!("项目名称已经写在“项目”后面（项目 \"{project}\" {{），删去这一行即可")
        } else {
            format!(
                "项目名称只写在“项目”后面；这里写的“{unquoted}”与块上的“{project}”不同，请确认后写成 项目 \"{unquoted}\" {{ … }}，并删去这一行"
            )
        });
    } else if let Some(field) = form_label(&key.node) {
        let hint = written_as(field);
        let simple = hint == field.word() && !value.is_empty();
        d = if simple {
            d.help(format!(
                "申报表上的“{}”在这里写作“{hint}”：{hint} {value}",
                key.node
            ))
            .fix(
                format!("改为“{hint}”"),
                vec![Edit {
                    span: key.span,
                    text: hint.into(),
                }],
            )
        } else {
            d.help(format!("申报表上的“{}”在这里写作：{hint}", key.node))
        };
    } else if let Some(near) = crate::suggest::nearest(&key.node, PROJECT_KEYS) {
        d = d.help(format!("是不是想写“{near}”？{fields}")).fix(
            format!("改为“{near}”"),
            vec![Edit {
                span: key.span,
                text: near.into(),
            }],
        );
    } else {
        d = d.help(fields);
    }
    l.diagnostics.push(d);
}

fn date(l: &mut Lowerer<'_>, text: &Node<String>) -> Option<Date> {
    let d = Date::parse(&text.node);
    if d.is_none() {
        l.diagnostics.push(
            Diagnostic::new(
                &codes::BAD_DATE,
                format!("日期“{}”不存在：{}", text.node, why_no_date(&text.node)),
            )
            .label(text.span, "这个日期")
            .help("日期写成 年-月-日，月份 1–12，日不超过当月天数，如 2025-12-31"),
        );
    }
    d
}

/// Why a well-formed `年-月-日` is not a date, in words.
fn why_no_date(text: &str) -> String {
    let mut parts = text.split(['-', '/']).map(|p| p.parse::<u32>().ok());
    let (Some(Some(y)), Some(Some(m)), Some(Some(d))) = (parts.next(), parts.next(), parts.next())
    else {
        return "应为 年-月-日".into();
    };
    if !(1..=12).contains(&m) {
        return format!("一年只有 12 个月，没有 {m} 月");
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if d == 0 {
        return "日应从 1 开始".into();
    }
    format!("{y} 年 {m} 月只有 {days} 天，没有 {d} 日")
}

fn indicators(l: &mut Lowerer<'_>, groups: &[ast::Group], out: &mut Vec<Indicator>) {
    let mut seen1: FxHashMap<String, Span> = FxHashMap::default();
    for g1 in groups {
        group_once(l, &mut seen1, &g1.name);
        let GroupChildren::Groups(subs) = &g1.children else {
            continue;
        };
        let mut seen2: FxHashMap<String, Span> = FxHashMap::default();
        for g2 in subs {
            group_once(l, &mut seen2, &g2.name);
            let GroupChildren::Indicators(items) = &g2.children else {
                continue;
            };
            for i in items {
                out.push(indicator(l, g1, g2, i));
            }
        }
    }
}

/// The 分值 written on first- and second-level groups (`产出指标 分值 70`).
fn group_points(l: &mut Lowerer<'_>, groups: &[ast::Group], out: &mut Vec<GroupWeight>) {
    let mut weight = |l: &mut Lowerer<'_>, g: &ast::Group, level1: &str, level2: Option<&str>| {
        let Some(n) = &g.points else { return };
        let Some(points) = l.number(n) else { return };
        out.push(GroupWeight {
            level1: level1.to_string(),
            level2: level2.map(str::to_string),
            points,
            span: n.span,
        });
    };
    for g1 in groups {
        weight(l, g1, &g1.name.node, None);
        let GroupChildren::Groups(subs) = &g1.children else {
            continue;
        };
        for g2 in subs {
            weight(l, g2, &g1.name.node, Some(&g2.name.node));
        }
    }
}

/// JX-M008 when a group's name was seen before, by the one rule for names
/// (`name_key`: `产出指标` and `产出 指标` are one group).
fn group_once(l: &mut Lowerer<'_>, seen: &mut FxHashMap<String, Span>, name: &Node<String>) {
    if let Some(first) = seen.insert(crate::model::name_key(&name.node), name.span) {
        l.diagnostics.push(
            Diagnostic::new(
                &codes::DUPLICATE_GROUP,
                format!("指标分组“{}”出现了两次", name.node),
            )
            .label(name.span, "第二次")
            .label(first, "第一次")
            .help("把两处的指标合并到同一个分组里"),
        );
    }
}

fn indicator(
    l: &mut Lowerer<'_>,
    g1: &ast::Group,
    g2: &ast::Group,
    i: &ast::Indicator,
) -> Indicator {
    let groups = (g1.name.node.as_str(), g2.name.node.as_str());
    let annual = target(l, groups, &i.target.node);
    let mut ind = Indicator {
        level1: g1.name.node.clone(),
        level2: g2.name.node.clone(),
        name: i.name.node.clone(),
        target: annual,
        midterm: None,
        points: None,
        tolerance: None,
        direction: None,
        caliber: None,
        span: i.span,
        name_span: i.name.span,
        target_span: i.target.span,
        midterm_span: i.target.span,
        level1_span: g1.name.span,
        level2_span: g2.name.span,
        written: super::written::of(&i.target.node),
    };
    let mut seen: FxHashMap<&str, Span> = FxHashMap::default();
    for a in &i.attrs {
        let key = match &a.node {
            Attr::Points(n) => {
                ind.points = l.number(n);
                "分值"
            }
            Attr::Tolerance(q) => {
                ind.tolerance = Some(l.quantity(q));
                "容差"
            }
            Attr::Direction(d) => {
                ind.direction = Some(*d);
                "方向"
            }
            Attr::Caliber(s) => {
                ind.caliber = Some(s.node.value.clone());
                "口径"
            }
            Attr::Midterm(t) => {
                ind.midterm = Some(target(l, groups, &t.node));
                ind.midterm_span = t.span;
                super::written::unknown_units(&t.node, &mut ind.written);
                "中期"
            }
        };
        if let Some(first) = seen.insert(key, a.span) {
            l.duplicate(&format!("指标“{}”的", i.name.node), key, first, a.span);
        }
    }
    ind
}

/// A target as written → what it means: word and postfix comparators are
/// their signs; a target without a comparator gets its reading
/// ([`crate::model::implied_comparator`]), marked `implied`; `±3%` is the
/// range -3%~3%.
fn target(l: &mut Lowerer<'_>, (level1, level2): (&str, &str), lit: &TargetLit) -> Target {
    match lit {
        TargetLit::Compare { comparator, value } => {
            Target::compare(comparator.node, l.quantity(value))
        }
        TargetLit::Bare { value } => {
            let value = l.quantity(value);
            Target::Compare {
                comparator: crate::model::implied_comparator(level1, level2, &value),
                value,
                implied: true,
            }
        }
        TargetLit::Range { low, high } => {
            let high_q = l.quantity(high);
            let low_q = range_low(l, low, &high_q);
            Target::Range {
                low: low_q,
                high: high_q,
            }
        }
        TargetLit::PlusMinus { value } => {
            let high = l.quantity(value);
            let mut low = high.clone();
            if !low.value.is_zero() {
                low.value = -low.value;
            }
            Target::Range { low, high }
        }
        TargetLit::Qualitative { word } => Target::Qualitative {
            word: word.node.clone(),
        },
    }
}

/// The low end of a range. `90~95%`: the unit written once applies to both
/// ends. Where the low end has a 万/亿 that the high end's unit begins with
/// (`3万~5万元`), the word is that unit's, not a factor of its own: 3 万元,
/// never 30,000 万元.
fn range_low(l: &mut Lowerer<'_>, low: &Node<QuantityLit>, high: &Quantity) -> Quantity {
    let mut q = l.quantity(low);
    if !q.unit.is_none() || high.unit.is_none() {
        return q;
    }
    let number = &low.node.number;
    let word = match number.magnitude {
        Some(Magnitude::Wan) => Some('万'),
        Some(Magnitude::Yi) => Some('亿'),
        None => None,
    };
    if let (Some(w), Some(m)) = (word, number.mantissa) {
        if high.unit.text().starts_with(w) {
            q.value = m;
        }
    }
    q.unit = high.unit.clone();
    q
}
