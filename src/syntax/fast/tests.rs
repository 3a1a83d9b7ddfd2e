//! Differential tests (see `differential.rs`) on every file of the
//! repository, generated workloads, tricky lexing and mutated blocks and
//! files. The fast path must also read every generated block, or it would
//! silently stop being fast.

use super::differential::{self, blocks, Kind, Tally};
use proptest::prelude::*;
use std::path::Path;

fn same(kind: Kind, block: &str, offset: usize) -> bool {
    differential::same(kind, block, offset).unwrap_or_else(|e| panic!("{e}"))
}

fn same_file(text: &str) -> bool {
    differential::same_file(text).unwrap_or_else(|e| panic!("{e}"))
}

fn check_text(text: &str) -> Tally {
    differential::check_text(text).unwrap_or_else(|e| panic!("{e}"))
}

fn jx_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            jx_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "jx")
            || p.components().any(|c| c.as_os_str() == "corpus")
            || p.components().any(|c| c.as_os_str() == "fuzz_crashes")
        {
            out.push(p);
        }
    }
}

/// On a thread with the pool's stack: a local fuzz corpus holds nesting as
/// deep as the parsers accept, which the test thread's 2 MiB cannot hold
/// (the pool's workers have 16 MiB, `src/parallel.rs`).
#[test]
fn same_as_pest_on_every_file_of_the_repository() {
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(every_file_of_the_repository)
        .unwrap()
        .join()
        .unwrap();
}

fn every_file_of_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for d in [
        "examples",
        "tests/cases",
        "tests/fmt",
        "tests/fuzz_crashes",
        "rules",
        "docs",
        "fuzz/corpus",
    ] {
        jx_files(&root.join(d), &mut files);
    }
    assert!(files.len() > 20, "found only {files:?}");
    let mut total = Tally::default();
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        total.add(check_text(&text));
    }
    println!(
        "repository: {} blocks, {:.1}% on the fast path; first pass fast on {} of {} files",
        total.fast + total.pest,
        100.0 * total.share(),
        total.files,
        files.len()
    );
    assert!(total.files >= 2, "{total:?}");
    // The seed declaration and its actuals alone are 18 blocks.
    assert!(total.fast >= 18, "{total:?}");
}

#[test]
fn same_as_pest_on_generated_workloads_and_reads_them_all() {
    for seed in [1, 2, 7, 42] {
        let options = crate::gen::Options {
            projects: 300,
            seed,
            departments: 2,
        };
        let departments = crate::gen::generate(&options);
        let mut declared = Tally::default();
        let mut actual = Tally::default();
        for d in &departments {
            declared.add(check_text(&crate::gen::declaration(d)));
            actual.add(check_text(&crate::gen::actuals(d)));
        }
        println!(
            "seed {seed}: projects {:.2}%, 自评 {:.2}% on the fast path",
            100.0 * declared.share(),
            100.0 * actual.share()
        );
        assert_eq!(declared.pest, 0, "seed {seed}: {declared:?}");
        assert_eq!(actual.pest, 0, "seed {seed}: {actual:?}");
        assert_eq!(declared.fast, 300);
        assert_eq!(declared.files + actual.files, 4, "seed {seed}");
    }
}

