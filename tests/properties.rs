//! Properties over generated, valid declarations (issue 8):
//! - `fmt` keeps the model (compared by meaning) and is idempotent;
//! - `diff(x, x)` is empty, and `diff(x, y)` is not when one thing of
//!   meaning was changed.
//!
//! (Scores in [0, 分值] are tested in tests/eval_property.rs.)
//!
//! The generator writes declarations with names, units, targets, funds,
//! narrative and comments, in a messy layout (random indentation, blank
//! lines, full-width spellings, trailing comments), so that `fmt` has work
//! to do.

use jixiao::format::{format_text, normalize, FormatError};
use jixiao::source::FileId;
use proptest::prelude::*;

// ───────────── the generator ─────────────

#[derive(Clone, Debug)]
struct Decl {
    department: String,
    year: u16,
    projects: Vec<Proj>,
    /// How the text is laid out: indentation unit, blank lines, full width.
    style: Style,
}

#[derive(Clone, Debug)]
struct Style {
    indent: usize,
    blank_lines: bool,
    full_width: bool,
}

#[derive(Clone, Debug)]
struct Proj {
    name: String,
    nature: Option<&'static str>,
    unit: Option<String>,
    period: Option<(u8, u8)>,
    funds: Vec<(&'static str, Money)>,
    goal: Option<String>,
    narrative: Vec<(&'static str, String, bool)>,
    groups: Vec<(&'static str, Vec<Level2>)>,
    comments: Vec<String>,
}

/// A 二级指标 and its indicators.
type Level2 = (String, Vec<Ind>);

#[derive(Clone, Debug)]
struct Money {
    cents: i64,
    wan: bool,
}

#[derive(Clone, Debug)]
struct Ind {
    name: String,
    target: Tgt,
    points: Option<u8>,
    caliber: Option<String>,
    comment: Option<String>,
}

#[derive(Clone, Debug)]
enum Tgt {
    Compare(&'static str, i64, u32, &'static str),
    Range(u32, u32),
    Qual(&'static str),
}

/// Syllables for names: none of them (alone or together) is a keyword.
const SYL: &[&str] = &[
    "春", "夏", "秋", "冬", "东", "南", "西", "北", "山", "河", "湖", "林", "桥", "路", "车", "船",
    "书", "画", "灯", "井", "田", "园", "村", "镇", "街", "坊",
];

fn word(min: usize, max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(SYL), min..=max).prop_map(|v| v.concat())
}

/// Free text for strings and comments: CJK, digits, punctuation, and
/// characters that mean something outside a string (# { } “ ”).
fn free_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            6 => prop::sample::select(SYL).prop_map(str::to_string),
            1 => prop::sample::select(vec!["，", "。", " ", "#", "{", "}", "“", "”", "（", "）", "25", "%", "：", "、"])
                .prop_map(str::to_string),
        ],
        1..20,
    )
    .prop_map(|v| v.concat().trim().to_string())
    .prop_filter("not empty", |s| !s.is_empty())
}

fn money() -> impl Strategy<Value = Money> {
    (0i64..5_000_000_000, any::<bool>()).prop_map(|(cents, wan)| Money { cents, wan })
}

fn target() -> impl Strategy<Value = Tgt> {
    prop_oneof![
        4 => (
            prop::sample::select(vec!["≥", ">", "≤", "<", "="]),
            0i64..100_000,
            0u32..3,
            prop::sample::select(vec!["%", "元", "万元", "人", "次", "个", "天", "元/人"]),
        )
            .prop_map(|(c, n, s, u)| Tgt::Compare(c, n, s, u)),
        1 => (0u32..90, 1u32..10).prop_map(|(lo, w)| Tgt::Range(lo, lo + w)),
        2 => prop::sample::select(vec!["及时", "提高", "良好", "有效", "达标", "明显"]).prop_map(Tgt::Qual),
    ]
}

fn indicator() -> impl Strategy<Value = Ind> {
    (
        prop_oneof![3 => word(2, 5), 1 => (word(1, 3), 1u8..30).prop_map(|(w, n)| format!("{w} {n} {w}"))],
        target(),
        prop::option::weighted(0.2, 1u8..30),
        prop::option::weighted(0.15, free_text()),
        prop::option::weighted(0.2, free_text()),
    )
        .prop_map(|(name, target, points, caliber, comment)| Ind {
            name,
            target,
            points,
            caliber,
            comment,
        })
}

