//! `jixiao … | head`: a reader that stops early must not make jixiao panic.

#[path = "common/cli.rs"]
mod cli;

use std::io::Read;
use std::process::{Command, Stdio};

fn jixiao() -> Command {
    cli::command(&cli::root())
}

#[test]
fn a_closed_pipe_ends_output_quietly() {
    // 300 generated projects: far more output than a pipe buffers (64 KiB),
    // so jixiao is still writing when the reader goes away.
    let dir = tempfile::tempdir().unwrap();
    let decl = dir.path().join("decl.jx");
    let status = jixiao()
        .args(["gen", "--projects", "300", "--actuals", "-o"])
        .arg(&decl)
        .status()
        .unwrap();
    assert!(status.success());
    let decl = decl.to_str().unwrap().to_string();
    let actuals = format!("{}", dir.path().join("decl.actuals.jx").display());
    for args in [
        vec!["export", "--format", "json", decl.as_str()],
        vec!["eval", decl.as_str(), "--actuals", actuals.as_str()],
    ] {
        // stderr goes to a file: a pipe nobody reads yet could fill and
        // block jixiao before it writes the first byte of stdout.
        let err_path = dir.path().join("stderr.txt");
        let mut child = jixiao()
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&err_path).unwrap())
            .spawn()
            .unwrap();
        let mut first = [0u8; 16];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        // The read end is dropped here: further writes hit a closed pipe.
        let status = child.wait().unwrap();
        let stderr = std::fs::read_to_string(&err_path).unwrap();
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_ne!(status.code(), Some(101), "{args:?}: {stderr}");
    }
}
