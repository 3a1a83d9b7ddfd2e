//! 指标体系 (JX-T): the known 一级 / 二级 groups, a 二级 under the wrong
//! 一级, required groups without indicators, duplicate indicator names.

use super::vocabulary::{level1, level2, stem, LEVEL1, LEVEL2, REQUIRED_LEVEL1};
use crate::diagnostic::{codes, Diagnostic};
use crate::model::{name_key, Project};
use crate::source::Span;
use crate::suggest::nearest;
use rustc_hash::{FxHashMap, FxHashSet};

pub(super) fn check(p: &Project, out: &mut Vec<Diagnostic>) {
    groups(p, out);
    required(p, out);
    duplicates(p, out);
}

/// `name` with 指标 when the user writes the suffix (`产出` → `产出指标`).
fn styled(stem: &str, like: &str) -> String {
    if like.ends_with("指标") {
        format!("{stem}指标")
    } else {
        stem.to_string()
    }
}

/// The did-you-mean of a group name, with its fix.
fn rename(d: Diagnostic, at: Span, written: &str, name: String) -> Diagnostic {
    crate::diagnostic::apply::did_you_mean(d, at, written, &name)
}

fn groups(p: &Project, out: &mut Vec<Diagnostic>) {
    let mut seen1 = FxHashSet::default();
    let mut seen2 = FxHashSet::default();
    for i in &p.indicators {
        let l1 = level1(&i.level1);
        if seen1.insert((i.level1_span.file, i.level1_span.start)) && l1.is_none() {
            let mut d = Diagnostic::new(
                &codes::TAXON_UNKNOWN_LEVEL1,
                format!("“{}”不是申报表中的一级指标", i.level1),
            )
            .label(i.level1_span, "不认识的一级指标");
            let stem1 = stem(&i.level1);
            d = match nearest(&stem1, LEVEL1) {
                Some(n) => rename(d, i.level1_span, &i.level1, styled(n, &i.level1)),
                None => d.help("一级指标只有：成本指标、产出指标、效益指标、满意度指标"),
            };
            out.push(d);
        }
        if !seen2.insert((i.level2_span.file, i.level2_span.start)) {
            continue;
        }
        if cost_under_output(i, l1, out) {
            continue;
        }
        match (level2(&i.level2), l1) {
            (Some((_, parent)), Some(actual)) if parent != actual => out.push(
                Diagnostic::new(
                    &codes::TAXON_WRONG_PARENT,
                    format!(
                        "二级指标“{}”属于一级指标“{}”，却写在“{}”下",
                        i.level2,
                        styled(parent, &i.level1),
                        i.level1
                    ),
                )
                .label(i.level2_span, "这个二级指标")
                .label(i.level1_span, format!("所在的一级指标“{}”", i.level1))
                .help(format!(
                    "把“{} {{ … }}”移到“{} {{ … }}”中",
                    i.level2,
                    styled(parent, &i.level1)
                )),
            ),
            (Some(_), _) => {}
            (None, l1) => {
                let allowed: Vec<&str> = LEVEL2
                    .iter()
                    .filter(|(_, parent)| match l1 {
                        None => true,
                        Some(a) => a == *parent,
                    })
                    .map(|(n, _)| *n)
                    .collect();
                let mut d = Diagnostic::new(
                    &codes::TAXON_UNKNOWN_LEVEL2,
                    format!("“{}”不是申报表中的二级指标", i.level2),
                )
                .label(i.level2_span, "不认识的二级指标");
                let list: Vec<String> = allowed.iter().map(|n| styled(n, &i.level2)).collect();
                d = match nearest(&stem(&i.level2), allowed.iter().copied()) {
                    Some(n) => rename(d, i.level2_span, &i.level2, styled(n, &i.level2)),
                    None => match l1 {
                        Some(a) => d.help(format!(
                            "“{}”下的二级指标有：{}",
                            styled(a, &i.level1),
                            list.join("、")
                        )),
                        None => d.help(format!("二级指标有：{}", list.join("、"))),
                    },
                };
                out.push(d);
            }
        }
    }
}

/// The 2020 自评表 (and the budget systems of 四川, 安徽, 山西 … that print it)
/// files 成本指标 as a 二级指标 under 产出指标: `产出指标 { 成本指标 { … } }` or
/// `产出指标 { 经济成本指标 { … } }`. That is a layout, not a mistake (rule sets
/// merge 成本 into 产出 anyway), so it is one notice (issue 17), not JX-T001 or
/// JX-T003. Returns whether the group was such a cost group.
fn cost_under_output(
    i: &crate::model::Indicator,
    l1: Option<&str>,
    out: &mut Vec<Diagnostic>,
) -> bool {
    if l1 != Some(LEVEL1[1]) || !crate::model::is_cost_group(&i.level2) {
        return false;
    }
    out.push(
        Diagnostic::new(
            &codes::TAXON_COST_UNDER_OUTPUT,
            format!(
                "“{}”写在“{}”下：这是 2020 年版自评表的排法，按成本指标读",
                i.level2, i.level1
            ),
        )
        .label(i.level2_span, "产出指标下的成本指标")
        .help(
            "按 2021 年起的申报表，成本指标是一级指标，也可把这一组移到“成本指标 { … }”下；内置规则集都把成本指标归入产出指标计分，两种写法得分相同",
        ),
    );
    true
}

fn required(p: &Project, out: &mut Vec<Diagnostic>) {
    // An unknown first level (JX-T002) counts as the group it most likely
    // means, so one slip is not reported twice.
    let present: FxHashSet<&str> = p
        .indicators
        .iter()
        .filter_map(|i| level1(&i.level1).or_else(|| nearest(&stem(&i.level1), LEVEL1)))
        .collect();
    let missing: Vec<String> = REQUIRED_LEVEL1
        .iter()
        .filter(|r| !present.contains(*r))
        .map(|r| format!("{r}指标"))
        .collect();
    if missing.is_empty() {
        return;
    }
    out.push(
        Diagnostic::new(
            &codes::TAXON_MISSING_GROUP,
            format!("项目“{}”没有{}下的任何指标", p.name, quoted(&missing)),
        )
        .label(p.name_span, format!("缺少{}", quoted(&missing)))
        .help("申报表要求产出指标、效益指标、满意度指标下各至少有一项三级指标；请在“指标 { … }”中补上"),
    );
}

fn quoted(items: &[String]) -> String {
    items
        .iter()
        .map(|s| format!("“{s}”"))
        .collect::<Vec<_>>()
        .join("")
}

fn duplicates(p: &Project, out: &mut Vec<Diagnostic>) {
    let mut seen: FxHashMap<String, &crate::model::Indicator> = FxHashMap::default();
    for i in &p.indicators {
        let key = name_key(&i.name);
        match seen.get(&key) {
            Some(first) => out.push(
                Diagnostic::new(
                    &codes::TAXON_DUPLICATE_NAME,
                    format!("指标“{}”在项目“{}”中出现了两次", i.name, p.name),
                )
                .label(i.name_span, format!("第二次（{} / {}）", i.level1, i.level2))
                .label(first.name_span, format!("第一次（{} / {}）", first.level1, first.level2))
                .help("同一项目内指标名称必须唯一，自评时按名称对应完成值；请合并两项或改用能区分的名称"),
            ),
            None => {
                seen.insert(key, i);
            }
        }
    }
}
