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

/// An I/O error in words a user can act on (Chinese for the common kinds).
pub fn io_message(e: &io::Error) -> String {
    // ENOSPC, EROFS, EDQUOT (Unix); ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL
    // (Windows). By number: the ErrorKinds for them need Rust 1.83.
    let full = if cfg!(windows) { [39, 112] } else { [28, 28] };
    match (e.kind(), e.raw_os_error()) {
        (_, Some(n)) if full.contains(&n) => "磁盘空间已满".into(),
        (_, Some(30)) if cfg!(unix) => "文件系统是只读的".into(),
        (_, Some(122)) if cfg!(target_os = "linux") => "超出了磁盘配额".into(),
        (io::ErrorKind::NotFound, _) => "文件或目录不存在".into(),
        (io::ErrorKind::PermissionDenied, _) => "没有写权限".into(),
        _ => e.to_string(),
    }
}

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
    let now = std::fs::read(target).map_err(WriteError::Io)?;
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
