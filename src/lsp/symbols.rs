//! `textDocument/documentSymbol`: the outline 部门 → 项目 → 一级/二级指标 →
//! 指标, with ranges from the syntax tree's spans.

use super::position::{LineIndex, Placer};
use crate::source::Span;
use crate::syntax::ast::{DeptStmt, Group, GroupChildren, Indicator, Item, Project, ProjectStmt};
use lsp_types::{DocumentSymbol, Range, SymbolKind};

/// The outline of `text` (what its syntax tree holds, errors or not).
pub fn outline(parsed: &super::parsed::Parsed) -> Vec<DocumentSymbol> {
    let Some(tree) = parsed.tree() else {
        return Vec::new();
    };
    let at = At(Placer {
        index: LineIndex::new(parsed.text()),
        bom: parsed.normalized.bom,
    });
    tree.items
        .iter()
        .filter_map(|item| match item {
            Item::Department(d) => {
                let projects = d
                    .stmts
                    .iter()
                    .filter_map(|s| match s {
                        DeptStmt::Project(p) => Some(project(&at, p)),
                        _ => None,
                    })
                    .collect();
                Some(at.symbol(
                    &d.name.node,
                    "部门",
                    SymbolKind::NAMESPACE,
                    d.span,
                    d.name.span,
                    projects,
                ))
            }
            Item::Project(p) => Some(project(&at, p)),
            Item::Include(_) | Item::Actuals(_) | Item::RuleSet(_) => None,
        })
        .collect()
}

fn project(at: &At, p: &Project) -> DocumentSymbol {
    let groups = p
        .body
        .iter()
        .flatten()
        .filter_map(|s| match s {
            ProjectStmt::Indicators { groups, .. } => Some(groups),
            _ => None,
        })
        .flatten()
        .map(|g| group(at, g, 1))
        .collect();
    at.symbol(
        &p.name.node,
        "项目",
        SymbolKind::MODULE,
        p.span,
        p.name.span,
        groups,
    )
}

fn group(at: &At, g: &Group, level: u8) -> DocumentSymbol {
    let children = match &g.children {
        GroupChildren::Groups(groups) => groups.iter().map(|c| group(at, c, 2)).collect(),
        GroupChildren::Indicators(list) => list.iter().map(|i| indicator(at, i)).collect(),
    };
    let detail = if level == 1 {
        "一级指标"
    } else {
        "二级指标"
    };
    at.symbol(
        &g.name.node,
        detail,
        SymbolKind::PACKAGE,
        g.span,
        g.name.span,
        children,
    )
}

fn indicator(at: &At, i: &Indicator) -> DocumentSymbol {
    at.symbol(
        &i.name.node,
        "指标",
        SymbolKind::FIELD,
        i.span,
        i.name.span,
        Vec::new(),
    )
}

struct At<'a>(Placer<'a>);

impl At<'_> {
    fn range(&self, span: Span) -> Range {
        self.0.range(span.start as usize, span.end as usize)
    }

    fn symbol(
        &self,
        name: &str,
        detail: &str,
        kind: SymbolKind,
        span: Span,
        name_span: Span,
        children: Vec<DocumentSymbol>,
    ) -> DocumentSymbol {
        let range = self.range(span);
        let mut selection_range = self.range(name_span);
        // LSP: the name's range lies inside the whole range
        if selection_range.start < range.start || selection_range.end > range.end {
            selection_range = range;
        }
        #[allow(deprecated)] // `deprecated` is a field LSP still requires
        DocumentSymbol {
            name: if name.is_empty() {
                "（无名）".to_string()
            } else {
                name.to_string()
            },
            detail: Some(detail.to_string()),
            kind,
            tags: None,
            deprecated: None,
            range,
            selection_range,
            children: (!children.is_empty()).then_some(children),
        }
    }
}