/// Tricky lexing, each case compared with pest; `true` where the fast path
/// must read it.
const PROJECT_CASES: &[(&str, bool)] = &[
    ("{}", true),
    ("{ }", true),
    ("{\n性质 其他；类别 \"运转类\";主管部门 甲\n}", true),
    ("{性质 其他}", true),
    ("{\n  性质\u{3000}其他\u{00A0}\n}", true),
    ("{\n  性质\u{2003}其他\u{000B}\n}", true),
    ("{\n  性质 其他\u{FEFF}\n}", true),
    ("{\n  性质其他\n}", true),
    ("{\n  ＃ 全角注释\n  性质 其他 # 行尾注释\n}", true),
    ("{\n  周期 2025-01-01 至 2025-12-31\n}", true),
    ("{\n  周期 2025/1/1~2025/12/31\n}", true),
    ("{\n  周期 2025-01-011 至 2025-12-31\n}", false),
    ("{\n  总目标 \"带\\\"引号\\\\与\\n换行\"\n}", true),
    ("{\n  总目标 \"坏的\\q转义\"\n}", true),
    ("{\n  总目标 \"\"\"\n    第一段\n      缩进\n    \"\"\"\n}", true),
    ("{\n  资金 {\n    总额 1,234.5万 元\n    年度申请 1,234.5万元\n  }\n}", true),
    ("{\n  资金 {\n    项目资金总额 100 (万元)\n    当年财政拨款 100（万元）\n    上年结转资金 0元\n    其他资金 -0.00 元\n  }\n}", true),
    ("{\n  资金 {\n    总额 1,2345 元\n  }\n}", false),
    ("{\n  资金 {\n    总额 12,345,678 元\n  }\n}", true),
    ("{\n  资金 {\n    总额 ９ 元\n  }\n}", false),
    ("{\n  资金 {\n    总额 99999999999999999999999999999999 元\n  }\n}", true),
    ("{\n  资金 {\n    年度申请总额 5 元\n  }\n}", false),
    ("{\n  说明 {\n    概述 \"一\"\n    预算安排 \"\"\"二\"\"\"\n  }\n}", true),
    ("{\n  指标 {\n    产出 {\n      数量 {\n        a ≥ 5 元/人·天\n        b ＞＝ 5 ％ 分值 5 容差 0.5% 方向 反向 口径 \"c\"\n        c: 及时\n        d：\"好 的\"\n        e 80%~90%\n        f 5 万元 ～ 8 万元\n        \"g h\" = 1亿\n        i < 3 万人\n        j == 1 人次\n        k ≦ 2 分值 3\n      }\n    }\n  }\n}", true),
    // Group points (issue 17).
    ("{\n  指标 {\n    产出指标 分值 70 {\n      数量指标 分值 20 {\n        a ≥ 5 分值 10\n      }\n      质量指标 {\n        b ≥ 1\n      }\n    }\n    效益 分值 20.5 {  # 注\n      社会 分值 20.5 { c: 好 }\n    }\n  }\n}", true),
    ("{\n  指标 {\n    产出指标 分值 {\n      数量指标 { a ≥ 5 }\n    }\n  }\n}", false),
    ("{\n  指标 {\n    产出指标 分值 70\n    {\n      数量指标 { a ≥ 5 }\n    }\n  }\n}", false),
    ("{\n  指标 {\n    产出指标 分值 70 分值 5 {\n      数量指标 { a ≥ 5 }\n    }\n  }\n}", false),
    ("{\n  指标 {\n    产出指标分值 70 {\n      数量指标 { a ≥ 5 }\n    }\n  }\n}", false),
    ("{\n  指标 {\n    产出指标 分值70{\n      数量指标 容差 1 { a ≥ 5 }\n    }\n  }\n}", false),
    ("{\n  指标 {\n    产出 {\n      数量 {\n        a ≥ 5 { 分值 5; 容差 1 元 }\n        b ≥ 5 至少\n      }\n    }\n  }\n}", true),
    ("{\n  指标 {\n    产出 {\n      数量 {\n        a ≥ 5 { 分值 5; 容差 1 元 }\n      }\n    }\n  }\n}", true),
    ("{\n  指标 {\n    产出 {\n      数量 {\n        a ≥ 5 元/ 分值 5\n      }\n    }\n  }\n}", false),
    ("{\n  指标 {\n    产出 {\n      数量 {\n        a ≥ 5 口径\"x\"   # 注\n      }\n    }\n  }\n}", true),
    ("{\n  校验 人均培训成本 × 培训人数 ≤ 资金.总额\n}", true),
    ("{\n  校验 a + b * -c - d ÷ 2 万元 ≥ 3 且 e 或 f ≠ 1  \n}", true),
    ("{\n  校验 资金.总额   \n}", true),
    ("{\n  校验 a × b ≤ c # 注\n}", true),
    ("{\n  校验 (a + b) ≤ c\n}", true),
    ("{\n  校验 非税收入 ≤ 1\n}", true),
    ("{\n  校验 f(1) ≤ 1\n}", true),
    ("{\n  允许 JX-G006 \"原因\"\n  允许 JX-A001   \n}", true),
    ("{\n  资全 { 总额 1 元 }\n}", true),
    ("{\n  性质 {\n}", false),
    ("{\n  校验 若 a ≥ 1 则 (b + 2) × 3 否则 min(c, d，e) # 注\n}", true),
    ("{\n  校验 若a则1否则2\n}", false),
    ("{\n  校验 若干 ≥ 1\n}", true),
    ("{\n  校验 非 非 -a ≥ -(1 - b)\n}", true),
    ("{\n  校验 \"甲 乙\".\"丙\\q\" ≥ 1\n}", true),
    ("{\n  校验 5 (1) ≥ a.\n}", false),
    ("{\n  校验 5 (1) ≥ a.b  # 注\n}", true),
    ("{\n  校验 a ≥ 99999999999999999999999999999999\n}", true),
    ("{\n  校验 （a ＋ b）＊ c ／ d ＞＝ e 或 f ！= g\n}", false),
    ("{\n  校验 （a ＋ b）＊ c ／ d ＞＝ e 或 f != g\n}", true),
    ("{\n  校验 (a\n}", false),
    ("{\n  校验 f(a,)\n}", false),
    ("{\n  校验 则\n}", false),
    ("{\n  总目标人 \"x\" y # 注\n  资金池 { \"} \" }\n  性质是\n  允许者 \"r\\q\"\n}", true),
    ("{\n  资全 { \"未闭合 }\n  }\n}", true),
    ("{\n  资全 \"\"\"a\n}", true),
    ("{\n  指标 {\n    产出 {\n      数量 {\n        a: \"坏\\x\" 口径 \"\\y\"\n        \"\\z\" ≥ 1\n      }\n    }\n  }\n}", true),
    // Issue 17: comparator words, words after the value, no comparator,
    // ± and ranges with 至 and -, the 中期 target.
    ("{\n  指标 {\n    产出 {\n      数量 {\n        a 不低于 90%\n        b 大于或等于 5 人 分值 3\n        c 至少5次\n        d 不超过 5 万元\n        e 小于等于 1\n        f 高于 2 个\n        g 低于 3%\n        h 等于 1 套\n        i ﹦ 100%\n        k ═ 100%\n        j 至多 2 天 中期 至多 3 天\n      }\n    }\n  }\n}", true),
    ("{\n  指标 {\n    产出 {\n      数量 {\n        a 95%以上\n        b 10次以上 分值 5\n        c 5 万元以内\n        d 10 次 以下\n        e 90%及以上\n        f 5万以上\n        g 3 及以下\n        h 10次以上人\n      }\n    }\n  }\n}", true),
    ("{\n  指标 {\n    产出 {\n      数量 {\n        a 100%\n        b 20 万元 分值 5\n        c 10辆 { 分值 5 }\n        d -5%\n        e 0\n        f 5 至少\n      }\n    }\n  }\n}", true),
    ("{\n  指标 {\n    产出 {\n      数量 {\n        a ±3%以内\n        b ± 3% 以内 分值 2\n        c ±3%\n        d 3%至5%\n        e 3万至5万元\n        f 3%-5%\n        g -5%--3%\n        h 3 － 5 人\n        i 3万～5万元\n      }\n    }\n  }\n}", true),
    ("{\n  指标 {\n    产出 {\n      数量 {\n        a ≥ 95% 中期 ≥ 90%\n        b 95% 中期 90% 分值 5\n        c: 及时 中期: 基本及时\n        d 90%~95% { 中期 80%~90%; 分值 5 }\n        e ≥ 20 中期 ≥ 10\n        f ≥ 20中期10\n        g ±3% 中期 ±5%以内\n      }\n    }\n  }\n}", true),
    ("{\n  指标 {\n    产出 {\n      数量 {\n        a ±-3%\n      }\n    }\n  }\n}", false),
    ("{\n  指标 {\n    产出 {\n      数量 {\n        a 不少于\n      }\n    }\n  }\n}", false),
    ("{\n  指标 {\n    产出 {\n      数量 {\n        a 95%以上以上\n      }\n    }\n  }\n}", false),
    ("{\n  指标 {\n    产出 {\n      数量 {\n        a ≥ 95% 中期\n      }\n    }\n  }\n}", false),
    ("{\n  指标 {\n    产出 {\n      数量 {\n        a 3%至\n      }\n    }\n  }\n}", false),
    ("{\n  指标 {\n    产出 {\n      数量 {\n        a 3 - \n      }\n    }\n  }\n}", false),
    ("{\n  指标 {\n    产出 {\n      数量 {\n        a 大于 等于 5\n      }\n    }\n  }\n}", false),
    ("{\n  指标 {\n    产出 {\n      数量 {\n        a不低于90%\n      }\n    }\n  }\n}", false),
    ("{\n  校验 a 不低于 b 且 c 小于 1\n}", true),
    ("{\n  指标 {\n    产出 {\n      数量 {\n        a ≥ 95%\n        分值 10\n      }\n    }\n  }\n}", false),
    ("{\n  指标 {\n    产出 {\n      数量 {\n        a ≥ 95%\n        中期 90%\n      }\n    }\n  }\n}", false),
    ("{\n  指标 {\n    产出 {\n      数量 {\n        分值达标率 95%\n        中期检查次数 2 次\n        方向正确率 100%\n        容差率 1%\n        口径 1\n      }\n    }\n  }\n}", true),
];

