//! Checking a text again after an edit (`jixiao lsp`, issue 20): what
//! [`check_report_text`](super::check_report_text) says of the new text,
//! parsing, lowering and checking again only the projects whose text
//! changed.
//!
//! A [`ProjectCache`] keeps, from the previous check of one document, its
//! text and, for each project that was lowered, what checking it gave (its
//! tally, its findings, its 分值 findings, what parsing and lowering it
//! said). The next check reads the skeleton of the new text whole (so that
//! departments, braces and names are always read afresh); a project whose
//! block lies wholly in the text before the first changed byte or after the
//! last one, with the same 年度 and the same “repeated” standing, is taken
//! from the cache with its spans moved by the edit's length instead of
//! being parsed, lowered and checked again. The rest — the departments'
//! sums, repeated names, the order of the diagnostics — runs as in a whole
//! check, so the diagnostics are the same, in the same order.
//!
//! A text with `自评`, `规则` or `引用` is checked whole each time (the
//! cache is emptied): what its projects say depends on more than their own
//! text. Given the path of the file the text is ([`ProjectCache::check_at`],
//! an editor's unsaved text of a file on disk), its `引用` are followed from
//! there as `jixiao check` follows them; without one they are refused, as for
//! any text in memory.

use super::block_edit::{self, Region};
use super::check::{report_loaded, report_tallied, CheckReport};
use super::deferred;
use super::points::{self, Points};
use super::tally::{Checking, Counted, Tallies};
use crate::diagnostic::Diagnostic;
use crate::load::{self, LoadOptions, Loaded};
use crate::lower::{self, Reused, Sink};
use crate::model::{Department, Project};
use crate::source::{FileId, Span, Text};
use crate::syntax::ast::{self, Item, SyntaxFile};
use rustc_hash::FxHashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// What the previous check of one document kept for the next (see the
/// module doc). Empty at first: the first check lowers everything.
#[derive(Default)]
pub struct ProjectCache {
    /// The text the library read last time (normalized).
    text: Option<Arc<Text>>,
    /// By the start of each project's block in that text.
    projects: FxHashMap<u32, Box<Kept>>,
    lowered: usize,
    reused: usize,
    /// The skeleton tree of `text`, when its check read it without any
    /// diagnostic (given back by [`ProjectCache::keep`]).
    tree: Option<SyntaxFile>,
    /// The text the check was given was `text` itself (no byte-order mark,
    /// no carriage return).
    verbatim: bool,
    /// What changed in the text since (see [`ProjectCache::edited`]);
    /// `None` with `lost` when that is not known.
    edit: Option<Region>,
    lost: bool,
    patched: bool,
    /// Reading `text` said nothing (the report has taken what it said).
    clean: bool,
}

/// One project as the previous check left it.
#[derive(Clone)]
struct Kept {
    end: u32,
    year: Option<i32>,
    repeated: bool,
    counted: Counted,
    syntax: Vec<Diagnostic>,
    lowering: Vec<Diagnostic>,
}

impl ProjectCache {
    /// How many projects the last check parsed, lowered and checked.
    pub fn lowered(&self) -> usize {
        self.lowered
    }
    /// How many projects the last check took from the one before.
    pub fn reused(&self) -> usize {
        self.reused
    }
    /// The last check patched the skeleton of the one before instead of
    /// reading the text (an edit inside one project's block).
    pub fn patched(&self) -> bool {
        self.patched
    }
    /// The text the last check read (line ends `\n`, no byte-order mark).
    pub fn text(&self) -> &str {
        self.text.as_deref().map_or("", Text::as_str)
    }

