//! Loading: paths → decoded text → syntax trees, with `引用` includes
//! resolved. This is the only module of the core that touches the file system.

use crate::diagnostic::{codes, Diagnostic};
use crate::source::{FileId, SourceFile, SourceMap, Span};
use crate::syntax::{self, ast::DeptStmt, ast::Item, SyntaxFile};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

mod decode;
mod prefetch;
pub use decode::{decode, normalize, Decoded};

/// How to load.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// The workspace root: includes may not leave it. Default: the nearest
    /// ancestor holding `.git` or `jixiao.toml`, else the argument's folder.
    pub root: Option<PathBuf>,
    /// Read files in this encoding instead of UTF-8 (e.g. `gbk`).
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// Keep skeleton trees: project bodies (of declarations and of `自评`)
    /// are not parsed here but by `lower` and `lower_actuals`, a few at a
    /// time, each dropped once lowered, so the trees of all bodies never
    /// exist at once (what `check` and `eval` do). Their syntax diagnostics
    /// then come out of lowering, not `Loaded::diagnostics`.
    pub defer_bodies: bool,
}

/// The result of loading: sources, trees and the include graph.
#[derive(Debug, Default)]
pub struct Loaded {
    pub sources: SourceMap,
    trees: HashMap<FileId, SyntaxFile>,
    /// Include statement (file, start offset) → the file it names.
    includes: HashMap<(FileId, u32), FileId>,
    /// Files to lower, in argument order; included files are not roots.
    pub roots: Vec<FileId>,
    pub diagnostics: Vec<Diagnostic>,
    /// True when an argument could not be read at all (exit code 2).
    pub io_failed: bool,
    /// The trees are skeletons (`LoadOptions::defer_bodies`).
    deferred: bool,
}

impl Loaded {
    /// The tree of a file: whole, or a skeleton whose project bodies are
    /// `deferred` when loaded with `LoadOptions::defer_bodies`.
    pub fn tree(&self, file: FileId) -> Option<&SyntaxFile> {
        self.trees.get(&file)
    }
    /// Every file's tree, in file order.
    pub fn trees(&self) -> impl Iterator<Item = (FileId, &SyntaxFile)> {
        let mut files: Vec<FileId> = self.trees.keys().copied().collect();
        files.sort();
        files
            .into_iter()
            .filter_map(|f| self.trees.get(&f).map(|t| (f, t)))
    }
    /// The file an include statement names, by the span of its path string.
    pub fn included(&self, span: Span) -> Option<FileId> {
        self.includes.get(&(span.file, span.start)).copied()
    }
    /// One in-memory file whose skeleton tree (`LoadOptions::defer_bodies`)
    /// is already known, with no diagnostics: what [`load_text_with`] gives
    /// of `text` when it reads `tree` without any (the language server
    /// patches the tree of the previous text after an edit).
    pub fn of_skeleton(
        name: &str,
        text: std::sync::Arc<crate::source::Text>,
        tree: SyntaxFile,
    ) -> Loaded {
        let mut loaded = Loaded {
            deferred: true,
            ..Loaded::default()
        };
        let id = loaded.sources.add(SourceFile::shared(
            PathBuf::from(name),
            name.to_string(),
            text,
        ));
        loaded.trees.insert(id, tree);
        loaded.roots.push(id);
        loaded
    }
    /// Take a file's tree out (what [`Loaded::of_skeleton`] puts back).
    pub fn take_tree(&mut self, file: FileId) -> Option<SyntaxFile> {
        self.trees.remove(&file)
    }
    /// The trees are skeletons (`LoadOptions::defer_bodies`).
    pub fn deferred(&self) -> bool {
        self.deferred
    }
    pub fn file_count(&self) -> usize {
        self.sources.len()
    }
    /// Add in-memory text (e.g. a built-in rule set) as one more file, parsed
    /// but not a root: nothing in it is lowered as a declaration.
    pub fn add_text(&mut self, name: &str, text: &str) -> FileId {
        let id = self.sources.add(SourceFile::new(
            PathBuf::from(name),
            name.to_string(),
            decode::normalize(text),
        ));
        let text = self
            .sources
            .get(id)
            .map(|f| f.text.clone())
            .unwrap_or_default();
        let (tree, diags) = parse(self.deferred, id, &text);
        self.diagnostics.extend(diags);
        self.trees.insert(id, tree);
        id
    }
}

