//! The project's fields in the cell stream: a label cell (`项目名称`,
//! `主管部门`, `实施单位 (盖章)` …) and its value in the next filled cell;
//! the department, the year and the kind of form from the title; the goals
//! (`年度总体目标` with its `预期目标`/`实际完成情况` sub-headers).

use super::Cells;
use crate::import::draft::{Draft, DraftProject, Entry};
use crate::vocab::ProjectField;

/// Which form the title names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FormKind {
    /// 项目支出绩效自评表, 部门整体支出绩效自评表.
    SelfEval,
    /// 绩效目标申报表, 绩效目标表, 审批表, 批复表, 绩效评价指标表.
    Declaration,
}

impl FormKind {
    /// The kind a title cell names.
    pub fn of_title(text: &str) -> Option<FormKind> {
        // Traditional characters too (丽江 2020's text is a 简转繁 copy):
        // recognised as a form, so that what follows says where its layout
        // stops being understood.
        if text.contains("自评") || text.contains("自評") {
            Some(FormKind::SelfEval)
        } else if [
            "申报表",
            "目标表",
            "审批表",
            "批复表",
            "指标表",
            "申報表",
            "目標表",
        ]
        .iter()
        .any(|w| text.contains(w))
        {
            Some(FormKind::Declaration)
        } else {
            None
        }
    }
    /// The summary's word: `自评表`, `申报表`.
    pub fn word(self) -> &'static str {
        match self {
            FormKind::SelfEval => "自评表",
            FormKind::Declaration => "申报表",
        }
    }
}

/// A label of the form above the indicator table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Label {
    Name,
    /// A project field of the language (主管部门, 实施单位).
    Field(ProjectField),
    /// The department (部门, 部门名称, 填报单位).
    Department,
    /// A section of the 说明 block: `项目支出实施期` → 实施周期 (a period
    /// printed to the month only, which 周期 cannot hold), `项目概况` → 概述.
    Narrative(&'static str),
    /// 项目负责人及电话, 联系电话, 财务负责人: kept as a comment.
    Person,
    Overall,
    Annual,
    /// Sub-header of the goal: 预期目标 / 年初设定目标.
    Expected,
    /// Sub-header of the goal: 实际完成情况 / 年度总体目标完成情况综述.
    Achieved,
}

/// A label cell's key: spaces and full-width forms folded, a trailing
/// colon and `(盖章)` removed.
pub(crate) fn key(text: &str) -> String {
    let k = crate::model::name_key(text).replace("(盖章)", "");
    k.trim_end_matches(':').to_string()
}

pub(crate) fn label(text: &str) -> Option<Label> {
    let k = key(text);
    if let Some((_, l)) = LABELS.iter().find(|(w, _)| *w == k) {
        return Some(*l);
    }
    PERSON
        .iter()
        .any(|p| k.starts_with(p))
        .then_some(Label::Person)
}

/// Every label word (the one list: the reader and the “nothing dropped”
/// check's label words both read it).
pub(crate) const LABELS: &[(&str, Label)] = &[
    ("项目名称", Label::Name),
    ("项目支出名称", Label::Name),
    ("主管部门", Label::Field(ProjectField::Competent)),
    ("预算部门", Label::Field(ProjectField::Competent)),
    ("主管部门及其编码", Label::Field(ProjectField::Competent)),
    ("业务主管部门", Label::Field(ProjectField::Competent)),
    // A period printed to the month only, which 周期 cannot hold.
    ("项目支出实施期", Label::Narrative("实施周期")),
    ("项目实施期", Label::Narrative("实施周期")),
    ("建设周期", Label::Narrative("实施周期")),
    ("项目概况", Label::Narrative("概述")),
    ("项目总体概况", Label::Narrative("概述")),
    ("实施单位", Label::Field(ProjectField::Implementer)),
    ("项目实施单位", Label::Field(ProjectField::Implementer)),
    ("部门", Label::Department),
    ("部门名称", Label::Department),
    ("部门(单位)名称", Label::Department),
    ("单位名称", Label::Department),
    ("填报单位", Label::Department),
    ("预算单位", Label::Department),
    ("年度总体目标", Label::Annual),
    ("总体目标", Label::Annual),
    ("年度目标", Label::Annual),
    ("本年度绩效目标", Label::Annual),
    ("项目年度目标", Label::Annual),
    ("年度主要目标和成果", Label::Annual),
    ("项目总目标", Label::Overall),
    ("总目标", Label::Overall),
    ("实施期绩效目标", Label::Overall),
    ("长期目标", Label::Overall),
    ("预期目标", Label::Expected),
    ("年初设定目标", Label::Expected),
    ("实际完成情况", Label::Achieved),
    ("年度总体目标完成情况综述", Label::Achieved),
    ("年度目标完成情况", Label::Achieved),
];

