//! `jixiao lsp`: a language server over standard input and output (the
//! rust-analyzer crates `lsp-server` and `lsp-types`: synchronous, one
//! thread). It uses the library as the commands do — no second parser:
//!
//! - [`diagnostics`]: on open and on each change, what `jixiao check` (and
//!   `jixiao eval`, for a declaration with its `自评`) says of the text;
//! - [`formatting`]: `jixiao fmt` of the text;
//! - [`symbols`]: the outline 部门 → 项目 → 一级/二级指标 → 指标;
//! - [`completion`]: the words that fit where the cursor is ([`context`]);
//! - [`hover`]: an amount in every unit of money, an indicator's target,
//!   points and formula, an actual's score and how it was reached;
//! - [`definition`]: between a `自评` and its declaration (definition,
//!   references); [`inlay`]: the funds' sum, a `校验`'s result, a score;
//!   both from the evaluation of the document's [`folder`], answered in
//!   [`navigation`];
//! - [`code_actions`]: the quick fixes the diagnostics carry;
//! - [`folding`], [`semantic_tokens`]: the blocks to fold, what each word
//!   is — from the syntax tree;
//! - [`range_formatting`]: `jixiao fmt` on the lines of a range;
//! - [`links`]: `引用` paths as links, and go to the file they name;
//! - [`position`]: byte offsets ↔ the editor's UTF-16 positions.
//!
//! Sync is incremental (each change carries the ranges it replaces,
//! [`documents`]); a burst of changes is checked once, for its last
//! version ([`serve`]), and a check parses, lowers and checks again only
//! the projects whose text changed (`ProjectCache`, the library's
//! incremental check), reusing the rest: the diagnostics are exactly those
//! of a whole check of the text.

pub mod code_actions;
pub mod completion;
pub mod completion_range;
pub mod context;
pub mod definition;
pub mod diagnostics;
pub mod documents;
pub mod folder;
pub mod folding;
pub mod formatting;
pub mod hover;
pub mod inlay;
pub mod links;
pub mod navigation;
pub mod parsed;
pub mod position;
pub mod range_formatting;
pub mod semantic_tokens;
mod semantic_walk;
pub mod symbols;
pub mod uri;

use documents::Documents;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    CompletionOptions, CompletionParams, CompletionResponse, DidChangeTextDocumentParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DocumentFormattingParams,
    DocumentSymbolParams, DocumentSymbolResponse, Hover, HoverContents, HoverParams,
    HoverProviderCapability, InitializeResult, MarkupContent, MarkupKind, OneOf,
    PublishDiagnosticsParams, ServerCapabilities, ServerInfo, TextDocumentSyncCapability,
    TextDocumentSyncKind,
};
use serde::de::DeserializeOwned;

/// Run the server on standard input and output until the editor says
/// `exit`. The exit code: 0 after `shutdown`, 1 otherwise (as LSP asks).
pub fn run_stdio() -> i32 {
    let (connection, io_threads) = Connection::stdio();
    let clean = serve(&connection);
    drop(connection);
    if io_threads.join().is_err() {
        eprintln!("jixiao lsp：从标准输入读到的不是 LSP 消息，或连接已中断；服务结束");
        return 1;
    }
    if clean {
        0
    } else {
        1
    }
}

/// What the server tells the editor it can do.
pub fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(
            TextDocumentSyncKind::INCREMENTAL,
        )),
        document_formatting_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![":".to_string(), "：".to_string()]),
            ..CompletionOptions::default()
        }),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        inlay_hint_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(lsp_types::CodeActionProviderCapability::Simple(true)),
        document_link_provider: Some(lsp_types::DocumentLinkOptions {
            resolve_provider: Some(false),
            work_done_progress_options: lsp_types::WorkDoneProgressOptions::default(),
        }),
        document_range_formatting_provider: Some(OneOf::Left(true)),
        semantic_tokens_provider: Some(
            lsp_types::SemanticTokensOptions {
                legend: semantic_tokens::legend(),
                full: Some(lsp_types::SemanticTokensFullOptions::Bool(true)),
                ..lsp_types::SemanticTokensOptions::default()
            }
            .into(),
        ),
        folding_range_provider: Some(lsp_types::FoldingRangeProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    }
}

#[derive(Default)]
struct Server {
    initialized: bool,
    shut_down: bool,
    documents: Documents,
}