const LEVEL1: &[&str] = &["成本指标", "产出指标", "效益指标", "满意度指标"];
const FUNDS: &[&str] = &[
    "总额",
    "年度申请",
    "财政资金",
    "当年拨款",
    "上年结转",
    "其他资金",
];
const NARRATIVE: &[&str] = &["概述", "立项依据", "实施主体", "实施方案", "预算安排"];

fn project() -> impl Strategy<Value = Proj> {
    (
        (
            word(2, 6),
            prop::option::of(prop::sample::select(vec!["其他经常性项目", "其他运转类"])),
            prop::option::of(free_text()),
            prop::option::of((1u8..=6, 7u8..=12)),
        ),
        prop::sample::subsequence(FUNDS.to_vec(), 0..=FUNDS.len())
            .prop_flat_map(|keys| {
                let n = keys.len();
                (Just(keys), prop::collection::vec(money(), n))
            })
            .prop_map(|(k, m)| k.into_iter().zip(m).collect::<Vec<_>>()),
        prop::option::of(free_text()),
        prop::sample::subsequence(NARRATIVE.to_vec(), 0..=2)
            .prop_flat_map(|keys| {
                let n = keys.len();
                (
                    Just(keys),
                    prop::collection::vec((free_text(), any::<bool>()), n),
                )
            })
            .prop_map(|(k, t)| {
                k.into_iter()
                    .zip(t)
                    .map(|(k, (t, b))| (k, t, b))
                    .collect::<Vec<_>>()
            }),
        prop::sample::subsequence(LEVEL1.to_vec(), 0..=LEVEL1.len()).prop_flat_map(|l1| {
            let n = l1.len();
            (
                Just(l1),
                prop::collection::vec(
                    prop::collection::vec(
                        (word(2, 4), prop::collection::vec(indicator(), 1..4)),
                        1..3,
                    ),
                    n,
                ),
            )
                .prop_map(|(l1, l2)| l1.into_iter().zip(l2).collect::<Vec<_>>())
        }),
        prop::collection::vec(free_text(), 0..3),
    )
        .prop_map(
            |((name, nature, unit, period), funds, goal, narrative, groups, comments)| Proj {
                name,
                nature,
                unit,
                period,
                funds,
                goal,
                narrative,
                groups,
                comments,
            },
        )
}

fn declaration() -> impl Strategy<Value = Decl> {
    (
        word(2, 6),
        2020u16..2030,
        prop::collection::vec(project(), 1..4),
        (1usize..5, any::<bool>(), any::<bool>()),
    )
        .prop_map(
            |(department, year, mut projects, (indent, blank_lines, full_width))| {
                // Project names are unique in a department; indicator names in a project.
                for (i, p) in projects.iter_mut().enumerate() {
                    p.name = format!("{}{i}", p.name);
                    let mut k = 0;
                    for (_, l2) in &mut p.groups {
                        for (_, inds) in l2 {
                            for ind in inds {
                                k += 1;
                                ind.name = format!("{}{k}", ind.name);
                            }
                        }
                    }
                }
                Decl {
                    department,
                    year,
                    projects,
                    style: Style {
                        indent,
                        blank_lines,
                        full_width,
                    },
                }
            },
        )
}

// ───────────── writing the text ─────────────

fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn amount(m: &Money) -> String {
    let (whole, cents) = (m.cents / 100, m.cents % 100);
    // thousands separators
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if m.wan {
        format!("{}.{:02} 万元", whole, cents)
    } else {
        format!("{grouped}.{cents:02} 元")
    }
}

struct Out<'a> {
    text: String,
    style: &'a Style,
}

impl Out<'_> {
    fn line(&mut self, depth: usize, s: &str) {
        self.text.push_str(&" ".repeat(depth * self.style.indent));
        self.text.push_str(s);
        self.text.push('\n');
    }
    fn blank(&mut self) {
        if self.style.blank_lines {
            self.text.push('\n');
        }
    }
}

