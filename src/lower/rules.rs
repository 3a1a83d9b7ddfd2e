//! Lowering `规则` blocks: syntax → [`RuleSet`], with the formulas checked
//! for names and functions before anything is scored.

use crate::diagnostic::{codes, Diagnostic};
use crate::load::Loaded;
use crate::model::evaluation::Grade;
use crate::model::rules::*;
use crate::model::{Expr, Function};
use crate::source::{FileId, Node, Span};
use crate::syntax::ast::{Item, NumberLit};
use crate::syntax::eval_ast::{self, RuleStmt};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// The rule set written in `file` (the first `规则` block).
pub fn lower_rules(loaded: &Loaded, file: FileId) -> (Option<RuleSet>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let block = loaded.tree(file).and_then(|t| {
        t.items.iter().find_map(|i| {
            let Item::RuleSet(r) = i else { return None };
            Some(r)
        })
    });
    let Some(block) = block else {
        diags.push(super::missing_block(
            loaded,
            file,
            &codes::NO_RULESET,
            "规则",
            "规则文件写成：规则 \"名称\" { 分值 { … } 正向 = … 反向 = … 定性 { … } 等级 { … } }；可参照 rules/central-2020.jx",
        ));
        return (None, diags);
    };
    let rs = RuleLowerer {
        diags: &mut diags,
        seen: HashMap::new(),
    }
    .lower(block);
    (Some(rs), diags)
}

/// One `规则` block on its own (the formatter compares every block of a
/// file, not only the first).
pub fn lower_rule_block(block: &eval_ast::RuleSet) -> (RuleSet, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let rs = RuleLowerer {
        diags: &mut diags,
        seen: HashMap::new(),
    }
    .lower(block);
    (rs, diags)
}

/// The 定性用语 of a rule set that writes none: the built-in rule set's
/// (`rules/central-2020.jx`), read once.
pub fn builtin_verdicts() -> &'static [VerdictWord] {
    static WORDS: std::sync::OnceLock<Vec<VerdictWord>> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        let text = include_str!("../../rules/central-2020.jx");
        let (tree, _) = crate::syntax::parse(FileId(u32::MAX), text);
        tree.items
            .iter()
            .find_map(|i| match i {
                Item::RuleSet(r) => Some(r),
                _ => None,
            })
            .map(|block| {
                let mut diags = Vec::new();
                let mut rs = RuleSet::default();
                let mut lowerer = RuleLowerer {
                    diags: &mut diags,
                    seen: HashMap::new(),
                };
                for s in &block.stmts {
                    if let RuleStmt::Verdicts(lines) = &s.node {
                        for line in lines {
                            lowerer.verdict_line(line, &mut rs);
                        }
                    }
                }
                // Spans point into a file no one has loaded.
                for v in &mut rs.verdicts {
                    v.span = Span::default();
                }
                rs.verdicts
            })
            .unwrap_or_default()
    })
}

struct RuleLowerer<'a> {
    diags: &'a mut Vec<Diagnostic>,
    seen: HashMap<String, Span>,
}