    /// The text to be checked next replaces bytes `from..to` of the text
    /// last changed (or checked) by `inserted` bytes: when such edits lie
    /// inside one project's block, the next check patches the previous
    /// skeleton instead of reading the text again.
    pub fn edited(&mut self, from: usize, to: usize, inserted: usize) {
        self.edit = Region::then(self.edit, from, to, inserted);
        self.lost |= self.edit.is_none();
    }
    /// The text to be checked next is not known to be an edit of the last.
    pub fn replaced(&mut self) {
        self.lost = true;
    }
    /// Give back the files a check through this cache loaded (from its
    /// [`CheckReport`]), so that the next check can patch their skeleton.
    pub fn keep(&mut self, mut loaded: Loaded) {
        let one = loaded.roots == [FileId(0)] && loaded.file_count() == 1;
        if one && self.clean && loaded.deferred() && loaded.diagnostics.is_empty() {
            self.tree = loaded.take_tree(FileId(0));
        }
    }

    /// [`check_report_text`](super::check_report_text) of `text`, reusing
    /// what the previous check through this cache found of the projects
    /// the edit did not touch.
    pub fn check(&mut self, name: &str, text: &str) -> CheckReport {
        self.check_at(name, text, None)
    }

    /// [`ProjectCache::check`] of the text of the file at `path`: its
    /// `引用` are followed from `path`'s folder on disk.
    pub fn check_at(&mut self, name: &str, text: &str, path: Option<&Path>) -> CheckReport {
        let edit = self.edit.take().filter(|_| self.verbatim && !self.lost);
        self.lost = false;
        if let Some(region) = edit {
            if let Some(loaded) =
                block_edit::patch(name, text, &mut self.text, &mut self.tree, region)
            {
                let inserted = text.get(region.start..region.end).unwrap_or("\n");
                let same = Unchanged {
                    prefix: region.start,
                    suffix_from: region.end,
                    delta: region.delta,
                    lines_moved: inserted.contains('\n'),
                };
                let mut old = std::mem::take(self);
                self.text = loaded.sources.get(FileId(0)).map(|f| f.text.clone());
                self.verbatim = true;
                self.patched = true;
                self.clean = true;
                // The old text is this one now: `same` says what is unchanged.
                old.text = None;
                return self.reusing(loaded, old, Some(same));
            }
        }
        let loaded = load::load_text_with(name, text, &deferred(&LoadOptions::default()));
        let new_text = loaded.sources.get(FileId(0)).map(|f| f.text.clone());
        let old = std::mem::take(self);
        self.text = new_text;
        self.clean = loaded.diagnostics.is_empty();
        self.verbatim =
            !text.starts_with('\u{FEFF}') && memchr::memchr(b'\r', text.as_bytes()).is_none();
        let whole = loaded.roots.iter().any(|f| {
            loaded.tree(*f).is_some_and(|t| {
                t.items.iter().any(|i| match i {
                    Item::Actuals(_) | Item::RuleSet(_) | Item::Include(_) => true,
                    Item::Department(_) | Item::Project(_) => false,
                })
            })
        });
        // (an `引用` in a department is not an item of its own)
        let includes = loaded
            .tree(FileId(0))
            .is_some_and(|t| !load::include_paths(t).is_empty());
        if whole || includes || loaded.roots.len() != 1 {
            let loaded = match path.filter(|_| includes) {
                Some(path) => {
                    load::load_text_at(path, name, text, &deferred(&LoadOptions::default()))
                }
                None => loaded,
            };
            let report = report_loaded(loaded);
            self.lowered = report.projects;
            return report;
        }
        self.reusing(loaded, old, None)
    }

    fn reusing(
        &mut self,
        loaded: Loaded,
        old: ProjectCache,
        same: Option<Unchanged>,
    ) -> CheckReport {
        let rules = points::rule_set(&loaded);
        let same = same.unwrap_or_else(|| Unchanged::between(old.text(), self.text()));
        let sink = Reusing {
            checking: Checking {
                points: rules.as_ref().map(|(r, file)| Points::new(r, *file)),
            },
            old: Mutex::new(old.projects),
            same,
        };
        let mut gathered = Gathered::default();
        let room = sink.old.lock().map_or(0, |old| old.len());
        gathered.kept.reserve(room);
        let (workspace, diagnostics) = lower::lower_into(&loaded, &sink, &mut gathered);
        let Gathered {
            tallies,
            kept,
            lowered,
            reused,
        } = gathered;
        self.projects = kept;
        self.lowered = lowered;
        self.reused = reused;
        report_tallied(loaded, &workspace, diagnostics, tallies)
    }
}