/// Rule sets, compared with pest the same way.
const RULESET_CASES: &[(&str, bool)] = &[
    ("规则 甲 {\n  定性用语 {\n    达成 达成预期指标 \"是\" 完成# 注\n    部分达成年度指标并具有一定效果 基本达到；未达成 否\n  }\n  定性 { 达成 80% ~ 100% 默认 100% }\n}", true),
    ("规则 甲 {\n  定性用语 { 达成 }\n}", false),
    ("规则 甲 {\n  定性用语 { 完成 达成 }\n}", false),
    ("规则 甲 {\n  定性用语 { 达成 原因 }\n}", false),
    ("规则 甲 {\n  定性用语{达成 \"x\" y}\n}", false),
    ("规则 甲 {\n  定性用语 {}\n}", true),
    ("规则 \"甲\" {\n  名称 \"n\"；来源 \"s\"\n  年度 2020\n  未核实 \"u\"\n  分值 { 产出 50; 效益 30 }\n  组内分配 均分\n  正向 = 完成值 / 目标值 × 分值\n  执行率＝若 x ≥ 1 则 1 否则 x\n  定性 {\n    达成 100% ~ 100％ 默认 100 %\n    部分达成 60% 至 80% 默认 70%\n  }\n  等级 { 优 ≥ 90; 良 >= 80\n 差 # 注\n }\n  舍入 2 位 四舍五入\n  需说明 未得满分、超额 ，未得满分\n  需说明 超额  \n  超额阈值 120%\n  缺少完成值 记零分\n  负完成值 照算\n  超出范围 截取\n  缺组 按比例折算\n  一 归入 二\n  名称 归入 x\n}", true),
    ("规则 甲 {\n  正向率 = 1\n}", false),
    ("规则 甲 {\n  正向 = 1 +\n}", false),
    ("规则 甲 {\n  舍入 2位截断\n}", true),
    ("规则 甲 {\n  名称 \"a\\q\"\n}", true),
    ("规则 甲 {\n  无比较符 推断\n  无比较符 报错 # 注\n  等级 { 优 不低于 90; 差 }\n}", true),
    ("规则 甲 {\n  无比较符 猜\n}", false),
    ("规则 甲 {\n  表内分值 采用\n  表内分值 折算；表内分值不用\n}", true),
    ("规则 甲 {\n  表内分值 照用\n}", false),
    ("规则 甲 {\n  定性用语 { 达成 完成 }\n  无比较符 推断\n  表内分值 不用\n  产出 归入 效益\n}", true),
    ("规则 甲 {\n  执行率分母 年初预算数\n  执行率分母全年预算数；执行率 = 1\n}", true),
    ("规则 甲 {\n  执行率分母 调整后预算数\n}", false),
];