impl RuleLowerer<'_> {
    fn once(&mut self, key: &str, span: Span) {
        if let Some(first) = self.seen.get(key) {
            self.diags.push(
                Diagnostic::new(&codes::RULE_DUPLICATE, format!("规则集中“{key}”写了两次"))
                    .label(span, "第二次")
                    .label(*first, "第一次")
                    .help("每一项只写一次；删去多余的一处"),
            );
        } else {
            self.seen.insert(key.to_string(), span);
        }
    }

    fn number(&mut self, n: &Node<NumberLit>) -> Option<Decimal> {
        let v = n.node.value();
        if v.is_none() {
            self.diags
                .push(crate::syntax::ast::out_of_range(&n.node, n.span));
        }
        v
    }

    fn lower(&mut self, block: &eval_ast::RuleSet) -> RuleSet {
        let mut rs = RuleSet {
            name: block.name.node.clone(),
            span: block.name.span,
            ..RuleSet::default()
        };
        let mut has_execution_points = false;
        let mut has_verdicts = false;
        for stmt in &block.stmts {
            let span = stmt.span;
            match &stmt.node {
                RuleStmt::Title(s) => {
                    self.once("名称", span);
                    rs.title = Some(s.value.clone());
                }
                RuleStmt::Source(s) => {
                    self.once("来源", span);
                    rs.source = Some(s.value.clone());
                }
                RuleStmt::Year(n) => {
                    self.once("年度", span);
                    // A year is whole: `2020.7` is refused, never cut to 2020.
                    rs.year = self
                        .number(n)
                        .filter(|v| v.fract().is_zero())
                        .and_then(|v| i32::try_from(v.mantissa()).ok());
                    if rs.year.is_none() && n.node.value().is_some() {
                        self.bad_value(n.span, format!("年度“{}”应是整数年份", n.node.text));
                    }
                }
                RuleStmt::Unverified(s) => rs.unverified.push(s.value.clone()),
                RuleStmt::Points(lines) => {
                    self.once("分值", span);
                    for (name, n) in lines {
                        let Some(v) = self.number(n) else { continue };
                        if v < Decimal::ZERO {
                            self.bad_value(n.span, format!("分值“{}”不能是负数", n.node.text));
                            continue;
                        }
                        if name.node == "预算执行率" || name.node == "执行率" {
                            has_execution_points = true;
                            rs.execution_points = v;
                        } else if rs.groups.iter().any(|g| g.name == name.node) {
                            self.once(&format!("分值.{}", name.node), name.span);
                        } else {
                            rs.groups.push(GroupPoints {
                                name: name.node.clone(),
                                points: v,
                                span: name.span,
                            });
                        }
                    }
                }
                RuleStmt::Split(_) => self.once("组内分配", span),
                RuleStmt::Formula { key, expr, text } => {
                    self.once(&key.node, key.span);
                    let Some(kind) = self.word::<FormulaKind>(&key.node, key.span, "公式") else {
                        continue;
                    };
                    let expr = expr.lowered();
                    self.check_expr(&expr, kind.names(), &key.node);
                    *rs.formulas.slot(kind) = Some(Formula {
                        kind,
                        expr,
                        text: text.clone(),
                        span,
                    });
                }
                RuleStmt::Verdicts(lines) => {
                    self.once("定性用语", span);
                    has_verdicts = true;
                    for line in lines {
                        self.verdict_line(line, &mut rs);
                    }
                }
                RuleStmt::Qualitative(bands) => {
                    self.once("定性", span);
                    for b in bands {
                        self.qual_band(b, &mut rs);
                    }
                }
                RuleStmt::Grades(bands) => {
                    self.once("等级", span);
                    for b in bands {
                        let bound = match &b.bound {
                            None => None,
                            Some((c, n)) => match self.number(n) {
                                Some(v) => Some((*c, v)),
                                None => continue,
                            },
                        };
                        rs.grades.push(GradeBand {
                            name: b.name.node.clone(),
                            bound,
                            span: b.span,
                        });
                    }
                }
                RuleStmt::Rounding { places, mode } => {
                    self.once("舍入", span);
                    let p = self.number(places);
                    let p = p
                        .filter(|v| v.fract().is_zero() && *v >= Decimal::ZERO && *v <= 10.into())
                        .and_then(|v| u32::try_from(v.mantissa()).ok());
                    match p {
                        Some(p) => rs.rounding.places = p,
                        None => self.bad_value(
                            places.span,
                            format!("舍入位数“{}”应是 0 到 10 的整数", places.node.text),
                        ),
                    }
                    if let Some(m) = self.word(mode, span, "舍入方式") {
                        rs.rounding.mode = m;
                    }
                }
                RuleStmt::Explain(words) => {
                    self.once("需说明", span);
                    for w in words {
                        match self.word(w, span, "需说明的情形") {
                            Some(Explain::BelowFull) => rs.explain_below_full = true,
                            Some(Explain::Over) => rs.explain_over = true,
                            None => {}
                        }
                    }
                }
                RuleStmt::Over(n) => {
                    self.once("超额阈值", span);
                    if let Some(v) = self.number(n) {
                        if v <= Decimal::ONE_HUNDRED {
                            self.bad_value(
                                n.span,
                                format!("超额阈值“{}%”应大于 100%", n.node.text),
                            );
                        } else {
                            rs.over_threshold = v.checked_div(Decimal::ONE_HUNDRED);
                        }
                    }
                }
                RuleStmt::Missing(m) => {
                    self.once("缺少完成值", span);
                    if let Some(p) = self.word(m, span, "缺少完成值的处理") {
                        rs.missing = p;
                    }
                }
                RuleStmt::Negative(m) => {
                    self.once("负完成值", span);
                    if let Some(p) = self.word(m, span, "负完成值的处理") {
                        rs.negative = p;
                    }
                }
                RuleStmt::Clamp(m) => {
                    self.once("超出范围", span);
                    if let Some(p) = self.word(m, span, "超出范围的处理") {
                        rs.clamp = p;
                    }
                }
                RuleStmt::EmptyGroups(m) => {
                    self.once("缺组", span);
                    if let Some(p) = self.word(m, span, "缺组的处理") {
                        rs.empty_groups = p;
                    }
                }
                RuleStmt::Implied(m) => {
                    self.once("无比较符", span);
                    if let Some(p) = self.word(m, span, "无比较符的处理") {
                        rs.implied = p;
                    }
                }
                RuleStmt::FormPoints(m) => {
                    self.once("表内分值", span);
                    if let Some(p) = self.word(m, span, "表内分值的用法") {
                        rs.form_points = p;
                    }
                }
                RuleStmt::ExecutionBase(m) => {
                    self.once("执行率分母", span);
                    if let Some(b) = self.word(m, span, "执行率分母") {
                        rs.execution_base = b;
                    }
                }
                RuleStmt::Merge { group, into } => rs.merges.push(Merge {
                    group: group.node.clone(),
                    into: into.node.clone(),
                    span,
                }),
            }
        }
        self.complete(&rs, has_execution_points);
        if !has_verdicts {
            rs.verdicts = builtin_verdicts().to_vec();
        }
        rs
    }

    /// `达成 "达成预期指标" 完成 …`: each word read as the line's grade. A
    /// word written twice, or one of the vocabulary's grade words put under
    /// another grade, is an error.
    fn verdict_line(&mut self, line: &eval_ast::VerdictLineLit, rs: &mut RuleSet) {
        let grade = Grade::parse(&line.grade.node).unwrap_or(Grade::NotAchieved);
        for w in &line.words {
            let word = w.node.trim();
            if let Some(own) = Grade::parse(word) {
                if own != grade {
                    self.diags.push(
                        Diagnostic::new(
                            &codes::RULE_VERDICT_CONFLICT,
                            format!(
                                "定性用语“{word}”是内置的等级词，读作“{}”，不能归入“{}”",
                                own.short(),
                                grade.short()
                            ),
                        )
                        .label(w.span, "这个词")
                        .help(format!(
                            "内置的等级词（{}）总按本来的等级读；删去这个词",
                            Grade::WORDS.join("、")
                        )),
                    );
                }
                continue;
            }
            if word.is_empty() {
                self.bad_value(w.span, "定性用语不能是空的".into());
                continue;
            }
            self.once(&format!("定性用语“{word}”"), w.span);
            if rs
                .verdicts
                .iter()
                .any(|v| crate::model::same_name(&v.word, word))
            {
                continue;
            }
            rs.verdicts.push(VerdictWord {
                word: word.to_string(),
                grade,
                span: w.span,
            });
        }
    }

    /// The meaning of a word of a closed set (a formula kind, a mode, a
    /// policy), or a diagnostic naming the nearest word: never a silent
    /// default.
    fn word<W: Word>(&mut self, written: &str, span: Span, what: &str) -> Option<W> {
        let w = W::from_keyword(written);
        if w.is_none() {
            let all: Vec<&str> = W::keywords().collect();
            let help = match crate::suggest::nearest(written, W::keywords()) {
                Some(n) => format!("是不是想写“{n}”？可用的写法：{}", all.join("、")),
                None => format!("可用的写法：{}", all.join("、")),
            };
            self.diags.push(
                Diagnostic::new(
                    &codes::RULE_UNKNOWN_WORD,
                    format!("规则集中的{what}“{written}”不认识"),
                )
                .label(span, "这里")
                .help(help),
            );
        }
        w
    }

    fn bad_value(&mut self, span: Span, message: String) {
        self.diags.push(
            Diagnostic::new(&codes::RULE_BAD_VALUE, message)
                .label(span, "这里")
                .help("参照 rules/central-2020.jx 的写法"),
        );
    }

    fn qual_band(&mut self, b: &eval_ast::QualBandLit, rs: &mut RuleSet) {
        let grade = Grade::parse(&b.grade.node).unwrap_or(Grade::NotAchieved);
        if rs.band(grade).is_some() {
            self.once(&format!("定性.{}", grade.short()), b.grade.span);
            return;
        }
        let (Some(lo), Some(hi), Some(def)) = (
            self.number(&b.low),
            self.number(&b.high),
            self.number(&b.default),
        ) else {
            return;
        };
        let ok = Decimal::ZERO <= lo && lo <= def && def <= hi && hi <= Decimal::ONE_HUNDRED;
        if !ok {
            self.diags.push(
                Diagnostic::new(
                    &codes::RULE_BAD_BAND,
                    format!(
                        "“{}”的分数段 {lo}%～{hi}% 与默认值 {def}% 不合理",
                        grade.short()
                    ),
                )
                .label(b.span, "这个分数段")
                .help("分数段写成 下限% ~ 上限% 默认 取值%，须 0 ≤ 下限 ≤ 默认 ≤ 上限 ≤ 100"),
            );
            return;
        }
        let pct = |v: Decimal| v.checked_div(Decimal::ONE_HUNDRED).unwrap_or_default();
        rs.qualitative.push(QualBand {
            grade,
            low: pct(lo),
            high: pct(hi),
            default: pct(def),
            span: b.span,
        });
    }

    /// Required parts, and the points adding up to 100.
    fn complete(&mut self, rs: &RuleSet, has_execution_points: bool) {
        let mut missing = Vec::new();
        if rs.groups.is_empty() {
            missing.push("分值 { … }（各一级指标的分值）");
        }
        if !has_execution_points {
            missing.push("分值中的“预算执行率”");
        }
        if rs.formulas.positive.is_none() {
            missing.push("正向 = …");
        }
        if rs.formulas.negative.is_none() {
            missing.push("反向 = …");
        }
        if rs.formulas.execution.is_none() {
            missing.push("执行率 = …");
        }
        for g in [Grade::Achieved, Grade::Partial, Grade::NotAchieved] {
            if rs.band(g).is_none() {
                missing.push(match g {
                    Grade::Achieved => "定性 { 达成 … }",
                    Grade::Partial => "定性 { 部分达成 … }",
                    Grade::NotAchieved => "定性 { 未达成 … }",
                });
            }
        }
        if rs.grades.is_empty() {
            missing.push("等级 { … }");
        }
        for m in missing {
            self.diags.push(
                Diagnostic::new(
                    &codes::RULE_MISSING_PART,
                    format!("规则集“{}”缺少：{m}", rs.name),
                )
                .label(rs.span, "这个规则集")
                .help("参照 rules/central-2020.jx 补上这一项"),
            );
        }
        if let Some(last) = rs.grades.last() {
            if last.bound.is_some() {
                self.diags.push(
                    Diagnostic::new(
                        &codes::RULE_BAD_BAND,
                        format!("等级的最后一档“{}”应不带条件，收下其余所有总分", last.name),
                    )
                    .label(last.span, "最后一档")
                    .help("如：等级 { 优 ≥ 90; 良 ≥ 80; 中 ≥ 60; 差 }"),
                );
            }
        }
        for m in &rs.merges {
            if rs.group(&m.into).is_none() {
                self.diags.push(
                    Diagnostic::new(
                        &codes::RULE_MISSING_PART,
                        format!("“{}”归入的“{}”在分值中没有给出", m.group, m.into),
                    )
                    .label(m.span, "这里")
                    .help("在“分值 { … }”中给出这个一级指标的分值"),
                );
            }
        }
        let total = rs
            .groups
            .iter()
            .try_fold(rs.execution_points, |acc, g| acc.checked_add(g.points));
        if let Some(t) = total {
            if t != Decimal::ONE_HUNDRED && !rs.groups.is_empty() {
                self.diags.push(
                    Diagnostic::new(
                        &codes::RULE_POINTS_TOTAL,
                        format!("规则集“{}”的分值合计为 {t}，不是 100", rs.name),
                    )
                    .label(rs.span, "这个规则集")
                    .help("检查“分值 { … }”中预算执行率与各一级指标的分值"),
                );
            }
        }
    }

    /// Every name and function in a formula must be known.
    fn check_expr(&mut self, e: &Expr, names: &[&str], key: &str) {
        match e {
            Expr::Number { .. } => {}
            Expr::Path { path, span } => {
                let name = path.join(".");
                if path.len() != 1 || !names.contains(&name.as_str()) {
                    let mut d = Diagnostic::new(
                        &codes::RULE_UNKNOWN_NAME,
                        format!("“{key}”公式中的“{name}”不认识"),
                    )
                    .label(*span, "这个名称");
                    d = match crate::suggest::nearest(&name, names.iter().copied()) {
                        Some(n) => {
                            d.help(format!("是不是想写“{n}”？可用的名称：{}", names.join("、")))
                        }
                        None => d.help(format!("可用的名称：{}", names.join("、"))),
                    };
                    self.diags.push(d);
                }
            }
            Expr::Unary { operand, .. } => self.check_expr(operand, names, key),
            Expr::Binary { left, right, .. } => {
                self.check_expr(left, names, key);
                self.check_expr(right, names, key);
            }
            Expr::If {
                condition,
                then,
                otherwise,
                ..
            } => {
                self.check_expr(condition, names, key);
                self.check_expr(then, names, key);
                self.check_expr(otherwise, names, key);
            }
            Expr::Call {
                function,
                resolved,
                args,
                span,
            } => {
                match resolved.0 {
                    None => {
                        let all: Vec<&str> = Function::ALL.iter().map(|f| f.name()).collect();
                        self.diags.push(
                            Diagnostic::new(
                                &codes::RULE_BAD_FUNCTION,
                                format!("“{key}”公式中的函数“{function}”不认识"),
                            )
                            .label(*span, "这里")
                            .help(format!("可用的函数：{}", all.join("、"))),
                        );
                    }
                    Some(f) if args.len() < f.arity().0 || args.len() > f.arity().1 => {
                        self.diags.push(
                            Diagnostic::new(
                                &codes::RULE_BAD_FUNCTION,
                                format!("函数“{function}”的参数个数不对：写了 {} 个", args.len()),
                            )
                            .label(*span, "这里")
                            .help("最小、最大至少一个参数，如 最大(分值 × 完成值 ÷ 指标值, 0)；绝对值只有一个参数"),
                        );
                    }
                    Some(_) => {}
                }
                for a in args {
                    self.check_expr(a, names, key);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::ast::Item;

    const CENTRAL: &str = include_str!("../../rules/central-2020.jx");

    /// The first rule block of `text`, with `edit` applied to its statements.
    fn lowered(text: &str, edit: impl Fn(&mut RuleStmt)) -> (RuleSet, Vec<Diagnostic>) {
        let (tree, diags) = crate::syntax::parse(FileId(0), text);
        assert!(diags.is_empty(), "{diags:?}");
        let mut block = tree
            .items
            .into_iter()
            .find_map(|i| {
                let Item::RuleSet(r) = i else { return None };
                Some(r)
            })
            .expect("a rule block");
        for s in &mut block.stmts {
            edit(&mut s.node);
        }
        lower_rule_block(&block)
    }

    /// Every formula kind's keyword is read by the grammar and lowered to
    /// that kind, with the names of its kind.
    #[test]
    fn every_formula_kind_is_read() {
        for &kind in FormulaKind::ALL {
            let text = format!("规则 \"试\" {{ {} = 分值 }}", kind.keyword());
            let (rs, diags) = lowered(&text, |_| {});
            let f = rs.formulas.get(kind).expect("the formula");
            assert_eq!(f.kind, kind);
            assert!(!diags.iter().any(|d| d.code == "JX-R002"), "{diags:?}");
        }
    }

    /// Before issue 16 an unknown formula key silently became 执行率.
    #[test]
    fn an_unknown_formula_key_is_an_error_not_execution() {
        let (rs, diags) = lowered(CENTRAL, |s| {
            if let RuleStmt::Formula { key, .. } = s {
                if key.node == "区间" {
                    key.node = "区域".into();
                }
            }
        });
        assert!(rs.formulas.range.is_none());
        assert!(rs.formulas.execution.is_some());
        let d = diags.iter().find(|d| d.code == "JX-R020").expect("JX-R020");
        assert_eq!(d.message, "规则集中的公式“区域”不认识");
        let help = d.help.as_deref().unwrap_or_default();
        assert!(help.starts_with("是不是想写“区间”？"), "{help}");
    }

    /// Before issue 16 an unknown rounding mode became 四舍五入, an unknown
    /// 需说明 word 超额 and an unknown policy the default, all in silence.
    #[test]
    fn unknown_modes_and_policies_are_errors() {
        let (rs, diags) = lowered(CENTRAL, |s| match s {
            RuleStmt::Rounding { mode, .. } => *mode = "截去".into(),
            RuleStmt::Explain(words) => words[0] = "未满分".into(),
            RuleStmt::Clamp(m) => *m = "截断".into(),
            _ => {}
        });
        assert_eq!(rs.rounding.mode, RoundingMode::HalfUp);
        assert!(rs.explain_over && !rs.explain_below_full);
        assert_eq!(rs.clamp, ClampPolicy::Error);
        let messages: Vec<&str> = diags
            .iter()
            .filter(|d| d.code == "JX-R020")
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            messages,
            [
                "规则集中的舍入方式“截去”不认识",
                "规则集中的超出范围的处理“截断”不认识",
                "规则集中的需说明的情形“未满分”不认识",
            ]
        );
    }
}
