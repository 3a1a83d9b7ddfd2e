//! 指标值与单位 (JX-G): what a declared target says, checked against its
//! unit, its group, and the project's own funds.

use super::fixes;
use super::units::COMMON_UNITS;
use super::vocabulary::{known_word, level1, level2, QUALITATIVE_WORDS};
use crate::diagnostic::{codes, Diagnostic};
use crate::model::display::{quantity_with_yuan, yuan};
use crate::model::{Comparator, Indicator, Project, Quantity, Target, Unit};
use crate::source::Span;
use crate::suggest::nearest;
use rust_decimal::Decimal;

pub(super) fn check(p: &Project, out: &mut Vec<Diagnostic>) {
    for i in &p.indicators {
        implied(i, &i.target, i.target_span, "", out);
        no_unit(i, &i.target, i.target_span, "", out);
        if let Some(m) = &i.midterm {
            implied(i, m, i.midterm_span, "中期", out);
            no_unit(i, m, i.midterm_span, "中期", out);
            midterm_dimension(i, m, out);
        }
        let units_ok = unknown_units(i, out);
        dimensions(i, out);
        if units_ok {
            unit_fit(i, out);
        }
        percent(i, out);
        cost_ceiling(p, i, out);
        quantity_ceiling(i, out);
        range(i, out);
        word(i, out);
    }
}

/// The values a target is written with: none, one, or a range's two ends.
fn ends(t: &Target) -> Vec<&Quantity> {
    match t {
        Target::Compare { value, .. } => vec![value],
        Target::Range { low, high } => vec![low, high],
        Target::Qualitative { .. } => vec![],
    }
}

fn quantities(i: &Indicator) -> Vec<&Quantity> {
    let mut qs = ends(&i.target);
    qs.extend(i.midterm.iter().flat_map(ends));
    qs.extend(i.tolerance.as_ref());
    qs
}

/// JX-T006: a target written without a comparator (`车辆 10 辆`) where its
/// reading is a guess: `≥`, or `≤` in a 成本指标. A rate of 100% or 0% reads
/// `=` and is not reported. `which` is `中期` for the 中期指标值.
fn implied(i: &Indicator, t: &Target, at: Span, which: &str, out: &mut Vec<Diagnostic>) {
    let Target::Compare {
        comparator,
        value,
        implied: true,
    } = t
    else {
        return;
    };
    if *comparator == Comparator::Eq {
        return;
    }
    let sign = comparator.symbol();
    let why = if *comparator == Comparator::Le {
        "成本指标按上限读"
    } else {
        "按下限读"
    };
    out.push(
        Diagnostic::new(
            &codes::TARGET_IMPLIED,
            format!(
                "指标“{}”的{which}指标值“{value}”没有写比较符，{why}：“{sign} {value}”",
                i.name
            ),
        )
        .label(at, format!("按“{sign} {value}”读"))
        .help(format!(
            "请照申报的本意写上比较符：“{name} ≥ {value}”（不少于）、“{name} = {value}”（恰好）或“{name} ≤ {value}”（不超过）；\
             不写时评分按规则集的“无比较符”处理，内置规则集按“{sign}”计",
            name = if which.is_empty() { i.name.as_str() } else { which }
        )),
    );
}

/// JX-G001 for the 中期指标值: its unit and the 年度指标值's cannot be
/// compared (`中期 ≥ 90%` beside `≥ 100 人`).
fn midterm_dimension(i: &Indicator, m: &Target, out: &mut Vec<Diagnostic>) {
    let (Some(mq), Some(aq)) = (m.quantity(), i.target.quantity()) else {
        return;
    };
    if mq.unit.is_none() || aq.unit.is_none() || mq.unit.compatible(&aq.unit) {
        return;
    }
    out.push(
        Diagnostic::new(
            &codes::TARGET_DIMENSION,
            format!(
                "指标“{}”的中期指标值 {m} 与年度指标值 {} 单位不同：{} 与 {} 无法比较",
                i.name,
                i.target,
                mq.unit.dimension_name(),
                aq.unit.dimension_name()
            ),
        )
        .label(i.midterm_span, format!("中期 {m}"))
        .label(i.target_span, format!("年度 {}", i.target))
        .help("中期指标值与年度指标值衡量同一件事，用同一类单位，如“≥ 95% 中期 ≥ 90%”"),
    );
}

