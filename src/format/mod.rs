//! `jixiao fmt`: the canonical layout of a file.
//!
//! The printer works from the syntax tree and puts every comment back where
//! it was (see `lines`). The result is then checked: it must parse without
//! errors, give the same model (compared by meaning) and carry the same
//! comments. If not, nothing is written and an internal-error diagnostic says
//! so — formatting never loses anything silently.

mod eval;
pub(crate) mod expr;
mod lines;
mod print;
pub mod unified;
pub mod values;

use crate::diagnostic::{codes, Diagnostic};
use crate::model::evaluation::{ActualValue, Actuals};
use crate::model::rules::RuleSet;
use crate::model::{Quantity, Target, Unit, Workspace};
use crate::source::{FileId, Span};
use crate::syntax::{ast::DeptStmt, ast::Item, SyntaxFile};

/// Why a file could not be formatted.
#[derive(Debug)]
pub enum FormatError {
    /// The input has syntax errors (shown to the user; nothing is formatted).
    Syntax(Vec<Diagnostic>),
    /// The formatter would have changed the meaning or lost a comment.
    Internal(Diagnostic),
    /// The file holds blocks the formatter cannot lay out yet; it is left
    /// as it is.
    Unsupported(Diagnostic),
}

/// A spelling of a published form that fmt rewrote (issue 17): where it is
/// in the input, what was written there, what fmt writes instead. `jixiao
/// fmt` prints one line for each on standard error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub span: Span,
    pub written: String,
    pub canonical: String,
}

/// A formatted text and the rewrites it says.
#[derive(Debug)]
pub struct Formatted {
    pub text: String,
    pub notices: Vec<Notice>,
}

/// Format one file's text (already decoded; `\n` line endings). `file` is
/// the id the diagnostics refer to.
pub fn format_text(file: FileId, text: &str) -> Result<String, FormatError> {
    format_noting(file, text).map(|f| f.text)
}

/// [`format_text`], with the spellings it rewrote ([`Notice`], spans in
/// `file`).
pub fn format_noting(file: FileId, text: &str) -> Result<Formatted, FormatError> {
    // One parse of the input serves the printer and the model.
    let loaded = crate::load::load_text("fmt.jx", text);
    let errors = load_errors(&loaded, file);
    if !errors.is_empty() {
        return Err(FormatError::Syntax(errors));
    }
    let at_start = Span::new(file, 0, 0);
    let Some((tree, src)) = root(&loaded) else {
        return Ok(Formatted {
            text: String::new(),
            notices: Vec::new(),
        });
    };
    let mut p = print::Printer::new(src);
    p.file(tree);
    if p.unsupported {
        return Err(FormatError::Unsupported(
            Diagnostic::new(
                &codes::FMT_UNSUPPORTED,
                "文件中有 jixiao fmt 还不会排版的内容，未格式化",
            )
            .label(at_start, "文件开头")
            .help("文件没有改动；这类内容请暂时手工排版"),
        ));
    }
    let merged = lines::merge_comments(src, p.lines, &tree.comments);
    let out = lines::render(&lines::collapse_empty(merged));
    verify(at_start, &loaded, tree, &out)?;
    let mut notices = p.notices;
    for n in &mut notices {
        n.span.file = file;
    }
    Ok(Formatted { text: out, notices })
}

/// Errors of reading the text (includes are not followed here, so their
/// absence is not an error), relabelled to `file`.
fn load_errors(loaded: &crate::load::Loaded, file: FileId) -> Vec<Diagnostic> {
    loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error() && d.code != codes::INCLUDE_MISSING.code)
        .cloned()
        .map(|mut d| {
            for l in &mut d.labels {
                l.span.file = file;
            }
            d
        })
        .collect()
}

/// The tree and text of the one file of an in-memory load.
fn root(loaded: &crate::load::Loaded) -> Option<(&SyntaxFile, &str)> {
    let id = *loaded.roots.first()?;
    Some((loaded.tree(id)?, loaded.sources.get(id)?.text.as_str()))
}

