//! The department summary sheet (部门汇总) that `jixiao report --xlsx` writes
//! first: the department's name and year (in the title), its claim (“本部门
//! 编报绩效目标的项目 9 个，涉及项目预算资金 436.30 万元。”) and one row per
//! project. It is no project: its rows are compared with the project sheets.

use super::Grid;
use crate::diagnostic::{codes, Diagnostic};
use crate::import::draft::{DraftClaim, DraftProject};
use crate::vocab::FundKey;
use rust_decimal::Decimal;

fn key(text: &str) -> String {
    crate::model::name_key(text)
}

const TITLE_SUFFIX: &str = "财政项目支出绩效目标申报汇总";
/// The title of the 自评表 workbook's summary: `某局 2025 年度项目支出绩效自评汇总`.
const SELFEVAL_SUFFIX: &str = "项目支出绩效自评汇总";

/// The amounts a summary row lists, in 元: 项目资金总额, 年度资金申请总额,
/// 其中：财政资金 — the draft's fund keywords.
const AMOUNTS: [&str; 3] = [
    FundKey::Total.word(),
    FundKey::AnnualRequest.word(),
    FundKey::Fiscal.word(),
];

/// One project row (or the 合计 row).
pub(crate) struct Listed {
    pub name: String,
    pub row: usize,
    pub amounts: [Option<Decimal>; 3],
    pub indicators: Option<Decimal>,
}

pub(crate) struct Summary {
    pub sheet: String,
    pub name: Option<String>,
    pub year: Option<i32>,
    pub claim: Option<DraftClaim>,
    /// Cells above the table that are neither title nor claim.
    pub comments: Vec<String>,
    pub projects: Vec<Listed>,
    pub total: Option<Listed>,
    /// A 自评汇总: its numbers are scores computed from the project sheets,
    /// not compared with them.
    pub selfeval: bool,
}

/// What a summary column holds.
#[derive(Clone, Copy, PartialEq)]
enum Col {
    Name,
    Amount(usize),
    Count,
}

fn column(text: &str) -> Option<Col> {
    let k = key(text);
    let k = k
        .trim_end_matches("(元)")
        .trim_end_matches(':')
        .trim_start_matches("其中:");
    Some(match k {
        "项目名称" => Col::Name,
        "项目资金总额" => Col::Amount(0),
        "年度资金申请总额" => Col::Amount(1),
        "财政资金" => Col::Amount(2),
        "三级指标数" | "指标数" => Col::Count,
        _ => return None,
    })
}

/// `上海市某局 2025 年财政项目支出绩效目标申报汇总` → (name, year).
fn title_parts(title: &str) -> (Option<String>, Option<i32>) {
    let t = title.trim();
    let head = t
        .strip_suffix(TITLE_SUFFIX)
        .or_else(|| t.strip_suffix(SELFEVAL_SUFFIX))
        .unwrap_or("")
        .trim_end();
    let (name, year) = match head
        .strip_suffix("年度")
        .or_else(|| head.strip_suffix('年'))
    {
        Some(h) => {
            let h = h.trim_end();
            let name = h.trim_end_matches(|c: char| c.is_ascii_digit());
            let year = h.get(name.len()..).and_then(|y| y.parse::<i32>().ok());
            match year.filter(|y| (1900..=2200).contains(y)) {
                Some(y) => (name.trim_end(), Some(y)),
                None => (head, None),
            }
        }
        None => (head, None),
    };
    ((!name.is_empty()).then(|| name.to_string()), year)
}

/// The sheet as a department summary, if it is one: a title ending in
/// 申报汇总 (or a sheet named 部门汇总…) above a table with a 项目名称 column
/// and no indicator table.
pub(crate) fn read(grid: &Grid, diags: &mut Vec<Diagnostic>) -> Option<Summary> {
    let title =
        grid.cells.iter().take(3).flatten().find(|t| {
            key(t).contains(&key(TITLE_SUFFIX)) || key(t).contains(&key(SELFEVAL_SUFFIX))
        });
    let selfeval = title.is_some_and(|t| key(t).contains(&key(SELFEVAL_SUFFIX)));
    if title.is_none() && !grid.name.starts_with("部门汇总") {
        return None;
    }
    if super::columns::find_header(grid).is_some() {
        return None;
    }
    let (header, cols) = grid.cells.iter().enumerate().take(6).find_map(|(r, row)| {
        let cols: Vec<(usize, Col)> = row
            .iter()
            .enumerate()
            .filter_map(|(c, t)| Some((c, column(t)?)))
            .collect();
        cols.iter()
            .any(|(_, k)| *k == Col::Name)
            .then_some((r, cols))
    })?;
    let (name, year) = title.map(|t| title_parts(t)).unwrap_or((None, None));
    let mut summary = Summary {
        sheet: grid.name.clone(),
        name,
        year,
        claim: None,
        comments: Vec::new(),
        projects: Vec::new(),
        total: None,
        selfeval,
    };
    for r in 0..header {
        for (c, t) in grid.cells.get(r).into_iter().flatten().enumerate() {
            if t.is_empty() || Some(t) == title {
                continue;
            }
            match crate::import::text::claim(&key(t)) {
                Some(claim) if summary.claim.is_none() => summary.claim = Some(claim),
                // `规则集：central-2020 …`: how jixiao scored it.
                _ if selfeval && t.starts_with("规则集：") => {
                    summary.comments.push(format!("原表注明：{t}"));
                }
                _ => super::fields::unplaced(grid, r, c, &mut summary.comments, diags),
            }
        }
    }
    for r in header + 1..grid.cells.len() {
        let is_total = grid
            .cells
            .get(r)
            .is_some_and(|row| row.iter().any(|t| key(t) == "合计"));
        let mut listed = Listed {
            name: String::new(),
            row: r,
            amounts: [None; 3],
            indicators: None,
        };
        for (c, kind) in &cols {
            let t = grid.cell(r, *c);
            let n = crate::import::target::parse_number(t);
            match kind {
                Col::Name => listed.name = t.to_string(),
                Col::Amount(k) => {
                    if let Some(a) = listed.amounts.get_mut(*k) {
                        *a = n;
                    }
                }
                Col::Count => listed.indicators = n,
            }
        }
        if is_total {
            summary.total = Some(listed);
            break;
        }
        if selfeval && listed.name.is_empty() {
            break;
        }
        if !listed.name.is_empty() {
            summary.projects.push(listed);
        }
    }
    if selfeval {
        diags.push(
            Diagnostic::new(
                &codes::IMPORT_UNPLACED,
                format!(
                    "工作表“{}”是自评汇总表：各项目的执行率、得分、等级从项目表导入，汇总表上的数是由它们算出的，未逐格导入",
                    grid.name
                ),
            )
            .severity(crate::Severity::Info),
        );
    }
    Some(summary)
}

