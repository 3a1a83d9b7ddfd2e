//! The frame of the grid reader on real forms, with a stand-in for the
//! indicator table (part B reads it): fields, goals, the budget grid, the
//! declaration's 资金, leftovers, and the written text read back.

use super::*;
use crate::import::draft::{
    DraftActual, DraftActualValue, DraftIndicator, DraftTarget, DraftTotal,
};
use crate::model::Comparator;
use rust_decimal::Decimal;

const TANGXI: &str =
    include_str!("../../../tests/corpus/import/anhui-chizhou-tangxi-2022-ziping/自评表.txt");
const XIAOXIAN: &str = include_str!(
    "../../../tests/corpus/import/anhui-xiaoxian-zhangzhuangzhai-2023-ziping/自评表.txt"
);

fn d(s: &str) -> Decimal {
    s.parse().unwrap_or_default()
}

/// The header starts at `一级指标`; the stand-in table ends where `end_at`
/// begins (or at the end).
fn fake(all: &[Cell], end_at: Option<&str>, table: table::Table) -> (table::Header, table::Table) {
    let start = all
        .iter()
        .position(|c| c.text == "一级指标")
        .unwrap_or(all.len());
    let end = end_at
        .and_then(|e| all.iter().position(|c| c.text.starts_with(e)))
        .unwrap_or(all.len());
    (
        table::Header {
            columns: Vec::new(),
            start,
            end: start + 1,
        },
        table::Table { end, ..table },
    )
}

fn one_indicator() -> table::Table {
    table::Table {
        indicators: vec![Entry::new(DraftIndicator {
            level1: "产出指标".into(),
            level2: "数量指标".into(),
            name: "基建工程委托业务项目数量".into(),
            target: DraftTarget::Compare {
                comparator: Comparator::Ge,
                value: d("50"),
                unit: "个".into(),
            },
            attributes: Default::default(),
        })],
        group_points: vec![("产出指标".into(), d("50"))],
        actuals: vec![Entry::new(DraftActual {
            name: "基建工程委托业务项目数量".into(),
            value: Some(DraftActualValue::Quantity {
                comparator: None,
                value: d("50"),
                unit: String::new(),
            }),
            points: Some(d("8")),
            score: Some(d("8")),
            reason: None,
        })],
        total: Some(Entry::new(DraftTotal {
            points: Some(d("100")),
            score: Some(d("96")),
            grade: Some("优".into()),
        })),
        ..Default::default()
    }
}

