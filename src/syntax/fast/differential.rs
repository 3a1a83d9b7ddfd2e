//! Comparing the fast path with pest, for the tests (`tests.rs`) and the
//! fuzz target `fast_parse` (feature `fuzzing`): wherever the fast path
//! reads a block or a file's skeleton, its tree must be pest's to the byte —
//! spans included (`Span`'s equality ignores them, so trees are compared
//! through `Debug`, which prints them) — and its comments pest's comments.

use super::{actuals_body, project_body};
use crate::source::{FileId, Node};
use crate::syntax::build::{
    parse_file_pest_skeleton, parse_skeleton_pest, pest_actuals_body, pest_project_body,
};
use crate::syntax::{JxParser, Rule};
use pest::Parser;

/// Which second-pass rule a block is for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    Project,
    Actuals,
}

/// Blocks the fast path read and blocks it left to pest.
#[derive(Default, Debug)]
pub struct Tally {
    pub fast: usize,
    pub pest: usize,
    /// Files whose first pass the fast path read.
    pub files: usize,
}

#[cfg(test)]
impl Tally {
    pub fn add(&mut self, other: Tally) {
        self.fast += other.fast;
        self.pest += other.pest;
        self.files += other.files;
    }
    pub fn share(&self) -> f64 {
        self.fast as f64 / (self.fast + self.pest).max(1) as f64
    }
}

fn sorted(mut c: Vec<Node<String>>) -> String {
    c.sort_by_key(|n| n.span.start);
    format!("{c:?}")
}

/// Compare both paths on one block: `Ok(true)` if the fast path read it
/// (and agrees), `Ok(false)` if it gave up and pest finds an error, `Err`
/// with the difference.
pub fn same(kind: Kind, block: &str, offset: usize) -> Result<bool, String> {
    let file = FileId(3);
    let (fast, pest) = match kind {
        Kind::Project => {
            let fast = project_body(file, block, offset)
                .map(|r| (format!("{:?}", r.tree), r.comments, r.diagnostics));
            let (p, c, d) = pest_project_body(file, block, offset);
            (fast, p.map(|p| (format!("{p:?}"), c, d)))
        }
        Kind::Actuals => {
            let fast = actuals_body(file, block, offset)
                .map(|r| (format!("{:?}", r.tree), r.comments, r.diagnostics));
            let (p, c, d) = pest_actuals_body(file, block, offset);
            (fast, p.map(|p| (format!("{p:?}"), c, d)))
        }
    };
    let (fast, pest) = match (fast, pest) {
        (None, None) => return Ok(false),
        (Some(_), None) => {
            return Err(format!(
                "pest finds an error in a block the fast path read:\n{block}"
            ))
        }
        (None, Some(_)) => {
            return Err(format!(
                "the fast path gave up on a block pest reads:\n{block}"
            ))
        }
        (Some(f), Some(p)) => (f, p),
    };
    let pest = (pest.0, sorted(pest.1), format!("{:?}", pest.2));
    let fast = (fast.0, sorted(fast.1), format!("{:?}", fast.2));
    if fast != pest {
        let at = fast
            .0
            .bytes()
            .zip(pest.0.bytes())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        let from = at.saturating_sub(200);
        return Err(format!(
            "fast path differs from pest on\n{block}\n--- fast …{}\n--- pest …{}\n--- comments fast {}\n--- comments pest {}\n--- diagnostics fast {}\n--- diagnostics pest {}",
            fast.0.get(from..at + 200).unwrap_or(&fast.0),
            pest.0.get(from..at + 200).unwrap_or(&pest.0),
            fast.1,
            pest.1,
            fast.2,
            pest.2
        ));
    }
    Ok(true)
}

/// A rule set (`规则 …` to its `}`), both ways, as [`same`] does.
pub fn same_ruleset(text: &str, offset: usize) -> Result<bool, String> {
    let file = FileId(3);
    let fast = super::ruleset(file, text, offset)
        .map(|r| format!("{:?}", (r.tree, r.comments, r.diagnostics)));
    let pest = crate::syntax::build::pest_ruleset(file, text, offset).map(|(t, mut c, d)| {
        c.sort_by_key(|n| n.span.start);
        format!("{:?}", (t, c, d))
    });
    match (fast, pest) {
        (None, None) => Ok(false),
        (Some(f), Some(p)) if f == p => Ok(true),
        (f, p) => Err(format!(
            "rule set differs from pest on\n{text}\n--- fast {f:?}\n--- pest {p:?}"
        )),
    }
}

