//! Comparing the fast path with pest, for the tests (`tests.rs`) and the
//! fuzz target `fast_parse` (feature `fuzzing`), both ways: the fast path
//! gives up on a block, a rule set or an expression exactly where pest
//! finds an error. Where the fast path reads a file's skeleton, its tree
//! must be the one of pest's first pass (kept for recovery) to the byte —
//! spans included (`Span`'s equality ignores them, so trees are compared
//! through `Debug`, which prints them).

use super::{actuals_body, project_body};
use crate::source::FileId;
use crate::syntax::build::{parse_file_pest_skeleton, parse_skeleton_pest};
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

/// Whether pest's `rule` reads all of `text`.
fn pest_reads(rule: Rule, text: &str) -> bool {
    JxParser::parse(rule, text)
        .ok()
        .and_then(|mut p| p.next())
        .is_some_and(|p| p.as_span().end() == text.len())
}

/// One answer of both: `Ok(read)` if they agree, else the difference.
fn agree(what: &str, text: &str, fast: bool, pest: bool) -> Result<bool, String> {
    match (fast, pest) {
        (true, false) => Err(format!(
            "pest finds an error in a {what} the fast path read:\n{text}"
        )),
        (false, true) => Err(format!(
            "the fast path gave up on a {what} pest reads:\n{text}"
        )),
        (read, _) => Ok(read),
    }
}

/// Compare both on one block: `Ok(true)` if both read it, `Ok(false)` if
/// the fast path gave up and pest finds an error, `Err` otherwise. What the
/// tree means is checked by the snapshot tests and `tests/grammar_doc.rs`;
/// its spans, against the text, by [`spans_in_block`].
pub fn same(kind: Kind, block: &str, offset: usize) -> Result<bool, String> {
    let file = FileId(3);
    let (fast, rule) = match kind {
        Kind::Project => (
            project_body(file, block, offset).map(|r| spans_in_block(&r.tree, block, offset)),
            Rule::project_block,
        ),
        Kind::Actuals => (
            actuals_body(file, block, offset).map(|r| spans_in_block(&r.tree, block, offset)),
            Rule::actuals_block,
        ),
    };
    if let Some(Err(e)) = fast {
        return Err(e);
    }
    agree("block", block, fast.is_some(), pest_reads(rule, block))
}

/// Every span a tree prints lies in its block: from the block's start to
/// its end, each on a character boundary.
fn spans_in_block<T: std::fmt::Debug>(tree: &T, block: &str, offset: usize) -> Result<(), String> {
    let text = format!("{tree:?}");
    let mut rest = text.as_str();
    while let Some(i) = rest.find("Span { file: FileId(3), start: ") {
        rest = rest.get(i + 31..).unwrap_or("");
        let nums: Vec<usize> = rest
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .take(2)
            .filter_map(|s| s.parse().ok())
            .collect();
        let &[start, end] = nums.as_slice() else {
            return Err(format!("unreadable span in {text}"));
        };
        let inside = |p: usize| {
            p.checked_sub(offset)
                .is_some_and(|p| block.is_char_boundary(p))
        };
        if start > end || !inside(start) || !inside(end) {
            return Err(format!(
                "span {start}..{end} outside the block at {offset}:\n{block}"
            ));
        }
    }
    Ok(())
}

/// A rule set (`规则 …` to its `}`), both ways, as [`same`] does.
pub fn same_ruleset(text: &str, offset: usize) -> Result<bool, String> {
    let fast =
        super::ruleset(FileId(3), text, offset).map(|r| spans_in_block(&r.tree, text, offset));
    if let Some(Err(e)) = fast {
        return Err(e);
    }
    agree(
        "rule set",
        text,
        fast.is_some(),
        pest_reads(Rule::ruleset, text),
    )
}

/// A standalone expression (`parse_expr`), both ways: the fast path reads
/// it ⇔ pest's `expr` does, to the same end.
pub fn same_expr(text: &str) -> Result<bool, String> {
    let fast_end = super::expr(FileId(3), text, 7).map(|(_, end)| end);
    let pest_end = JxParser::parse(Rule::expr, text)
        .ok()
        .and_then(|mut p| p.next())
        .map(|p| p.as_span().end());
    if fast_end != pest_end {
        return Err(format!(
            "expression ends differ on\n{text}\n--- fast {fast_end:?}\n--- pest {pest_end:?}"
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
