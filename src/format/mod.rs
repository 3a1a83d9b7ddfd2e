//! `jixiao fmt`: the canonical layout of a file.
//!
//! The printer works from the syntax tree and puts every comment back where
//! it was (see [`lines`]). The result is then checked: it must parse without
//! errors, give the same model (compared by meaning) and carry the same
//! comments. If not, nothing is written and an internal-error diagnostic says
//! so — formatting never loses anything silently.

mod expr;
mod lines;
mod print;
pub mod values;

use crate::diagnostic::{codes, Diagnostic};
use crate::model::{Quantity, Target, Unit, Workspace};
use crate::source::{FileId, Span};
use crate::syntax::{self, ast::DeptStmt, ast::Item, SyntaxFile};

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

/// Format one file's text (already decoded; `\n` line endings). `file` is
/// the id the diagnostics refer to.
pub fn format_text(file: FileId, text: &str) -> Result<String, FormatError> {
    let (tree, diags) = syntax::parse(file, text);
    let errors: Vec<Diagnostic> = diags.into_iter().filter(|d| d.is_error()).collect();
    if !errors.is_empty() {
        return Err(FormatError::Syntax(errors));
    }
    let mut p = print::Printer::new(text);
    p.file(&tree);
    if p.unsupported {
        return Err(FormatError::Unsupported(
            Diagnostic::new(
                &codes::FMT_UNSUPPORTED,
                "文件中有 jixiao fmt 还不会排版的内容，未格式化",
            )
            .label(Span::new(file, 0, 0), "文件开头")
            .help("文件没有改动；这类内容请暂时手工排版"),
        ));
    }
    let merged = lines::merge_comments(text, p.lines, &tree.comments);
    let out = lines::render(&merged);
    verify(file, text, &tree, &out)?;
    Ok(out)
}

fn verify(file: FileId, input: &str, tree: &SyntaxFile, out: &str) -> Result<(), FormatError> {
    let internal = |message: String, code: &codes::Code| {
        FormatError::Internal(
            Diagnostic::new(code, message)
                .label(Span::new(file, 0, 0), "文件开头")
                .help("文件没有改动。这是 jixiao 的缺陷，请把这个文件发给开发者；在修复之前请手工调整格式"),
        )
    };
    let (back, diags) = syntax::parse(FileId(0), out);
    if diags.iter().any(Diagnostic::is_error) {
        return Err(internal(
            "格式化后的文本无法再次解析（内部错误），未写入".into(),
            &codes::FMT_CHANGED_MEANING,
        ));
    }
    let comments = |t: &SyntaxFile| -> Vec<String> {
        t.comments
            .iter()
            .map(|c| c.node.trim().to_string())
            .collect()
    };
    let (before, after) = (comments(tree), comments(&back));
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
    if includes(tree) != includes(&back) || model(input) != model(out) {
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
            #[allow(unreachable_patterns)]
            _ => {}
        }
    }
    out
}

/// The model of a text, normalized so that models compare by meaning.
fn model(text: &str) -> Workspace {
    let loaded = crate::load::load_text("fmt.jx", text);
    let (mut ws, _) = crate::lower::lower(&loaded);
    normalize(&mut ws);
    ws
}

/// Spellings that do not change meaning, made equal: unit variants
/// (`％` = `%`) and the as-written text of checks.
pub fn normalize(ws: &mut Workspace) {
    fn unit(q: &mut Quantity) {
        q.unit = Unit::parse(&values::canonical_unit(q.unit.text()));
    }
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
