//! One harness for running the `jixiao` binary in tests: what the user sees
//! (exit code, stdout, stderr), with the guarantee that nothing panicked.
//!
//! Include it with `#[path = "common/cli.rs"] mod cli;` (from `tests/x.rs`).
//! Every test that runs the binary goes through it (issue 16): `jixiao`,
//! `jixiao_in`, `jixiao_stdin` for what the user sees; `command(dir)` to
//! prepare one (env, stdin, pipes) and `finish` or `.checked()` (raw bytes)
//! to run it; `bin()` to hand the binary to another program.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// One finished run of the binary.
pub struct Run {
    pub code: i32,
    pub out: String,
    pub err: String,
}

impl Run {
    /// Everything the user sees, stdout then stderr.
    pub fn all(&self) -> String {
        format!("{}{}", self.out, self.err)
    }
    /// Assert that every word appears in what the user sees.
    pub fn has(&self, words: &[&str]) -> &Self {
        let all = self.all();
        for w in words {
            assert!(all.contains(w), "“{w}” missing from:\n{all}");
        }
        self
    }
    /// Assert that no word appears in what the user sees.
    pub fn lacks(&self, words: &[&str]) -> &Self {
        let all = self.all();
        for w in words {
            assert!(!all.contains(w), "“{w}” should not appear in:\n{all}");
        }
        self
    }
    /// Assert the exit code, showing the output when it differs.
    pub fn code(&self, code: i32) -> &Self {
        assert_eq!(self.code, code, "exit code; output:\n{}", self.all());
        self
    }
}

/// The binary's path, for tests that run it under another program
/// (`timeout`, `prlimit`, git's diff driver).
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_jixiao")
}

/// The raw output (bytes and status) of a prepared command, for tests that
/// look at bytes or statuses: `.checked()` in place of `.output().unwrap()`,
/// with the same check that nothing panicked.
pub trait Checked {
    fn checked(&mut self) -> std::process::Output;
}

impl Checked for Command {
    fn checked(&mut self) -> std::process::Output {
        let out = self.output().expect("run jixiao");
        let (o, e) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        assert!(
            !e.contains("panicked") && !o.contains("panicked"),
            "jixiao panicked:\n{e}"
        );
        out
    }
}

/// A spawned run whose output the test reads itself (pipes, memory):
/// check what it wrote to stderr for a panic.
pub fn assert_no_panic(stderr: &str) {
    assert!(!stderr.contains("panicked"), "jixiao panicked:\n{stderr}");
}

/// The repository root (where `examples/` lives).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A command for the binary, without colour, run from `dir`.
pub fn command(dir: &Path) -> Command {
    let mut c = Command::new(bin());
    c.current_dir(dir).env("NO_COLOR", "1").stdin(Stdio::null());
    c
}

/// Run a prepared command and check that it did not panic.
pub fn finish(mut c: Command) -> Run {
    let out = c.checked();
    Run {
        code: out.status.code().unwrap_or(-1),
        out: String::from_utf8_lossy(&out.stdout).into_owned(),
        err: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Run `jixiao ARGS` from the repository root.
pub fn jixiao(args: &[&str]) -> Run {
    jixiao_in(&root(), args)
}

/// Run `jixiao ARGS` from `dir`.
pub fn jixiao_in(dir: &Path, args: &[&str]) -> Run {
    let mut c = command(dir);
    c.args(args);
    finish(c)
}

/// Run `jixiao ARGS` with `input` on standard input.
pub fn jixiao_stdin(args: &[&str], input: &[u8]) -> Run {
    use std::io::Write;
    let mut c = command(&root());
    c.args(args).stdin(Stdio::piped());
    c.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = c.spawn().expect("run jixiao");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().expect("wait for jixiao");
    let _ = writer.join();
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        out: String::from_utf8_lossy(&out.stdout).into_owned(),
        err: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert_no_panic(&run.err);
    run
}

/// A fresh temporary directory holding `files` (name, text).
pub fn dir_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("make dirs");
        }
        std::fs::write(&path, text).expect("write file");
    }
    dir
}

/// A small valid declaration: one department, one project, one indicator.
pub const SMALL: &str = "部门 \"示例局\" {\n  年度 2025\n  项目 \"示例项目\" {\n    性质 其他经常性项目\n    资金 {\n      总额 10.04 万元\n    }\n    指标 {\n      产出指标 {\n        数量指标 {\n          培训人数 ≥ 140 人\n        }\n      }\n    }\n  }\n}\n";