impl Loaded {
    /// [`Loaded::add_text`] as a root: its declarations are lowered too
    /// (the editor's unsaved texts of one folder, evaluated together).
    pub fn add_root_text(&mut self, name: &str, text: &str) -> FileId {
        let id = self.add_text(name, text);
        self.roots.push(id);
        id
    }
}

/// A whole tree, or a skeleton when bodies are deferred.
fn parse(
    defer_bodies: bool,
    file: FileId,
    text: &str,
) -> (SyntaxFile, Vec<crate::diagnostic::Diagnostic>) {
    if defer_bodies {
        syntax::parse_skeleton(file, text)
    } else {
        syntax::parse(file, text)
    }
}

/// How standard input is named in diagnostics.
pub const STDIN_NAME: &str = "<标准输入>";

/// The path `-` names standard input (`jixiao check -`).
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Load in-memory text as one file (for embedding and tests). Includes are
/// refused, since there is no file system to resolve them against.
pub fn load_text(name: &str, text: &str) -> Loaded {
    load_text_with(name, text, &LoadOptions::default())
}

/// [`load_text`] with options; only `defer_bodies` applies to text.
pub fn load_text_with(name: &str, text: &str, options: &LoadOptions) -> Loaded {
    let mut loaded = Loaded {
        deferred: options.defer_bodies,
        ..Loaded::default()
    };
    let id = loaded.sources.add(SourceFile::new(
        PathBuf::from(name),
        name.to_string(),
        decode::normalize(text),
    ));
    let text = loaded
        .sources
        .get(id)
        .map(|f| f.text.clone())
        .unwrap_or_default();
    let (tree, diags) = parse(loaded.deferred, id, &text);
    loaded.diagnostics.extend(diags);
    for (span, _) in include_paths(&tree) {
        loaded.diagnostics.push(
            Diagnostic::new(
                &codes::INCLUDE_MISSING,
                "从标准输入或内存读入的文本不能使用“引用”",
            )
            .label(span, "这里")
            .help("把文件保存到磁盘后再检查"),
        );
    }
    loaded.trees.insert(id, tree);
    loaded.roots.push(id);
    loaded
}

/// Load in-memory text as the file at `path` (an editor's unsaved text of
/// a file on disk): its `引用` are followed from `path`'s folder on disk,
/// within the workspace root, as [`load_paths`] follows them. The text is
/// the first file and the only root; it is named `name`.
pub fn load_text_at(path: &Path, name: &str, text: &str, options: &LoadOptions) -> Loaded {
    let root = options.root.clone().unwrap_or_else(|| default_root(path));
    let root = root.canonicalize().unwrap_or(root);
    let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let mut loader = Loader::new(options);
    let id = loader.loaded.sources.add(SourceFile::new(
        canonical.clone(),
        name.to_string(),
        decode::normalize(text),
    ));
    loader.by_path.insert(canonical.clone(), id);
    let text = loader
        .loaded
        .sources
        .get(id)
        .map(|f| f.text.clone())
        .unwrap_or_default();
    let (tree, diags) = parse(loader.loaded.deferred, id, &text);
    let shown = path.parent().map_or_else(PathBuf::new, |d| d.join(name));
    let shown = shown.display().to_string();
    loader.finish_file(id, (canonical, &shown, &root), tree, diags);
    let mut loaded = loader.loaded;
    loaded.roots.push(id);
    loaded
}

/// Load files and directories (every `.jx` below a directory).
/// An argument, its workspace root, and for a directory the files below it.
type Planned<'a> = (&'a PathBuf, PathBuf, Option<std::io::Result<Vec<PathBuf>>>);

