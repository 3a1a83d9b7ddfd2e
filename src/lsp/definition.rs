//! `textDocument/definition` and `textDocument/references` between a
//! `自评` and its declaration, by the names the evaluation matches them by
//! ([`crate::model::same_name`]), in the document or the files beside it
//! ([`super::folder`]):
//!
//! - an indicator's line in a `自评` project → the declared indicator;
//! - a `自评` project's name → the declared project;
//! - a declared indicator → its actual(s), a declared project → its `自评`.
//!
//! References list both sides: the declaration(s) (when asked) and the
//! actuals.

use super::folder::Context;
use super::position::{LineIndex, Placer};
use crate::model::evaluation::{Actuals, ProjectActuals};
use crate::model::{same_name, Project, Workspace};
use crate::source::{FileId, Span};
use crate::Evaluated;
use lsp_types::Location;

/// What is at a place of the document, on either side.
pub enum Target<'a> {
    /// A declared indicator, or an actual of one: its project's name and
    /// its own.
    Indicator { project: &'a str, name: &'a str },
    /// A project's name, declared or in the `自评`.
    Project { name: &'a str },
}

/// Where the cursor is, and which side it is on (`true`: the `自评`).
pub fn target_at(ev: &Evaluated, offset: usize) -> Option<(Target<'_>, bool)> {
    let at = u32::try_from(offset).ok()?;
    let inside = |s: Span| s.file == FileId(0) && s.start <= at && at < s.end;
    if let Some(actuals) = &ev.actuals {
        for p in &actuals.projects {
            if inside(p.name_span) {
                return Some((Target::Project { name: &p.name }, true));
            }
            if !inside(p.span) {
                continue;
            }
            let lines = p.values.iter().map(|a| (a.span, a.name.as_str()));
            let printed = p.printed.iter().map(|l| (l.span, l.name.as_str()));
            if let Some((_, name)) = lines.chain(printed).find(|(s, _)| inside(*s)) {
                let project = &p.name;
                return Some((Target::Indicator { project, name }, true));
            }
        }
    }
    for p in ev.checked.workspace.projects() {
        if inside(p.name_span) {
            return Some((Target::Project { name: &p.name }, false));
        }
        if !inside(p.span) {
            continue;
        }
        if let Some(i) = p.indicators.iter().find(|i| inside(i.span)) {
            let (project, name) = (p.name.as_str(), i.name.as_str());
            return Some((Target::Indicator { project, name }, false));
        }
    }
    None
}

/// The declarations of `target`: names' spans.
pub fn declared(workspace: &Workspace, target: &Target<'_>) -> Vec<Span> {
    let projects = |name: &str| -> Vec<&Project> {
        workspace
            .projects()
            .filter(|p| same_name(&p.name, name))
            .collect()
    };
    match target {
        Target::Project { name } => projects(name).iter().map(|p| p.name_span).collect(),
        Target::Indicator { project, name } => projects(project)
            .iter()
            .flat_map(|p| p.indicators.iter())
            .filter(|i| same_name(&i.name, name))
            .map(|i| i.name_span)
            .collect(),
    }
}

/// The actuals of `target` in the `自评`: names' spans.
pub fn actual(actuals: Option<&Actuals>, target: &Target<'_>) -> Vec<Span> {
    let projects = |name: &str| -> Vec<&ProjectActuals> {
        actuals
            .map(|a| {
                a.projects
                    .iter()
                    .filter(|p| same_name(&p.name, name))
                    .collect()
            })
            .unwrap_or_default()
    };
    match target {
        Target::Project { name } => projects(name).iter().map(|p| p.name_span).collect(),
        Target::Indicator { project, name } => projects(project)
            .iter()
            .flat_map(|p| {
                let values = p.values.iter().map(|a| (a.name.as_str(), a.name_span));
                let printed = p
                    .printed
                    .iter()
                    .filter(|l| l.alone.is_some())
                    .map(|l| (l.name.as_str(), l.name_span));
                values.chain(printed).collect::<Vec<_>>()
            })
            .filter(|(n, _)| same_name(n, name))
            .map(|(_, s)| s)
            .collect(),
    }
}

/// Where to go from byte `offset` of the document: from a `自评` to the
/// declaration, from a declaration to its `自评`. `None` when the cursor is
/// on neither.
pub fn at(context: &Context, ev: &Evaluated, offset: usize) -> Option<Vec<Location>> {
    let (target, in_actuals) = target_at(ev, offset)?;
    let spans = if in_actuals {
        declared(&ev.checked.workspace, &target)
    } else {
        actual(ev.actuals.as_ref(), &target)
    };
    Some(locations(context, &spans))
}

/// Every place of the name at `offset`: its declaration(s) when
/// `declaration` is asked, and its actuals.
pub fn references(
    context: &Context,
    ev: &Evaluated,
    offset: usize,
    declaration: bool,
) -> Option<Vec<Location>> {
    let (target, _) = target_at(ev, offset)?;
    let mut spans = Vec::new();
    if declaration {
        spans.extend(declared(&ev.checked.workspace, &target));
    }
    spans.extend(actual(ev.actuals.as_ref(), &target));
    Some(locations(context, &spans))
}

/// The editor's locations of spans in the context's texts, in order, each
/// once.
pub fn locations(context: &Context, spans: &[Span]) -> Vec<Location> {
    let mut placers: Vec<Option<Placer<'_>>> = context.members.iter().map(|_| None).collect();
    let mut out: Vec<Location> = Vec::new();
    for s in spans {
        let file = s.file.0 as usize;
        let (Some(member), Some(slot)) = (context.members.get(file), placers.get_mut(file)) else {
            continue;
        };
        let placer = slot.get_or_insert_with(|| Placer {
            index: LineIndex::new(&member.text),
            bom: member.bom,
        });
        let l = Location::new(
            member.uri.clone(),
            placer.range(s.start as usize, s.end as usize),
        );
        if !out.contains(&l) {
            out.push(l);
        }
    }
    out
}
