//! `jixiao fmt`: canonical output, idempotence, meaning and comments kept.

use jixiao::format::{format_text, normalize, FormatError};
use jixiao::source::FileId;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    match jixiao::load::decode(&bytes, None) {
        jixiao::load::Decoded::Text(t) => t,
        jixiao::load::Decoded::Problem(_) => panic!("{} is not text", path.display()),
    }
}

fn fmt(text: &str) -> String {
    match format_text(FileId(0), text) {
        Ok(out) => out,
        Err(FormatError::Syntax(d)) => panic!("syntax errors: {d:#?}"),
        Err(FormatError::Internal(d)) => panic!("internal error: {d:#?}"),
        Err(FormatError::Unsupported(d)) => panic!("unsupported: {d:#?}"),
    }
}

fn model(text: &str) -> jixiao::Workspace {
    let mut ws = jixiao::check_text("x.jx", text).workspace;
    normalize(&mut ws);
    ws
}

fn comments(text: &str) -> Vec<String> {
    let (tree, _) = jixiao::syntax::parse(FileId(0), text);
    tree.comments
        .iter()
        .map(|c| c.node.trim().to_string())
        .collect()
}

#[test]
fn seed_example_snapshot() {
    let text = read(&root().join("examples/songjiang-npc-2025/declaration.jx"));
    let out = fmt(&text);
    assert!(out.contains("      总额     90,682.50 元\n"), "{out}");
    assert!(out.contains("      上年结转      0.00 元\n"));
    assert!(out.contains("          \"每月 25 日前\": 及时\n"));
    insta::assert_snapshot!("seed", out);
}

#[test]
fn messy_fixture_snapshot() {
    let text = read(&root().join("tests/fmt/messy.jx"));
    let out = fmt(&text);
    // Full-width operators and units in canonical form, comments all kept.
    assert!(out.contains("培训人数 ≥ 140 人 分值 10\n"));
    assert!(out.contains("合格率 = 100% 容差 0.5%\n"));
    assert!(out.contains("覆盖率 90%~95%\n"));
    assert!(out.contains("主管部门 \"示例局\" # 行尾注释\n"));
    assert!(!out.contains('\r'));
    assert_eq!(comments(&text).len(), 12);
    insta::assert_snapshot!("messy", out);
}

/// Every `.jx` under `dir`, recursively.
fn jx_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            jx_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "jx") {
            out.push(p);
        }
    }
}

/// For every example and test fixture that parses: formatting is idempotent,
/// keeps the model and keeps every comment.
#[test]
fn every_fixture_round_trips() {
    let mut files = Vec::new();
    jx_files(&root().join("examples"), &mut files);
    jx_files(&root().join("tests"), &mut files);
    let mut formatted = 0;
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let jixiao::load::Decoded::Text(text) = jixiao::load::decode(&bytes, None) else {
            continue;
        };
        let (_, diags) = jixiao::syntax::parse(FileId(0), &text);
        if diags.iter().any(|d| d.is_error()) {
            continue;
        }
        let out = match format_text(FileId(0), &text) {
            Ok(out) => out,
            // Blocks fmt cannot lay out yet are left alone (never lost).
            Err(FormatError::Unsupported(_)) => continue,
            Err(e) => panic!("{}: {e:?}", path.display()),
        };
        let again = fmt(&out);
        assert_eq!(again, out, "{}: not idempotent", path.display());
        assert_eq!(
            model(&out),
            model(&text),
            "{}: model changed",
            path.display()
        );
        assert_eq!(
            comments(&out),
            comments(&text),
            "{}: comments changed",
            path.display()
        );
        formatted += 1;
    }
    assert!(formatted >= 2, "only {formatted} files formatted");
}

#[test]
fn syntax_errors_are_refused() {
    let text = "部门 \"x\" {\n  项目 \"p\" {\n    资金 { 总额 ≥ }\n  }\n}\n";
    match format_text(FileId(0), text) {
        Err(FormatError::Syntax(d)) => assert!(!d.is_empty()),
        other => panic!("expected syntax errors, got {other:?}"),
    }
}