pub fn load_paths(paths: &[PathBuf], options: &LoadOptions) -> Loaded {
    // What each argument names, walked once up front so that files can be
    // read and parsed in parallel before the (sequential) loader runs.
    let plan: Vec<Planned<'_>> = paths
        .iter()
        .map(|path| {
            let root = options.root.clone().unwrap_or_else(|| default_root(path));
            let root = root.canonicalize().unwrap_or(root);
            let found = path.is_dir().then(|| jx_files(path));
            (path, root, found)
        })
        .collect();
    let mut loader = Loader::new(options);
    let files: Vec<&Path> = plan
        .iter()
        .flat_map(|(path, _, found)| match found {
            Some(Ok(found)) => found.iter().map(PathBuf::as_path).collect(),
            Some(Err(_)) => Vec::new(),
            None => vec![path.as_path()],
        })
        .collect();
    loader.prefetched = prefetch::prefetch(&files, options);
    let mut requested = Vec::new();
    for (path, root, found) in plan {
        match found {
            Some(Err(e)) => loader.io_error(path, &e),
            Some(Ok(found)) => {
                if found.is_empty() {
                    let others = other_files(path);
                    let help = match others.first() {
                        Some(example) => format!(
                            "目录里有 {} 个其他文件（如“{example}”），但 jixiao 只读取扩展名为 .jx 的文件；申报文件请以 .jx 结尾",
                            others.len()
                        ),
                        None => "目录是空的；jixiao 读取目录下（含子目录）所有扩展名为 .jx 的文件，请确认路径".into(),
                    };
                    loader.loaded.diagnostics.push(
                        Diagnostic::new(
                            &codes::NO_INPUT_FILES,
                            format!("目录“{}”中没有 .jx 文件", path.display()),
                        )
                        .help(help),
                    );
                    loader.loaded.io_failed = true;
                }
                for f in found {
                    let display = f.display().to_string();
                    if let Some(id) = loader.file(&f, &display, &root) {
                        requested.push(id);
                    }
                }
            }
            None => {
                if let Some(id) = loader.file(path, &path.display().to_string(), &root) {
                    requested.push(id);
                }
            }
        }
    }
    let mut loaded = loader.loaded;
    let included: std::collections::HashSet<FileId> = loaded.includes.values().copied().collect();
    let mut seen = std::collections::HashSet::new();
    for id in requested {
        if !included.contains(&id) && seen.insert(id) {
            loaded.roots.push(id);
        }
    }
    loaded
}

pub use crate::files::jx_files;

fn default_root(path: &Path) -> PathBuf {
    let start = if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    let start = if start.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        start
    };
    let abs = start.canonicalize().unwrap_or(start.clone());
    let mut dir = Some(abs.as_path());
    while let Some(d) = dir {
        if d.join(".git").exists() || d.join("jixiao.toml").exists() {
            return d.to_path_buf();
        }
        dir = d.parent();
    }
    abs
}

/// A file next to a missing `path` whose name is close to it (a typo).
fn similar_file(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_str()?;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    let entries = std::fs::read_dir(dir.unwrap_or(Path::new("."))).ok()?;
    let names: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .take(1000)
        .collect();
    let near = crate::suggest::nearest(name, names.iter().map(String::as_str))?;
    Some(dir.map_or_else(|| PathBuf::from(near), |d| d.join(near)))
}

/// Names of the files (not .jx) directly in `dir`, sorted.
fn other_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter(|e| e.path().is_file())
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|n| !n.starts_with('.'))
                .take(1000)
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// `a/b/../c` → `a/c`, without touching the file system.
fn lexical_normal(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// A path below the current directory shown relative to it, else as is.
fn relative_to_cwd(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| cwd.canonicalize().ok())
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| path.to_path_buf())
}

/// The include statements of a tree: (span of the path, path text).
pub fn include_paths(tree: &SyntaxFile) -> Vec<(Span, String)> {
    let mut out = Vec::new();
    for item in &tree.items {
        match item {
            Item::Include(i) => out.push((i.span, i.node.clone())),
            Item::Department(d) => {
                for s in &d.stmts {
                    if let DeptStmt::Include(i) = s {
                        out.push((i.span, i.node.clone()));
                    }
                }
            }
            Item::Project(_) | Item::Actuals(_) | Item::RuleSet(_) => {}
        }
    }
    out
}

struct Loader<'a> {
    loaded: Loaded,
    options: &'a LoadOptions,
    by_path: HashMap<PathBuf, FileId>,
    /// Files read and parsed ahead, in parallel, by canonical path.
    prefetched: HashMap<PathBuf, prefetch::Prefetched>,
    /// How many `引用` deep the file being loaded is: loading recurses once
    /// per level, and so does lowering.
    depth: usize,
}