fn verify(
    at_start: Span,
    loaded: &crate::load::Loaded,
    tree: &SyntaxFile,
    out: &str,
) -> Result<(), FormatError> {
    let internal = |message: String, code: &codes::Code| {
        FormatError::Internal(
            Diagnostic::new(code, message)
                .label(at_start, "文件开头")
                .help("文件没有改动。这是 jixiao 的缺陷，请把这个文件发给开发者；在修复之前请手工调整格式"),
        )
    };
    let reparsed = crate::load::load_text("fmt.jx", out);
    let back = match root(&reparsed) {
        Some((back, _)) if load_errors(&reparsed, at_start.file).is_empty() => back,
        _ => {
            return Err(internal(
                "格式化后的文本无法再次解析（内部错误），未写入".into(),
                &codes::FMT_CHANGED_MEANING,
            ))
        }
    };
    let comments = |t: &SyntaxFile| -> Vec<String> {
        t.comments
            .iter()
            .map(|c| c.node.trim().to_string())
            .collect()
    };
    let (before, after) = (comments(tree), comments(back));
    if before != after {
        return Err(internal(
            format!(
                "格式化会改变注释（原有 {} 条，格式化后 {} 条；内部错误），未写入",
                before.len(),
                after.len()
            ),
            &codes::FMT_LOST_COMMENT,
        ));
    }
    if includes(tree) != includes(back) || meaning(loaded) != meaning(&reparsed) {
        return Err(internal(
            "格式化会改变文件的含义（内部错误），未写入".into(),
            &codes::FMT_CHANGED_MEANING,
        ));
    }
    Ok(())
}

fn includes(t: &SyntaxFile) -> Vec<String> {
    let mut out = Vec::new();
    for item in &t.items {
        match item {
            Item::Include(i) => out.push(i.node.clone()),
            Item::Department(d) => {
                for s in &d.stmts {
                    if let DeptStmt::Include(i) = s {
                        out.push(i.node.clone());
                    }
                }
            }
            Item::Project(_) | Item::Actuals(_) | Item::RuleSet(_) => {}
        }
    }
    out
}

/// Everything a file means: the declarations, the actuals of its `自评`
/// blocks and each `规则` block, normalized so that they compare by meaning
/// (spans are never compared).
#[derive(Debug, PartialEq, Eq)]
pub struct Meaning {
    pub workspace: Workspace,
    pub actuals: Option<Actuals>,
    pub rules: Vec<RuleSet>,
}

/// The meaning of one file's text (includes are not followed).
pub fn meaning_of_text(text: &str) -> Meaning {
    meaning(&crate::load::load_text("fmt.jx", text))
}

fn meaning(loaded: &crate::load::Loaded) -> Meaning {
    let (mut workspace, _) = crate::lower::lower(loaded);
    normalize(&mut workspace);
    let mut actuals = None;
    let mut rules = Vec::new();
    if let Some(&file) = loaded.roots.first() {
        let items = loaded.tree(file).map(|t| t.items.as_slice()).unwrap_or(&[]);
        if items.iter().any(|i| matches!(i, Item::Actuals(_))) {
            actuals = crate::lower::lower_actuals(loaded, file).0;
        }
        for item in items {
            if let Item::RuleSet(r) = item {
                rules.push(crate::lower::lower_rule_block(r).0);
            }
        }
    }
    if let Some(a) = &mut actuals {
        normalize_actuals(a);
    }
    rules.iter_mut().for_each(normalize_rules);
    Meaning {
        workspace,
        actuals,
        rules,
    }
}

fn unit(q: &mut Quantity) {
    q.unit = Unit::parse(&values::canonical_unit(q.unit.text()));
}

/// Actuals compared by meaning: unit spellings and expression texts aside.
pub fn normalize_actuals(a: &mut Actuals) {
    for p in &mut a.projects {
        for m in [&mut p.budget, &mut p.spent].into_iter().flatten() {
            unit(&mut m.quantity);
        }
        for v in &mut p.values {
            match &mut v.value {
                ActualValue::Quantity { value, .. } => unit(value),
                ActualValue::Expr { expr, text } => {
                    text.clear();
                    expr::normalize(expr);
                }
                ActualValue::Grade { .. } | ActualValue::Unreadable => {}
            }
        }
    }
}

/// Rule sets compared by meaning: formula texts aside.
pub fn normalize_rules(r: &mut RuleSet) {
    let f = &mut r.formulas;
    for formula in [
        &mut f.positive,
        &mut f.negative,
        &mut f.equal,
        &mut f.zero,
        &mut f.range,
        &mut f.execution,
    ]
    .into_iter()
    .flatten()
    {
        formula.text.clear();
        expr::normalize(&mut formula.expr);
    }
}

