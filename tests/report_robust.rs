//! Reports never fail or panic on what the checker accepts with findings:
//! every fixture of the case suite (broken syntax, bad units, odd names)
//! gives a workbook, and damaged actuals give a workbook and a page.

use std::path::{Path, PathBuf};

fn fixtures(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            fixtures(&p, out);
        } else if p.extension().is_some_and(|x| x == "jx") {
            out.push(p);
        }
    }
}

#[test]
fn every_fixture_gives_a_declaration_workbook() {
    let mut files = Vec::new();
    fixtures(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases"),
        &mut files,
    );
    assert!(files.len() > 100, "{} fixtures", files.len());
    for f in &files {
        let checked = jixiao::check_paths(std::slice::from_ref(f), &Default::default());
        let bytes = jixiao::report::xlsx::declaration(&checked.workspace)
            .unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        assert!(bytes.starts_with(b"PK"), "{}", f.display());
    }
}

#[test]
fn odd_names_and_missing_values() {
    // A name longer than a sheet name may be, with characters Excel refuses
    // in sheet names; a project without indicators; an actual missing.
    let long = "很长的项目名称".repeat(8) + "[a]:*?/";
    let declaration = format!(
        r#"
部门 "局" {{
  年度 2025
  项目 "{long}" {{
    资金 {{
      总额 100 元
    }}
    指标 {{
      产出指标 {{
        数量指标 {{
          人数 ≥ 10 人
          次数 ≥ 2 次
        }}
      }}
    }}
  }}
  项目 "空项目" {{
  }}
}}
"#
    );
    let actuals = format!(
        r#"
自评 "局" 2025 {{
  项目 "{long}" {{
    预算 100 元
    执行 0 元
    人数 8 人
  }}
}}
"#
    );
    let run = jixiao::evaluate_text(&declaration, &actuals, None);
    let ev = run
        .evaluation
        .as_ref()
        .unwrap_or_else(|| panic!("{:#?}", run.diagnostics));
    let bytes = jixiao::report::xlsx::evaluation(ev, &run.checked.workspace).unwrap();
    assert!(bytes.starts_with(b"PK"));
    let bytes = jixiao::report::xlsx::declaration(&run.checked.workspace).unwrap();
    assert!(bytes.starts_with(b"PK"));
    let html = jixiao::report::html::render(ev);
    assert!(html.contains("（缺）"), "the missing actual is shown");
    assert!(
        html.contains("[a]:*?/"),
        "the full name is kept in the page"
    );
    let name = jixiao::report::xlsx::style::sheet_name(1, &long);
    assert_eq!(name.chars().count(), 31);
    assert!(!name.contains(['[', ']', ':', '*', '?', '/']), "{name}");
    assert_eq!(jixiao::report::xlsx::style::sheet_name(2, "a\\b'"), "2 a_b");
}
