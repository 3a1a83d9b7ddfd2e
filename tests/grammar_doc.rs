//! Every example in grammar/GRAMMAR.md is checked, and every rule of
//! grammar/jixiao.pest is documented there.
//!
//! Fenced blocks whose info string starts with `jx` are examples:
//!
//! - `jx`: a complete file; must load and lower with no error. The findings
//!   of `jixiao::check` are not part of this: the examples show how things
//!   are written, not a declaration that passes every review rule.
//! - `jx-project`: a project body `{ … }`; wrapped in a department and a
//!   project, then as `jx`.
//! - `jx-expr`: one expression per line (lines starting with `#` are
//!   comments); each must parse with `jixiao::syntax::parse_expr`.
//! - `jx-error CODE`: a complete file that must produce an error with CODE.
//! - `jx-workspace`: several files, each starting with a line
//!   `# 文件：path`; written to a temporary folder and checked as a whole.
//!
//! A failure names the line of GRAMMAR.md where the example (or the
//! offending line inside it) is.

use jixiao::source::FileId;
use jixiao::{Checked, Diagnostic};
use std::collections::BTreeMap;
use std::path::Path;

const DOC: &str = include_str!("../grammar/GRAMMAR.md");
const GRAMMAR: &str = include_str!("../grammar/jixiao.pest");

struct Block {
    /// 1-based line of the opening fence in GRAMMAR.md.
    fence_line: usize,
    info: String,
    text: String,
}

fn blocks(doc: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<(usize, String, String, usize)> = None;
    for (i, line) in doc.lines().enumerate() {
        let trimmed = line.trim_start();
        match &mut open {
            None => {
                if let Some(info) = trimmed.strip_prefix("```") {
                    let indent = line.len() - trimmed.len();
                    open = Some((i + 1, info.trim().to_string(), String::new(), indent));
                }
            }
            Some((fence_line, info, text, indent)) => {
                if trimmed.starts_with("```") {
                    out.push(Block {
                        fence_line: *fence_line,
                        info: std::mem::take(info),
                        text: std::mem::take(text),
                    });
                    open = None;
                } else {
                    // Blocks inside list items are indented; take the indent off.
                    let cut = line
                        .char_indices()
                        .take_while(|(k, c)| *k < *indent && *c == ' ')
                        .count();
                    text.push_str(&line[cut..]);
                    text.push('\n');
                }
            }
        }
    }
    assert!(open.is_none(), "GRAMMAR.md: a code block is not closed");
    out
}

/// Load and lower, without the findings of `jixiao::check`: what
/// `jixiao::check_text` reports before its findings are added.
fn load_and_lower(loaded: jixiao::Loaded) -> Checked {
    let (workspace, mut lowered) = jixiao::lower::lower(&loaded);
    let mut diagnostics = loaded.diagnostics.clone();
    diagnostics.append(&mut lowered);
    Checked {
        loaded,
        workspace,
        diagnostics,
    }
}

/// "第 N 行：message" for each error, N being the line in GRAMMAR.md.
/// `first_doc_line` is the GRAMMAR.md line of the checked text's line
/// `first_text_line`.
fn errors(
    checked: &Checked,
    first_doc_line: usize,
    first_text_line: usize,
    any_severity: bool,
) -> Vec<String> {
    checked
        .diagnostics
        .iter()
        .filter(|d| any_severity || d.is_error())
        .map(|d| describe(checked, d, first_doc_line, first_text_line))
        .collect()
}

fn describe(checked: &Checked, d: &Diagnostic, first_doc_line: usize, first_text: usize) -> String {
    let at = d.labels.first().and_then(|l| {
        let file = checked.sources().get(l.span.file)?;
        Some(file.line_col(l.span.start as usize).0)
    });
    match at {
        Some(line) if line >= first_text => format!(
            "GRAMMAR.md 第 {} 行：{} {}（{}）",
            first_doc_line + line - first_text,
            d.code,
            d.message,
            d.help.clone().unwrap_or_default()
        ),
        _ => format!("{} {}", d.code, d.message),
    }
}