/// Standalone expressions (`parse_expr`), compared with pest the same way.
const EXPR_CASES: &[(&str, bool)] = &[
    ("a", true),
    ("  a ≥ 1  ", true),
    ("a ≥", true),
    ("-", false),
    ("若 a 则 b 否则 c d", true),
    ("f（1，2）", true),
    ("\"\"\"x\"\"\".y", true),
    ("1e5", true),
    ("", false),
];

const ACTUALS_CASES: &[(&str, bool)] = &[
    ("{\n  预算 90,682.50 元\n  执行 88,400.00 元\n}", true),
    ("{\n  执行率 95%\n}", true),
    ("{\n  预算额 5 元\n}", true),
    ("{\n  预算 : 达成\n}", true),
    ("{\n  a = 37 / 37    来源 \"工单\"\n  b 0.5%  原因 \"r\" 措施 \"m\"\n  c: 达成   \n  d: 部分达成  \"说明\"\n  e: 部分达成 20  原因 \"x\"\n  f: 部分达成 75% # 注\n  g 2,350 元/人\n  h: 达成年度指标\n  i 8.5 得分 7 理由 \"人工\"\n}", true),
    ("{\n  a = 37 / 37 # 注\n}", true),
    // Any word after the colon, or a Han word without it (issue 17).
    ("{\n  a: 达成率\n}", true),
    ("{\n  a: \"是（√）\"\n  b 完成\n  c 达成预期指标 原因 \"x\"\n  d 基本达到 7\n  e：否 30%\n}", true),
    ("{\n  a 原因 \"x\"\n}", false),
    // 分值, 得分 are never verdict words: with a number they are what the
    // form printed on a line without an actual (below), without one nothing.
    ("{\n  a 分值 完成\n}", false),
    ("{\n  a 得分 完成\n}", false),
    ("{\n  a 理由 \"x\"\n}", false),
    ("{\n  a 分值 10\n}", true),
    ("{\n  a 得分 8 理由 \"x\"\n}", true),
    ("{\n  a 原因分析 \"x\"\n}", true),
    ("{\n  a done\n}", false),
    ("{\n  a 完成 b 完成\n}", false),
    // A comparator copied from the target; `=` is an expression.
    ("{\n  a ≥266米\n  b >= 90%\n  c ＜ 5 天 原因 \"r\"\n  d ≦3\n  e > 1万人\n}", true),
    ("{\n  a ≥ 完成\n}", false),
    ("{\n  a ≥\n}", false),
    ("{\n  a == 5\n}", false),
    ("{\n  a：部分达成年度指标并具有一定效果；b＝1÷2\n}", true),
    ("{\n  a 1 亿元\n  b 1亿 元\n  c 5万人\n}", true),
    // What the form printed (issue 17): 分值 and 得分 on a line, a line
    // with only them, 小计 and 合计.
    ("{\n  a 96% 分值 10 得分 9.5\n  b: 达成 得分 10 分值 10 原因 \"r\"\n  c 分值 10 得分 9\n  d 得分 8 理由 \"人工\" 分值 10\n  e 得分9\n}", true),
    ("{\n  f 分值 10 \"说明\"\n  g 1 次 得分 7 理由 x\n}", false),
    ("{\n  g 8 得分 7 理由\n}", false),
    ("{\n  h 原因 \"r\"\n}", false),
    ("{\n  小计 产出指标 分值 50 得分 45\n  合计 分值 100 得分 92.5 等级 优\n  合计 等级 \"良 好\"\n  小计 \"效益 指标\" 得分 30 # 注\n}", true),
    ("{\n  小计产出指标 分值 50\n  合计 5 次\n  小计 3 万元\n  合计: 达成\n}", true),
    ("{\n  小计 产出指标 等级 优\n}", false),
    ("{\n  小计 分值 50\n}", true),
    ("{\n  合计\n}", false),
    ("{\n  合计 分值 100 原因 \"r\"\n}", false),
    ("{\n  \"合计\" 分值 100\n}", true),
    // No verdict word after 小计, 合计, 等级 starting a line (a 小计
    // without its values, a grade out of its 合计); quoted, or the start of
    // a longer name, they are names.
    ("{\n  小计 产出指标\n}", false),
    ("{\n  合计 优\n}", false),
    ("{\n  等级 优\n}", false),
    ("{\n  合计 完成 分值 10\n}", false),
    ("{\n  合计 不低于 5 次\n}", false),
    ("{\n  合计 # 注\n}", false),
    ("{\n  合计× 完成 分值 10\n  等级\t5 次\n}", true),
    ("{\n  \"小计\" 产出指标\n  合计人数 完成\n  等级: 优\n  小计 = 1 + 1\n  合计 ≥ 5 次\n}", true),
    ("{\n  a 完成 分值 10 得分 9\n  b: 是 得分 9\n  c 达成预期指标 7 分值 10\n}", true),
    // The budget section (issue 17).
    ("{\n  预算 {\n    年度资金总额 年初 238.93 万元 全年 251.89 万元 执行 251.89 万元 分值 10 执行率 100.00% 得分 10\n    财政资金 年初 238.93万元；其他资金\n    本年财政拨款 执行率 1 得分 9.5 # 注\n  }\n  a 1 元\n}", true),
    ("{\n  预算 { 总额 全年 3.36 万元 执行 3.36 万元 分值 10 执行率 100% 得分 10 }\n}", true),
    ("{\n  预算 {\n  }\n  预算 {}\n}", true),
    ("{\n  预算 { 年度资金总额 年初 0.00 全年 3.36 执行 3.36 }\n}", true),
    ("{\n  预算 { 年度资金总额 分值 10执行率 100% }\n}", true),
    ("{\n  预算 { 单位资金年初 1 元 }\n}", false),
    ("{\n  预算 { 财政资金 执行数 1 元 }\n}", false),
    ("{\n  预算 { 中央补助 全年 1 元 }\n}", false),
    ("{\n  预算 { 其他资金 全年 1 （万元） 执行 2 (元) }\n}", true),
    ("{\n  预算\n  { 其他资金 }\n}", false),
    ("{\n  预算 { 其他资金 全年 }\n}", false),
];

