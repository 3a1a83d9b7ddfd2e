//! 项目负责人, 联系人, 联系电话: fields many provinces' 申报表 carry and the
//! seed's form lacks (issue 16's demonstration that a field is cheap to
//! add). Read, exported, printed by fmt, compared by diff, written to the
//! 申报表 workbook and read back by import.

#[path = "common/cli.rs"]
mod cli;

const DECLARATION: &str = r#"部门 "示例局" {
  年度 2025
  项目 "示例项目" {
    实施单位 示例局
    项目负责人 张三
    联系人 "李四"
    联系电话 021-57721234
    资金 {
      总额 10.04 万元
    }
    指标 {
      产出指标 {
        数量指标 {
          培训人数 ≥ 140 人
        }
      }
    }
  }
}
"#;

#[test]
fn read_and_exported() {
    let checked = jixiao::check_text("示例.jx", DECLARATION);
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
    let p = &checked.workspace.departments[0].projects[0];
    assert_eq!(p.leader.as_deref(), Some("张三"));
    assert_eq!(p.contact.as_deref(), Some("李四"));
    assert_eq!(p.phone.as_deref(), Some("021-57721234"));
    let dir = cli::dir_with(&[("a.jx", DECLARATION)]);
    let json = cli::jixiao_in(dir.path(), &["export", "a.jx"]);
    json.code(0).has(&[
        r#""leader": "张三""#,
        r#""contact": "李四""#,
        r#""phone": "021-57721234""#,
    ]);
    // A project without them exports as before: no empty keys.
    let seed = cli::jixiao(&["export", "examples/songjiang-npc-2025/declaration.jx"]);
    seed.code(0)
        .lacks(&["\"leader\"", "\"contact\"", "\"phone\""]);
}

#[test]
fn fmt_writes_them_in_place() {
    let run = cli::jixiao_stdin(&["fmt", "-"], DECLARATION.as_bytes());
    run.code(0);
    assert!(
        run.out.contains(
            "    实施单位   \"示例局\"\n    项目负责人 \"张三\"\n    联系人     \"李四\"\n    联系电话   \"021-57721234\"\n"
        ),
        "{}",
        run.out
    );
}

#[test]
fn diff_names_a_changed_person() {
    let changed = DECLARATION
        .replace("项目负责人 张三", "项目负责人 王五")
        .replace("联系电话 021-57721234", "");
    let dir = cli::dir_with(&[("old.jx", DECLARATION), ("new.jx", &changed)]);
    let run = cli::jixiao_in(dir.path(), &["diff", "old.jx", "new.jx"]);
    run.has(&[
        "项目负责人：“张三” → “王五”",
        "联系电话：“021-57721234” → （无）",
        "共 2 处实质变更",
    ]);
}

#[test]
fn a_misspelt_field_is_suggested() {
    let text = DECLARATION.replace("联系电话 021", "联系电化 021");
    let dir = cli::dir_with(&[("a.jx", &text)]);
    let run = cli::jixiao_in(dir.path(), &["check", "a.jx"]);
    run.code(1).has(&["JX-M001", "联系电话"]);
}

#[test]
fn workbook_round_trip_keeps_them() {
    let dir = cli::dir_with(&[("a.jx", DECLARATION)]);
    cli::jixiao_in(dir.path(), &["report", "a.jx", "--xlsx", "a.xlsx"]).code(0);
    cli::jixiao_in(dir.path(), &["import", "a.xlsx", "-o", "back.jx"]).code(0);
    let back = std::fs::read_to_string(dir.path().join("back.jx")).unwrap();
    assert!(back.contains("项目负责人 \"张三\""), "{back}");
    cli::jixiao_in(dir.path(), &["diff", "a.jx", "back.jx"])
        .code(0)
        .has(&["无实质变更"]);
}

const ACTUALS: &str = r#"自评 "示例局" 2025 {
  项目 "示例项目" {
    预算 10.04 万元
    执行 10.04 万元
    培训人数 150 人
  }
}
"#;

#[test]
fn the_self_evaluation_names_them() {
    let dir = cli::dir_with(&[("a.jx", DECLARATION), ("b.jx", ACTUALS)]);
    let table = cli::jixiao_in(dir.path(), &["eval", "a.jx", "--actuals", "b.jx"]);
    table
        .code(0)
        .has(&["项目负责人：张三    联系人：李四    联系电话：021-57721234"]);
    let json = cli::jixiao_in(
        dir.path(),
        &["eval", "a.jx", "--actuals", "b.jx", "--format", "json"],
    );
    json.code(0)
        .has(&[r#""field": "项目负责人""#, r#""value": "张三""#]);
    cli::jixiao_in(
        dir.path(),
        &["report", "a.jx", "--actuals", "b.jx", "--html", "r.html"],
    )
    .code(0);
    let html = std::fs::read_to_string(dir.path().join("r.html")).unwrap();
    assert!(
        html.contains(
            "<p class=\"people\">项目负责人：张三　联系人：李四　联系电话：021-57721234</p>"
        ),
        "{html}"
    );
    // A project without them reports as before: no empty key.
    let seed = cli::jixiao(&[
        "eval",
        "examples/songjiang-npc-2025/declaration.jx",
        "--actuals",
        "examples/songjiang-npc-2025/actuals-2025.jx",
        "--format",
        "json",
    ]);
    seed.code(0).lacks(&["\"people\""]);
}