/// Where the new text equals the old: its first `prefix` bytes, and all
/// from `suffix_from` on (the old text's last bytes, moved by `delta`).
#[derive(Clone, Copy)]
struct Unchanged {
    prefix: usize,
    suffix_from: usize,
    delta: i64,
    /// The text after the edit starts on another line than it did: a
    /// syntax message of a project there may name a line (“第 N 行”).
    lines_moved: bool,
}

impl Unchanged {
    fn between(old: &str, new: &str) -> Unchanged {
        let (o, n) = (old.as_bytes(), new.as_bytes());
        let prefix = common(o.chunks(CHUNK), n.chunks(CHUNK), |a, b| {
            a.iter().zip(b).take_while(|(x, y)| x == y).count()
        });
        let room = o.len().min(n.len()) - prefix;
        let (o_rest, n_rest) = (
            o.get(prefix..).unwrap_or(&[]),
            n.get(prefix..).unwrap_or(&[]),
        );
        let suffix = common(o_rest.rchunks(CHUNK), n_rest.rchunks(CHUNK), |a, b| {
            let same = a.iter().rev().zip(b.iter().rev());
            same.take_while(|(x, y)| x == y).count()
        })
        .min(room);
        let breaks = |t: &[u8], end: usize| {
            memchr::memchr_iter(b'\n', t.get(prefix..end).unwrap_or(&[])).count()
        };
        Unchanged {
            prefix,
            suffix_from: n.len() - suffix,
            delta: n.len() as i64 - o.len() as i64,
            lines_moved: breaks(o, o.len() - suffix) != breaks(n, n.len() - suffix),
        }
    }

    /// The start in the old text of the block `start..end` of the new
    /// text, when its bytes are unchanged.
    fn old_start(&self, start: usize, end: usize) -> Option<u32> {
        if end <= self.prefix {
            u32::try_from(start).ok()
        } else if start >= self.suffix_from {
            u32::try_from(start as i64 - self.delta).ok()
        } else {
            None
        }
    }
}

/// Bytes compared at once (slices' equality is a `memcmp`).
const CHUNK: usize = 4096;

/// How many bytes two texts share, chunk by chunk (from the start with
/// `chunks`, from the end with `rchunks`); `within` counts the bytes two
/// chunks that differ share.
fn common<'t>(
    a: impl Iterator<Item = &'t [u8]>,
    b: impl Iterator<Item = &'t [u8]>,
    within: impl Fn(&[u8], &[u8]) -> usize,
) -> usize {
    let mut same = 0;
    for (x, y) in a.zip(b) {
        if x == y {
            same += x.len();
        } else {
            return same + within(x, y);
        }
    }
    same
}

/// [`Checking`], taking unchanged projects from the previous check.
struct Reusing<'c> {
    checking: Checking<'c>,
    /// Taken out (not copied) as the projects are reused.
    old: Mutex<FxHashMap<u32, Box<Kept>>>,
    same: Unchanged,
}

/// A project checked (or taken from the cache), and what to keep of it.
struct Done {
    start: u32,
    kept: Box<Kept>,
    reused: bool,
}

#[derive(Default)]
struct Gathered {
    tallies: Tallies,
    kept: FxHashMap<u32, Box<Kept>>,
    lowered: usize,
    reused: usize,
}

/// The bytes a project's block and name take.
fn extent(p: &ast::Project) -> (usize, usize) {
    let (mut start, mut end) = (p.span.start, p.span.end);
    if let Some(block) = p.deferred {
        start = start.min(block.start);
        end = end.max(block.end);
    }
    (start as usize, end as usize)
}