#[test]
fn tricky_lexing_same_as_pest() {
    // Each case is valid (`true`: both read it) or not (both refuse it).
    let mut wrong = Vec::new();
    for (kind, cases) in [
        (Kind::Project, PROJECT_CASES),
        (Kind::Actuals, ACTUALS_CASES),
    ] {
        for (block, valid) in cases {
            if same(kind, block, 17) != *valid {
                wrong.push(block);
            }
        }
    }
    for (text, valid) in RULESET_CASES {
        if differential::same_ruleset(text, 17).unwrap_or_else(|e| panic!("{e}")) != *valid {
            wrong.push(text);
        }
    }
    for (text, valid) in EXPR_CASES {
        if differential::same_expr(text).unwrap_or_else(|e| panic!("{e}")) != *valid {
            wrong.push(text);
        }
    }
    assert!(
        wrong.is_empty(),
        "valid or not, not as the table says: {wrong:#?}"
    );
}

#[test]
fn cjk_table_shortcut_holds() {
    // `cjk` skips pest's table below U+2E80: nothing there is Han.
    for u in 0..0x2E80u32 {
        if let Some(c) = char::from_u32(u) {
            assert!(!pest::unicode::HAN(c), "{u:#x}");
        }
    }
}

/// Pieces that exercise the lexer where it is easiest to get wrong.
const PIECES: &[&str] = &[
    " ",
    "\u{3000}",
    "\u{00A0}",
    "\u{2003}",
    "\u{000B}",
    "\u{FEFF}",
    "\u{0085}",
    "\t",
    "#注",
    "＃",
    "\n",
    "\r",
    "\r\n",
    ";",
    "；",
    "{",
    "}",
    "\"",
    "\"\"\"",
    "\\",
    "\\n",
    "万",
    "亿",
    "元",
    "万元",
    "%",
    "％",
    "‰",
    "/",
    "／",
    "·",
    "*",
    "(",
    ")",
    "（",
    "）",
    ",",
    "，",
    ".",
    "1",
    "0",
    "123",
    ",000",
    "-",
    "−",
    "+",
    "~",
    "～",
    ":",
    "：",
    "≥",
    "≤",
    ">",
    "<",
    "=",
    "==",
    ">=",
    "＞＝",
    "≠",
    "×",
    "÷",
    "且",
    "或",
    "若",
    "则",
    "非",
    "至",
    "分值",
    "容差 1",
    "方向 反向",
    "口径",
    "原因",
    "措施",
    "来源",
    "得分",
    "得分 9",
    "分值 10",
    "小计 产出指标",
    "合计",
    "等级 优",
    "理由",
    "达成",
    "部分达成",
    "预算",
    "执行",
    "性质",
    "指标",
    "校验",
    "允许",
    "资金",
    "总额",
    "一",
    "〇",
    "人",
    "a",
    "１",
];