/// Serve one connection until `exit` (or the editor goes away); whether
/// `shutdown` came first.
///
/// Messages are handled in order, as they come; a change only updates the
/// text. Diagnostics are published when no message is waiting (or after
/// 64 messages in a row, `BATCH`): a burst of changes to one document is
/// checked once, for its last version, and a request in between answers
/// from the text as of that request.
pub fn serve(connection: &Connection) -> bool {
    let mut server = Server::default();
    let mut since_publish = 0usize;
    loop {
        let message = match connection.receiver.try_recv() {
            Ok(m) if since_publish < BATCH => m,
            Ok(m) => {
                if !server.publish_pending(connection) {
                    return false;
                }
                since_publish = 0;
                m
            }
            Err(e) if e.is_empty() => {
                if !server.publish_pending(connection) {
                    return false;
                }
                since_publish = 0;
                match connection.receiver.recv() {
                    Ok(m) => m,
                    Err(_) => return false,
                }
            }
            Err(_) => return false,
        };
        since_publish += 1;
        match message {
            Message::Request(request) => {
                let response = server.request(request);
                if connection.sender.send(response.into()).is_err() {
                    return false;
                }
            }
            Message::Notification(n) if n.method == note::Exit::METHOD => return server.shut_down,
            Message::Notification(n) => {
                for sent in server.notification(n) {
                    if connection.sender.send(sent.into()).is_err() {
                        return false;
                    }
                }
            }
            Message::Response(_) => {}
        }
    }
}

/// At most this many messages are handled before the diagnostics of the
/// documents they changed are published, however many more wait.
const BATCH: usize = 64;

pub(crate) fn params<P: DeserializeOwned>(request: &Request) -> Result<P, Response> {
    serde_json::from_value(request.params.clone()).map_err(|e| {
        error(
            request,
            ErrorCode::InvalidParams,
            format!("“{}”的参数有误：{e}", request.method),
        )
    })
}

pub(crate) fn error(request: &Request, code: ErrorCode, message: String) -> Response {
    Response::new_err(request.id.clone(), code as i32, message)
}

impl Server {
    fn request(&mut self, request: Request) -> Response {
        let method = request.method.as_str();
        if method == req::Initialize::METHOD {
            if self.initialized {
                return error(
                    &request,
                    ErrorCode::InvalidRequest,
                    "服务已初始化".to_string(),
                );
            }
            self.initialized = true;
            let result = InitializeResult {
                capabilities: capabilities(),
                server_info: Some(ServerInfo {
                    name: "jixiao".to_string(),
                    version: Some(env!("CARGO_PKG_VERSION").to_string()),
                }),
            };
            return Response::new_ok(request.id, result);
        }
        if !self.initialized {
            let message = "服务尚未初始化：请先发送 initialize".to_string();
            return error(&request, ErrorCode::ServerNotInitialized, message);
        }
        if self.shut_down {
            let message = "服务已关闭（shutdown），只等 exit".to_string();
            return error(&request, ErrorCode::InvalidRequest, message);
        }
        let answered = match method {
            req::Shutdown::METHOD => {
                self.shut_down = true;
                Ok(Response::new_ok(request.id.clone(), ()))
            }
            req::Formatting::METHOD => self.formatting(&request),
            req::DocumentSymbolRequest::METHOD => self.symbols(&request),
            req::Completion::METHOD => self.completion(&request),
            req::HoverRequest::METHOD => self.hover(&request),
            req::GotoDefinition::METHOD => self.definition(&request),
            req::References::METHOD => navigation::references(&self.documents, &request),
            req::InlayHintRequest::METHOD => navigation::inlay_hints(&self.documents, &request),
            req::CodeActionRequest::METHOD => self.code_actions(&request),
            req::FoldingRangeRequest::METHOD => self.folding(&request),
            req::RangeFormatting::METHOD => self.range_formatting(&request),
            req::SemanticTokensFullRequest::METHOD => self.semantic_tokens(&request),
            req::DocumentLinkRequest::METHOD => self.links(&request),
            _ => Err(error(
                &request,
                ErrorCode::MethodNotFound,
                format!("jixiao lsp 不支持请求“{method}”"),
            )),
        };
        answered.unwrap_or_else(|e| e)
    }

    fn formatting(&self, request: &Request) -> Result<Response, Response> {
        let p: DocumentFormattingParams = params(request)?;
        let doc = self.open_document(request, &p.text_document.uri)?;
        match formatting::edits(&doc.text) {
            Ok(edits) => Ok(Response::new_ok(request.id.clone(), edits)),
            Err(why) => Err(error(request, ErrorCode::RequestFailed, why)),
        }
    }

    fn symbols(&self, request: &Request) -> Result<Response, Response> {
        let p: DocumentSymbolParams = params(request)?;
        let doc = self.open_document(request, &p.text_document.uri)?;
        let outline = symbols::outline(&doc.parsed());
        let result = DocumentSymbolResponse::Nested(outline);
        Ok(Response::new_ok(request.id.clone(), result))
    }

