//! Structure-aware fuzzing (issue 15): the input is decoded by `arbitrary`
//! into a declaration and its 自评 — departments, projects, funds, indicators
//! with every comparator, range, tolerance, points and qualitative word, 校验
//! lines and nesting as deep as the bytes ask — and rendered as `.jx` text
//! that is valid by construction. Random bytes rarely get past the parser;
//! these inputs reach lowering, the checks, scoring and the formatter.
//!
//! Asserts:
//! - the declaration has no syntax error (JX-S) unless nesting was asked
//!   deeper than the language allows, and then the error is JX-S010 (too
//!   deep) or JX-S012 (expression too long), never a crash;
//! - fmt is idempotent and keeps the model;
//! - every score lies in [0, 分值]; the streamed evaluation equals the whole.
#![no_main]
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;
use std::fmt::Write;
#[path = "common.rs"]
mod common;

const LEVELS: [(&str, &[&str]); 4] = [
    ("成本指标", &["经济成本指标", "社会成本指标"]),
    ("产出指标", &["数量指标", "质量指标", "时效指标"]),
    ("效益指标", &["经济效益指标", "社会效益指标", "可持续影响指标"]),
    ("满意度指标", &["服务对象满意度指标"]),
];
const UNITS: [&str; 12] = [
    "%", "元", "万元", "人", "次", "元/人", "天", "个", "人次", "件", "", "亿元",
];
const CMPS: [&str; 9] = ["≥", "≤", "=", ">", "<", ">=", "<=", "＞＝", "＜"];
const WORDS: [&str; 6] = ["及时", "高质量", "有效", "提升", "良好", "达标"];
const GRADES: [&str; 3] = ["达成", "部分达成", "未达成"];
const FUND_KEYS: [&str; 6] = ["总额", "年度申请", "财政资金", "当年拨款", "上年结转", "其他资金"];

#[derive(Arbitrary, Debug)]
struct Input {
    projects: Vec<Project>,
    declared_count: Option<u8>,
    declared_money: Option<Num>,
    /// Extra nesting for one 校验 (parentheses or 非), to reach the limits.
    deep: Option<(u16, bool)>,
}

#[derive(Arbitrary, Debug)]
struct Project {
    funds: Vec<(u8, Num)>,
    indicators: Vec<Indicator>,
    budget: Option<Num>,
    spent: Option<Num>,
    checks: Vec<(u8, u8, u8)>,
}

#[derive(Arbitrary, Debug)]
struct Indicator {
    level: u8,
    target: Target,
    points: Option<u8>,
    tolerance: Option<Num>,
    actual: Actual,
}

#[derive(Arbitrary, Debug)]
enum Target {
    Compare(u8, Num, u8),
    Range(Num, Num, u8),
    Word(u8),
}

#[derive(Arbitrary, Debug)]
enum Actual {
    Value(Num, Option<u8>),
    Ratio(u16, u16),
    Grade(u8, Option<u8>),
    Missing,
}

/// A decimal as written: an integer part and up to four decimals.
#[derive(Arbitrary, Debug, Clone, Copy)]
struct Num {
    int: i32,
    frac: u16,
    places: u8,
    negative: bool,
}

impl Num {
    fn text(self) -> String {
        let places = u32::from(self.places % 5);
        let int = i64::from(self.int).abs() % 1_000_000_000;
        let mut d = Decimal::new(int, 0);
        if places > 0 {
            d += Decimal::new(i64::from(self.frac) % 10_i64.pow(places), places);
        }
        if self.negative {
            d = -d;
        }
        d.to_string()
    }
}

fn pick<'a>(items: &[&'a str], i: u8) -> &'a str {
    items[usize::from(i) % items.len()]
}

fn quantity(n: Num, unit: &str) -> String {
    match unit {
        "" => n.text(),
        "%" => format!("{}%", n.text()),
        u => format!("{} {u}", n.text()),
    }
}

fn target(t: &Target) -> String {
    match t {
        Target::Compare(c, n, u) => format!(" {} {}", pick(&CMPS, *c), quantity(*n, pick(&UNITS, *u))),
        Target::Range(a, b, u) => {
            let unit = pick(&UNITS, *u);
            format!(" {}~{}", quantity(*a, unit), quantity(*b, unit))
        }
        Target::Word(w) => format!(": {}", pick(&WORDS, *w)),
    }
}

fn nested(depth: u16, not: bool) -> String {
    let depth = usize::from(depth);
    if not {
        format!("{}指标1 ≥ 1 人", "非 ".repeat(depth))
    } else {
        format!("{}指标1{} ≥ 1 人", "(".repeat(depth), ")".repeat(depth))
    }
}

