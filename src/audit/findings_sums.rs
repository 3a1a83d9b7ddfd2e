//! The form's own sums (issue 19): a printed 小计 against the printed rows
//! of its group (JX-H004), the printed 合计 against its printed parts
//! (JX-H005), a 合计 above the full marks (JX-H006), and a printed 等级 that
//! is not the grade of the printed 合计 (JX-H007). They are judged against
//! what the form printed, never against computed scores: a wrong row
//! summed rightly is the row's finding only.

use super::{gap, Draft, Located};
use crate::audit::Line;
use crate::diagnostic::codes;
use crate::engine::half_unit;
use crate::model::evaluation::{
    IndicatorEvaluation, PrintedSum, ProjectActuals, ProjectEvaluation,
};
use crate::model::rules::RuleSet;
use crate::model::same_name;
use crate::vocab::is_grade;
use rust_decimal::Decimal;

/// The full marks of a form.
const FULL: Decimal = Decimal::ONE_HUNDRED;

/// A printed figure's parts: (name, printed value); `None` when one part
/// printed nothing.
type Parts = Option<Vec<(String, Decimal)>>;

/// Which printed figure of a line: its 得分 or its 分值.
#[derive(Clone, Copy)]
enum Figure {
    Score,
    Points,
}

impl Figure {
    fn word(self) -> &'static str {
        match self {
            Figure::Score => "得分",
            Figure::Points => "分值",
        }
    }
    fn of_row(self, i: &IndicatorEvaluation) -> Option<Decimal> {
        match self {
            Figure::Score => i.printed_score,
            Figure::Points => i.printed_points,
        }
    }
    fn of_sum(self, s: &PrintedSum) -> Option<Decimal> {
        match self {
            Figure::Score => s.score,
            Figure::Points => s.points,
        }
    }
}

/// Σ of the parts, written out: `产出指标 45 + 效益指标 30 = 75`.
fn written(parts: &[(String, Decimal)]) -> Option<(Decimal, String)> {
    let sum = parts
        .iter()
        .try_fold(Decimal::ZERO, |acc, (_, v)| acc.checked_add(*v))?;
    let terms: Vec<String> = parts.iter().map(|(n, v)| format!("{n} {v}")).collect();
    Some((sum, format!("{} = {sum}", terms.join(" + "))))
}

/// The mismatches of a sum line against its parts, as sentences, and the
/// score's (printed, Σ) when the score is one of them.
struct Mismatch {
    sentences: Vec<String>,
    score: Option<(Decimal, Decimal)>,
    points: Option<(Decimal, Decimal)>,
}

fn compare(line: &PrintedSum, parts: impl Fn(Figure) -> Parts) -> Mismatch {
    let mut m = Mismatch {
        sentences: Vec::new(),
        score: None,
        points: None,
    };
    for figure in [Figure::Score, Figure::Points] {
        let (Some(printed), Some(parts)) = (figure.of_sum(line), parts(figure)) else {
            continue;
        };
        let Some((sum, text)) = written(&parts) else {
            continue;
        };
        if gap(printed, sum) <= half_unit(printed) {
            continue;
        }
        m.sentences.push(format!(
            "表上{}为 {printed}，表上各部分之和为 {text}",
            figure.word()
        ));
        match figure {
            Figure::Score => m.score = Some((printed, sum)),
            Figure::Points => m.points = Some((printed, sum)),
        }
    }
    m
}

impl Mismatch {
    /// The finding, when something does not add up.
    fn draft(self, code: &'static crate::diagnostic::Code, what: String) -> Option<Draft> {
        if self.sentences.is_empty() {
            return None;
        }
        let (printed, computed) = self.score.or(self.points)?;
        Some(Draft {
            code,
            printed: Some(printed),
            computed: Some(computed),
            stake: self.score.map_or(Decimal::ZERO, |(p, s)| gap(p, s)),
            message: format!("{what}{}", self.sentences.join("；")),
            label: if self.score.is_some() {
                "表上的这一行"
            } else {
                "表上的分值"
            },
            help: format!(
                "{}：核对各行与这一行印的数；差额在这一行所印精度的舍入之内（半个末位）不报告",
                if code.code == codes::AUDIT_SUBTOTAL_SUM.code {
                    "小计是表上这一组各行之和"
                } else {
                    "合计是表上各组小计（或各行）与预算执行率之和"
                }
            ),
        })
    }
}