/// Apply `edits` (position per mille, piece index or deletion) to `base`.
fn mutate(base: &str, edits: &[(u16, usize, bool)]) -> String {
    let mut s = base.to_string();
    for &(at, piece, delete) in edits {
        let bounds: Vec<usize> = s.char_indices().map(|(i, _)| i).collect();
        if bounds.is_empty() {
            break;
        }
        let i = bounds[usize::from(at) * bounds.len() / 1001];
        if delete {
            let j = bounds
                .get(bounds.partition_point(|b| *b <= i) + piece % 3)
                .copied();
            s.replace_range(i..j.unwrap_or(s.len()), "");
        } else {
            s.insert_str(i, PIECES[piece % PIECES.len()]);
        }
    }
    s
}

/// One to three edits for `mutate`.
fn random_edits(rng: &mut crate::gen::Rng) -> Vec<(u16, usize, bool)> {
    (0..rng.range(1, 3))
        .map(|_| {
            (
                rng.range(0, 1000) as u16,
                rng.range(0, 999) as usize,
                rng.chance(30),
            )
        })
        .collect()
}

fn sample_blocks() -> Vec<(Kind, String)> {
    let options = crate::gen::Options {
        projects: 12,
        seed: 5,
        departments: 1,
    };
    let d = &crate::gen::generate(&options)[0];
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = vec![crate::gen::declaration(d), crate::gen::actuals(d)];
    for f in ["declaration.jx", "actuals-2025.jx"] {
        let p = root.join("examples/songjiang-npc-2025").join(f);
        texts.push(std::fs::read_to_string(p).expect("seed example"));
    }
    let mut out = Vec::new();
    for t in &texts {
        for (kind, a, b) in blocks(t) {
            out.push((kind, t[a..b].to_string()));
        }
    }
    out.extend(
        PROJECT_CASES
            .iter()
            .map(|(b, _)| (Kind::Project, b.to_string())),
    );
    out.extend(
        ACTUALS_CASES
            .iter()
            .map(|(b, _)| (Kind::Actuals, b.to_string())),
    );
    out
}

