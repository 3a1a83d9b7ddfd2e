//! The VS Code extension (`editors/vscode/`, issue 20) as CI builds it:
//! `editors/vscode/ci.sh` installs the locked npm packages, runs the grammar
//! tests (`tests/*.jx`, vscode-tmgrammar-test) and the client's
//! (`tests/client.test.js`), and packages `jixiao.vsix`.
//! Needs npm and the npm registry (or a cache); `.ci/run` runs it.

use std::io::Read;
use std::path::Path;
use std::process::Command;

fn vscode_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/vscode")
}

/// The text of `name` inside the `.vsix` (a zip).
fn entry(vsix: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(vsix)).expect(".vsix 应是 zip 文件");
    let mut file = zip
        .by_name(name)
        .unwrap_or_else(|e| panic!(".vsix 中没有 {name}：{e}"));
    let mut text = String::new();
    file.read_to_string(&mut text).expect("UTF-8");
    text
}

#[test]
#[ignore = "needs npm"]
fn ci_script_tests_the_grammar_and_packages_the_extension() {
    let dir = vscode_dir();
    let vsix = dir.join("jixiao.vsix");
    let _ = std::fs::remove_file(&vsix);
    let out = Command::new("bash")
        .arg(dir.join("ci.sh"))
        .output()
        .expect("运行 editors/vscode/ci.sh");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "ci.sh 失败：\n{stdout}\n{stderr}");

    // Every grammar test file ran and passed (the tool's own words).
    let cases: Vec<String> = std::fs::read_dir(dir.join("tests"))
        .expect("editors/vscode/tests")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".jx"))
        .collect();
    assert!(cases.len() >= 3, "语法测试文件太少：{cases:?}");
    for case in &cases {
        assert!(
            stdout.contains(&format!("✓ tests/{case} run successfuly.")),
            "语法测试 {case} 没有通过：\n{stdout}"
        );
    }
    assert!(!stdout.contains('✖'), "有测试失败：\n{stdout}");

    // The client's tests (tests/client.test.js): it starts `jixiao lsp`,
    // restarts on a new jixiao.path, and says why when it cannot start.
    assert!(
        stdout.contains("✓ 客户端：打开 .jx 文件时启动 jixiao lsp"),
        "{stdout}"
    );
    assert!(stdout.contains("客户端测试：5/5 通过"), "{stdout}");

    // The package holds the extension as committed.
    let bytes = std::fs::read(&vsix).expect("ci.sh 应生成 editors/vscode/jixiao.vsix");
    let committed = |name: &str| std::fs::read_to_string(dir.join(name)).expect(name);
    for name in [
        "package.json",
        "language-configuration.json",
        "syntaxes/jixiao.tmLanguage.json",
        "src/extension.js",
    ] {
        assert_eq!(
            entry(&bytes, &format!("extension/{name}")).replace("\r\n", "\n"),
            committed(name),
            ".vsix 中的 {name} 与仓库中的不同"
        );
    }
    // The client the extension starts is in the package with its dependencies.
    let manifest = entry(&bytes, "extension/package.json");
    assert!(manifest.contains("\"jixiao.path\""), "{manifest}");
    entry(
        &bytes,
        "extension/node_modules/vscode-languageclient/package.json",
    );
}
