//! A real editor against `jixiao lsp` (issue 20): Neovim's built-in LSP
//! client (Debian's neovim, 0.7 and later; `.ci/run` installs it) opens a
//! copy of a file with an error, and tests/lsp/neovim.lua writes down the
//! diagnostics it received and shows; then it fixes the line in the buffer
//! and the diagnostics are cleared; then it asks for a completion on a
//! line typed in the 产出 group and applies the item chosen (its edit
//! replaces the Chinese character already typed).

#[path = "common/cli.rs"]
mod cli;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
#[ignore = "needs neovim"]
fn neovim_shows_the_diagnostics_of_jixiao_lsp() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("申报.jx");
    std::fs::copy("tests/lsp/bad.jx", &file).unwrap();
    let out = dir.path().join("received.txt");
    let mut nvim = Command::new("nvim")
        .args([
            "--headless",
            "--clean",
            "-c",
            "luafile tests/lsp/neovim.lua",
        ])
        .env("JX_BIN", cli::bin())
        .env("JX_FILE", &file)
        .env("JX_OUT", &out)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .spawn()
        .expect("nvim runs");
    let started = Instant::now();
    while nvim.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(120) {
            let _ = nvim.kill();
            panic!("nvim did not finish within 120 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let received = std::fs::read_to_string(&out).expect("the script wrote what it received");
    assert_eq!(
        received,
        "opened 1\n\
         lsp 4:9-4:17 JX-F005 1 资金“总额”写的是 10.04 公斤，单位是“公斤”，不是金额 | \
         建议：资金的每一项都写金额单位，如“总额 90,682.50 元”或“总额 10.04 万元”\n\
         shown 4:13-4:25 1\n\
         fixed 0\n\
         completion 数量指标 质量指标 时效指标\n\
         completed         质量指标\n",
        // Neovim shows columns in bytes: “      总额 ” is 9 UTF-16
        // characters and 13 bytes
    );
}
