//! Replacing a file's content without ever leaving it half written
//! (`jixiao fmt`; issue 8).
//!
//! The new content goes to a temporary file in the same folder, is synced,
//! and is renamed over the original — a rename is atomic, so a reader sees
//! either the old file or the new one. Before the rename the original is read
//! again: if someone changed it since it was read (an editor saving while
//! `fmt` ran), nothing is written. On any failure (disk full, no permission)
//! the temporary file is removed and the original is untouched.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Why a file was not replaced. In every case the original is intact.
#[derive(Debug)]
pub enum WriteError {
    /// The file is marked read-only.
    ReadOnly,
    /// The file no longer holds what was read: it changed while formatting.
    Changed,
    /// Reading, writing or renaming failed.
    Io(io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::ReadOnly => f.write_str("文件是只读的"),
            WriteError::Changed => f.write_str("文件在处理期间被改动了"),
            WriteError::Io(e) => write!(f, "{}", io_message(e)),
        }
    }
}

pub use crate::files::io_message;

/// The steps that can be replaced in tests, to simulate a full disk or a
/// file edited while it is being formatted.
pub struct Hooks<'a> {
    /// Writes the bytes into the temporary file.
    pub write: &'a mut dyn FnMut(&mut File, &[u8]) -> io::Result<()>,
    /// Runs after the temporary file is complete, before the original is
    /// compared again and replaced.
    pub before_rename: &'a mut dyn FnMut(),
}

/// Replace `path`'s content by `bytes`, provided it still holds `original`.
pub fn replace_file(path: &Path, original: &[u8], bytes: &[u8]) -> Result<(), WriteError> {
    replace_file_with(
        path,
        original,
        bytes,
        Hooks {
            write: &mut |f, b| f.write_all(b),
            before_rename: &mut || {},
        },
    )
}

/// [`replace_file`] with replaceable steps (for tests).
pub fn replace_file_with(
    path: &Path,
    original: &[u8],
    bytes: &[u8],
    hooks: Hooks<'_>,
) -> Result<(), WriteError> {
    let target = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let meta = std::fs::metadata(&target).map_err(WriteError::Io)?;
    if meta.permissions().readonly() {
        return Err(WriteError::ReadOnly);
    }
    unchanged(&target, original)?;
    let tmp = temp_path(&target);
    let result = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .map_err(WriteError::Io)?;
        (hooks.write)(&mut f, bytes).map_err(WriteError::Io)?;
        f.sync_all().map_err(WriteError::Io)?;
        drop(f);
        std::fs::set_permissions(&tmp, meta.permissions()).map_err(WriteError::Io)?;
        (hooks.before_rename)();
        unchanged(&target, original)?;
        std::fs::rename(&tmp, &target).map_err(WriteError::Io)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// The file still holds exactly what was read.
fn unchanged(target: &Path, original: &[u8]) -> Result<(), WriteError> {
    let now = crate::files::read(target).map_err(WriteError::Io)?;
    if now == original {
        Ok(())
    } else {
        Err(WriteError::Changed)
    }
}

/// `.name.jixiao-fmt-PID.tmp` beside the target (same file system, so the
/// rename is atomic).
pub fn temp_path(target: &Path) -> PathBuf {
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dir.join(format!(".{name}.jixiao-fmt-{}.tmp", std::process::id()))
}