/// The same comparison over a fixed sequence of mutations, counting how
/// many the fast path reads: a mutation test that compares nothing would
/// pass for nothing.
#[test]
fn mutated_blocks_same_as_pest_and_many_read() {
    let blocks = sample_blocks();
    let mut rng = crate::gen::Rng::new(11);
    let mut t = Tally::default();
    for _ in 0..4000 {
        let (kind, base) = &blocks[rng.range(0, blocks.len() as u64 - 1) as usize];
        let edits = random_edits(&mut rng);
        let text = mutate(base, &edits);
        if text.starts_with('{') && text.ends_with('}') {
            if same(*kind, &text, 5) {
                t.fast += 1;
            } else {
                t.pest += 1;
            }
        }
    }
    println!("mutated blocks: {t:?}");
    assert!(t.fast > 500 && t.pest > 500, "{t:?}");
}

/// Rule sets and standalone expressions, mutated: both ways as the blocks.
#[test]
fn mutated_rulesets_and_expressions_same_as_pest() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut rulesets: Vec<String> = RULESET_CASES.iter().map(|(t, _)| t.to_string()).collect();
    let hubei = std::fs::read_to_string(root.join("rules/hubei-2020.jx")).expect("rules");
    let start = hubei.find("规则").expect("a rule set");
    rulesets.push(hubei[start..].trim_end().to_string());
    let exprs = [
        "若 a ≥ 1 则 (b + 2) × 3 否则 min(c, d，e)",
        "非 -\"甲 乙\".丙 ≠ 5 万元 且 f（1） 或 g <= 2",
        "完成值 / 目标值 × 分值",
    ];
    let mut rng = crate::gen::Rng::new(13);
    let (mut read, mut left) = (0, 0);
    for i in 0..3000 {
        let edits = random_edits(&mut rng);
        let ok = if i % 2 == 0 {
            let base = &rulesets[rng.range(0, rulesets.len() as u64 - 1) as usize];
            differential::same_ruleset(&mutate(base, &edits), 5)
        } else {
            let base = exprs[rng.range(0, exprs.len() as u64 - 1) as usize];
            differential::same_expr(&mutate(base, &edits))
        };
        if ok.unwrap_or_else(|e| panic!("{e}")) {
            read += 1;
        } else {
            left += 1;
        }
    }
    println!("mutated rule sets and expressions: read {read}, refused {left}");
    assert!(read > 500 && left > 300, "{read} {left}");
}