fn render(input: &Input) -> (String, String) {
    let projects = &input.projects[..input.projects.len().min(6)];
    let mut d = String::from("部门 \"测试局\" {\n  年度 2025\n");
    if let (Some(c), Some(m)) = (input.declared_count, input.declared_money) {
        let _ = writeln!(d, "  申报 {} 个项目，资金 {} 万元", c % 8, m.text());
    }
    let mut a = String::from("自评 \"测试局\" 2025 {\n");
    for (pi, p) in projects.iter().enumerate() {
        let _ = writeln!(d, "  项目 \"项目{pi}\" {{\n    资金 {{");
        for (k, n) in p.funds.iter().take(6) {
            let _ = writeln!(d, "      {} {} 元", pick(&FUND_KEYS, *k), n.text());
        }
        d.push_str("    }\n    指标 {\n");
        let inds = &p.indicators[..p.indicators.len().min(12)];
        let mut order: Vec<(usize, &Indicator)> = inds.iter().enumerate().collect();
        order.sort_by_key(|(_, x)| x.level % 10);
        let mut open: Option<(usize, usize)> = None;
        for (ii, x) in &order {
            let l1 = usize::from(x.level % 10) % 4;
            let seconds = LEVELS[l1].1;
            let l2 = usize::from(x.level / 10) % seconds.len();
            if open != Some((l1, l2)) {
                if open.is_some() {
                    d.push_str("        }\n      }\n");
                }
                let _ = writeln!(d, "      {} {{\n        {} {{", LEVELS[l1].0, seconds[l2]);
                open = Some((l1, l2));
            }
            let _ = write!(d, "          指标{ii}{}", target(&x.target));
            if let Some(pt) = x.points {
                let _ = write!(d, " 分值 {}", pt % 60);
            }
            if let (Some(t), Target::Compare(_, _, u)) = (x.tolerance, &x.target) {
                let _ = write!(d, " 容差 {}", quantity(t, pick(&UNITS, *u)));
            }
            d.push('\n');
        }
        if open.is_some() {
            d.push_str("        }\n      }\n");
        }
        d.push_str("    }\n");
        for (l, r, c) in p.checks.iter().take(3) {
            let _ = writeln!(d, "    校验 指标{} {} 指标{}", l % 12, pick(&CMPS, *c), r % 12);
        }
        if pi == 0 {
            if let Some((depth, not)) = input.deep {
                let _ = writeln!(d, "    校验 {}", nested(depth, not));
            }
        }
        d.push_str("  }\n");

        let _ = writeln!(a, "  项目 \"项目{pi}\" {{");
        if let Some(b) = p.budget {
            let _ = writeln!(a, "    预算 {} 元", b.text());
        }
        if let Some(s) = p.spent {
            let _ = writeln!(a, "    执行 {} 元", s.text());
        }
        for (ii, x) in inds.iter().enumerate() {
            match (&x.actual, &x.target) {
                (Actual::Missing, _) => {}
                (Actual::Grade(g, score), _) => {
                    let _ = write!(a, "    指标{ii}: {}", pick(&GRADES, *g));
                    if let Some(s) = score {
                        let _ = write!(a, " {}", s % 12);
                    }
                    a.push('\n');
                }
                (Actual::Ratio(n, m), _) => {
                    let _ = writeln!(a, "    指标{ii} = {n} / {}", u32::from(*m) + 1);
                }
                (Actual::Value(n, u), t) => {
                    let unit = match (u, t) {
                        (Some(u), _) => pick(&UNITS, *u),
                        (None, Target::Compare(_, _, u) | Target::Range(_, _, u)) => pick(&UNITS, *u),
                        (None, Target::Word(_)) => "",
                    };
                    let _ = writeln!(a, "    指标{ii} {}", quantity(*n, unit));
                }
            }
        }
        a.push_str("  }\n");
    }
    d.push_str("}\n");
    a.push_str("}\n");
    (d, a)
}

fn model(text: &str) -> jixiao::Workspace {
    let loaded = jixiao::load::load_text("fuzz.jx", text);
    let (mut ws, _) = jixiao::lower::lower(&loaded);
    jixiao::format::normalize(&mut ws);
    ws
}

fuzz_target!(|input: Input| {
    let (decl, actuals) = render(&input);
    let checked = jixiao::check_text("申报.jx", &decl);
    common::show(&checked.diagnostics, checked.sources());
    // Nesting asked deeper than the language allows ends in JX-S010 (too
    // deep) or JX-S012 (expression too long), never in a crash.
    let deep = input.deep.is_some_and(|(d, _)| d > 64);
    let shown: String = decl.chars().take(2000).collect();
    for d in &checked.diagnostics {
        assert!(
            !d.code.starts_with("JX-S") || (deep && matches!(d.code, "JX-S010" | "JX-S012")),
            "valid text read as a syntax error {}: {}\n{shown}",
            d.code,
            d.message
        );
    }
    if !deep {
        use jixiao::format::{format_text, FormatError};
        use jixiao::source::FileId;
        match format_text(FileId(0), &decl) {
            Ok(once) => {
                let twice = format_text(FileId(0), &once).expect("fmt output formats again");
                assert_eq!(once, twice, "fmt is not idempotent\n{decl}");
                assert!(model(&decl) == model(&once), "fmt changed the model\n{decl}");
            }
            Err(FormatError::Internal(d)) => panic!("fmt internal error {}: {}\n{decl}", d.code, d.message),
            Err(FormatError::Syntax(_) | FormatError::Unsupported(_)) => {}
        }
    }
    let run = jixiao::evaluate_text(&decl, &actuals, None);
    common::show(&run.diagnostics, run.sources());
    let mut out = Vec::new();
    let streamed = jixiao::evaluate_text_to(&decl, &actuals, None, jixiao::report::Format::Csv, false, &mut out);
    assert_eq!(streamed.diagnostics, run.diagnostics, "streamed diagnostics");
    let Some(ev) = &run.evaluation else { return };
    assert!(out == jixiao::report::csv::render(ev).as_bytes(), "streamed CSV differs");
    for p in &ev.projects {
        for i in &p.indicators {
            if let Some(s) = i.score {
                assert!(s >= Decimal::ZERO && s <= i.points, "{} scored {s} of {}\n{decl}\n{actuals}", i.name, i.points);
            }
        }
    }
});
