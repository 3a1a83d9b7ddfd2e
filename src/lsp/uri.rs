//! The editor's `file:` URIs and the paths on disk they name (the folder
//! of a document, a sibling's URI, the file an `引用` names).

use lsp_types::Uri;
use std::path::{Path, PathBuf};

/// The path of a `file:` URI (percent-decoded); `None` for another scheme.
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    if !uri.scheme()?.as_str().eq_ignore_ascii_case("file") {
        return None;
    }
    let path = uri.path().as_estr().decode().into_string().ok()?;
    Some(PathBuf::from(path.into_owned()))
}

/// The `file:` URI of an absolute path, each byte but the unreserved ones
/// and `/` percent-encoded, as editors write them.
pub fn uri_of(path: &Path) -> Option<Uri> {
    let text = path.to_str()?;
    let mut out = String::from("file://");
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out.parse().ok()
}
