//! Source files, spans and the line index.
//!
//! A [`Span`] is a byte range in one file of a [`SourceMap`]. Spans compare
//! equal to each other and hash to nothing, so syntax trees and models that
//! carry them compare by meaning only.

use serde::{Deserialize, Serialize};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// Index of a file in its [`SourceMap`].
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct FileId(pub u32);

/// A byte range in one source file. Ignored by equality and hashing.
#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl PartialEq for Span {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}
impl Eq for Span {}
impl Hash for Span {
    fn hash<H: Hasher>(&self, _: &mut H) {}
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        Span {
            file,
            start: u32::try_from(start).unwrap_or(u32::MAX),
            end: u32::try_from(end).unwrap_or(u32::MAX),
        }
    }
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
    /// Is this a real position (as opposed to the default "nowhere")?
    pub fn same_as(&self, other: &Span) -> bool {
        self.file == other.file && self.start == other.start && self.end == other.end
    }
}

/// A value with the place it was written. Equality ignores the place.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Node<T> {
    pub node: T,
    #[serde(skip)]
    pub span: Span,
}

impl<T> Node<T> {
    pub fn new(node: T, span: Span) -> Self {
        Node { node, span }
    }
}

/// One loaded source file.
#[derive(Debug)]
pub struct SourceFile {
    pub path: PathBuf,
    /// How the path is shown to the user (relative, as given on the command line).
    pub display: String,
    pub text: Arc<Text>,
    /// Start of every line, built on the first [`SourceFile::line_col`]: only
    /// diagnostics need it, so a clean file never pays for it.
    line_starts: OnceLock<Vec<usize>>,
}

impl SourceFile {
    pub fn new(path: PathBuf, display: String, text: impl Into<Text>) -> SourceFile {
        SourceFile {
            path,
            display,
            text: Arc::new(text.into()),
            line_starts: OnceLock::new(),
        }
    }
    /// [`SourceFile::new`] sharing a text already held elsewhere.
    pub fn shared(path: PathBuf, display: String, text: Arc<Text>) -> SourceFile {
        SourceFile {
            path,
            display,
            text,
            line_starts: OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(self.text.match_indices('\n').map(|(i, _)| i + 1));
            starts
        })
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line_starts = self.line_starts();
        let line = match line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let start = line_starts.get(line).copied().unwrap_or(0);
        let col = self
            .text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(0);
        (line + 1, col + 1)
    }
}

/// Every file read in one run.
#[derive(Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    pub fn new() -> SourceMap {
        SourceMap::default()
    }
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        FileId(u32::try_from(self.files.len() - 1).unwrap_or(u32::MAX))
    }
    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }
    pub fn find(&self, path: &Path) -> Option<FileId> {
        self.files
            .iter()
            .position(|f| f.path == path)
            .map(|i| FileId(i as u32))
    }
    pub fn files(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f))
    }
    pub fn len(&self) -> usize {
        self.files.len()
    }
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// The text of a source file, owned. Large files were once mapped into
/// memory instead (no copy); a mapped file truncated while jixiao ran
/// killed it with SIGBUS and one edited in place broke the parser's
/// assumptions, so every file is read (issue 15; the cost is in
/// BENCHMARKS.md).
#[derive(Default)]
pub struct Text(String);

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// Replace the bytes `range` by `with` in place (the editor's edit
    /// applied to the text the language server keeps; `with` must already
    /// be normalized). `false`, nothing changed, when `range` is not
    /// within the text at character boundaries.
    pub fn replace_range(&mut self, range: std::ops::Range<usize>, with: &str) -> bool {
        let fits = range.start <= range.end
            && self.0.is_char_boundary(range.start)
            && self.0.is_char_boundary(range.end)
            && range.end <= self.0.len();
        if fits {
            self.0.replace_range(range, with);
        }
        fits
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text(s)
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Text({} bytes)", self.len())
    }
}
