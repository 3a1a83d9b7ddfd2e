//! An editor for the tests of `jixiao lsp`: the server runs in-process on
//! a memory connection; requests return the response as JSON (without its
//! id), notifications are sent, diagnostics awaited.
#![allow(dead_code)]

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{json, Value};
use std::thread::JoinHandle;
use std::time::Duration;

pub struct Editor {
    conn: Connection,
    pub server: Option<JoinHandle<bool>>,
    next: i32,
}

impl Editor {
    /// A server, not yet initialized.
    pub fn raw() -> Editor {
        let (server, conn) = Connection::memory();
        let server = std::thread::spawn(move || jixiao::lsp::serve(&server));
        Editor {
            conn,
            server: Some(server),
            next: 0,
        }
    }
    /// A server after initialize/initialized.
    pub fn new() -> Editor {
        let mut e = Editor::raw();
        e.request("initialize", json!({ "capabilities": {} }));
        e.notify("initialized", json!({}));
        e
    }
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = RequestId::from(self.next);
        let r = Request::new(id.clone(), method.to_string(), params);
        self.conn.sender.send(r.into()).unwrap();
        match self.receive() {
            Message::Response(r) if r.id == id => {
                let mut v = serde_json::to_value(r).unwrap();
                v.as_object_mut().unwrap().remove("id");
                v
            }
            other => panic!("expected the response to {method}, got {other:?}"),
        }
    }
    pub fn notify(&self, method: &str, params: Value) {
        let n = Notification::new(method.to_string(), params);
        self.conn.sender.send(n.into()).unwrap();
    }
    pub fn receive(&self) -> Message {
        self.conn
            .receiver
            .recv_timeout(Duration::from_secs(30))
            .expect("the server answered within 30 s")
    }
    /// The next publishDiagnostics' params.
    pub fn diagnostics(&self) -> Value {
        match self.receive() {
            Message::Notification(n) if n.method == "textDocument/publishDiagnostics" => n.params,
            other => panic!("expected diagnostics, got {other:?}"),
        }
    }
    pub fn open(&self, uri: &str, text: &str) -> Value {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": {
                "uri": uri, "languageId": "jixiao", "version": 1, "text": text } }),
        );
        self.diagnostics()
    }
    /// shutdown, exit: whether the server ended cleanly.
    pub fn finish(mut self) -> bool {
        assert_eq!(
            self.request("shutdown", Value::Null),
            json!({ "result": null })
        );
        self.notify("exit", Value::Null);
        self.server.take().unwrap().join().unwrap()
    }
}

/// An LSP range.
pub fn range(l0: u32, c0: u32, l1: u32, c1: u32) -> Value {
    json!({ "start": { "line": l0, "character": c0 }, "end": { "line": l1, "character": c1 } })
}