#[test]
fn comments_go_back_where_they_were() {
    let text = "项目 p {   # after the opener\n# own line, first in block\n性质 x # trailing\n\n\n# before group\n指标 {\n}\n# last in block\n}\n";
    let out = fmt(text);
    assert_eq!(
        out,
        "项目 \"p\" { # after the opener\n  # own line, first in block\n  性质 x # trailing\n\n  # before group\n  指标 {}\n  # last in block\n}\n"
    );
}

#[test]
fn names_are_quoted_only_when_needed() {
    let text = "项目 p {\n指标 {\n\"产出指标\" {\n\"数量指标\" {\n\"培训人数\" ≥ 1 人\n\"a b\": \"及时\"\n\"x:y\" = 1 次\n}\n}\n}\n}\n";
    let out = fmt(text);
    assert!(out.contains("    产出指标 {\n      数量指标 {\n        培训人数 ≥ 1 人\n        \"a b\": 及时\n        \"x:y\" = 1 次\n"), "{out}");
}

/// A small deterministic pseudo-random sequence (no dependency needed).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// The seed with comments sprinkled at line ends and on lines of their own,
/// indentation scrambled and blank lines added: formatting must succeed
/// (its own check compares models and comments), keep every comment, and
/// give the same text as formatting the seed itself once the comments are
/// removed again.
#[test]
fn scrambled_seed_with_comments_everywhere() {
    let seed = read(&root().join("examples/songjiang-npc-2025/declaration.jx"));
    let canonical = fmt(&seed);
    for round in 0..8u64 {
        let mut rng = Lcg(round + 1);
        let mut out = String::new();
        let mut in_block_string = false;
        let mut added = 0;
        for line in seed.lines() {
            let quotes = line.matches("\"\"\"").count();
            let was_in = in_block_string;
            if quotes % 2 == 1 {
                in_block_string = !in_block_string;
            }
            if was_in && in_block_string {
                out.push_str(line);
                out.push('\n');
                continue;
            }
            let body = line.trim_start();
            if !was_in && rng.next(4) == 0 {
                out.push_str(&" ".repeat(rng.next(9)));
                out.push_str(&format!("#c{round}-{added}\n"));
                added += 1;
            }
            if !was_in && rng.next(8) == 0 {
                out.push('\n');
            }
            if was_in {
                out.push_str(line);
            } else {
                out.push_str(&" ".repeat(rng.next(7)));
                out.push_str(body);
            }
            if !in_block_string && !body.is_empty() && !body.starts_with('#') && rng.next(3) == 0 {
                out.push_str(&format!("   # t{round}-{added}"));
                added += 1;
            }
            out.push('\n');
        }
        let formatted = fmt(&out);
        assert_eq!(fmt(&formatted), formatted, "round {round}: not idempotent");
        assert_eq!(comments(&formatted), comments(&out), "round {round}");
        assert!(added > 50, "round {round}: only {added} comments");
        // Without the added comments, the layout is the canonical one
        // (blank lines, and the alignment of runs they break, aside).
        let strip = |t: &str| -> String {
            t.lines()
                .filter(|l| !l.trim_start().starts_with("# c") && !l.trim().is_empty())
                .map(|l| match l.find(" # t") {
                    Some(i) => &l[..i],
                    None => l,
                })
                .map(|l| {
                    let indent = l.len() - l.trim_start().len();
                    let words: Vec<&str> = l.split_whitespace().collect();
                    format!("{}{}", " ".repeat(indent), words.join(" "))
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        let (a, b) = (strip(&formatted), strip(&canonical));
        if a != b {
            let first = a.lines().zip(b.lines()).find(|(x, y)| x != y);
            panic!("round {round}: first difference {first:?}");
        }
    }
}

#[test]
fn edge_cases_snapshot() {
    // Empty blocks, a 口径 block string between attributes, escapes, an
    // empty qualitative word, expressions needing parentheses, an unknown
    // field kept as written.
    let text = read(&root().join("tests/fmt/edge.jx"));
    let out = fmt(&text);
    assert!(out.contains("部门 \"空部门\" {}\n"));
    assert!(out.contains("校验 (a + b) × c - -d ÷ 2 ≥ 10 万元\n"));
    assert!(out.contains("    项目名称 \"未知字段 # 不是注释\"\n"));
    insta::assert_snapshot!("edge", out);
}