/// Labels of people (`项目负责人及电话`): a cell starting with one is a
/// comment.
pub(crate) const PERSON: &[&str] = &["项目负责人", "联系电话", "财务负责人", "联系人"];

/// What the fields gave besides the project: the department's name, the
/// year, the form's kind and the 实际完成情况 of the goal.
#[derive(Debug, Default)]
pub(crate) struct Header {
    pub kind: Option<FormKind>,
    pub department: Option<String>,
    pub year: Option<i32>,
    pub achieved: Option<String>,
    /// The form's title as printed (kept as a comment: it may name the
    /// project or the level, `区级部门预算项目支出绩效自评表`).
    pub title: Option<String>,
    /// The title says 部门整体 (the department's whole spending).
    pub whole_department: bool,
    /// Unit codes stripped from names: (cell, printed text, code).
    pub unit_codes: Vec<(usize, String, String)>,
}

/// Read the title and the labelled fields in `range` into `project`.
pub(crate) fn read(
    cells: &mut Cells,
    range: std::ops::Range<usize>,
    project: &mut DraftProject,
) -> Header {
    let mut header = Header::default();
    for i in range.clone() {
        if cells.is_used(i) {
            continue;
        }
        let text = cells.text(i).to_string();
        if let Some(kind) = FormKind::of_title(&text) {
            if header.kind.is_none() {
                header.kind = Some(kind);
                header.whole_department = text.contains("部门整体");
                header.title = Some(text.clone());
                cells.use_cell(i);
                if let Some(y) = year_in(&text) {
                    header.year = Some(y);
                }
            }
            continue;
        }
        if header.year.is_none() {
            if let Some(y) = year_cell(cells, i) {
                header.year = Some(y);
                continue;
            }
        }
        // `项目负责人:查小兵` first: a label and its value in one cell.
        let (found, inline) = match (inline_label(&text), label(&text)) {
            (Some((l, v)), _) => (l, Some(v)),
            // A goal's sub-header with no goal label before it (稷山: the
            // label comes after): its cells stay unplaced, as comments.
            (None, Some(Label::Expected | Label::Achieved)) | (None, None) => continue,
            (None, Some(l)) => (l, None),
        };
        cells.use_cell(i);
        let value = match inline {
            Some(v) => Some(v),
            None => cells.value_after(i, range.end, |t| label(t).is_some()),
        };
        apply(
            cells,
            found,
            value,
            &text,
            i,
            range.end,
            project,
            &mut header,
        );
    }
    header
}

/// `部门:临沧市永德县明朗中学`, `项目负责人:查小兵`.
fn inline_label(text: &str) -> Option<(Label, String)> {
    let (l, v) = text.split_once([':', '：'])?;
    let found = label(l)?;
    let v = v.trim();
    (!v.is_empty()).then(|| (found, v.to_string()))
}

#[allow(clippy::too_many_arguments)]
fn apply(
    cells: &mut Cells,
    found: Label,
    value: Option<String>,
    text: &str,
    at: usize,
    end: usize,
    project: &mut DraftProject,
    header: &mut Header,
) {
    match found {
        Label::Name => {
            if let Some(v) = value {
                project.name = v;
            }
        }
        Label::Field(f) => {
            // `主管部门(盖章): 单位:万元` names no department.
            let v = value.map(|v| department_name(&v)).filter(|v| !v.is_empty());
            if let Some(v) = v {
                let (v, note) = strip_code(cells, v, at, end, header);
                let entry = Entry::new((f.word().to_string(), v));
                project.fields.push(entry.with_comments(note));
            }
        }
        Label::Department => {
            // `填报单位:(盖章) 单位:万元` gives no name.
            let v = value.map(|v| department_name(&v)).filter(|v| !v.is_empty());
            if let Some(v) = v {
                if header.department.is_none() {
                    let (v, note) = strip_code(cells, v, at, end, header);
                    project.comments.extend(note);
                    header.department = Some(v);
                }
            }
        }
        Label::Narrative(section) => {
            if let Some(v) = value {
                project.narrative.push(Entry::new((section.to_string(), v)));
            }
        }
        Label::Person => {
            let v = value.unwrap_or_default();
            project.comments.push(format!("原表“{}”：{v}", key(text)));
        }
        Label::Overall | Label::Annual => {
            super::goals::read(cells, found, value, at, end, project, header)
        }
        Label::Expected | Label::Achieved => {}
    }
}