fn write(d: &Decl) -> String {
    let mut o = Out {
        text: String::new(),
        style: &d.style,
    };
    let fw = d.style.full_width;
    o.line(0, "# 生成的申报文件");
    o.line(0, &format!("部门 {} {{", quoted(&d.department)));
    o.line(1, &format!("年度 {}", d.year));
    for p in &d.projects {
        o.blank();
        for c in &p.comments {
            o.line(1, &format!("# {c}"));
        }
        o.line(1, &format!("项目 {} {{", quoted(&p.name)));
        if let Some(n) = p.nature {
            o.line(2, &format!("性质 {n}"));
        }
        if let Some(u) = &p.unit {
            o.line(2, &format!("实施单位 {}", quoted(u)));
        }
        if let Some((a, b)) = p.period {
            o.line(
                2,
                &format!("周期 {}-{a:02}-01 至 {}-{b:02}-28", d.year, d.year),
            );
        }
        if !p.funds.is_empty() {
            o.blank();
            o.line(2, "资金 {");
            for (k, m) in &p.funds {
                o.line(3, &format!("{k} {}", amount(m)));
            }
            o.line(2, "}");
        }
        if let Some(g) = &p.goal {
            o.line(2, &format!("总目标 {}", quoted(g)));
        }
        if !p.narrative.is_empty() {
            o.line(2, "说明 {");
            for (k, t, block) in &p.narrative {
                if *block {
                    o.line(3, &format!("{k} \"\"\""));
                    o.line(4, &t.replace('"', "”"));
                    o.line(4, "\"\"\"");
                } else {
                    o.line(3, &format!("{k} {}", quoted(t)));
                }
            }
            o.line(2, "}");
        }
        if !p.groups.is_empty() {
            o.blank();
            o.line(2, "指标 {");
            for (l1, l2s) in &p.groups {
                o.line(3, &format!("{l1} {{"));
                for (l2, inds) in l2s {
                    o.line(4, &format!("{l2} {{"));
                    for i in inds {
                        o.line(5, &indicator_line(i, fw));
                    }
                    o.line(4, "}");
                }
                o.line(3, "}");
            }
            o.line(2, "}");
        }
        o.line(1, "}");
    }
    o.line(0, "}");
    o.text
}

fn indicator_line(i: &Ind, fw: bool) -> String {
    let name = if i.name.contains(' ') {
        quoted(&i.name)
    } else {
        i.name.clone()
    };
    let pct = if fw { "％" } else { "%" };
    let mut s = match &i.target {
        Tgt::Compare(c, n, scale, u) => {
            let v = rust_decimal::Decimal::new(*n, *scale);
            let u = if *u == "%" { pct } else { u };
            format!("{name} {c} {v} {u}")
        }
        Tgt::Range(lo, hi) => format!("{name} {lo}{pct}~{hi}{pct}"),
        Tgt::Qual(w) => {
            if fw {
                format!("{name}： {w}")
            } else {
                format!("{name}: {w}")
            }
        }
    };
    if let Some(p) = i.points {
        s.push_str(&format!(" 分值 {p}"));
    }
    if let Some(c) = &i.caliber {
        s.push_str(&format!(" 口径 {}", quoted(c)));
    }
    if let Some(c) = &i.comment {
        s.push_str(&format!("   # {c}"));
    }
    s
}

// ───────────── helpers ─────────────

fn model(text: &str) -> jixiao::Workspace {
    let mut ws = jixiao::check_text("x.jx", text).workspace;
    normalize(&mut ws);
    ws
}

/// The generated text must be valid: no syntax or lowering errors (check
/// findings such as a 满意度 target over 100% are allowed).
fn assert_valid(text: &str) {
    let checked = jixiao::check_text("x.jx", text);
    let bad: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| {
            d.is_error()
                && (d.code.starts_with("JX-S")
                    || d.code.starts_with("JX-M")
                    || d.code.starts_with("JX-E"))
        })
        .map(|d| format!("{} {}", d.code, d.message))
        .collect();
    assert!(
        bad.is_empty(),
        "generated text is invalid: {bad:#?}\n{text}"
    );
}

fn fmt(text: &str) -> String {
    match format_text(FileId(0), text) {
        Ok(out) => out,
        Err(FormatError::Syntax(d)) => panic!("syntax errors: {d:#?}\n{text}"),
        Err(FormatError::Internal(d)) => panic!("internal error: {d:#?}\n{text}"),
        Err(FormatError::Unsupported(d)) => panic!("unsupported: {d:#?}\n{text}"),
    }
}

