//! The forms of an audit (issue 19): which files, among the paths given,
//! make one 自评表 with its declaration.
//!
//! - a file holding both a `部门` (or `项目`) and a `自评` block is a form
//!   on its own (what `import` and `gen --forms` write);
//! - in a folder, a file holding only a `自评` block is a form together
//!   with the folder's declaration files (tests/corpus/selfeval/<form>/);
//!   several such files make as many forms, each with those declarations;
//! - a `规则` file in a folder is the rule set of the folder's forms;
//! - the `.jx` files named on the command line are grouped as one folder;
//! - a `.txt`, `.xlsx`, `.xls`, `.xlsm` or `.ods` file named on the command
//!   line is a published form, imported in memory.
//!
//! Which blocks a file holds is read from its skeleton (project bodies left
//! unparsed): cheap next to the evaluation that follows.

use crate::files::walk::jx_files;
use crate::load::{decode, Decoded};
use crate::source::FileId;
use crate::syntax::ast::Item;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Where a form comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// `.jx` files: the declarations, the `自评` and maybe a `规则` file;
    /// `actuals` is the `--actuals` file when one was given.
    Files {
        paths: Vec<PathBuf>,
        actuals: Option<PathBuf>,
    },
    /// A published form to import (PDF text or a workbook).
    Import(PathBuf),
}

/// One form to audit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    /// As the user names it: the folder, the file.
    pub label: String,
    pub source: Source,
}

/// The forms found, and the files that belong to none.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Forms {
    pub forms: Vec<Form>,
    /// `.jx` files in no form (a declaration without a `自评` beside it).
    pub stray: Vec<PathBuf>,
    /// Paths that could not be read or walked, with the reason.
    pub unreadable: Vec<(PathBuf, String)>,
}

/// The extensions of published forms that `import` reads.
fn is_import(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .is_some_and(|e| matches!(e.as_str(), "txt" | "xlsx" | "xlsm" | "xls" | "ods"))
}

/// The blocks a `.jx` file holds.
#[derive(Clone, Copy, Debug, Default)]
struct Blocks {
    declaration: bool,
    actuals: bool,
    rules: bool,
}

/// Read a file's skeleton; `None` when it cannot be read or decoded (the
/// evaluation that reads it again says why).
fn blocks(path: &Path, encoding: Option<&'static encoding_rs::Encoding>) -> Option<Blocks> {
    let bytes = crate::files::read(path).ok()?;
    let Decoded::Text(text) = decode(&bytes, encoding) else {
        return None;
    };
    let (tree, _) = crate::syntax::parse_skeleton(FileId(0), &text);
    let mut b = Blocks::default();
    for item in &tree.items {
        match item {
            Item::Department(_) | Item::Project(_) => b.declaration = true,
            Item::Actuals(_) => b.actuals = true,
            Item::RuleSet(_) => b.rules = true,
            Item::Include(_) => {}
        }
    }
    Some(b)
}