#[test]
fn tangxi_fields_goal_budget_and_written_text() {
    let all = cells::cells(TANGXI);
    let (header, table) = fake(&all, None, one_indicator());
    let (draft, diags) = assemble(
        FileId(0),
        Some("自评表.txt"),
        &all,
        &header,
        (table, Vec::new()),
    );
    let draft = draft.unwrap_or_default();
    assert_eq!(draft.year, Some(2022));
    // A 自评表's department is its 实施单位, without the budget system's
    // unit code “219001-” (kept in a comment, JX-I008).
    assert_eq!(draft.name.as_deref(), Some("池州市贵池区棠溪镇人民政府"));
    assert_eq!(
        messages_of(&diags, "JX-I008"),
        [
            "“219-池州市贵池区棠溪镇人民政府”前的“219-”是预算系统的单位编码，单位名称写作去掉编码的名称",
            "“219001-池州市贵池区棠溪镇人民政府”前的“219001-”是预算系统的单位编码，单位名称写作去掉编码的名称",
        ]
    );
    let p = draft.projects.first().cloned().unwrap_or_default();
    assert_eq!(p.name, "委托业务项目");
    let fields: Vec<(String, String)> = p.fields.iter().filter_map(|f| f.value.clone()).collect();
    assert_eq!(
        fields,
        [
            (
                "主管部门".to_string(),
                "池州市贵池区棠溪镇人民政府".to_string()
            ),
            (
                "实施单位".to_string(),
                "池州市贵池区棠溪镇人民政府".to_string()
            ),
        ]
    );
    let notes: Vec<Vec<String>> = p.fields.iter().map(|f| f.comments.clone()).collect();
    assert_eq!(
        notes,
        [
            ["原表印“219-池州市贵池区棠溪镇人民政府”，“219-”是预算系统的单位编码"],
            ["原表印“219001-池州市贵池区棠溪镇人民政府”，“219001-”是预算系统的单位编码"],
        ]
    );
    assert!(p
        .annual_goal
        .value
        .as_deref()
        .is_some_and(|g| g.starts_with("本项目共申请预算资金90万元。")));
    assert_eq!(
        p.funds.first().and_then(|f| f.value.clone()),
        Some(("年度申请".into(), d("90")))
    );
    assert_eq!(p.funds_unit, "万元");
    let se = p.selfeval.clone().unwrap_or_default();
    assert!(se
        .comments
        .iter()
        .any(|c| c.contains("本项目共完成预算资金89.97万元")));
    let rows: Vec<&str> = se
        .budget
        .iter()
        .filter_map(|r| r.value.as_ref())
        .map(|r| r.key.as_str())
        .collect();
    assert_eq!(rows, ["年度资金总额", "本年财政拨款"]);
    // Only “附件:” is left over, named with its line.
    let unplaced: Vec<&str> = diags
        .iter()
        .filter(|d| d.code == "JX-I006")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(unplaced, ["原表第 1 行“附件:”未能归位，已作为注释写入"]);

    let text = crate::import::write::write(&draft);
    let lines = [
        "  项目 \"委托业务项目\" {",
        "      产出指标 分值 50 {",
        "自评 \"池州市贵池区棠溪镇人民政府\" 2022 {",
        "      年度资金总额 年初 0 万元 全年 0 万元 执行 0 万元 分值 10 执行率 0 得分 0",
        "      本年财政拨款 年初 90 万元 全年 89.974 万元 执行 89.974 万元",
        "    基建工程委托业务项目数量 50 分值 8 得分 8",
        "    合计 分值 100 得分 96 等级 优",
        "  # 原表第 1 行未能归位：附件:",
    ];
    crate::import::write_selfeval::assert_written(&text, &lines);
}

#[test]
fn xiaoxian_person_and_five_column_grid() {
    let all = cells::cells(XIAOXIAN);
    let (header, table) = fake(&all, None, table::Table::default());
    let (draft, _) = assemble(FileId(0), None, &all, &header, (table, Vec::new()));
    let draft = draft.unwrap_or_default();
    assert_eq!(draft.year, Some(2023));
    assert_eq!(draft.name.as_deref(), Some("张庄寨镇人民政府"));
    let p = draft.projects.first().cloned().unwrap_or_default();
    assert_eq!(p.name, "河西村特色种养补贴到户项目");
    assert!(p
        .comments
        .contains(&"原表“项目负责人及电话”：李宁0557-5788003".to_string()));
    assert_eq!(
        p.annual_goal.value.as_deref(),
        Some("落实39户特色种养业奖补政策,增加脱贫户家庭收入")
    );
    assert_eq!(
        p.funds.first().and_then(|f| f.value.clone()),
        Some(("年度申请".into(), d("9.48")))
    );
    let se = p.selfeval.unwrap_or_default();
    let total = se
        .budget
        .first()
        .and_then(|r| r.value.clone())
        .unwrap_or_default();
    assert_eq!(
        (
            total.start,
            total.full,
            total.spent,
            total.points,
            total.rate,
            total.score
        ),
        (
            None,
            Some(d("9.48")),
            Some(d("9.48")),
            Some(d("10")),
            Some((d("100"), "%".into())),
            Some(d("10"))
        )
    );
}

/// The diagnostics of a text that imports to nothing.
fn failed(text: &str) -> Vec<Diagnostic> {
    let (draft, diags) = import(FileId(0), None, text);
    assert!(draft.is_none());
    diags
}

fn messages(diags: &[Diagnostic]) -> Vec<(&str, &str)> {
    diags.iter().map(|d| (d.code, d.message.as_str())).collect()
}