/// JX-G011: a quantitative target written without a unit (`随访率 ≥ 90`).
/// Scoring compares it with a 完成值 that has one (`88%`) and fails at year
/// end; before year end it is already clear what is missing. `which` is
/// `中期` for the 中期指标值.
fn no_unit(i: &Indicator, t: &Target, at: Span, which: &str, out: &mut Vec<Diagnostic>) {
    let ends = ends(t);
    if ends.is_empty() || !ends.iter().all(|q| q.unit.is_none()) {
        return;
    }
    let rate = ["率", "度", "比例", "占比"]
        .iter()
        .any(|e| i.name.ends_with(e));
    let help = if rate {
        format!("“{}”是比率，是不是漏了“%”？如“{} {t}%”", i.name, i.name)
    } else {
        "写上计量单位，如 人、次、项、天、个、万元；没有单位的数在自评时无法与完成值比较"
            .to_string()
    };
    out.push(
        Diagnostic::new(
            &codes::TARGET_NO_UNIT,
            format!("指标“{}”的{which}指标值“{t}”没有写单位", i.name),
        )
        .label(at, "没有单位")
        .help(help),
    );
}

/// JX-G002. Returns true when every unit is known.
fn unknown_units(i: &Indicator, out: &mut Vec<Diagnostic>) -> bool {
    let mut reported: Vec<&str> = Vec::new();
    for q in quantities(i) {
        let text = q.unit.text();
        if q.unit.is_known() || reported.contains(&text) {
            continue;
        }
        reported.push(text);
        let mut d = Diagnostic::new(
            &codes::TARGET_UNKNOWN_UNIT,
            format!("指标“{}”的单位“{text}”不在单位表中", i.name),
        )
        .label(i.target_span, format!("单位“{text}”"));
        d = match nearest(text, COMMON_UNITS.iter().copied()) {
            Some(n) => fixes::unit(
                d.help(format!(
                    "是不是想写“{n}”？不认识的单位按独立的计数单位处理，不能与其他单位换算或比较"
                )),
                i,
                text,
                n,
            ),
            None => d.help("不认识的单位按独立的计数单位处理，不能与其他单位换算或比较；常用单位如 元、万元、%、人、次、项、天"),
        };
        out.push(d);
    }
    reported.is_empty()
}

/// JX-G001: the two ends of a range, or a tolerance and its target, in
/// units that cannot be compared.
fn dimensions(i: &Indicator, out: &mut Vec<Diagnostic>) {
    let mismatch = |a: &Quantity, b: &Quantity| {
        !a.unit.is_none() && !b.unit.is_none() && !a.unit.compatible(&b.unit)
    };
    if let Target::Range { low, high } = &i.target {
        if mismatch(low, high) {
            out.push(
                Diagnostic::new(
                    &codes::TARGET_DIMENSION,
                    format!(
                        "指标“{}”的区间 {low}~{high} 两端单位不同：{} 与 {} 无法比较",
                        i.name,
                        low.unit.dimension_name(),
                        high.unit.dimension_name()
                    ),
                )
                .label(i.target_span, format!("“{}”与“{}”", low.unit, high.unit))
                .help("区间两端用同一类单位，如 90%~95% 或 8~10 万元"),
            );
        }
    }
    if let (Some(tol), Some(target)) = (&i.tolerance, i.target.quantity()) {
        if mismatch(tol, target) {
            out.push(
                Diagnostic::new(
                    &codes::TARGET_DIMENSION,
                    format!(
                        "指标“{}”的容差 {tol} 与目标 {target} 单位不同：{} 与 {} 无法比较",
                        i.name,
                        tol.unit.dimension_name(),
                        target.unit.dimension_name()
                    ),
                )
                .label(i.target_span, format!("目标 {target}"))
                .help(format!(
                    "容差用与目标相同类的单位，如“容差 1 {}”",
                    target.unit
                )),
            );
        }
    }
}