    fn completion(&self, request: &Request) -> Result<Response, Response> {
        let p: CompletionParams = params(request)?;
        let at = p.text_document_position;
        let doc = self.open_document(request, &at.text_document.uri)?;
        let normalized = diagnostics::Normalized::of(&doc.text);
        let offset = offset_of(&normalized, at.position);
        let items = completion::items(&normalized, offset, || doc.parsed());
        let result = CompletionResponse::Array(items);
        Ok(Response::new_ok(request.id.clone(), result))
    }

    fn hover(&self, request: &Request) -> Result<Response, Response> {
        let p: HoverParams = params(request)?;
        let at = p.text_document_position_params;
        let doc = self.open_document(request, &at.text_document.uri)?;
        let parsed = doc.parsed();
        let offset = offset_of(&parsed.normalized, at.position);
        let placer = position::Placer {
            index: position::LineIndex::new(parsed.text()),
            bom: parsed.normalized.bom,
        };
        let scored = folder::Context::of(&at.text_document.uri, &self.documents)
            .and_then(|c| hover::scored(&c.evaluate(), offset));
        let found = scored.or_else(|| hover::in_tree(parsed.tree()?, parsed.text(), offset));
        let result = found.map(|(text, span)| Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: text,
            }),
            range: Some(placer.range(span.start as usize, span.end as usize)),
        });
        Ok(Response::new_ok(request.id.clone(), result))
    }

    fn code_actions(&mut self, request: &Request) -> Result<Response, Response> {
        let p: lsp_types::CodeActionParams = params(request)?;
        self.open_document(request, &p.text_document.uri)?;
        let Some(doc) = self.documents.get_mut(&p.text_document.uri) else {
            return Ok(Response::new_ok(request.id.clone(), ()));
        };
        let actions = code_actions::at(doc, p.range);
        Ok(Response::new_ok(request.id.clone(), actions))
    }

    fn open_document(
        &self,
        request: &Request,
        uri: &lsp_types::Uri,
    ) -> Result<&documents::Document, Response> {
        self.documents.get(uri).ok_or_else(|| {
            let message = format!("文档“{}”没有打开（先发送 didOpen）", uri.as_str());
            error(request, ErrorCode::InvalidParams, message)
        })
    }

    /// Publish the diagnostics of every document changed since its last
    /// publish; `false` when the editor has gone.
    fn publish_pending(&mut self, connection: &Connection) -> bool {
        for doc in self.documents.pending() {
            let p = diagnostics::publish(doc);
            let n = Notification::new(note::PublishDiagnostics::METHOD.to_string(), p);
            if connection.sender.send(n.into()).is_err() {
                return false;
            }
        }
        true
    }

    /// What to send at once after a notification (the empty diagnostics of
    /// a closed document); an opened or changed document is published when
    /// no message waits ([`serve`]). Notifications have no answer, so one
    /// with malformed parameters is only noted on standard error.
    fn notification(&mut self, n: Notification) -> Vec<Notification> {
        if !self.initialized || self.shut_down {
            return Vec::new();
        }
        let published = match n.method.as_str() {
            note::DidOpenTextDocument::METHOD => {
                if let Some(p) = parse::<DidOpenTextDocumentParams>(&n) {
                    let d = p.text_document;
                    self.documents.open(d.uri, d.version, d.text);
                }
                None
            }
            note::DidChangeTextDocument::METHOD => {
                if let Some(p) = parse::<DidChangeTextDocumentParams>(&n) {
                    let d = p.text_document;
                    self.documents.change(&d.uri, d.version, p.content_changes);
                }
                None
            }
            note::DidCloseTextDocument::METHOD => {
                parse::<DidCloseTextDocumentParams>(&n).and_then(|p| {
                    let uri = p.text_document.uri;
                    self.documents.close(&uri)?;
                    Some(PublishDiagnosticsParams::new(uri, Vec::new(), None))
                })
            }
            _ => None,
        };
        published
            .map(|p| Notification::new(note::PublishDiagnostics::METHOD.to_string(), p))
            .into_iter()
            .collect()
    }
}

/// The byte offset in the text the library reads of an editor's
/// position (its first line is one character longer after a byte-order
/// mark).
pub(crate) fn offset_of(
    normalized: &diagnostics::Normalized,
    mut at: lsp_types::Position,
) -> usize {
    if at.line == 0 {
        at.character = at.character.saturating_sub(normalized.bom);
    }
    position::LineIndex::new(&normalized.text).offset(at)
}

fn parse<P: DeserializeOwned>(n: &Notification) -> Option<P> {
    match serde_json::from_value(n.params.clone()) {
        Ok(p) => Some(p),
        Err(e) => {
            eprintln!("jixiao lsp：“{}”的参数有误，已忽略：{e}", n.method);
            None
        }
    }
}