#[test]
fn no_header_names_the_line_where_recognition_stopped() {
    let text = "绩效目标自评表 |\n(2023年度) |\n项目名称 | 甲项目 |\n主管部门 | 某局 |\n这里是一段认不出的文字 |\n";
    let diags = failed(text);
    assert_eq!(
        messages(&diags),
        [(
            "JX-I017",
            "第 5 行“这里是一段认不出的文字”起认不出指标表的版式"
        )]
    );
}

/// Every corpus form cut at many places, read with the table assumed to
/// start at many cells: the frame never panics and every non-empty cell is
/// placed or named in a comment.
#[test]
fn truncated_forms_never_panic_and_lose_nothing() {
    let Ok(dirs) = std::fs::read_dir("tests/corpus/import") else {
        return;
    };
    for dir in dirs.flatten() {
        let Ok(files) = std::fs::read_dir(dir.path()) else {
            continue;
        };
        for file in files
            .flatten()
            .filter(|f| f.path().extension().is_some_and(|x| x == "txt"))
        {
            let text = std::fs::read_to_string(file.path()).unwrap_or_default();
            let chars: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            let cuts: Vec<usize> = chars
                .iter()
                .copied()
                .step_by(chars.len() / 16 + 1)
                .chain([text.len()])
                .collect();
            for cut in cuts {
                let part = text.get(..cut).unwrap_or("");
                // Written, or JX-I017 and only it: never both, never
                // nothing without a reason.
                let (draft, diags) = import(FileId(0), None, part);
                let layout = diags.iter().filter(|d| d.code == "JX-I017").count();
                match draft {
                    Some(_) => assert_eq!(layout, 0, "{diags:?}"),
                    None => assert!(layout == 1 && diags.len() == 1, "{diags:?}"),
                }
                let all = cells::cells(part);
                for start in (0..=all.len()).step_by(all.len() / 12 + 1) {
                    let header = table::Header {
                        columns: Vec::new(),
                        start,
                        end: start,
                    };
                    let t = table::Table {
                        end: start,
                        ..Default::default()
                    };
                    let (draft, _) = assemble(FileId(0), None, &all, &header, (t, Vec::new()));
                    let written = draft
                        .map(|d| crate::import::write::write(&d))
                        .unwrap_or_default();
                    // Each non-empty cell's text is in the output (as a
                    // value, a comment, or inside a longer one).
                    for c in all.iter().filter(|c| !c.is_empty()) {
                        let plain = c.text.replace('"', "\\\"");
                        assert!(
                            written.contains(&c.text)
                                || written.contains(&plain)
                                || is_consumed_word(&c.text),
                            "{}: cell {:?} lost\n{written}",
                            file.path().display(),
                            c.text
                        );
                    }
                }
            }
        }
    }
}

/// Cells the frame reads as structure rather than text: titles, labels,
/// column headers, amounts and units (their meaning is in the output).
fn is_consumed_word(text: &str) -> bool {
    fields::FormKind::of_title(text).is_some()
        || fields::label(text).is_some()
        || fields::label(text.split([':', '：']).next().unwrap_or("")).is_some()
        || is_structural(text)
        || fields::year_in(&crate::model::name_key(text)).is_some()
        || text.contains("盖章")
        || text
            .trim_matches(|c| c == '(' || c == ')')
            .starts_with("年度")
        || text == "("
        || crate::import::target::take_number(text).is_some()
        || [
            "(万元)",
            "(元)",
            "(10分)",
            "执行情况",
            "项目预算",
            "(盖章)",
            "预算数",
            "执行数",
        ]
        .contains(&text)
        || budget::OTHER_COLUMNS.contains(&text)
        || text.starts_with('—')
        || matches!(text, "-" | "/" | "—")
        || crate::vocab::BudgetColumn::from_header(text).is_some()
        || crate::model::name_key(text).len() <= 6
}