/// JX-G003: a unit that does not fit the indicator's 二级 group.
fn unit_fit(i: &Indicator, out: &mut Vec<Diagnostic>) {
    let Some(q) = i.target.quantity() else { return };
    let unit = &q.unit;
    if unit.is_none() {
        return;
    }
    let l2 = level2(&i.level2).map(|(n, _)| n);
    let satisfaction = is_satisfaction(i);
    let has_money = unit
        .dims()
        .keys()
        .any(|b| matches!(b, crate::model::unit::Base::Money));
    let problem = match l2 {
        Some("时效") if unit.is_money() => Some("时效指标衡量时间或进度，不应以金额计"),
        Some("经济成本") if !has_money && !unit.is_percent() => {
            Some("经济成本指标衡量花费，应以金额（元、万元、元/人 等）或比率计")
        }
        _ if satisfaction && !unit.is_percent() && unit.text() != "分" => {
            Some("满意度以百分比（如 ≥ 90%）或分数计")
        }
        Some("数量") if unit.is_money() => {
            Some("数量指标衡量做了多少事（次、人、项 …），金额请写在成本指标中")
        }
        _ => None,
    };
    if let Some(why) = problem {
        out.push(
            Diagnostic::new(
                &codes::TARGET_UNIT_MISFIT,
                format!(
                    "{}“{}”的目标 {}是{}，与“{}”不相符",
                    i.level2,
                    i.name,
                    i.target,
                    unit.dimension_name(),
                    i.level2
                ),
            )
            .label(
                i.target_span,
                format!("以“{}”计：{}", unit, unit.dimension_name()),
            )
            .label(i.level2_span, "所在的二级指标")
            .help(format!("{why}；请检查单位，或把指标移到合适的二级指标下")),
        );
    }
}

/// An indicator filed under 满意度 (by either of its groups).
fn is_satisfaction(i: &Indicator) -> bool {
    level1(&i.level1) == Some("满意度") || level2(&i.level2).is_some_and(|(_, l1)| l1 == "满意度")
}

/// Is this a ratio bounded by 0 and 100%?
fn bounded_ratio(i: &Indicator) -> bool {
    let open_ended = [
        "增长", "增幅", "提高", "下降", "降低", "变化", "变动", "超", "回报", "收益", "倍", "偏差",
        "误差",
    ];
    (i.name.contains('率') || is_satisfaction(i)) && !open_ended.iter().any(|w| i.name.contains(w))
}

fn percent_value(q: &Quantity) -> Option<Decimal> {
    if q.unit.is_percent() {
        q.value_in(&Unit::parse("%"))
    } else {
        None
    }
}

/// JX-G004 (impossible percentage) and JX-G005 (low satisfaction).
fn percent(i: &Indicator, out: &mut Vec<Diagnostic>) {
    if !bounded_ratio(i) {
        return;
    }
    let hundred = Decimal::ONE_HUNDRED;
    let impossible = match &i.target {
        Target::Compare {
            comparator, value, ..
        } => percent_value(value).and_then(|v| {
            let why = if v > hundred || v.is_sign_negative() && !v.is_zero() {
                Some("比率只能在 0% 到 100% 之间")
            } else if *comparator == Comparator::Gt && v == hundred {
                Some("比率不可能大于 100%")
            } else if *comparator == Comparator::Lt && v.is_zero() {
                Some("比率不可能小于 0%")
            } else {
                None
            };
            why.map(|w| (w, i.target.to_string()))
        }),
        Target::Range { low, high } => match (percent_value(low), percent_value(high)) {
            (Some(l), Some(h)) if l.is_sign_negative() && !l.is_zero() || h > hundred => {
                Some(("比率只能在 0% 到 100% 之间", format!("{low}~{high}")))
            }
            _ => None,
        },
        Target::Qualitative { .. } => None,
    };
    if let Some((why, shown)) = impossible {
        out.push(
            Diagnostic::new(
                &codes::TARGET_PERCENT_RANGE,
                format!("指标“{}”的目标 {shown} 无法达到：{why}", i.name),
            )
            .label(i.target_span, "不可能的目标")
            .help("检查是否多写或少写了数字，如 95% 误作 950%；满分目标写作“= 100%”或“≥ 100%”"),
        );
        return;
    }
    if !is_satisfaction(i) {
        return;
    }
    let floor = Decimal::new(80, 0);
    let low = match &i.target {
        Target::Compare {
            comparator, value, ..
        } if *comparator != Comparator::Le && *comparator != Comparator::Lt => {
            percent_value(value).map(|v| (v, i.target.to_string()))
        }
        Target::Range { low, high } => percent_value(low).map(|v| (v, format!("{low}~{high}"))),
        _ => None,
    };
    if let Some((v, shown)) = low {
        if v < floor {
            out.push(
                Diagnostic::new(
                    &codes::TARGET_LOW_SATISFACTION,
                    format!("满意度指标“{}”的目标 {shown} 低于 80%", i.name),
                )
                .label(i.target_span, "低于 80%")
                .help("满意度目标通常不低于 80%（常见为 ≥ 85% 或 ≥ 90%）；若有意如此，可在项目中写 允许 JX-G005 \"原因\""),
            );
        }
    }
}