/// The longest chain of `引用` followed (a real workspace has 2 or 3).
pub const MAX_INCLUDE_DEPTH: usize = 64;

impl<'a> Loader<'a> {
    fn new(options: &'a LoadOptions) -> Loader<'a> {
        Loader {
            loaded: Loaded {
                deferred: options.defer_bodies,
                ..Loaded::default()
            },
            options,
            by_path: HashMap::new(),
            prefetched: HashMap::new(),
            depth: 0,
        }
    }

    fn io_error(&mut self, path: &Path, e: &std::io::Error) {
        let d = crate::files::read_error(&path.display().to_string(), e);
        let d = match (crate::files::Problem::of(e), e.kind()) {
            (Some(_), _) => d,
            (None, std::io::ErrorKind::NotFound) => d.help(match similar_file(path) {
                Some(near) => format!("是不是“{}”？请检查路径是否写对", near.display()),
                None => "请检查路径是否写对、文件是否存在；路径中有空格时请用引号括起来".into(),
            }),
            (None, std::io::ErrorKind::PermissionDenied) => d.help("请确认有读取这个文件的权限"),
            (None, _) => d.help("请检查路径是否写对、文件是否存在"),
        };
        self.loaded.diagnostics.push(d);
        self.loaded.io_failed = true;
    }

    /// Load one file (and what it includes); `None` if it cannot be read.
    /// `display` is how the user names it: the path as given on the command
    /// line, or the including file's folder joined with the `引用` path.
    fn file(&mut self, path: &Path, display: &str, root: &Path) -> Option<FileId> {
        let display = if is_stdin(path) { STDIN_NAME } else { display };
        let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        if let Some(id) = self.by_path.get(&canonical) {
            return Some(*id);
        }
        let next = FileId(u32::try_from(self.loaded.sources.len()).unwrap_or(u32::MAX));
        if let Some(pre) = self.prefetched.remove(&canonical).filter(|p| p.id == next) {
            let id = self.loaded.sources.add(SourceFile::new(
                canonical.clone(),
                display.to_string(),
                pre.text,
            ));
            self.by_path.insert(canonical.clone(), id);
            return Some(self.finish_file(
                id,
                (canonical, display, root),
                pre.tree,
                pre.diagnostics,
            ));
        }
        let (text, problem) = match decode::read_text(path, self.options.encoding) {
            Ok(Ok(t)) => (t, None),
            Ok(Err(p)) => (crate::source::Text::default(), Some(p)),
            Err(e) => {
                self.io_error(path, &e);
                return None;
            }
        };
        let id = self.loaded.sources.add(SourceFile::new(
            canonical.clone(),
            display.to_string(),
            text,
        ));
        self.by_path.insert(canonical.clone(), id);
        if let Some(problem) = problem {
            self.loaded
                .diagnostics
                .push(problem.into_diagnostic(Span::new(id, 0, 0)));
            return Some(id);
        }
        let text = self
            .loaded
            .sources
            .get(id)
            .map(|f| f.text.clone())
            .unwrap_or_default();
        let (tree, diags) = parse(self.loaded.deferred, id, &text);
        Some(self.finish_file(id, (canonical, display, root), tree, diags))
    }

    /// After parsing: report an empty file, keep the tree, follow includes.
    fn finish_file(
        &mut self,
        id: FileId,
        (canonical, display, root): (PathBuf, &str, &Path),
        tree: SyntaxFile,
        diags: Vec<Diagnostic>,
    ) -> FileId {
        // Only this file's parse can have reported at this file yet.
        let reported = diags
            .iter()
            .any(|d| d.primary_span().map(|s| s.file) == Some(id));
        self.loaded.diagnostics.extend(diags);
        if tree.items.is_empty() && !reported {
            self.loaded.diagnostics.push(
                Diagnostic::new(&codes::NO_CONTENT, "文件里只有注释或空白，没有部门或项目")
                    .label(Span::new(id, 0, 0), "文件开头")
                    .help("写一个“部门 \"名称\" { … }”块，或删除这个文件"),
            );
        }
        let includes = include_paths(&tree);
        self.loaded.trees.insert(id, tree);
        let dir = canonical
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let shown_dir = Path::new(display)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        for (span, rel) in includes {
            self.include(id, span, (&dir, &shown_dir), &rel, root);
        }
        id
    }

    /// `dirs`: the including file's folder, canonical and as shown.
    fn include(&mut self, from: FileId, span: Span, dirs: (&Path, &Path), rel: &str, root: &Path) {
        let (dir, shown_dir) = dirs;
        let target = dir.join(rel);
        let shown = lexical_normal(&shown_dir.join(rel));
        let Ok(canonical) = target.canonicalize() else {
            self.loaded.diagnostics.push(
                Diagnostic::new(&codes::INCLUDE_MISSING, format!("引用的文件“{rel}”不存在"))
                    .label(span, "这里引用")
                    .help(format!(
                        "“引用”的路径相对于当前文件所在的目录；按此计算，要找的是“{}”，请检查文件名和目录",
                        shown.display()
                    )),
            );
            return;
        };
        if !canonical.starts_with(root) {
            self.loaded.diagnostics.push(
                Diagnostic::new(&codes::INCLUDE_OUTSIDE, format!("引用的文件“{rel}”在工作区根目录之外"))
                    .label(span, "这里引用")
                    .help(format!(
                        "只能引用工作区根目录（{}）之内的文件；请把文件移到根目录内，或用 --root 指定更上层的根目录",
                        relative_to_cwd(root).display()
                    )),
            );
            return;
        }
        if let Some(&existing) = self.by_path.get(&canonical) {
            if let Some(chain) = self.chain(existing, from) {
                let names: Vec<String> = chain
                    .iter()
                    .chain(std::iter::once(&existing))
                    .filter_map(|f| self.loaded.sources.get(*f).map(|s| s.display.clone()))
                    .collect();
                self.loaded.diagnostics.push(
                    Diagnostic::new(
                        &codes::INCLUDE_CYCLE,
                        format!("循环引用：这里引用的“{rel}”又引用回了当前文件"),
                    )
                    .label(span, "这里引用")
                    .help(format!(
                        "引用链：{}。去掉其中一处“引用”，打断这个循环",
                        names.join(" → ")
                    )),
                );
                return;
            }
            self.loaded
                .includes
                .insert((span.file, span.start), existing);
            return;
        }
        if self.depth >= MAX_INCLUDE_DEPTH {
            self.loaded.diagnostics.push(
                Diagnostic::new(
                    &codes::INCLUDE_TOO_DEEP,
                    format!("引用链太长：“{rel}”已是第 {} 层引用，超过了 {MAX_INCLUDE_DEPTH} 层，没有读取", self.depth + 1),
                )
                .label(span, "这里引用")
                .help("正常的工作区只有两三层引用（部门文件引用项目文件）；请检查是否误把文件一个接一个地串了起来，改为由部门文件直接引用各个文件"),
            );
            return;
        }
        // Register the edge before loading so that cycles through it are seen.
        let next_id = FileId(self.loaded.sources.len() as u32);
        self.loaded
            .includes
            .insert((span.file, span.start), next_id);
        self.depth += 1;
        let loaded = self.file(&target, &shown.display().to_string(), root);
        self.depth -= 1;
        match loaded {
            Some(id) => {
                self.loaded.includes.insert((span.file, span.start), id);
            }
            None => {
                self.loaded.includes.remove(&(span.file, span.start));
            }
        }
    }

    /// The files from `from` to `to` (both included) along includes, if
    /// `from` (transitively) includes `to` or is `to`.
    fn chain(&self, from: FileId, to: FileId) -> Option<Vec<FileId>> {
        let mut edges: Vec<((FileId, u32), FileId)> =
            self.loaded.includes.iter().map(|(k, v)| (*k, *v)).collect();
        edges.sort();
        let mut came_from: HashMap<FileId, FileId> = HashMap::new();
        let mut queue = std::collections::VecDeque::from([from]);
        let mut seen = std::collections::HashSet::from([from]);
        while let Some(f) = queue.pop_front() {
            if f == to {
                let mut path = vec![f];
                let mut cur = f;
                while let Some(prev) = came_from.get(&cur) {
                    path.push(*prev);
                    cur = *prev;
                }
                path.reverse();
                return Some(path);
            }
            for ((src, _), dst) in &edges {
                if *src == f && seen.insert(*dst) {
                    came_from.insert(*dst, f);
                    queue.push_back(*dst);
                }
            }
        }
        None
    }
}
