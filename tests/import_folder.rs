//! `jixiao import 目录 -o 输出目录`: every form of a folder in one run, with
//! a summary table; a failing file never stops the others (issue 18).

#[path = "common/cli.rs"]
mod cli;
use cli::jixiao_in;

#[path = "common/workbook.rs"]
mod workbook;
use workbook::{report_workbook, rows};

use std::path::Path;

fn corpus_seed() -> std::path::PathBuf {
    cli::root().join("tests/corpus/import/shanghai-songjiang-npc-2025/申报表.txt")
}

/// A workbook whose one indicator has no 指标方向: imported with a warning.
fn needs_a_look() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    rows(
        ws,
        0,
        &[
            &["项目名称", "课题调研"],
            &["主管部门", "示例局"],
            &[
                "一级指标",
                "二级指标",
                "三级指标",
                "指标方向",
                "指标值",
                "度量单位",
            ],
            &["产出指标", "数量指标", "调研次数", "", "9", "次"],
        ],
    );
    book.save_to_buffer().unwrap()
}

/// The folder of the brief: the example's workbook, the seed text, a
/// workbook that needs a look, a text that is no form, an empty file, and
/// what is not imported (a .jx, an Excel lock file, a subfolder).
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let example = cli::root().join("examples/songjiang-npc-2025/declaration.jx");
    std::fs::write(d.join("示例.xlsx"), report_workbook(&[example])).unwrap();
    std::fs::copy(corpus_seed(), d.join("申报表.txt")).unwrap();
    std::fs::write(d.join("调研.xlsx"), needs_a_look()).unwrap();
    std::fs::write(d.join("笔记.txt"), "这是一段与申报表无关的文字。\n").unwrap();
    std::fs::write(d.join("空.txt"), "").unwrap();
    std::fs::write(d.join("旧.jx"), "部门 \"甲\" {\n}\n").unwrap();
    std::fs::write(d.join("~$示例.xlsx"), "lock").unwrap();
    std::fs::create_dir(d.join("子目录")).unwrap();
    std::fs::write(d.join("子目录/另一个.txt"), "").unwrap();
    dir
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_folder_imports_file_by_file_with_a_summary() {
    let input = folder();
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().join("导入结果");
    let before = listing(input.path());
    let run = jixiao_in(
        input.path(),
        &["import", ".", "-o", out_dir.to_str().unwrap()],
    );
    run.code(1);
    let lines: Vec<&str> = run.out.lines().collect();
    assert_eq!(
        lines,
        [
            "文件        结果    项目  指标  原因",
            "申报表.txt  已导入     9    58",
            "示例.xlsx   已导入     9    58",
            "空.txt      未导入     -     -  错误[JX-I001] 要导入的文件是空的（0 字节）",
            "笔记.txt    未导入     -     -  错误[JX-I001] 文本中既没有“项目经费情况说明”，也没有“财政项目支出绩效目标申报表”，认不出申报表",
            "调研.xlsx   需核对     1     1  警告[JX-I012] 工作表“Sheet1”第 4 行的指标“调研次数”没有指标方向，按“≥”处理",
            &format!(
                "共 5 个文件：已导入 2 个，需核对 1 个，未导入 2 个；导入结果在“{}”。",
                out_dir.display()
            ),
            "逐条原因：对单个文件运行 jixiao import 文件，看完整的导入摘要。",
        ]
    );
    // Written: one .jx per success, none for a failure; the inputs untouched.
    assert_eq!(listing(&out_dir), ["申报表.jx", "示例.jx", "调研.jx"]);
    assert_eq!(listing(input.path()), before);
    let written = std::fs::read_to_string(out_dir.join("示例.jx")).unwrap();
    assert!(written.contains("  申报 9 个项目，资金 436.30 万元\n"));
}

#[test]
fn all_imported_is_exit_0_and_same_stems_keep_their_extensions() {
    let input = tempfile::tempdir().unwrap();
    let seed = std::fs::read(corpus_seed()).unwrap();
    std::fs::write(input.path().join("表.txt"), &seed).unwrap();
    let example = cli::root().join("examples/songjiang-npc-2025/declaration.jx");
    std::fs::write(input.path().join("表.xlsx"), report_workbook(&[example])).unwrap();
    // The output folder may be the input folder: only .jx files are written.
    let run = jixiao_in(input.path(), &["import", ".", "-o", "."]);
    run.code(0);
    assert!(run
        .out
        .contains("共 2 个文件：已导入 2 个，需核对 0 个，未导入 0 个"));
    assert_eq!(
        listing(input.path()),
        ["表.txt", "表.txt.jx", "表.xlsx", "表.xlsx.jx"]
    );
}

#[test]
fn a_folder_needs_an_output_folder() {
    let input = folder();
    let run = jixiao_in(input.path(), &["import", "."]);
    run.code(2);
    assert_eq!(
        run.err,
        "错误：“.”是目录：导入目录时须用 -o 指定输出目录（每个文件写成“输出目录/文件名.jx”）\n"
    );
    let run = jixiao_in(input.path(), &["import", ".", "-o", "空.txt"]);
    run.code(2);
    assert_eq!(
        run.err,
        "错误：导入目录时 -o 应是目录，“空.txt”是一个文件\n"
    );
    let empty = tempfile::tempdir().unwrap();
    let run = jixiao_in(empty.path(), &["import", ".", "-o", "出"]);
    run.code(1);
    assert_eq!(
        run.err,
        "错误：目录“.”中没有可导入的文件（.txt、.xlsx、.xls、.ods；不读子目录）\n"
    );
    assert!(!empty.path().join("出").exists());
}

/// Files that only need a look are written: exit 0.
#[test]
fn needs_a_look_is_still_exit_0() {
    let input = tempfile::tempdir().unwrap();
    std::fs::write(input.path().join("调研.XLSX"), needs_a_look()).unwrap();
    let run = jixiao_in(input.path(), &["import", ".", "-o", "出"]);
    run.code(0);
    assert!(
        run.out
            .contains("调研.XLSX  需核对     1     1  警告[JX-I012]"),
        "{}",
        run.out
    );
    assert!(run
        .out
        .contains("共 1 个文件：已导入 0 个，需核对 1 个，未导入 0 个"));
    assert_eq!(listing(&input.path().join("出")), ["调研.jx"]);
}