/// A small file with every item of the skeleton.
const SKELETON: &str = "# 文件头注释\n引用 \"other.jx\"\n\n部门 \"甲\" { # 行尾\n  年度 2025；申报 2 个项目，资金 1.5 万元\n  申报 1 个项目 资金 3 元\n  引用 \"b.jx\"\n  项目 \"一\" {\n    性质 x # }\n    总目标 \"{ \\\" }\"\n    说明 { 概述 \"\"\"\n      }\n      \"\"\" }\n  }\n  项目 二 { 性质 y }\n}\n项目 三 {\n}\n自评 \"甲\" 2025 {\n  ＃ 注\n  项目 \"一\" {\n    预算 1 元\n    a 1 原因 \"}\"\n  }\n}\n";

/// Whole files, mutated, through both first passes.
#[test]
fn mutated_files_same_as_pest_and_many_read() {
    let options = crate::gen::Options {
        projects: 2,
        seed: 9,
        departments: 1,
    };
    let d = &crate::gen::generate(&options)[0];
    let bases = [
        SKELETON.to_string(),
        crate::gen::declaration(d),
        crate::gen::actuals(d),
    ];
    assert!(same_file(SKELETON));
    let mut rng = crate::gen::Rng::new(12);
    let (mut read, mut left) = (0, 0);
    for _ in 0..3000 {
        let base = &bases[rng.range(0, 2) as usize];
        let edits = random_edits(&mut rng);
        if same_file(&mutate(base, &edits)) {
            read += 1;
        } else {
            left += 1;
        }
    }
    println!("mutated files: first pass fast on {read}, pest on {left}");
    assert!(read > 500 && left > 500, "{read} {left}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn mutated_blocks_same_as_pest(
        which in any::<prop::sample::Index>(),
        edits in prop::collection::vec((0u16..1001, 0usize..1000, any::<bool>()), 1..4),
    ) {
        static BLOCKS: std::sync::OnceLock<Vec<(Kind, String)>> = std::sync::OnceLock::new();
        let blocks = BLOCKS.get_or_init(sample_blocks);
        let (kind, base) = which.get(blocks);
        let text = mutate(base, &edits);
        // The first pass cuts blocks that start with `{` and end with `}`.
        if text.starts_with('{') && text.ends_with('}') {
            same(*kind, &text, 5);
        }
    }
}

/// A 自评 block the fast path refuses is read statement by statement
/// (issue 17): every unreadable statement gets pest's error for that line
/// (never JX-S020, which panics in tests), at least one each, and the block
/// is never left unread.
#[test]
fn mutated_actuals_blocks_recover_line_by_line() {
    use crate::syntax::ast::Item;
    use crate::syntax::eval_ast::ActualStmt;
    let blocks: Vec<String> = sample_blocks()
        .into_iter()
        .filter(|(k, _)| *k == Kind::Actuals)
        .map(|(_, b)| b)
        .collect();
    let mut rng = crate::gen::Rng::new(17);
    let mut recovered = 0;
    for _ in 0..3000 {
        let base = &blocks[rng.range(0, blocks.len() as u64 - 1) as usize];
        let text = mutate(base, &random_edits(&mut rng));
        let block_like = text.starts_with('{') && text.ends_with('}');
        if !block_like || super::actuals_body(crate::source::FileId(1), &text, 0).is_some() {
            continue;
        }
        let file = format!("自评 \"局\" 2025 {{\n  项目 \"甲\" {text}\n}}\n");
        let (tree, diags) = crate::syntax::parse(crate::source::FileId(1), &file);
        let body = tree.items.iter().find_map(|i| match i {
            Item::Actuals(a) if a.projects.len() == 1 => a.projects[0].body.as_ref(),
            _ => None,
        });
        // The mutation may have broken the block's braces or quotes, so
        // that the first pass cut it elsewhere.
        let Some(body) = body else { continue };
        let bad = body
            .iter()
            .filter(|s| matches!(s, ActualStmt::Unreadable { .. }))
            .count();
        let syntax = diags.iter().filter(|d| d.code.starts_with("JX-S")).count();
        assert!(
            bad >= 1,
            "a refused block with no unreadable statement:\n{text}"
        );
        assert!(
            syntax >= bad,
            "{bad} bad statements, {syntax} errors:\n{text}\n{diags:#?}"
        );
        assert!(diags.iter().all(|d| d.code != "JX-S020"), "{text}");
        recovered += 1;
    }
    assert!(recovered > 300, "{recovered}");
}