/// A standalone expression (`parse_expr`), both ways: the fast path reads
/// it ⇔ pest's `expr` does, to the same end; the same tree or diagnostic.
pub fn same_expr(text: &str) -> Result<bool, String> {
    let file = FileId(3);
    let fast_end = super::expr(file, text, 7).map(|(_, end)| end);
    let pest_end = JxParser::parse(Rule::expr, text)
        .ok()
        .and_then(|mut p| p.next())
        .map(|p| p.as_span().end());
    if fast_end != pest_end {
        return Err(format!(
            "expression ends differ on\n{text}\n--- fast {fast_end:?}\n--- pest {pest_end:?}"
        ));
    }
    let fast = format!("{:?}", crate::syntax::parse_expr(file, text, 7));
    let pest = format!("{:?}", crate::syntax::build::parse_expr_pest(file, text, 7));
    if fast != pest {
        return Err(format!(
            "expression differs from pest on\n{text}\n--- fast {fast}\n--- pest {pest}"
        ));
    }
    Ok(fast_end.is_some())
}

/// Every project and 自评 project block of a file, as the first pass cuts
/// them out: (kind, start, end).
pub fn blocks(text: &str) -> Vec<(Kind, usize, usize)> {
    if crate::syntax::error::too_deep(FileId(0), text).is_some() {
        return Vec::new();
    }
    let Ok(pairs) = JxParser::parse(Rule::file, text) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for p in pairs.flatten() {
        let kind = match p.as_rule() {
            Rule::project_raw => Kind::Project,
            Rule::actuals_raw => Kind::Actuals,
            _ => continue,
        };
        if let Some(raw) = p.into_inner().find(|x| x.as_rule() == Rule::raw_block) {
            out.push((kind, raw.as_span().start(), raw.as_span().end()));
        }
    }
    out
}

/// Every rule set of a file pest reads: (start, end).
fn rulesets(text: &str) -> Vec<(usize, usize)> {
    if crate::syntax::error::too_deep(FileId(0), text).is_some() {
        return Vec::new();
    }
    let Ok(pairs) = JxParser::parse(Rule::file, text) else {
        return Vec::new();
    };
    pairs
        .flatten()
        .filter(|p| p.as_rule() == Rule::ruleset)
        .map(|p| (p.as_span().start(), p.as_span().end()))
        .collect()
}

/// The whole file, first pass fast and through pest: the same tree and
/// diagnostics. `Ok(true)` if the fast first pass read it.
pub fn same_file(text: &str) -> Result<bool, String> {
    // The skeleton alone (project and 自评 bodies left `deferred`), as
    // `check` and `eval` read files.
    if super::skeleton(FileId(2), text, false).is_some() {
        let fast = format!("{:?}", crate::syntax::parse_skeleton(FileId(2), text));
        let pest = format!("{:?}", parse_skeleton_pest(FileId(2), text));
        if fast != pest {
            return Err(format!(
                "skeleton differs from pest on\n{text}\n--- fast\n{fast}\n--- pest\n{pest}"
            ));
        }
    }
    if super::skeleton(FileId(2), text, true).is_none() {
        return Ok(false);
    }
    let fast = format!("{:?}", crate::syntax::parse(FileId(2), text));
    let pest = format!("{:?}", parse_file_pest_skeleton(FileId(2), text));
    if fast != pest {
        return Err(format!(
            "first pass differs from pest on\n{text}\n--- fast\n{fast}\n--- pest\n{pest}"
        ));
    }
    Ok(true)
}

/// Everything of one text: its skeleton, each of its blocks, and the text
/// itself as a block of either kind when it looks like one.
pub fn check_text(text: &str) -> Result<Tally, String> {
    let mut t = Tally::default();
    if same_file(text)? {
        t.files += 1;
    }
    for (start, end) in rulesets(text) {
        if let Some(r) = text.get(start..end) {
            if !same_ruleset(r, start)? {
                return Err(format!(
                    "the fast path gave up on a rule set pest reads:\n{r}"
                ));
            }
        }
    }
    if text.starts_with("规则") {
        same_ruleset(text, 0)?;
    }
    if !text.starts_with('{') && text.len() < 4096 {
        same_expr(text)?;
    }
    let mut list: Vec<(Kind, &str, usize)> = blocks(text)
        .into_iter()
        .filter_map(|(kind, start, end)| Some((kind, text.get(start..end)?, start)))
        .collect();
    if text.starts_with('{')
        && text.ends_with('}')
        && crate::syntax::error::too_deep(FileId(0), text).is_none()
    {
        list.push((Kind::Project, text, 0));
        list.push((Kind::Actuals, text, 0));
    }
    for (kind, block, start) in list {
        if same(kind, block, start)? {
            t.fast += 1;
        } else {
            t.pest += 1;
        }
    }
    Ok(t)
}