/// JX-G006: a 成本指标 ceiling above the project's 总额.
fn cost_ceiling(p: &Project, i: &Indicator, out: &mut Vec<Diagnostic>) {
    if level1(&i.level1) != Some("成本") {
        return;
    }
    let ceiling = match &i.target {
        Target::Compare {
            comparator, value, ..
        } if *comparator != Comparator::Ge && *comparator != Comparator::Gt => value,
        Target::Range { high, .. } => high,
        _ => return,
    };
    let (Some(limit), Some(total)) = (ceiling.yuan(), p.funds.total.as_ref()) else {
        return;
    };
    let Some(total_yuan) = total.quantity.yuan() else {
        return;
    };
    if limit <= total_yuan {
        return;
    }
    out.push(
        Diagnostic::new(
            &codes::TARGET_COST_OVER_TOTAL,
            format!(
                "成本指标“{}”的上限 {}超过了项目资金总额 {}（多 {}）",
                i.name,
                quantity_with_yuan(ceiling),
                yuan(total_yuan),
                yuan(limit - total_yuan)
            ),
        )
        .label(i.target_span, format!("成本上限 {}", quantity_with_yuan(ceiling)))
        .label(total.span, format!("项目资金总额 {}", yuan(total_yuan)))
        .help("成本上限不应超过项目本身的资金：请核对上限的数字与单位（万元/元），或项目资金总额是否漏计"),
    );
}

/// JX-G007: `≤` on a 数量指标.
fn quantity_ceiling(i: &Indicator, out: &mut Vec<Diagnostic>) {
    let Target::Compare {
        comparator, value, ..
    } = &i.target
    else {
        return;
    };
    if !matches!(comparator, Comparator::Le | Comparator::Lt)
        || level2(&i.level2).map(|(n, _)| n) != Some("数量")
    {
        return;
    }
    let d = Diagnostic::new(
        &codes::TARGET_QUANTITY_CEILING,
        format!(
            "数量指标“{}”的目标是“{} {value}”：数量指标通常写下限（≥）",
            i.name,
            comparator.symbol()
        ),
    )
    .label(i.target_span, "上限")
    .help("若确是控制数量的上限（如编外人数不超过核定数），可以保留，自评时按反向指标计分；若想表达“至少”，请改为“≥”");
    out.push(fixes::floor(d, i, *comparator));
}

/// JX-G008 / JX-G009: inverted and single-point ranges.
fn range(i: &Indicator, out: &mut Vec<Diagnostic>) {
    let Target::Range { low, high } = &i.target else {
        return;
    };
    if !low.unit.compatible(&high.unit) {
        return;
    }
    let (Some(l), Some(h)) = (low.base_value(), high.base_value()) else {
        return;
    };
    if l > h {
        out.push(
            Diagnostic::new(
                &codes::TARGET_RANGE_EMPTY,
                format!(
                    "指标“{}”的区间 {low}~{high} 下限大于上限，没有任何值能落在其中",
                    i.name
                ),
            )
            .label(i.target_span, "下限大于上限")
            .help(format!("区间写作“下限~上限”，如 {high}~{low}")),
        );
    } else if l == h {
        out.push(
            Diagnostic::new(
                &codes::TARGET_RANGE_POINT,
                format!("指标“{}”的区间 {low}~{high} 上下限相同，只含一个值", i.name),
            )
            .label(i.target_span, "上下限相同")
            .help(format!(
                "若目标就是这个值，写作“= {high}”（可加“容差”）；否则请改正区间的一端"
            )),
        );
    }
}

/// JX-G010: a qualitative word outside the vocabulary.
fn word(i: &Indicator, out: &mut Vec<Diagnostic>) {
    let Target::Qualitative { word } = &i.target else {
        return;
    };
    if known_word(word) {
        return;
    }
    let mut d = Diagnostic::new(
        &codes::TARGET_UNKNOWN_WORD,
        format!("指标“{}”的定性目标“{word}”不在常用词表中", i.name),
    )
    .label(i.target_span, "不常用的定性目标");
    d = match nearest(word, QUALITATIVE_WORDS.iter().copied()) {
        Some(n) => fixes::word(
            d.help(format!(
                "是不是想写“{n}”？自评时定性目标按“达成 / 部分达成 / 未达成”评判，用常用词更便于对照"
            )),
            i,
            word,
            n,
        ),
        None => d.help(format!(
            "常用的定性目标有：{}；也可以保留原词",
            QUALITATIVE_WORDS
                .iter()
                .take(12)
                .copied()
                .collect::<Vec<_>>()
                .join("、")
        )),
    };
    out.push(d);
}