/// JX-H004: each printed 小计 against the printed rows of its group, when
/// every row of the group printed the figure.
pub(super) fn subtotals(pe: &ProjectEvaluation, pa: &ProjectActuals, out: &mut Vec<Located>) {
    for s in &pa.subtotals {
        let Some(group) = s.group.as_deref() else {
            continue;
        };
        let rows: Vec<_> = pe
            .indicators
            .iter()
            .filter(|i| same_name(&i.level1, group))
            .collect();
        if rows.is_empty() {
            continue; // JX-V053 says so
        }
        let parts = |f: Figure| -> Parts {
            rows.iter()
                .map(|i| Some((i.name.to_string(), f.of_row(i)?)))
                .collect()
        };
        let m = compare(s, parts);
        let span = if m.score.is_some() {
            s.span
        } else {
            s.points_span
        };
        let what = format!("项目“{}”的小计“{group}”：", pe.name);
        if let Some(d) = m.draft(&codes::AUDIT_SUBTOTAL_SUM, what) {
            out.push(d.at(&pe.name, Line::Subtotal(group.to_string()), span));
        }
    }
}

/// The groups of the project as the form has them: the first-level names
/// of its indicators, in order.
fn groups(pe: &ProjectEvaluation) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for i in &pe.indicators {
        if !out.iter().any(|g| same_name(g, &i.level1)) {
            out.push(&i.level1);
        }
    }
    out
}

/// The budget line's printed figure as a part of the 合计: 0 when the
/// budget row printed neither 分值 nor 得分 (a form whose budget does not
/// score); `None` when it is unknown.
fn budget_part(pa: &ProjectActuals, f: Figure) -> Option<Decimal> {
    let row = pa.total_row()?;
    let (this, other) = match f {
        Figure::Score => (row.score, row.points),
        Figure::Points => (row.points, row.score),
    };
    match (this, other) {
        (Some(p), _) => Some(p.value),
        (None, None) => Some(Decimal::ZERO),
        (None, Some(_)) => None,
    }
}

/// The parts of the 合计: the printed 小计 of every group when each printed
/// one, else every indicator's printed figure; and the budget line's.
fn total_parts(pe: &ProjectEvaluation, pa: &ProjectActuals, f: Figure) -> Parts {
    let by_group: Parts = groups(pe)
        .into_iter()
        .map(|g| {
            let s = pa.subtotal(g)?;
            Some((format!("小计 {g}"), f.of_sum(s)?))
        })
        .collect();
    let mut parts = by_group.or_else(|| {
        pe.indicators
            .iter()
            .map(|i| Some((i.name.to_string(), f.of_row(i)?)))
            .collect()
    })?;
    parts.push(("预算执行率".into(), budget_part(pa, f)?));
    Some(parts)
}

/// Whether the form's rows are all there for its 合计 得分: their points
/// (printed, else the points used) and the budget line's add up to the
/// 合计's printed 分值 (100 when it prints none). A form transcribed in part
/// (原州: 4 rows of 11, 合计 99 from the header) is not summed; a form whose
/// points do not add up says so on its 分值 instead.
fn covers(pe: &ProjectEvaluation, pa: &ProjectActuals, t: &PrintedSum) -> bool {
    let rows = pe.indicators.iter().try_fold(Decimal::ZERO, |acc, i| {
        acc.checked_add(i.printed_points.unwrap_or(i.points))
    });
    let budget = match pa.total_row() {
        Some(r) => match (r.points, r.score) {
            (Some(p), _) => p.value,
            (None, Some(_)) => pe.execution_points,
            (None, None) => Decimal::ZERO,
        },
        None => return false,
    };
    rows.and_then(|r| r.checked_add(budget)) == Some(t.points.unwrap_or(FULL))
}

