//! The file system as jixiao meets it (issue 15): reading only regular
//! files, whole and unchanged (`read`); walking folders without loops or
//! leaving the folder given ([`walk`]); telling whether two paths are one
//! file ([`same_file`]); I/O errors in Chinese ([`message`]). Replacing a
//! file is [`crate::safe_write`].

pub mod message;
pub mod read;
pub mod walk;

pub use message::{io_message, read_error};
pub use read::{read, read_stream, Problem};
pub use walk::jx_files;

use std::path::{Path, PathBuf};

/// Whether `a` and `b` name one file (the same inode, so also through hard
/// links and symbolic links). False when either does not exist.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => identity(&x, a) == identity(&y, b),
        _ => false,
    }
}

#[cfg(unix)]
fn identity(meta: &std::fs::Metadata, _: &Path) -> (u64, u64, PathBuf) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino(), PathBuf::new())
}

#[cfg(not(unix))]
fn identity(_: &std::fs::Metadata, path: &Path) -> (u64, u64, PathBuf) {
    (
        0,
        0,
        path.canonicalize().unwrap_or_else(|_| path.to_path_buf()),
    )
}

/// Where `path` will be once written: its folder resolved (links, `..`),
/// joined with its name. Two outputs with the same place are one file even
/// before either exists.
pub fn place(path: &Path) -> PathBuf {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    match path.file_name() {
        Some(name) => dir.join(name),
        None => dir,
    }
}