fn check_block(b: &Block, kinds: &mut BTreeMap<String, usize>) -> Vec<String> {
    let kind = b.info.split_whitespace().next().unwrap_or("");
    *kinds.entry(kind.to_string()).or_default() += 1;
    let body_line = b.fence_line + 1;
    let here = |msg: String| format!("GRAMMAR.md 第 {} 行的 {kind} 示例：{msg}", b.fence_line);
    match kind {
        "jx" => {
            let checked = load_and_lower(jixiao::load::load_text("示例.jx", &b.text));
            errors(&checked, body_line, 1, false)
                .into_iter()
                .map(here)
                .collect()
        }
        "jx-project" => {
            if !b.text.trim_start().starts_with('{') {
                return vec![here("项目示例应以“{”开头".into())];
            }
            let text = format!("部门 \"示例\" {{\n  项目 \"示例\" {}}}\n", b.text);
            let checked = load_and_lower(jixiao::load::load_text("示例.jx", &text));
            errors(&checked, body_line, 2, false)
                .into_iter()
                .map(here)
                .collect()
        }
        "jx-expr" => {
            let mut out = Vec::new();
            let mut count = 0;
            for (i, line) in b.text.lines().enumerate() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                count += 1;
                if let Err(d) = jixiao::syntax::parse_expr(FileId(0), line, 0) {
                    out.push(format!(
                        "GRAMMAR.md 第 {} 行的表达式“{line}”：{} {}",
                        body_line + i,
                        d.code,
                        d.message
                    ));
                }
            }
            if count == 0 {
                out.push(here("没有表达式".into()));
            }
            out
        }
        "jx-error" => {
            let Some(code) = b.info.split_whitespace().nth(1) else {
                return vec![here(
                    "请在 jx-error 后写出应报的代码，如 ```jx-error JX-S001".into(),
                )];
            };
            let checked = jixiao::check_text("示例.jx", &b.text);
            if checked
                .diagnostics
                .iter()
                .any(|d| d.is_error() && d.code == code)
            {
                Vec::new()
            } else {
                let got = errors(&checked, body_line, 1, true);
                vec![here(format!("应报 {code} 错误，实际：{got:?}"))]
            }
        }
        "jx-workspace" => workspace(b).into_iter().map(here).collect(),
        other => vec![here(format!("未知的示例种类“{other}”"))],
    }
}

/// Write the files of a `jx-workspace` block into a temporary folder and
/// check the folder.
fn workspace(b: &Block) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let mut files: Vec<(usize, String, String)> = Vec::new();
    for (i, line) in b.text.lines().enumerate() {
        if let Some(path) = line.trim().strip_prefix("# 文件：") {
            files.push((b.fence_line + 1 + i, path.trim().to_string(), String::new()));
        }
        if let Some((_, _, text)) = files.last_mut() {
            text.push_str(line);
            text.push('\n');
        }
    }
    if files.len() < 2 {
        return vec!["工作区示例至少要有两个“# 文件：”".into()];
    }
    for (_, path, text) in &files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
    }
    let checked = load_and_lower(jixiao::load::load_paths(
        &[dir.path().to_path_buf()],
        &Default::default(),
    ));
    let mut out = Vec::new();
    for d in checked.diagnostics.iter().filter(|d| d.is_error()) {
        let place = d.labels.first().and_then(|l| {
            let file = checked.sources().get(l.span.file)?;
            let (line, _) = file.line_col(l.span.start as usize);
            let (start, _, _) = files
                .iter()
                .find(|(_, p, _)| file.path.ends_with(Path::new(p)))?;
            Some(start + line - 1)
        });
        out.push(match place {
            Some(n) => format!("GRAMMAR.md 第 {n} 行：{} {}", d.code, d.message),
            None => format!("{} {}", d.code, d.message),
        });
    }
    if checked.workspace.projects().count() == 0 {
        out.push("工作区里没有读到任何项目".into());
    }
    out
}

#[test]
fn every_example_in_grammar_md_is_valid() {
    let blocks = blocks(DOC);
    let mut kinds = BTreeMap::new();
    let mut failures = Vec::new();
    for b in blocks.iter().filter(|b| b.info.starts_with("jx")) {
        failures.extend(check_block(b, &mut kinds));
    }
    assert!(
        failures.is_empty(),
        "GRAMMAR.md 中有 {} 处示例不符合预期：\n{}",
        failures.len(),
        failures.join("\n")
    );
    // The test must not pass because it found nothing.
    for kind in ["jx", "jx-project", "jx-expr", "jx-error", "jx-workspace"] {
        assert!(
            kinds.get(kind).copied().unwrap_or(0) > 0,
            "GRAMMAR.md 中没有 {kind} 示例（找到：{kinds:?}）"
        );
    }
    let total: usize = kinds.values().sum();
    assert!(total >= 40, "示例太少：{kinds:?}");
}