/// JX-H005, JX-H006 and JX-H007 on the 合计 line.
pub(super) fn total(
    pe: &ProjectEvaluation,
    pa: &ProjectActuals,
    rules: &RuleSet,
    out: &mut Vec<Located>,
) {
    let Some(t) = &pa.total else { return };
    let name = &pe.name;
    let covered = covers(pe, pa, t);
    let m = compare(t, |f| match f {
        Figure::Score if !covered => None,
        _ => total_parts(pe, pa, f),
    });
    let span = if m.score.is_some() {
        t.span
    } else {
        t.points_span
    };
    if let Some(d) = m.draft(&codes::AUDIT_TOTAL_SUM, format!("项目“{name}”的合计：")) {
        out.push(d.at(name, Line::Total, span));
    }
    over(pe, t, out);
    grade(pe, t, rules, out);
}

/// JX-H006: a printed 合计 得分 or 分值 above the full marks.
fn over(pe: &ProjectEvaluation, t: &PrintedSum, out: &mut Vec<Located>) {
    let above: Vec<String> = [Figure::Score, Figure::Points]
        .into_iter()
        .filter_map(|f| {
            let v = f.of_sum(t).filter(|v| *v > FULL)?;
            Some(format!("{} {v}", f.word()))
        })
        .collect();
    if above.is_empty() {
        return;
    }
    let score = t.score.filter(|s| *s > FULL);
    let d = Draft {
        code: &codes::AUDIT_TOTAL_OVER,
        printed: score.or(t.points),
        computed: Some(FULL),
        stake: score.map_or(Decimal::ZERO, |s| gap(s, FULL)),
        message: format!(
            "项目“{}”表上的合计{}，超过满分 {FULL}",
            pe.name,
            above.join("、")
        ),
        label: "表上的合计",
        help: "一张自评表满分 100：核对各行的分值与得分（常见的是分值合计印成 110 而合计仍写 100）"
            .into(),
    };
    let span = if score.is_some() {
        t.span
    } else {
        t.points_span
    };
    out.push(d.at(&pe.name, Line::Total, span));
}

/// JX-H007: the printed 等级 is not the rule set's grade of the printed
/// 合计 得分.
fn grade(pe: &ProjectEvaluation, t: &PrintedSum, rules: &RuleSet, out: &mut Vec<Located>) {
    let (Some(printed), Some(score)) = (t.grade.as_deref(), t.score) else {
        return;
    };
    let Some(due) = rules.grade_of(score) else {
        return;
    };
    if is_grade(printed, &due) {
        return;
    }
    let bands: Vec<String> = rules
        .grades
        .iter()
        .map(|g| match &g.bound {
            Some((c, v)) => format!("{} {}{v}", g.name, c.symbol()),
            None => format!("{} 其余", g.name),
        })
        .collect();
    let help = format!("等级按合计得分定：{}", bands.join("，"));
    // A word that is no grade of the rule set (`A`, `合格`) may be another
    // jurisdiction's scale: said, as a warning, not judged wrong.
    let known = rules.grades.iter().any(|g| is_grade(printed, &g.name));
    let (code, message) = if known {
        (
            &codes::AUDIT_GRADE_WRONG,
            format!(
                "项目“{}”表上的等级是“{printed}”，而表上合计得分 {score} 按规则集“{}”的等级是“{due}”",
                pe.name, rules.name
            ),
        )
    } else {
        (
            &codes::AUDIT_GRADE_UNKNOWN,
            format!(
                "项目“{}”表上的等级“{printed}”不是规则集“{}”的等级词；表上合计得分 {score} 按它是“{due}”",
                pe.name, rules.name
            ),
        )
    };
    let d = Draft {
        code,
        printed: Some(score),
        computed: None,
        stake: Decimal::ZERO,
        message,
        label: "表上的合计",
        help,
    };
    out.push(d.at(&pe.name, Line::Total, t.span));
}
