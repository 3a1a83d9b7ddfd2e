//! The one way jixiao writes a file (`fmt`, `report`, `import -o`; issues 8
//! and 15): never half written, never a different file afterwards.
//!
//! The new content goes to a temporary file created new (unpredictable name,
//! `.NAME.jixiao-XXXXXX.tmp`) in the target's folder, is synced, takes the
//! replaced file's mode and (when allowed, i.e. as root) its owner and
//! group, and is renamed over the target; then the folder is synced so the
//! rename survives a power cut. A reader sees the old file or the new one.
//! On any failure the temporary file is removed and the target is untouched.
//! A temporary file left by a run killed mid-write (`kill -9`) is removed by
//! the next write of the same target.
//!
//! `fmt` ([`replace_file`]) also checks, before and after writing, that the
//! file still holds what was read (an editor saving meanwhile), and writes a
//! file with several hard links in place — after that check — so that every
//! name keeps seeing the one file; such a write is not atomic (a crash in
//! the middle leaves it half written, and a failed write puts the original
//! back), which is the price of keeping the links.

use std::fs::File;
use std::io::{self, Seek, Write};
use std::path::{Path, PathBuf};

pub use crate::files::io_message;

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
            WriteError::Io(e) => f.write_str(&io_message(e)),
        }
    }
}

impl From<io::Error> for WriteError {
    fn from(e: io::Error) -> WriteError {
        WriteError::Io(e)
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

fn plain_hooks<R>(f: impl FnOnce(Hooks<'_>) -> R) -> R {
    f(Hooks {
        write: &mut |f, b| f.write_all(b),
        before_rename: &mut || {},
    })
}

/// Write `bytes` to `path` (an output: created, or replaced whole).
pub fn write_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    // Through a symbolic link to the file it names, which stays a link.
    let target = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let meta = std::fs::metadata(&target).ok();
    let result = plain_hooks(|hooks| atomic(&target, meta.as_ref(), bytes, None, hooks));
    match result {
        Ok(()) => Ok(()),
        Err(WriteError::Io(e)) => Err(e),
        Err(e @ (WriteError::ReadOnly | WriteError::Changed)) => {
            Err(io::Error::other(e.to_string()))
        }
    }
}

/// Replace `path`'s content by `bytes`, provided it still holds `original`.
pub fn replace_file(path: &Path, original: &[u8], bytes: &[u8]) -> Result<(), WriteError> {
    plain_hooks(|hooks| replace_file_with(path, original, bytes, hooks))
}

/// [`replace_file`] with replaceable steps (for tests).
pub fn replace_file_with(
    path: &Path,
    original: &[u8],
    bytes: &[u8],
    hooks: Hooks<'_>,
) -> Result<(), WriteError> {
    let target = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let meta = std::fs::metadata(&target)?;
    if meta.permissions().readonly() {
        return Err(WriteError::ReadOnly);
    }
    unchanged(&target, original)?;
    if links(&meta) > 1 {
        return in_place(&target, original, bytes, hooks);
    }
    atomic(&target, Some(&meta), bytes, Some(original), hooks)
}

/// The temporary file beside `target`, filled, given `meta`'s mode and
/// owner, renamed over `target` once `original` (if any) is still there.
fn atomic(
    target: &Path,
    meta: Option<&std::fs::Metadata>,
    bytes: &[u8],
    original: Option<&[u8]>,
    hooks: Hooks<'_>,
) -> Result<(), WriteError> {
    let dir = folder(target);
    let prefix = temp_prefix(target);
    remove_stale(&dir, &prefix);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        // A new file gets what any new file gets (0666 less the umask).
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(&dir)?;
    (hooks.write)(tmp.as_file_mut(), bytes)?;
    if let Some(meta) = meta {
        keep_owner_and_mode(tmp.as_file(), meta)?;
    }
    tmp.as_file().sync_all()?;
    (hooks.before_rename)();
    if let Some(original) = original {
        unchanged(target, original)?;
    }
    tmp.persist(target).map_err(|e| WriteError::Io(e.error))?;
    sync_folder(&dir);
    Ok(())
}

/// Overwrite a hard-linked file where it is (see the module comment).
fn in_place(
    target: &Path,
    original: &[u8],
    bytes: &[u8],
    hooks: Hooks<'_>,
) -> Result<(), WriteError> {
    let mut f = std::fs::OpenOptions::new().write(true).open(target)?;
    (hooks.before_rename)();
    unchanged(target, original)?;
    let written = (hooks.write)(&mut f, bytes)
        .and_then(|()| f.set_len(bytes.len() as u64))
        .and_then(|()| f.sync_all());
    if let Err(e) = written {
        // Put the original back; the error is what the user hears about.
        let _ = f
            .rewind()
            .and_then(|()| f.write_all(original))
            .and_then(|()| f.set_len(original.len() as u64))
            .and_then(|()| f.sync_all());
        return Err(WriteError::Io(e));
    }
    Ok(())
}

#[cfg(unix)]
fn links(meta: &std::fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    meta.nlink()
}

#[cfg(not(unix))]
fn links(_: &std::fs::Metadata) -> u64 {
    1
}

/// Give the new file the replaced file's owner and group (only root may;
/// for anyone else the file is theirs already, or stays theirs) and mode
/// (after the owner: changing the owner clears set-id bits).
fn keep_owner_and_mode(file: &File, meta: &std::fs::Metadata) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid()));
    }
    file.set_permissions(meta.permissions())
}

/// Best effort: make the rename durable. Some systems cannot open a folder.
fn sync_folder(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// The file still holds exactly what was read.
fn unchanged(target: &Path, original: &[u8]) -> Result<(), WriteError> {
    let now = crate::files::read(target)?;
    if now == original {
        Ok(())
    } else {
        Err(WriteError::Changed)
    }
}

/// The folder of `target` (`.` for a bare name).
fn folder(target: &Path) -> PathBuf {
    target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf()
}

/// `.NAME.jixiao-`: how temporary files for `target` begin.
fn temp_prefix(target: &Path) -> String {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(".{name}.jixiao-")
}

/// Remove temporary files for the same target left by a killed run. (A
/// concurrent write of the same file loses its temporary file and reports
/// the failure; the target stays whole either way.)
fn remove_stale(dir: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        let ours = name.starts_with(prefix) && name.ends_with(".tmp");
        if ours && e.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}
