//! The one directory walk: every `.jx` file below a folder (`check`, `eval`,
//! `export`, `report`, `diff`, `fmt` of a folder). Symbolic links are
//! followed, but a folder already visited (`ln -s . x`) is not entered
//! again, and nothing outside the folder given is entered or read (a link
//! to `/` would walk the whole disk).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Every `.jx` file below `dir`, sorted, skipping hidden entries and
/// `target` folders, each folder once, never leaving `dir`.
pub fn jx_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let root = dir.canonicalize()?;
    let mut walk = Walk {
        root,
        seen: HashSet::new(),
        out: Vec::new(),
    };
    walk.dir(dir)?;
    Ok(walk.out)
}

struct Walk {
    /// The folder given, resolved: nothing outside it is visited.
    root: PathBuf,
    /// Folders entered, by identity.
    seen: HashSet<Key>,
    out: Vec<PathBuf>,
}

#[cfg(unix)]
type Key = (u64, u64);
#[cfg(not(unix))]
type Key = PathBuf;

#[cfg(unix)]
fn key(meta: &std::fs::Metadata, _: &Path) -> Key {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn key(_: &std::fs::Metadata, resolved: &Path) -> Key {
    resolved.to_path_buf()
}

impl Walk {
    fn dir(&mut self, dir: &Path) -> std::io::Result<()> {
        let meta = std::fs::metadata(dir)?;
        let resolved = dir.canonicalize()?;
        if !self.seen.insert(key(&meta, &resolved)) {
            return Ok(());
        }
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for p in entries {
            let hidden = p
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.') || n == "target");
            if hidden {
                continue;
            }
            // Where a link leads; a dangling link is a file name like any
            // other (reading it reports that it does not exist).
            let inside = p.canonicalize().map_or(true, |r| r.starts_with(&self.root));
            if !inside {
                continue;
            }
            if p.is_dir() {
                self.dir(&p)?;
            } else if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("jx")) {
                self.out.push(p);
            }
        }
        Ok(())
    }
}