/// The forms among `paths`. With `actuals` (`--actuals F`), the paths and F
/// are one form, as for `eval`.
pub fn discover(
    paths: &[PathBuf],
    actuals: Option<&Path>,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Forms {
    let mut out = Forms::default();
    if let Some(a) = actuals {
        out.forms.push(Form {
            label: a.display().to_string(),
            source: Source::Files {
                paths: paths.to_vec(),
                actuals: Some(a.to_path_buf()),
            },
        });
        return out;
    }
    // The folders and the imported forms, in input order; the files named
    // are one folder, where the first of them was named.
    let mut units: Vec<Unit> = Vec::new();
    let mut named: Option<usize> = None;
    for p in paths {
        if p.is_dir() {
            match jx_files(p) {
                Ok(files) => units.extend(
                    by_folder(files)
                        .into_iter()
                        .map(|(dir, files)| Unit::Folder(Some(dir), files)),
                ),
                Err(e) => out
                    .unreadable
                    .push((p.clone(), crate::files::io_message(&e))),
            }
        } else if is_import(p) {
            units.push(Unit::Import(p.clone()));
        } else if p.exists() {
            let at = *named.get_or_insert_with(|| {
                units.push(Unit::Folder(None, Vec::new()));
                units.len() - 1
            });
            if let Some(Unit::Folder(_, files)) = units.get_mut(at) {
                files.push(p.clone());
            }
        } else {
            out.unreadable
                .push((p.clone(), "文件或目录不存在".to_string()));
        }
    }
    // Which blocks each file holds, read on the pool.
    let files: Vec<&PathBuf> = units
        .iter()
        .flat_map(|u| match u {
            Unit::Folder(_, files) => files.iter().collect(),
            Unit::Import(_) => Vec::new(),
        })
        .collect();
    let read = |f: &&PathBuf| blocks(f, encoding);
    let kinds: Vec<Option<Blocks>> = crate::parallel::run(
        || files.par_iter().map(read).collect(),
        || files.iter().map(read).collect(),
    );
    let mut kinds = kinds.into_iter();
    for u in &units {
        match u {
            Unit::Folder(dir, files) => {
                let of: Vec<(PathBuf, Option<Blocks>)> = files
                    .iter()
                    .map(|f| (f.clone(), kinds.next().flatten()))
                    .collect();
                folder(&mut out, dir.as_deref(), of);
            }
            Unit::Import(p) => out.forms.push(Form {
                label: p.display().to_string(),
                source: Source::Import(p.clone()),
            }),
        }
    }
    out
}

/// A folder's `.jx` files (`None`: the files named), or a form to import.
enum Unit {
    Folder(Option<PathBuf>, Vec<PathBuf>),
    Import(PathBuf),
}

/// Files grouped by the folder that holds them, in walk order.
fn by_folder(files: Vec<PathBuf>) -> Vec<(PathBuf, Vec<PathBuf>)> {
    let mut groups: Vec<(PathBuf, Vec<PathBuf>)> = Vec::new();
    let mut index: HashMap<PathBuf, usize> = HashMap::new();
    for f in files {
        let dir = f.parent().map(Path::to_path_buf).unwrap_or_default();
        match index.get(&dir).and_then(|k| groups.get_mut(*k)) {
            Some((_, g)) => g.push(f),
            None => {
                index.insert(dir.clone(), groups.len());
                groups.push((dir, vec![f]));
            }
        }
    }
    groups
}

/// The forms of one folder (`dir`), or of the files named (`None`).
fn folder(out: &mut Forms, dir: Option<&Path>, files: Vec<(PathBuf, Option<Blocks>)>) {
    let mut whole = Vec::new();
    let mut lone = Vec::new();
    let mut declarations = Vec::new();
    let mut rules = Vec::new();
    for (f, kind) in files {
        match kind {
            Some(b) if b.actuals && b.declaration => whole.push(f),
            Some(b) if b.actuals => lone.push(f),
            Some(b) if b.rules && !b.declaration => rules.push(f),
            // Unreadable files go with the declarations: the evaluation
            // that reads them says why they cannot be read.
            _ => declarations.push(f),
        }
    }
    let one = lone.len() == 1;
    for a in &lone {
        let label = match dir {
            Some(d) if one => d.display().to_string(),
            _ => a.display().to_string(),
        };
        let mut paths = declarations.clone();
        paths.push(a.clone());
        paths.extend(rules.iter().cloned());
        out.forms.push(Form {
            label,
            source: Source::Files {
                paths,
                actuals: None,
            },
        });
    }
    for w in whole {
        let mut paths = vec![w.clone()];
        paths.extend(rules.iter().cloned());
        out.forms.push(Form {
            label: w.display().to_string(),
            source: Source::Files {
                paths,
                actuals: None,
            },
        });
    }
    if lone.is_empty() {
        out.stray.extend(declarations);
        if out.forms.is_empty() {
            out.stray.extend(rules);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    const DECL: &str = "部门 \"甲\" {\n  年度 2024\n}\n";
    const SELF: &str = "自评 \"甲\" 2024 {\n}\n";

    #[test]
    fn a_folder_a_whole_file_and_a_stray_declaration() {
        let t = tempfile::tempdir().unwrap();
        let a = t.path().join("a");
        let b = t.path().join("b");
        std::fs::create_dir_all(&a).unwrap();
        std::fs::create_dir_all(&b).unwrap();
        let d = write(&a, "申报.jx", DECL);
        let s = write(&a, "自评.jx", SELF);
        let w1 = write(&b, "表1.jx", &format!("{DECL}{SELF}"));
        let w2 = write(&b, "表2.jx", &format!("{DECL}{SELF}"));
        let c = t.path().join("c");
        std::fs::create_dir_all(&c).unwrap();
        let stray = write(&c, "申报.jx", DECL);
        let found = discover(&[t.path().to_path_buf()], None, None);
        assert_eq!(
            found.forms,
            [
                Form {
                    label: a.display().to_string(),
                    source: Source::Files {
                        paths: vec![d, s],
                        actuals: None
                    },
                },
                Form {
                    label: w1.display().to_string(),
                    source: Source::Files {
                        paths: vec![w1.clone()],
                        actuals: None
                    },
                },
                Form {
                    label: w2.display().to_string(),
                    source: Source::Files {
                        paths: vec![w2.clone()],
                        actuals: None
                    },
                },
            ]
        );
        assert_eq!(found.stray, [stray]);
    }

    #[test]
    fn named_files_are_one_folder_and_a_text_is_imported() {
        let t = tempfile::tempdir().unwrap();
        let d = write(t.path(), "申报.jx", DECL);
        let s = write(t.path(), "自评.jx", SELF);
        let txt = write(t.path(), "自评表.txt", "x");
        let found = discover(&[d.clone(), s.clone(), txt.clone()], None, None);
        assert_eq!(found.forms.len(), 2);
        assert_eq!(found.forms[1].source, Source::Import(txt));
        assert_eq!(
            found.forms[0].source,
            Source::Files {
                paths: vec![d, s.clone()],
                actuals: None
            }
        );
        assert_eq!(found.forms[0].label, s.display().to_string());
    }
}