/// `219001-池州市…` → `池州市…`, with the comment keeping the printed
/// text and the cell noted for the diagnostic.
fn strip_code(
    cells: &Cells,
    value: String,
    at: usize,
    end: usize,
    header: &mut Header,
) -> (String, Vec<String>) {
    let Some((code, name)) = super::unit_code::split(&value) else {
        return (value, Vec::new());
    };
    let cell = (at..end)
        .find(|&j| cells.text(j).contains(value.as_str()))
        .unwrap_or(at);
    let note = super::unit_code::comment(&value, code);
    header
        .unit_codes
        .push((cell, value.clone(), code.to_string()));
    (name.to_string(), vec![note])
}

/// `(盖章) 单位:万元` → nothing; `某某局(盖章)` → `某某局`.
pub(super) fn department_name(value: &str) -> String {
    let v = value.replace("(盖章)", "").replace("（盖章）", "");
    let v = match v.find("单位:").or_else(|| v.find("单位：")) {
        Some(at) => v.get(..at).unwrap_or(""),
        None => &v,
    };
    v.trim().to_string()
}

/// A year cell: `(2022年度)`, `2019年度)`, `2023年…`, or `2019` followed
/// by a cell starting with `年` (`( 2019 年度)` flattened).
fn year_cell(cells: &mut Cells, i: usize) -> Option<i32> {
    let text = cells.text(i).to_string();
    let k = crate::model::name_key(&text);
    let inner = k.trim_start_matches('(').trim_end_matches(')');
    if inner.len() == 4 + "年度".len() && inner.ends_with("年度") {
        let y = year_in(inner)?;
        cells.use_cell(i);
        return Some(y);
    }
    if k.len() == 4 && k.bytes().all(|b| b.is_ascii_digit()) {
        let n = cells.next_filled(i + 1, cells.len())?;
        if cells.text(n).starts_with("年度") {
            let prev = i.checked_sub(1).filter(|&p| cells.text(p) == "(");
            cells.use_cell(i);
            cells.use_cell(n);
            if let Some(p) = prev {
                cells.use_cell(p);
            }
            return k.parse().ok();
        }
    }
    None
}

/// `2022年` anywhere in the text.
pub(crate) fn year_in(text: &str) -> Option<i32> {
    let bytes = text.as_bytes();
    (0..bytes.len()).find_map(|i| {
        let digits = bytes.get(i..i + 4)?;
        let before_digit = i > 0 && bytes.get(i - 1).is_some_and(u8::is_ascii_digit);
        let y: i32 = std::str::from_utf8(digits).ok()?.parse().ok()?;
        let followed = text.get(i + 4..)?.starts_with('年');
        (digits.iter().all(u8::is_ascii_digit)
            && !before_digit
            && followed
            && (1990..2100).contains(&y))
        .then_some(y)
    })
}

/// The department and year into the draft: the name given, else (自评表)
/// the 实施单位, else the 主管部门.
pub(crate) fn settle(draft: &mut Draft, header: &Header) {
    let field = |f: ProjectField| {
        draft.projects.first().and_then(|p| {
            p.fields
                .iter()
                .filter_map(|e| e.value.as_ref())
                .find(|(k, _)| k == f.word())
                .map(|(_, v)| v.clone())
        })
    };
    // A 自评表 is filed by the unit that spent the money (its 实施单位);
    // a 申报表 by the department (主管部门).
    let by_kind = match header.kind {
        Some(FormKind::SelfEval) => field(ProjectField::Implementer),
        _ => None,
    };
    let name = header
        .department
        .clone()
        .or(by_kind)
        .or_else(|| field(ProjectField::Competent));
    draft.name = name;
    if draft.name.is_none() {
        draft.comments.push("原表中找不到部门名称，请补写".into());
    }
    draft.year = header.year;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_years() {
        assert_eq!(
            label("实施单位 (盖章)"),
            Some(Label::Field(ProjectField::Implementer))
        );
        assert_eq!(label("年度资金总额:"), None);
        assert_eq!(label("项目负责人及电话"), Some(Label::Person));
        assert_eq!(label("总 体 目 标"), Some(Label::Annual));
        assert_eq!(year_in("部门预算项目支出绩效自评表(2023年度)"), Some(2023));
        assert_eq!(year_in("2022年度项目支出绩效自评表"), Some(2022));
        assert_eq!(year_in("12022年"), None);
        assert_eq!(
            FormKind::of_title("部门整体支出绩效自评表"),
            Some(FormKind::SelfEval)
        );
        assert_eq!(
            FormKind::of_title("绩效目标申报表(基础设施建设类)"),
            Some(FormKind::Declaration)
        );
    }
}
