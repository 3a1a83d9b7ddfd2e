//! Shared by the fuzz targets: bytes → text the way the CLI reads a file,
//! and the renderings a user would see (they must not panic either).

#![allow(dead_code)]

use jixiao::diagnostic::{json, render, Diagnostic};
use jixiao::load::{decode, Decoded};
use jixiao::SourceMap;

/// Decode like `jixiao check` does (UTF-8, BOM, CRLF; other encodings are
/// refused with a diagnostic, which must not panic either).
pub fn text(bytes: &[u8]) -> Option<String> {
    match decode(bytes, None) {
        Decoded::Text(t) => Some(t),
        Decoded::Problem(p) => {
            let _ = p.into_diagnostic(jixiao::source::Span::default());
            None
        }
    }
}

/// Split the input into `n` texts at the byte 0x01 (seeds use it as a
/// separator; arbitrary inputs split anywhere).
pub fn parts(text: &str, n: usize) -> Vec<&str> {
    let mut out: Vec<&str> = text.splitn(n, '\u{1}').collect();
    while out.len() < n {
        out.push("");
    }
    out
}

/// Render every diagnostic the way a user sees it, human and JSON.
pub fn show(diagnostics: &[Diagnostic], sources: &SourceMap) {
    let _ = render::render_all(diagnostics, sources, render::RenderOptions::default());
    let _ = serde_json::to_string(&json::report(diagnostics, sources));
}