/// Move every span of `file` by `by` bytes.
fn shift(diagnostics: &mut [Diagnostic], file: FileId, by: i64) {
    for d in diagnostics {
        for span in d.spans_mut() {
            shift_span(span, file, by);
        }
    }
}

fn shift_span(span: &mut Span, file: FileId, by: i64) {
    if span.file == file {
        let moved = |at: u32| u32::try_from(i64::from(at) + by).unwrap_or(at);
        span.start = moved(span.start);
        span.end = moved(span.end);
    }
}

impl Sink for Reusing<'_> {
    type Worker = ();
    type Done = Done;
    type Gathered = Gathered;

    fn worker(&self) {}

    fn department(&self, _: &mut Gathered, _: usize, _: &Department) {}

    fn expect(&self, _: &mut Department, _: usize) {}

    fn reuse(
        &self,
        (): &mut (),
        _: usize,
        year: Option<i32>,
        repeated: bool,
        p: &ast::Project,
    ) -> Option<Reused<Done>> {
        let (start, end) = extent(p);
        let old_start = self.same.old_start(start, end)?;
        let mut old = self.old.lock().ok()?;
        let kept = old.get(&old_start)?;
        let fits = (kept.end as usize).checked_sub(old_start as usize) == Some(end - start);
        if !fits || kept.year != year || kept.repeated != repeated {
            return None;
        }
        let moved_lines = self.same.lines_moved && start >= self.same.suffix_from;
        if moved_lines && !kept.syntax.is_empty() {
            return None;
        }
        let mut kept = old.remove(&old_start)?;
        drop(old);
        let by = start as i64 - i64::from(old_start);
        let file = p.span.file;
        kept.end = u32::try_from(end).ok()?;
        if by != 0 {
            shift_span(&mut kept.counted.name_span, file, by);
            shift(&mut kept.counted.findings, file, by);
            shift(&mut kept.counted.points, file, by);
            shift(&mut kept.syntax, file, by);
            shift(&mut kept.lowering, file, by);
        }
        Some(Reused {
            syntax: kept.syntax.clone(),
            lowering: kept.lowering.clone(),
            done: Done {
                start: u32::try_from(start).ok()?,
                kept,
                reused: true,
            },
        })
    }

    fn project(&self, (): &mut (), dept: usize, year: Option<i32>, project: Project) -> Done {
        let (start, end) = (project.span.start, project.span.end);
        let repeated = project.repeated;
        let counted = self.checking.project(&mut (), dept, year, project);
        Done {
            start,
            kept: Box::new(Kept {
                end,
                year,
                repeated,
                counted,
                syntax: Vec::new(),
                lowering: Vec::new(),
            }),
            reused: false,
        }
    }

    fn lowered(&self, done: &mut Done, syntax: &[Diagnostic], lowering: &[Diagnostic]) {
        done.kept.syntax = syntax.to_vec();
        done.kept.lowering = lowering.to_vec();
    }

    fn name(done: &Done) -> (&str, Span) {
        (&done.kept.counted.name, done.kept.counted.name_span)
    }

    fn take(
        &self,
        gathered: &mut Gathered,
        index: usize,
        _: &mut Department,
        done: Done,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        // What `Checking::take` does, from the kept result (not a copy of it).
        let counted = &done.kept.counted;
        let tallies = &mut gathered.tallies.tallies;
        if tallies.len() <= index {
            tallies.resize(index + 1, Default::default());
        }
        if let Some(t) = tallies.get_mut(index) {
            t.add_counted(&counted.tally);
        }
        diagnostics.extend(counted.findings.iter().cloned());
        gathered
            .tallies
            .points
            .extend(counted.points.iter().cloned());
        if done.reused {
            gathered.reused += 1;
        } else {
            gathered.lowered += 1;
        }
        gathered.kept.insert(done.start, done.kept);
    }
}