/// Rule names defined in the pest grammar, in order.
fn rule_names(grammar: &str) -> Vec<String> {
    rules(grammar).into_iter().map(|(n, _)| n).collect()
}

/// Rules defined in the pest grammar with their kind as GRAMMAR.md's index
/// names it (普通, 静默, 原子 …).
fn rules(grammar: &str) -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    for line in grammar.lines() {
        let line = line.trim_start();
        if line.starts_with("//") {
            continue;
        }
        let Some((name, rest)) = line.split_once('=') else {
            continue;
        };
        let name = name.trim();
        let rest = rest.trim_start();
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        let kind = [
            ("{", "普通"),
            ("_{", "静默"),
            ("@{", "原子"),
            ("${", "紧凑原子（保留内部结构）"),
            ("!{", "非原子"),
        ]
        .iter()
        .find(|(m, _)| rest.starts_with(m));
        if let Some((_, kind)) = kind {
            out.push((name.to_string(), *kind));
        }
    }
    out
}

#[test]
fn every_grammar_rule_is_documented() {
    let names = rule_names(GRAMMAR);
    assert!(names.len() > 80, "读到的规则太少：{names:?}");
    for must in [
        "WHITESPACE",
        "COMMENT",
        "sep",
        "file",
        "project_block",
        "bare_ref",
    ] {
        assert!(names.iter().any(|n| n == must), "没有读到规则 {must}");
    }
    let missing: Vec<&String> = names
        .iter()
        .filter(|n| !DOC.contains(&format!("`{n}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "grammar/jixiao.pest 中的这些规则没有在 GRAMMAR.md 中（以 `规则名` 的形式）说明：{missing:?}"
    );
}

/// The appendix of GRAMMAR.md lists every rule once, with its kind.
#[test]
fn rule_index_matches_the_grammar() {
    let index: Vec<(String, String)> = DOC
        .split("## 附录：规则索引")
        .nth(1)
        .expect("GRAMMAR.md 没有“## 附录：规则索引”")
        .lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let name = cells.get(1)?.strip_prefix('`')?.strip_suffix('`')?;
            Some((name.to_string(), cells.get(2)?.to_string()))
        })
        .collect();
    let mut grammar: Vec<(String, String)> = rules(GRAMMAR)
        .into_iter()
        .map(|(n, k)| (n, k.to_string()))
        .collect();
    let (mut index, listed) = (index.clone(), index.len());
    index.sort();
    index.dedup();
    assert_eq!(index.len(), listed, "GRAMMAR.md 附录的规则索引有重复的行");
    grammar.sort();
    let missing: Vec<_> = grammar.iter().filter(|r| !index.contains(r)).collect();
    let extra: Vec<_> = index.iter().filter(|r| !grammar.contains(r)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "GRAMMAR.md 附录的规则索引应与 grammar/jixiao.pest 一致（规则及其种类）。\n索引缺少：{missing:?}\n索引多出或种类不符：{extra:?}"
    );
}

#[test]
fn extraction_finds_blocks_and_their_lines() {
    let doc = "# 标题\n\n```jx-expr\n1 + 2\n```\n\n  ```jx-project\n  {\n  }\n  ```\n";
    let b = blocks(doc);
    assert_eq!(b.len(), 2);
    assert_eq!((b[0].fence_line, b[0].info.as_str()), (3, "jx-expr"));
    assert_eq!(b[0].text, "1 + 2\n");
    assert_eq!(b[1].fence_line, 7);
    assert_eq!(b[1].text, "{\n}\n");
}

#[test]
fn a_broken_example_fails_and_names_its_line() {
    let doc = "\n```jx\n部门 \"示例\" {\n  年度 二〇二五\n}\n```\n";
    let b = &blocks(doc)[0];
    let failures = check_block(b, &mut BTreeMap::new());
    assert_eq!(failures.len(), 1, "{failures:?}");
    assert!(failures[0].contains("GRAMMAR.md 第 4 行"), "{failures:?}");

    let project = "```jx-project\n{\n  指标 {\n    产出指标 {\n      数量指标 {\n        培训人数 140 人 左右\n      }\n    }\n  }\n}\n```\n";
    let failures = check_block(&blocks(project)[0], &mut BTreeMap::new());
    assert!(
        failures.len() == 1 && failures[0].contains("GRAMMAR.md 第 6 行"),
        "{failures:?}"
    );

    let expr = "```jx-expr\n1 +\n```\n";
    let failures = check_block(&blocks(expr)[0], &mut BTreeMap::new());
    assert!(
        failures.len() == 1 && failures[0].contains("GRAMMAR.md 第 2 行"),
        "{failures:?}"
    );

    let not_an_error = "```jx-error JX-S001\n部门 \"示例\" {\n  年度 2025\n}\n```\n";
    let failures = check_block(&blocks(not_an_error)[0], &mut BTreeMap::new());
    assert_eq!(failures.len(), 1, "{failures:?}");
}