#[test]
fn layout_words_for_the_summary() {
    let all = cells::cells(XIAOXIAN);
    let (header, table) = fake(&all, None, table::Table::default());
    let (draft, _) = assemble(FileId(0), None, &all, &header, (table, Vec::new()));
    let draft = draft.unwrap_or_default();
    assert_eq!(layout_word(&draft), "自评表（表格文本）");
    assert_eq!(layout_word(&Draft::default()), "申报表（表格文本）");
}

/// 永德: the 总分 row printed after the table's end (`其他需要说明事项 | 无
/// | 总分 | 100 | 96 | 优`) is the 合计; only `其他需要说明事项 | 无` is left
/// over, not the total's cells again.
#[test]
fn yongde_total_after_the_table_is_placed_once() {
    let (se, diags) = corpus_selfeval("yunnan-yongde-minglangzhongxue-2022-ziping");
    assert!(se.total.is_some_and(|t| t.value.is_some()));
    assert_eq!(
        se.comments.last().map(String::as_str),
        Some("原表第 34 行未能归位：其他需要说明事项 | 无")
    );
    assert!(
        diags.iter().all(|d| !d.message.contains("总分")),
        "{diags:?}"
    );
}

/// 金寨: the text ends inside the indicator table (`成本指标 | 指标1:`), no
/// 合计 printed: a warning names the line, the 自评 block says so.
#[test]
fn jinzhai_text_ending_inside_the_table_is_named() {
    let (se, diags) = corpus_selfeval("anhui-jinzhai-chagu-2023-ziping");
    assert_eq!(
        messages_of(&diags, "JX-I005"),
        ["文本在第 24 行“指标1:”处结束，指标表还没有合计行：原表可能被截断，其后的指标没有读到"]
    );
    assert!(se.comments.contains(
        &"原表的指标表在第 24 行“指标1:”处中断，没有合计行，其后的内容不在文本中".to_string()
    ));
}

/// The messages of the diagnostics with `code`.
fn messages_of<'a>(diags: &'a [crate::diagnostic::Diagnostic], code: &str) -> Vec<&'a str> {
    diags
        .iter()
        .filter(|d| d.code == code)
        .map(|d| d.message.as_str())
        .collect()
}

/// A corpus form's first project's 自评 part and the diagnostics.
fn corpus_selfeval(
    form: &str,
) -> (
    crate::import::draft::DraftSelfEval,
    Vec<crate::diagnostic::Diagnostic>,
) {
    let path = format!("tests/corpus/import/{form}/自评表.txt");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let (draft, diags) = import(FileId(0), None, &text);
    let se = draft
        .and_then(|d| d.projects.first().cloned())
        .and_then(|p| p.selfeval)
        .unwrap_or_default();
    (se, diags)
}

/// A table pressed into one string (中江, 原州: no space, line or `|`
/// between cells): the layout error says so, at the header's words.
#[test]
fn glued_cells_are_named_as_such() {
    let text = "绩效目标自评表(2022年度)项目名称甲项目主管部门某局绩效指标一级指标二级指标三级指标分值年度指标值产出指标数量指标安装10≥266米≥266米10";
    let diags = failed(text);
    assert_eq!(
        messages(&diags),
        [(
            "JX-I017",
            "第 1 行“一级指标二级指标三级指标分值年度指标值产…”起认不出指标表的版式：各格连在一起，没有分隔"
        )]
    );
    let label = diags.first().and_then(|d| d.labels.first()).map(|l| l.span);
    let at = text.find("一级指标").unwrap_or(0);
    assert_eq!(
        label.map(|s| (s.start as usize, s.end as usize)),
        Some((at, at + "一级指标".len()))
    );
}

/// A text in traditional characters (丽江's 简转繁 copy): the header
/// `一級指標` is named, and why it is not read.
#[test]
fn traditional_characters_are_named_as_such() {
    let text =
        "| 2020年度項目支出績效自評表 |\n| 項目名稱 | 甲 |\n| 一級指標 | 二級指標 | 三級指標 |\n";
    let diags = failed(text);
    assert_eq!(
        messages(&diags),
        [(
            "JX-I017",
            "第 3 行“一級指標”起认不出指标表的版式：文本是繁体字"
        )]
    );
}
