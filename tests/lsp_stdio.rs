//! `jixiao lsp` as editors start it: a process speaking LSP on standard
//! input and output. Exit code 0 after shutdown and exit, 1 otherwise; what
//! is not LSP ends it with a Chinese message, never a panic.

#[path = "common/cli.rs"]
mod cli;

/// LSP framing of JSON messages.
fn framed(messages: &[&str]) -> Vec<u8> {
    let mut out = Vec::new();
    for m in messages {
        out.extend(format!("Content-Length: {}\r\n\r\n{m}", m.len()).into_bytes());
    }
    out
}

#[test]
fn a_session_on_stdio_ends_cleanly() {
    let input = framed(&[
        r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#,
        r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
        r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#,
        r#"{"jsonrpc":"2.0","method":"exit"}"#,
    ]);
    let run = cli::jixiao_stdin(&["lsp"], &input);
    run.code(0);
    assert!(
        run.out.contains(r#""serverInfo":{"name":"jixiao""#),
        "{}",
        run.out
    );
    assert!(
        run.out
            .ends_with(r#"{"jsonrpc":"2.0","id":2,"result":null}"#),
        "{}",
        run.out
    );
    assert_eq!(run.err, "");
}

#[test]
fn what_is_not_lsp_ends_the_server_with_a_message() {
    let run = cli::jixiao_stdin(&["lsp"], b"Content-Length: 5\r\n\r\nhello");
    run.code(1);
    assert_eq!(
        run.err,
        "jixiao lsp：从标准输入读到的不是 LSP 消息，或连接已中断；服务结束\n"
    );
    // the editor went away without exit: 1, nothing said
    let run = cli::jixiao_stdin(&["lsp"], b"");
    run.code(1);
    assert_eq!(run.err, "");
}