/// Spellings that do not change meaning, made equal: unit variants
/// (`％` = `%`) and the as-written text of checks.
pub fn normalize(ws: &mut Workspace) {
    for d in &mut ws.departments {
        if let Some(c) = &mut d.claim {
            unit(&mut c.funds);
        }
        for p in &mut d.projects {
            for a in [
                &mut p.funds.total,
                &mut p.funds.annual_request,
                &mut p.funds.fiscal,
                &mut p.funds.current_appropriation,
                &mut p.funds.carryover,
                &mut p.funds.other,
            ]
            .into_iter()
            .flatten()
            {
                unit(&mut a.quantity);
            }
            for i in &mut p.indicators {
                match &mut i.target {
                    Target::Compare { value, .. } => unit(value),
                    Target::Range { low, high } => {
                        unit(low);
                        unit(high);
                    }
                    Target::Qualitative { .. } => {}
                }
                if let Some(t) = &mut i.tolerance {
                    unit(t);
                }
            }
            for c in &mut p.checks {
                c.text.clear();
                expr::normalize(&mut c.expr);
            }
        }
    }
}

/// Are two expressions the same in meaning (units compared in canonical
/// spelling)?
pub fn same_expr(a: &crate::model::Expr, b: &crate::model::Expr) -> bool {
    expr::same(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "项目 \"甲\" {\n  # 注释\n  资金 {\n    总额 1 万元\n  }\n}\n";

    fn check(out: &str) -> Result<(), FormatError> {
        let loaded = crate::load::load_text("x.jx", TEXT);
        let (tree, _) = root(&loaded).unwrap();
        verify(Span::default(), &loaded, tree, out)
    }

    fn code(r: Result<(), FormatError>) -> &'static str {
        match r {
            Err(FormatError::Internal(d)) => d.code,
            other => panic!("expected an internal error, got {other:?}"),
        }
    }

    #[test]
    fn the_safety_net_catches_changes() {
        assert!(check(TEXT).is_ok());
        // A unit rewrite with the same value is still a different model
        // (the unit as written is part of it), so the check is strict.
        assert_eq!(
            code(check(
                "项目 \"甲\" {\n  # 注释\n  资金 {\n    总额 10,000 元\n  }\n}\n"
            )),
            "JX-X001"
        );
        assert_eq!(
            code(check("项目 \"甲\" {\n  资金 {\n    总额 1 万元\n  }\n}\n")),
            "JX-X002"
        );
        assert_eq!(
            code(check(
                "项目 \"甲\" {\n  # 注释\n  资金 {\n    总额 2 万元\n  }\n}\n"
            )),
            "JX-X001"
        );
        assert_eq!(code(check("项目 \"甲\" {\n  # 注释\n")), "JX-X001");
    }

    fn verify_text(before: &str, after: &str) -> Result<(), FormatError> {
        let loaded = crate::load::load_text("x.jx", before);
        let (tree, _) = root(&loaded).unwrap();
        verify(Span::default(), &loaded, tree, after)
    }

    #[test]
    fn the_safety_net_covers_actuals_and_rule_sets() {
        let actuals = "自评 \"局\" 2025 {\n  项目 \"甲\" {\n    执行 1 万元\n    人数 = 3 / 4  原因 \"少\"\n  }\n}\n";
        assert!(verify_text(actuals, actuals).is_ok());
        assert!(verify_text(actuals, &actuals.replace("= 3 / 4", "= 3÷4")).is_ok());
        for changed in [
            actuals.replace("= 3 / 4", "= 4 / 3"),
            actuals.replace("原因 \"少\"", "措施 \"少\""),
            actuals.replace("执行 1 万元", "预算 1 万元"),
            actuals.replace("2025", "2024"),
        ] {
            assert_eq!(code(verify_text(actuals, &changed)), "JX-X001", "{changed}");
        }
        let rules = "规则 a {\n  正向 = 分值 − 1\n  舍入 2 位 截断\n}\n规则 b {\n  年度 2020\n}\n";
        assert!(verify_text(rules, &rules.replace("分值 − 1", "分值-1")).is_ok());
        for changed in [
            rules.replace("分值 − 1", "分值 + 1"),
            rules.replace("截断", "四舍五入"),
            // The second block counts too.
            rules.replace("年度 2020", "年度 2021"),
        ] {
            assert_eq!(code(verify_text(rules, &changed)), "JX-X001", "{changed}");
        }
    }
}