/// The meanings GRAMMAR.md states in prose.
#[test]
fn documented_meanings_hold() {
    use jixiao::model::{name_key, Target, Unit};
    use rust_decimal::Decimal;
    let text = r#"
部门 "示例" {
  项目 "示例" {
    资金 { 总额 10.04万元; 年度申请 10.04万 元 }
    说明 {
      概述 """
        第一段
          缩进两格
        第二段
        """
    }
    指标 {
      产出指标 {
        数量指标 {
          受益人口 ≥ 5万人
          抽检合格率 90 ～ 95%
          更新系统（软件）数量 ≥ 1 次
          使用者满意率 ＞＝ 95％
          人均培训费 ≤ 500 元／人・天
        }
      }
    }
  }
}
"#;
    let checked = load_and_lower(jixiao::load::load_text("示例.jx", text));
    assert!(!checked.has_errors(), "{:#?}", checked.diagnostics);
    let p = &checked.workspace.departments[0].projects[0];
    let yuan = |a: &Option<jixiao::model::Amount>| a.as_ref().unwrap().quantity.yuan().unwrap();
    // 10.04万元 is 10.04 × 万元, written as such, worth 100,400 元.
    let total = &p.funds.total.as_ref().unwrap().quantity;
    assert_eq!(
        (total.value, total.unit.text()),
        (Decimal::new(1004, 2), "万元")
    );
    assert_eq!(yuan(&p.funds.total), Decimal::new(100_400, 0));
    assert_eq!(yuan(&p.funds.annual_request), Decimal::new(100_400, 0));
    let number = |text: &str| match jixiao::syntax::parse_expr(FileId(0), text, 0) {
        Ok(jixiao::model::Expr::Number { value, .. }) => value,
        other => panic!("{text}: {other:?}"),
    };
    assert_eq!(number("1亿 元").yuan(), Some(Decimal::new(100_000_000, 0)));
    assert_eq!(
        number("24亿元").yuan(),
        Some(Decimal::new(2_400_000_000, 0))
    );
    assert_eq!(number("10.04万").value, Decimal::new(100_400, 0));
    assert!(number("10.04万").unit.is_none());
    assert_eq!(
        number("1,000万 元").yuan(),
        Some(Decimal::new(10_000_000, 0))
    );
    assert_eq!(number("90,682.50 元").value, Decimal::new(9_068_250, 2));
    assert_eq!(
        p.narrative.overview.as_deref(),
        Some("第一段\n  缩进两格\n第二段")
    );
    let Target::Compare { value, .. } = &p.indicators[0].target else {
        panic!()
    };
    assert_eq!(
        value.value_in(&Unit::parse("人")),
        Some(Decimal::new(50_000, 0))
    );
    let Target::Range { low, high } = &p.indicators[1].target else {
        panic!()
    };
    assert!(low.unit.is_percent() && high.unit.is_percent());
    assert!(p.indicator("更新系统(软件) 数量").is_some());
    // Full-width forms mean the same as half-width ones.
    assert_eq!(p.indicators[3].target.to_string(), "≥ 95%");
    assert_eq!(p.indicators[4].target.to_string(), "≤ 500 元/人·天");

    assert_eq!(
        name_key("更新系统（软件）数量"),
        name_key("更新系统 (软件) 数量")
    );
    assert!(Unit::parse("元/人/天").compatible(&Unit::parse("元/人·天")));
    assert!(Unit::parse("名").compatible(&Unit::parse("人")));
    assert!(!Unit::parse("次").compatible(&Unit::parse("场")));
    assert!(!Unit::parse("天").compatible(&Unit::parse("月")));
    assert!(!Unit::parse("天").compatible(&Unit::parse("工作日")));
    assert_eq!(
        Unit::parse("周").factor(),
        Unit::parse("天").factor() * Decimal::from(7)
    );
    assert!(!Unit::parse("坨").is_known());
}
