//! `引用 "…"`: `textDocument/documentLink` on each included path, and
//! [`definition_of_include`] (`textDocument/definition` on one) — the file
//! it names, resolved as `jixiao check` resolves it: the path relative to
//! the folder of the document (`crate::load`). A path that names no file
//! gives no link.

use super::diagnostics::Normalized;
use super::position::{LineIndex, Placer};
use crate::source::FileId;
use lsp_types::{DocumentLink, Location, Position, Range, Uri};
use std::path::Path;

/// Each `引用` of the document at `uri` that names an existing file: the
/// range of its path (in the editor's text `text`) and the file's URI.
pub fn includes(uri: &Uri, text: &str) -> Vec<(Range, Uri)> {
    let Some(dir) = super::uri::path_of(uri).and_then(|p| p.parent().map(Path::to_path_buf)) else {
        return Vec::new();
    };
    let normalized = Normalized::of(text);
    let (tree, _) = crate::syntax::parse_skeleton(FileId(0), &normalized.text);
    let placer = Placer {
        index: LineIndex::new(&normalized.text),
        bom: normalized.bom,
    };
    crate::load::include_paths(&tree)
        .into_iter()
        .filter_map(|(span, rel)| {
            let target = dir.join(&rel).canonicalize().ok()?;
            let range = placer.range(span.start as usize, span.end as usize);
            Some((range, super::uri::uri_of(&target)?))
        })
        .collect()
}

/// The document links of the `引用` paths.
pub fn document_links(uri: &Uri, text: &str) -> Vec<DocumentLink> {
    includes(uri, text)
        .into_iter()
        .map(|(range, target)| DocumentLink {
            range,
            target: Some(target),
            tooltip: Some("打开引用的文件".to_string()),
            data: None,
        })
        .collect()
}

/// Where an `引用`'s path at `at` leads: the start of the file it names;
/// `None` when `at` is on no `引用` path (or it names no file). A combined
/// `textDocument/definition` tries this after the indicator's declaration.
pub fn definition_of_include(uri: &Uri, text: &str, at: Position) -> Option<Location> {
    includes(uri, text)
        .into_iter()
        .find(|(r, _)| r.start <= at && at <= r.end)
        .map(|(_, target)| Location::new(target, Range::default()))
}

impl super::Server {
    pub(super) fn links(
        &self,
        request: &lsp_server::Request,
    ) -> Result<lsp_server::Response, lsp_server::Response> {
        let p: lsp_types::DocumentLinkParams = super::params(request)?;
        let doc = self.open_document(request, &p.text_document.uri)?;
        let result = document_links(&doc.uri, &doc.text);
        Ok(lsp_server::Response::new_ok(request.id.clone(), result))
    }

    /// Go to definition: the file an `引用` names, else (from a `自评` to its
    /// declaration and back) [`super::navigation::definition`].
    pub(super) fn definition(
        &self,
        request: &lsp_server::Request,
    ) -> Result<lsp_server::Response, lsp_server::Response> {
        let p: lsp_types::GotoDefinitionParams = super::params(request)?;
        let at = p.text_document_position_params;
        let doc = self.open_document(request, &at.text_document.uri)?;
        match definition_of_include(&doc.uri, &doc.text, at.position) {
            Some(file) => {
                let result = lsp_types::GotoDefinitionResponse::Scalar(file);
                Ok(lsp_server::Response::new_ok(request.id.clone(), result))
            }
            None => super::navigation::definition(&self.documents, request),
        }
    }
}
