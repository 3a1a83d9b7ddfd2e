//! `jixiao fmt`: canonical output, idempotence, meaning and comments kept.

use jixiao::format::{format_text, meaning_of_text, FormatError, Meaning};
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

/// Declarations, actuals and rule sets, compared by meaning.
fn model(text: &str) -> Meaning {
    meaning_of_text(text)
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

#[path = "common/jx_files.rs"]
mod jx;
use jx::jx_files;

/// For every example and test fixture that parses: formatting is idempotent,
/// keeps the model and keeps every comment.
#[test]
fn every_fixture_round_trips() {
    let mut files = Vec::new();
    jx_files(&root().join("examples"), &mut files);
    jx_files(&root().join("rules"), &mut files);
    jx_files(&root().join("tests"), &mut files);
    let mut formatted = 0;
    let mut year_end = 0;
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let jixiao::load::Decoded::Text(text) = jixiao::load::decode(&bytes, None) else {
            continue;
        };
        let (_, diags) = jixiao::syntax::parse(FileId(0), &text);
        if diags.iter().any(|d| d.is_error()) {
            continue;
        }
        // Every construct is laid out: nothing is refused (no JX-X003).
        let out = match format_text(FileId(0), &text) {
            Ok(out) => out,
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
        // Every file's canonical layout is a reviewed snapshot.
        let rel = path
            .strip_prefix(root())
            .unwrap()
            .to_string_lossy()
            .replace(['/', '\\'], "__");
        insta::with_settings!({
            snapshot_path => "snapshots/fmt_all",
            prepend_module_to_snapshot => false,
            description => path.strip_prefix(root()).unwrap().display().to_string(),
        }, {
            insta::assert_snapshot!(rel.trim_end_matches(".jx").to_string(), out);
        });
        let m = model(&text);
        if m.actuals.is_some() || !m.rules.is_empty() {
            year_end += 1;
        }
        formatted += 1;
    }
    assert!(formatted >= 2, "only {formatted} files formatted");
    // The example's actuals, both rule sets and the year-end fixture.
    assert!(
        year_end >= 4,
        "only {year_end} files with 自评/规则 formatted"
    );
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

/// `text` with comments sprinkled at line ends and on lines of their own,
/// indentation scrambled and blank lines added (outside `"""` blocks).
/// Returns the text and how many comments were added.
fn scramble(text: &str, round: u64) -> (String, usize) {
    let mut rng = Lcg(round + 1);
    let mut out = String::new();
    let mut in_block_string = false;
    let mut added = 0;
    for line in text.lines() {
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
    (out, added)
}

/// The text without the comments [`scramble`] added, blank lines and runs of
/// spaces (so alignment that added blank lines break does not count).
fn strip_scrambled(t: &str) -> String {
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
}

/// The seed, the actuals and both rule sets, scrambled with comments
/// everywhere: formatting must succeed (its own check compares models and
/// comments), keep every comment, and give the same text as formatting the
/// original once the comments are removed again.
#[test]
fn scrambled_files_with_comments_everywhere() {
    let files = [
        ("examples/songjiang-npc-2025/declaration.jx", 50),
        ("examples/songjiang-npc-2025/actuals-2025.jx", 10),
        ("rules/central-2020.jx", 5),
        ("rules/hubei-2020.jx", 5),
    ];
    for (file, min_added) in files {
        let original = read(&root().join(file));
        let canonical = fmt(&original);
        for round in 0..8u64 {
            let (out, added) = scramble(&original, round);
            let formatted = fmt(&out);
            assert_eq!(
                fmt(&formatted),
                formatted,
                "{file} round {round}: not idempotent"
            );
            assert_eq!(comments(&formatted), comments(&out), "{file} round {round}");
            assert_eq!(model(&formatted), model(&original), "{file} round {round}");
            assert!(
                added > min_added,
                "{file} round {round}: only {added} comments"
            );
            let (a, b) = (strip_scrambled(&formatted), strip_scrambled(&canonical));
            if a != b {
                let first = a.lines().zip(b.lines()).find(|(x, y)| x != y);
                panic!("{file} round {round}: first difference {first:?}");
            }
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

#[test]
fn actuals_example_snapshot() {
    let text = read(&root().join("examples/songjiang-npc-2025/actuals-2025.jx"));
    let out = fmt(&text);
    // Notes in one column per run, 预算/执行 right-aligned, ratios as on the form.
    assert!(out.contains(
        "    运维总成本 8.84 万元                来源 \"运维合同及付款凭证\"\n    更新系统（软件）数量 2 次           原因"
    ), "{out}");
    assert!(out.contains("    预算 1,060,000.00 元\n    执行   802,000.00 元\n"));
    assert!(out.contains("    信息管理平台故障处理率 = 37 / 37    来源"));
    assert!(out.contains("    社会影响力、知晓率: 部分达成 75% # 有意不写原因"));
    assert_eq!(comments(&out), comments(&text));
    insta::assert_snapshot!("actuals", out);
}

#[test]
fn central_rules_snapshot() {
    let text = read(&root().join("rules/central-2020.jx"));
    let out = fmt(&text);
    // The built-in rule set is committed in canonical form.
    assert_eq!(out, text);
    assert!(out.contains("    预算执行率 10\n    产出指标   50\n"));
    assert!(out.contains("    部分达成 60% ~ 80%  默认 70%\n"));
    assert!(out.contains("最大(分值 × (1 − (完成值 − 指标值) ÷ 指标值), 0)\n"));
    insta::assert_snapshot!("central_rules", out);
}

#[test]
fn hubei_rules_snapshot() {
    let text = read(&root().join("rules/hubei-2020.jx"));
    let out = fmt(&text);
    assert_eq!(out, text);
    assert!(out.contains(
        "  反向 = 若 达成 则 分值 否则 若 指标值 ≤ 0 则 0 否则 分值 × 指标值 ÷ 完成值\n"
    ));
    insta::assert_snapshot!("hubei_rules", out);
}

/// Actuals and a rule set written carelessly: full-width signs, ragged
/// columns, blocks on one line, names that need quotes, comments.
#[test]
fn year_end_fixture_snapshot() {
    let text = read(&root().join("tests/fmt/year-end.jx"));
    let out = fmt(&text);
    assert!(out.starts_with("# 自评与规则的排版"));
    assert!(out.contains("自评 \"示例局\" 2025 {\n  项目 \"培训\" { # 项目块后的注释\n"));
    assert!(out.contains("    预算 1,060,000.00 元\n    执行         80.2 万元\n"));
    // A name that would read as the keyword 预算 / 执行 keeps its quotes.
    assert!(out.contains("    \"预算\" 3 次\n    \"执行1\" 4 次 "));
    assert!(out.contains("    参训率 = 146 / 150                            来源 \"签到表\"\n"));
    assert!(out.contains(
        "    课程安排: 部分达成年度指标并具有一定效果 75%  得分 8.5 理由 \"经主任会议认定\"\n"
    ));
    // A trailing comment in a run with notes goes in the notes column.
    assert!(out.contains("    按计划完成: 达成      # 行尾注释\n"));
    assert!(out.contains("      \"\"\" 措施 \"2026 年分期\"\n"));
    assert!(out.contains("  项目 \"空项目\" {}\n"));
    assert!(out.contains("    产出指标   50 # 产出\n    满意度指标 40\n"));
    assert!(out.contains(
        "  正向 = 若 达成 则 分值 否则 若 指标值 ≤ 0 则 0 否则 分值 × 完成值 ÷ 指标值\n"
    ));
    assert!(out.contains("    部分达成 60% ~ 80%  默认 70%\n    # 未达成的分数段\n"));
    assert!(out.contains("  舍入 2 位 银行家舍入\n  超出范围 截取\n"));
    assert!(out.contains("  超额阈值 120%\n  需说明 未得满分、超额\n"));
    assert!(out.contains("  等级 {\n    优   ≥ 90\n    良好 ≥ 80\n    中   > 60\n    差\n  }\n"));
    assert_eq!(comments(&out), comments(&text));
    assert_eq!(comments(&text).len(), 6);
    assert_eq!(model(&out), model(&text));
    let m = model(&text);
    assert_eq!(m.actuals.as_ref().map(|a| a.projects.len()), Some(2));
    assert_eq!(m.rules.len(), 1);
    insta::assert_snapshot!("year_end", out);
}

/// `允许 CODE "原因"`: one space between the parts, the reason quoted (or a
/// `"""` block), the code as written.
#[test]
fn allow_lines_are_canonical() {
    let text = "项目 p {\n  允许   JX-G007     \"培训名额由市人大核定\"   # 注\n允许 JX-A001\n}\n";
    let out = fmt(text);
    assert_eq!(
        out,
        "项目 \"p\" {\n  允许 JX-G007 \"培训名额由市人大核定\" # 注\n  允许 JX-A001\n}\n"
    );
}

/// Several 规则 blocks in one file: each is compared after formatting (not
/// only the first, which is the one `eval` reads).
#[test]
fn every_rule_block_is_compared() {
    let text = "规则 a {\n  年度 2020\n}\n规则 b {\n舍入 1 位 截断\n}\n";
    let out = fmt(text);
    assert_eq!(
        out,
        "规则 \"a\" {\n  年度 2020\n}\n规则 \"b\" {\n  舍入 1 位 截断\n}\n"
    );
    assert_eq!(model(text).rules.len(), 2);
    assert_ne!(
        model(text),
        model("规则 a {\n  年度 2020\n}\n规则 b {\n舍入 2 位 截断\n}\n")
    );
}

/// The year-end files with one small random edit (a character dropped,
/// doubled, or replaced by a space, a newline, a full-width sign, a quote):
/// whenever the result still parses, fmt lays it out (no internal error, so
/// meaning and comments are kept) and is idempotent.
#[test]
fn edited_year_end_files_format_or_are_refused_cleanly() {
    let files = [
        "tests/fmt/year-end.jx",
        "examples/songjiang-npc-2025/actuals-2025.jx",
        "rules/central-2020.jx",
    ];
    let inserts = [
        " ", "\n", "＝", "／", "％", "\"", "#", "预算 ", "1", ";", "{}",
    ];
    let mut formatted = 0;
    for file in files {
        let text = read(&root().join(file));
        let chars: Vec<char> = text.chars().collect();
        let mut rng = Lcg(7);
        for _ in 0..80 {
            let at = rng.next(chars.len());
            let mut edited: String = chars[..at].iter().collect();
            match rng.next(3) {
                0 => {}
                1 => edited.push(chars[at]),
                _ => edited.push_str(inserts[rng.next(inserts.len())]),
            }
            if rng.next(2) == 0 {
                edited.push(chars[at]);
            }
            edited.extend(&chars[at + 1..]);
            match format_text(FileId(0), &edited) {
                Ok(out) => {
                    assert_eq!(
                        fmt(&out),
                        out,
                        "{file}: not idempotent after an edit at {at}"
                    );
                    formatted += 1;
                }
                Err(FormatError::Syntax(_)) => {}
                Err(e) => panic!("{file}: edit at {at}: {e:?}\n{edited}"),
            }
        }
    }
    assert!(formatted > 60, "only {formatted} edited files formatted");
}