fn comment_count(text: &str) -> usize {
    jixiao::syntax::parse(FileId(0), text).0.comments.len()
}

// ───────────── the properties ─────────────

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// fmt → parse gives the same model; fmt is idempotent; no comment lost.
    #[test]
    fn fmt_keeps_the_model_and_is_idempotent(d in declaration()) {
        let text = write(&d);
        assert_valid(&text);
        let once = fmt(&text);
        prop_assert_eq!(model(&text), model(&once), "model changed\n{}\n---\n{}", text, once);
        let twice = fmt(&once);
        prop_assert_eq!(&once, &twice, "not idempotent");
        prop_assert_eq!(comment_count(&text), comment_count(&once));
        // The model is the generated one, not an empty shell.
        let ws = model(&once);
        let projects: Vec<&str> = ws.departments.iter().flat_map(|x| &x.projects).map(|p| p.name.as_str()).collect();
        let expected: Vec<&str> = d.projects.iter().map(|p| p.name.as_str()).collect();
        prop_assert_eq!(projects, expected);
        let indicators: usize = ws.departments.iter().flat_map(|x| &x.projects).map(|p| p.indicators.len()).sum();
        let generated: usize = d.projects.iter().flat_map(|p| &p.groups).flat_map(|(_, l2)| l2).map(|(_, i)| i.len()).sum();
        prop_assert_eq!(indicators, generated);
    }

    /// diff(x, x) is empty; one change of meaning makes it non-empty, in
    /// either direction; a reformatted file diffs empty against the original.
    #[test]
    fn diff_sees_exactly_the_changes(d in declaration(), which in 0usize..6, pick in any::<prop::sample::Index>()) {
        let text = write(&d);
        let x = model(&text);
        prop_assert!(jixiao::diff::diff(&x, &x).is_empty());
        prop_assert!(jixiao::diff::diff(&x, &model(&fmt(&text))).is_empty());
        let mut e = d.clone();
        let changed = mutate(&mut e, which, pick);
        prop_assume!(changed);
        let y = model(&write(&e));
        let there = jixiao::diff::diff(&x, &y);
        let back = jixiao::diff::diff(&y, &x);
        prop_assert!(!there.is_empty(), "no change seen (mutation {})\n{}", which, write(&e));
        prop_assert!(!back.is_empty());
        let _ = jixiao::diff::render_human(&there);
    }
}

/// Change one thing of meaning in `d`. Returns false when there was nothing
/// to change (e.g. no indicator).
fn mutate(d: &mut Decl, which: usize, pick: prop::sample::Index) -> bool {
    let n = d.projects.len();
    let p = &mut d.projects[pick.index(n)];
    let inds: Vec<&mut Ind> = p
        .groups
        .iter_mut()
        .flat_map(|(_, l2)| l2.iter_mut())
        .flat_map(|(_, i)| i.iter_mut())
        .collect();
    match which {
        0 => {
            p.name.push('新');
            true
        }
        1 => match p.funds.first_mut() {
            Some((_, m)) => {
                m.cents += 100;
                true
            }
            None => false,
        },
        2 => {
            let k = inds.len();
            match inds.into_iter().nth(pick.index(k.max(1))) {
                Some(i) => {
                    i.target = match &i.target {
                        Tgt::Compare(c, n, s, u) => Tgt::Compare(c, n + 1, *s, u),
                        Tgt::Range(lo, hi) => Tgt::Range(*lo, hi + 1),
                        Tgt::Qual(w) => Tgt::Qual(if *w == "及时" { "良好" } else { "及时" }),
                    };
                    true
                }
                None => false,
            }
        }
        3 => {
            let k = inds.len();
            match inds.into_iter().nth(pick.index(k.max(1))) {
                Some(i) => {
                    i.name.push('新');
                    true
                }
                None => false,
            }
        }
        4 => {
            p.goal = Some(match &p.goal {
                Some(g) => format!("{g}改"),
                None => "新的总目标".into(),
            });
            true
        }
        _ => {
            d.projects.remove(pick.index(n));
            true
        }
    }
}