/// A project's fund in 元, as the sheet gives it.
fn fund_yuan(p: &DraftProject, k: &str) -> Option<Decimal> {
    let v = p
        .funds
        .iter()
        .filter_map(|f| f.value.as_ref())
        .find(|(key, _)| key == k)
        .map(|(_, v)| *v)?;
    if p.funds_unit == "万元" {
        v.checked_mul(Decimal::from(10_000))
    } else {
        Some(v)
    }
}

fn indicator_count(p: &DraftProject) -> Decimal {
    Decimal::from(p.indicators.iter().filter(|i| i.value.is_some()).count())
}

fn mismatch(s: &Summary, message: String) -> Diagnostic {
    Diagnostic::new(
        &codes::IMPORT_SUMMARY_MISMATCH,
        format!("工作表“{}”：{message}", s.sheet),
    )
    .help("导入结果以各项目表为准；请核对汇总表是否漏改")
}

/// An amount in 元 as the forms show it: `90,682.50 元`.
fn shown(v: Option<Decimal>) -> String {
    match v {
        Some(mut v) => {
            v.rescale(2);
            format!("{} 元", crate::model::group_thousands(v))
        }
        None => "（空）".into(),
    }
}

fn count(v: Option<Decimal>) -> String {
    v.map(|v| v.normalize().to_string()).unwrap_or_default()
}

/// Compare the summary with the projects read from the sheets assigned to
/// its department.
pub(crate) fn compare(s: &Summary, projects: &[DraftProject], diags: &mut Vec<Diagnostic>) {
    if s.selfeval {
        return;
    }
    let labels = ["项目资金总额", "年度资金申请总额", "其中：财政资金"];
    for l in &s.projects {
        let k = key(&l.name);
        let Some(p) = projects.iter().find(|p| key(&p.name) == k) else {
            diags.push(mismatch(
                s,
                format!("第 {} 行列出的项目“{}”没有对应的项目表", l.row + 1, l.name),
            ));
            continue;
        };
        for (i, (fund, label)) in AMOUNTS.iter().zip(labels).enumerate() {
            let listed = l.amounts.get(i).copied().flatten();
            let sheet = fund_yuan(p, fund);
            if listed != sheet {
                diags.push(mismatch(
                    s,
                    format!(
                        "项目“{}”的{label}在汇总表中是 {}，在项目表中是 {}",
                        l.name,
                        shown(listed),
                        shown(sheet)
                    ),
                ));
            }
        }
        if l.indicators.is_some_and(|n| n != indicator_count(p)) {
            diags.push(mismatch(
                s,
                format!(
                    "项目“{}”的三级指标数在汇总表中是 {}，项目表中有 {} 项",
                    l.name,
                    count(l.indicators),
                    indicator_count(p)
                ),
            ));
        }
    }
    for p in projects {
        let k = key(&p.name);
        if !s.projects.iter().any(|l| key(&l.name) == k) {
            diags.push(mismatch(
                s,
                format!("项目表“{}”不在汇总表的项目清单中", p.name),
            ));
        }
    }
    let Some(total) = &s.total else { return };
    for (i, (fund, label)) in AMOUNTS.iter().zip(labels).enumerate() {
        let sum = projects
            .iter()
            .try_fold(Decimal::ZERO, |acc, p| acc.checked_add(fund_yuan(p, fund)?));
        let listed = total.amounts.get(i).copied().flatten();
        if listed != sum {
            diags.push(mismatch(
                s,
                format!(
                    "合计行的{label}是 {}，各项目表之和是 {}",
                    shown(listed),
                    shown(sum)
                ),
            ));
        }
    }
    let all: Decimal = projects.iter().map(indicator_count).sum();
    if total.indicators.is_some_and(|n| n != all) {
        diags.push(mismatch(
            s,
            format!(
                "合计行的三级指标数是 {}，各项目表共有 {all} 项",
                count(total.indicators)
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        let t = |s: &str| title_parts(s);
        assert_eq!(
            t("上海市某局 2025 年财政项目支出绩效目标申报汇总"),
            (Some("上海市某局".into()), Some(2025))
        );
        assert_eq!(
            t("第2分部财政项目支出绩效目标申报汇总"),
            (Some("第2分部".into()), None)
        );
        assert_eq!(t("财政项目支出绩效目标申报汇总"), (None, None));
        assert_eq!(
            t("某局 2025 年度项目支出绩效自评汇总"),
            (Some("某局".into()), Some(2025))
        );
        assert_eq!(t("另一个标题"), (None, None));
    }
}
