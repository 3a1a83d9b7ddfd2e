//! The requests answered from a document's evaluation context
//! ([`super::folder`]): `textDocument/definition` and
//! `textDocument/references` ([`super::definition`]) and
//! `textDocument/inlayHint` ([`super::inlay`]).

use super::diagnostics::Normalized;
use super::documents::Documents;
use super::folder::Context;
use super::position::{LineIndex, Placer};
use super::{error, offset_of, params};
use lsp_server::{ErrorCode, Request, Response};
use lsp_types::{
    GotoDefinitionParams, GotoDefinitionResponse, InlayHintParams, ReferenceParams, Uri,
};

fn context(documents: &Documents, request: &Request, uri: &Uri) -> Result<Context, Response> {
    Context::of(uri, documents).ok_or_else(|| {
        let message = format!("文档“{}”没有打开（先发送 didOpen）", uri.as_str());
        error(request, ErrorCode::InvalidParams, message)
    })
}

/// The byte offset of an editor's position in the context's document.
fn offset(context: &Context, at: lsp_types::Position) -> usize {
    let Some(doc) = context.members.first() else {
        return 0;
    };
    let normalized = Normalized {
        text: doc.text.clone(),
        bom: doc.bom,
    };
    offset_of(&normalized, at)
}

pub fn definition(documents: &Documents, request: &Request) -> Result<Response, Response> {
    let p: GotoDefinitionParams = params(request)?;
    let at = p.text_document_position_params;
    let c = context(documents, request, &at.text_document.uri)?;
    let found = super::definition::at(&c, &c.evaluate(), offset(&c, at.position));
    let result = found.map(GotoDefinitionResponse::Array);
    Ok(Response::new_ok(request.id.clone(), result))
}

pub fn references(documents: &Documents, request: &Request) -> Result<Response, Response> {
    let p: ReferenceParams = params(request)?;
    let at = p.text_document_position;
    let c = context(documents, request, &at.text_document.uri)?;
    let offset = offset(&c, at.position);
    let found =
        super::definition::references(&c, &c.evaluate(), offset, p.context.include_declaration);
    Ok(Response::new_ok(request.id.clone(), found))
}

pub fn inlay_hints(documents: &Documents, request: &Request) -> Result<Response, Response> {
    let p: InlayHintParams = params(request)?;
    let c = context(documents, request, &p.text_document.uri)?;
    let (start, end) = (offset(&c, p.range.start), offset(&c, p.range.end));
    let Some(doc) = c.members.first() else {
        return Ok(Response::new_ok(request.id.clone(), ()));
    };
    let placer = Placer {
        index: LineIndex::new(&doc.text),
        bom: doc.bom,
    };
    let hints = super::inlay::hints(&c.evaluate(), &placer, start.min(end), end.max(start));
    Ok(Response::new_ok(request.id.clone(), hints))
}
