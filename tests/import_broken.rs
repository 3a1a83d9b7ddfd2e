//! Broken inputs give diagnostics, never panics, and whatever text the
//! importer does write still checks without errors.

#[path = "common/cli.rs"]
mod cli;
#[path = "common/coverage.rs"]
mod coverage;
use cli::Checked;

use rust_xlsxwriter::Workbook;
use std::path::{Path, PathBuf};

use coverage::{import_text, seed_text};

/// Nothing of `input` is dropped silently (tests/import_coverage.rs).
fn assert_nothing_dropped(input: &str, imported: &jixiao::import::Imported, what: &str) {
    let missing = coverage::seed_reader_missing(input, imported);
    assert!(missing.is_empty(), "{what}: {missing:#?}");
}

/// The messages of the diagnostics of one code.
fn messages<'a>(imported: &'a jixiao::import::Imported, code: &str) -> Vec<&'a str> {
    imported
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| d.message.as_str())
        .collect()
}

fn codes(imported: &jixiao::import::Imported) -> Vec<&'static str> {
    imported.diagnostics.iter().map(|d| d.code).collect()
}

/// Whatever was written reads back without syntax or structure errors.
/// (Findings about the content — a claim of 9 projects when the text was cut
/// after 5 — are the source's problems, reported by `check`.)
fn assert_output_checks(imported: &jixiao::import::Imported, what: &str) {
    if imported.text.is_empty() {
        assert!(imported.has_errors(), "{what}: no text and no error");
        return;
    }
    let verified = jixiao::import::verify("导入.jx", &imported.text);
    let errors: Vec<_> = verified
        .structural
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}\n{}", imported.text);
    // fmt accepted the text (no fallback to the writer's own layout) and
    // the result is canonical.
    assert!(
        !imported.diagnostics.iter().any(|d| d.code == "JX-I015"),
        "{what}"
    );
    let formatted = jixiao::format::format_text(jixiao::source::FileId(0), &imported.text);
    assert_eq!(
        formatted.ok().as_deref(),
        Some(imported.text.as_str()),
        "{what}"
    );
}

#[test]
fn truncated_text_at_every_point() {
    let text = seed_text();
    let lines: Vec<&str> = text.split('\n').collect();
    for cut in (0..lines.len()).step_by(7) {
        let part = lines[..cut].join("\n");
        let imported = import_text(&part);
        assert_output_checks(&imported, &format!("前 {cut} 行"));
    }
    // Cuts in the middle of a line, at character boundaries.
    let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(613).collect();
    for cut in bounds {
        let imported = import_text(&text[..cut]);
        assert_output_checks(&imported, &format!("前 {cut} 字节"));
    }
}

#[test]
fn truncated_inside_a_form_is_reported() {
    let text = seed_text();
    // Stop just after project 5's goals, before its indicator table.
    let cut = text.find("保质保量完成本年度的学习培\n").unwrap();
    let imported = import_text(&text[..cut]);
    assert_eq!(imported.draft.as_ref().unwrap().projects.len(), 5);
    let d = imported
        .diagnostics
        .iter()
        .find(|d| d.code == "JX-I004")
        .expect("JX-I004");
    assert!(d.message.contains("人大履职培训"), "{}", d.message);
    assert!(imported
        .text
        .contains("# 原文申报表中没有指标表（可能被截断），请补写指标"));
    assert_output_checks(&imported, "截断");

    // Stop inside project 6's narrative: no form at all.
    let cut = text.find("四、实施方案\n\n通过组织专题讲座").unwrap();
    let imported = import_text(&text[..cut]);
    let d = imported
        .diagnostics
        .iter()
        .find(|d| d.code == "JX-I005")
        .expect("JX-I005");
    assert!(
        d.message.contains("全过程人民民主与松江人大工作研究"),
        "{}",
        d.message
    );
    assert_output_checks(&imported, "截断");
}

#[test]
fn missing_indicator_table() {
    let text = seed_text();
    let header = text.find("二级指标 三级指标").unwrap();
    let start = text[..header].rfind("一级").unwrap();
    let end = text.find("项目经费情况说明 2").unwrap();
    let broken = format!("{}{}", &text[..start], &text[end..]);
    let imported = import_text(&broken);
    assert_eq!(
        codes(&imported).iter().filter(|c| **c == "JX-I004").count(),
        1
    );
    let draft = imported.draft.as_ref().unwrap();
    assert_eq!(draft.projects.len(), 9);
    assert!(draft.projects[0].indicators.is_empty());
    assert_eq!(draft.projects[1].indicators.len(), 6);
    assert_output_checks(&imported, "缺指标表");
    assert_nothing_dropped(&broken, &imported, "缺指标表");
}

#[test]
fn different_goals_go_into_a_comment() {
    let text = seed_text();
    let broken = text.replacen(
        "网络系统安全稳定可控，运转正常，\n",
        "网络系统全年安全运行，\n",
        1,
    );
    let imported = import_text(&broken);
    assert!(
        codes(&imported).contains(&"JX-I010"),
        "{:#?}",
        imported.diagnostics
    );
    assert!(
        imported.text.contains("#   网络系统全年安全运行，"),
        "{}",
        imported.text
    );
    let p1 = &imported.draft.as_ref().unwrap().projects[0];
    assert!(p1.overall_goal.value.is_none() && p1.annual_goal.value.is_none());
    assert_output_checks(&imported, "目标不同");
    assert_nothing_dropped(&broken, &imported, "目标不同");
}

#[test]
fn not_a_form() {
    let imported = import_text("会议纪要\n\n今天讨论了明年的预算。\n");
    assert_eq!(codes(&imported), ["JX-I001"]);
    assert!(imported.text.is_empty());
    let empty = import_text("");
    assert_eq!(codes(&empty), ["JX-I001"]);
    let binary =
        jixiao::import::import_bytes(Path::new("a.bin"), "a.bin", &[0, 159, 146, 150, 0, 1]);
    assert_eq!(codes(&binary), ["JX-I002"]);
    // Zip bytes that are not a workbook.
    let zip =
        jixiao::import::import_bytes(Path::new("a.xlsx"), "a.xlsx", b"PK\x03\x04not really a zip");
    assert_eq!(codes(&zip), ["JX-I003"]);
}

#[test]
fn workbook_without_headers() {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "名称").unwrap();
    ws.write_string(0, 1, "数值").unwrap();
    ws.write_string(1, 0, "甲").unwrap();
    ws.write_number(1, 1, 3.0).unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let imported = jixiao::import::import_bytes(Path::new("表.xlsx"), "表.xlsx", &bytes);
    assert!(
        codes(&imported).contains(&"JX-I011"),
        "{:#?}",
        imported.diagnostics
    );
    assert!(imported.has_errors());
    assert!(imported.text.is_empty());
}

#[test]
fn workbook_leftovers_become_comments() {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let cells: &[&[&str]] = &[
        &["项目名称", "课题调研"],
        &["填报人：张三"],
        &["一级指标", "二级指标", "三级指标", "指标值"],
        &["产出指标", "数量指标", "外出调研次数", "≥9次"],
        &["", "", "", "≥ 3 公里"],
        &["审核人：李四"],
    ];
    for (r, row) in cells.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r as u32, c as u16, *v).unwrap();
            }
        }
    }
    let imported = jixiao::import::import_bytes(
        Path::new("表.xlsx"),
        "表.xlsx",
        &book.save_to_buffer().unwrap(),
    );
    let text = &imported.text;
    assert!(
        text.contains("# 未能归位（工作表“Sheet1”的 A2 格）：填报人：张三"),
        "{text}"
    );
    assert!(text.contains("≥ 3 公里"), "{text}");
    assert!(text.contains("审核人：李四"), "{text}");
    assert_eq!(
        codes(&imported).iter().filter(|c| **c == "JX-I006").count(),
        3,
        "{:#?}",
        imported.diagnostics
    );
    assert_output_checks(&imported, "多余内容");
}

fn jixiao(args: &[&std::ffi::OsStr]) -> std::process::Output {
    cli::command(&cli::root()).args(args).checked()
}

#[test]
fn cli_refuses_text_named_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("旧表.xlsx");
    std::fs::write(&input, "项目名称 甲\n").unwrap();
    let out = dir.path().join("out.jx");
    let run = jixiao(&[
        "import".as_ref(),
        input.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("JX-I003"), "{stderr}");
    assert!(
        stderr.contains("扩展名是 Excel 工作簿，但内容不是 Excel 工作簿"),
        "{stderr}"
    );
    assert!(!out.exists());
}

#[test]
fn cli_missing_file_is_exit_2() {
    let run = jixiao(&["import".as_ref(), "不存在.txt".as_ref()]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("无法读取“不存在.txt”"));
}

/// Scrambled versions of the seed: lines reversed, every other line dropped,
/// every line doubled, pairs swapped. Nothing panics; what is written checks.
#[test]
fn scrambled_seed() {
    let text = seed_text();
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut variants: Vec<(String, Vec<&str>)> = Vec::new();
    variants.push(("倒序".into(), lines.iter().rev().copied().collect()));
    variants.push(("隔行".into(), lines.iter().step_by(2).copied().collect()));
    variants.push(("重复".into(), lines.iter().flat_map(|l| [*l, *l]).collect()));
    let mut swapped = lines.clone();
    for pair in swapped.chunks_mut(2) {
        pair.reverse();
    }
    variants.push(("两两对调".into(), swapped));
    for (what, ls) in variants {
        let imported = import_text(&ls.join("\n"));
        assert_output_checks(&imported, &what);
    }
}

/// A truncated text is still written (with its problems listed), so the
/// officer can finish it by hand.
#[test]
fn cli_writes_a_truncated_import() {
    let text = seed_text();
    let cut = text.find("项目经费情况说明 3").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("半份.txt");
    std::fs::write(&input, &text[..cut]).unwrap();
    let out = dir.path().join("半份.jx");
    let run = jixiao(&[
        "import".as_ref(),
        input.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("已导入 2 个项目、13 项指标。"), "{stderr}");
    assert!(stderr.contains("已写入"), "{stderr}");
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.contains("项目 \"市人大代表松江小组活动费\""));
    // The claim of 9 projects is kept as the form wrote it.
    assert!(written.contains("申报 9 个项目，资金 436.30 万元"));
}

/// Issue 18: a funds cell whose number carries its own unit on the line below
/// the label (`其中:当年财政拨款` / `10000万元`) kept the number and lost the unit —
/// 10000 万元 became 当年拨款 10,000 元, 10⁴ too small, with only a note that
/// “万元” matched no column. The unit now converts into the grid's 元, exactly.
#[test]
fn a_unit_under_its_funds_label_is_kept() {
    let seed = seed_text();
    let cell = "其中：当年财政拨\n\n款\n90,682.50";
    assert!(
        seed.contains(cell),
        "the seed's first 当年财政拨款 cell moved"
    );
    let plain = import_text(&seed);

    // The same amount written in 万元 under the label: the same model.
    let in_wan = import_text(&seed.replacen(cell, "其中:当年财政拨款\n9.06825万元", 1));
    assert!(!codes(&in_wan).contains(&"JX-I006"), "{:?}", codes(&in_wan));
    assert_same_model(&in_wan.text, &plain.text);

    // The example: 10000 万元 is 100,000,000 元, not 10,000 元.
    let big = import_text(&seed.replacen(cell, "其中:当年财政拨款\n10000万元", 1));
    assert!(
        big.text.contains("当年拨款 100,000,000.00 元"),
        "{}",
        big.text
    );
    assert!(!big.text.contains("当年拨款 10,000 元"));
    assert!(!codes(&big).contains(&"JX-I006"), "{:?}", codes(&big));
}

/// The project of that name in an import.
fn project<'a>(
    imported: &'a jixiao::import::Imported,
    name: &str,
) -> &'a jixiao::import::draft::DraftProject {
    let draft = imported.draft.as_ref().expect("a draft");
    draft
        .projects
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no project “{name}”:\n{}", imported.text))
}

/// The values of one keyword among a project's entries, as text.
fn values<V: std::fmt::Display>(
    entries: &[jixiao::import::draft::Entry<(String, V)>],
    key: &str,
) -> Vec<String> {
    entries
        .iter()
        .filter_map(|e| e.value.as_ref())
        .filter(|(k, _)| k == key)
        .map(|(_, v)| v.to_string())
        .collect()
}

/// Issue 18: a target standing alone on its line (`2`) was deleted as a
/// “PDF 页码” with only an info note, and its indicator was lost. Inside the
/// indicator table and the funds grid a lone number is a value; the seed's
/// real page number (`6`, after a gap of blank lines in the narrative) is
/// still one. (Failed before the fix: 发放人数 became an unplaced comment.)
#[test]
fn a_lone_number_in_the_form_is_a_value_not_a_page_number() {
    let seed = seed_text();
    let row = "数量指标 发放人数 ≤2.00(人)";
    let carry = "上年结转资金 0.00\n\n其他资金 其他资金 0.00\n\n项目\n\n绩效";
    assert!(seed.contains(row) && seed.contains(carry), "the seed moved");
    let broken = seed.replacen(row, "数量指标 发放人数\n\n2", 1).replacen(
        carry,
        "上年结转资金\n\n500\n\n其他资金 其他资金 0.00\n\n项目\n\n绩效",
        1,
    );
    let imported = import_text(&broken);
    let pages = messages(&imported, "JX-I009");
    assert_eq!(pages, ["第 417 行的“6”是 PDF 的页码，已删去"]);
    let p8 = project(&imported, "编外人员经费");
    let names: Vec<(String, String, String)> = p8
        .indicators
        .iter()
        .filter_map(|e| e.value.as_ref())
        .map(|i| (i.level2.clone(), i.name.clone(), format!("{:?}", i.target)))
        .collect();
    assert!(
        names.contains(&(
            "数量指标".into(),
            "发放人数".into(),
            "Qualitative(\"2\")".into()
        )),
        "{names:?}\n{}",
        imported.text
    );
    assert!(
        !imported.diagnostics.iter().any(|d| d.code == "JX-I006"),
        "{:#?}",
        imported.diagnostics
    );
    // The funds value: 上年结转 500 元 (the form's sums then disagree, a
    // finding of check, not a loss).
    let p3 = project(&imported, "区人大代表工作");
    assert_eq!(values(&p3.funds, "上年结转"), ["500"], "{}", imported.text);
    assert_output_checks(&imported, "单独成行的数");
    assert_nothing_dropped(&broken, &imported, "单独成行的数");
}

/// The written text without its comments, one normalised line each.
fn model_lines(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// The same model (comments aside); the first differing line otherwise.
fn assert_same_model(got: &str, want: &str) {
    let (g, w) = (model_lines(got), model_lines(want));
    let at = g.iter().zip(&w).position(|(a, b)| a != b);
    assert!(
        at.is_none() && g.len() == w.len(),
        "第 {} 行起不同：{:?} ≠ {:?}\n{got}",
        at.unwrap_or(g.len().min(w.len())) + 1,
        at.and_then(|i| g.get(i)),
        at.and_then(|i| w.get(i)),
    );
}

/// Issue 18: a line holding the indicator header after other text (the
/// goals' last line, or the whole form flattened by the extractor) was
/// taken as the header: the text before it was lost — silently. The header is
/// now found inside the line; what comes before it is read where it belongs
/// and what comes after it is the table's first row. (Failed before the fix:
/// the goals' last line vanished and the two goals could not be split.)
#[test]
fn the_indicator_header_in_the_middle_of_a_line() {
    let seed = seed_text();
    let plain = import_text(&seed);
    let at =
        "漏洞修补及时，突发事件及时处理。\n\n一级\n\n指标\n二级指标 三级指标 年度(/项目)指标值";
    let first_row = "\n 绩\n\n效\n\n指\n\n标\n\n成本\n\n指标\n经济成本指标 运维总成本 ≤10.04(万元)";
    assert!(seed.contains(&format!("{at}{first_row}")), "the seed moved");
    let header = "一级指标 二级指标 三级指标 年度(/项目)指标值";

    // The goals' last line and the header on one line.
    let joined_text = seed.replacen(at, &format!("漏洞修补及时，突发事件及时处理。 {header}"), 1);
    let joined = import_text(&joined_text);
    assert_nothing_dropped(&joined_text, &joined, "表头接在目标后");
    assert_same_model(&joined.text, &plain.text);
    assert_eq!(codes(&joined), codes(&plain), "{:#?}", joined.diagnostics);

    // The header and the first row after it, on the goals' line too.
    let flat_text = seed.replacen(
        &format!("{at}{first_row}"),
        &format!(
            "漏洞修补及时，突发事件及时处理。 绩效指标 {header} 成本指标 经济成本指标 运维总成本 ≤10.04(万元)"
        ),
        1,
    );
    let flat = import_text(&flat_text);
    assert_nothing_dropped(&flat_text, &flat, "表头和第一行接在目标后");
    assert_same_model(&flat.text, &plain.text);
    assert_eq!(codes(&flat), codes(&plain), "{:#?}", flat.diagnostics);
    assert_output_checks(&flat, "表头在行中");
}

/// Issue 18: a label's value ran on into the indicator header glued to it
/// (`主管部门 …公室一级指标二级指标`). Values end at the next known label or
/// header; the header starts the table. (Failed before the fix: 主管部门 was
/// “上海市松江区人民代表大会常务委员会办公室一级指标二级指标”.)
#[test]
fn a_field_ends_at_the_indicator_header() {
    let seed = seed_text();
    let start = seed.find("公室\n\n实施单位").unwrap();
    let end = seed.find("二级指标 三级指标 年度(/项目)指标值").unwrap();
    let broken = format!(
        "{}公室一级指标二级指标\n三级指标 年度(/项目)指标值{}",
        &seed[..start],
        &seed[end + "二级指标 三级指标 年度(/项目)指标值".len()..]
    );
    let imported = import_text(&broken);
    let plain = import_text(&seed);
    let p1 = project(&imported, "松江人大网络信息系统维护");
    assert_eq!(
        values(&p1.fields, "主管部门"),
        ["上海市松江区人民代表大会常务委员会办公室"]
    );
    assert_eq!(
        p1.indicators,
        project(&plain, "松江人大网络信息系统维护").indicators
    );
    assert!(!imported.text.contains("公室一级指标"), "{}", imported.text);
    assert_output_checks(&imported, "主管部门接表头");
    assert_nothing_dropped(&broken, &imported, "主管部门接表头");
}

/// The corpus of published forms other than the seed (each folder's text).
fn other_corpus_forms() -> Vec<(String, String)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/import");
    let mut forms = Vec::new();
    for dir in std::fs::read_dir(&root).unwrap() {
        let dir = dir.unwrap().path();
        if !dir.is_dir() || dir.ends_with("shanghai-songjiang-npc-2025") {
            continue;
        }
        for file in std::fs::read_dir(&dir).unwrap() {
            let file = file.unwrap().path();
            if file.extension().is_some_and(|e| e == "txt") {
                let name = file.strip_prefix(&root).unwrap().display().to_string();
                forms.push((name, std::fs::read_to_string(&file).unwrap()));
            }
        }
    }
    forms.sort();
    assert!(forms.len() >= 25, "{}", forms.len());
    forms
}

/// What an import that misread a layout writes: a table cell `|` in a
/// name or target, whole rows (with their group labels) as one name.
fn garbage(imported: &jixiao::import::Imported) -> Vec<String> {
    let labels = [
        "成本指标",
        "产出指标",
        "效益指标",
        "满意度指标",
        "数量指标",
        "质量指标",
        "时效指标",
        "效益指标",
        "三级指标",
    ];
    let mut found = Vec::new();
    for draft in imported.draft.iter().chain(&imported.others) {
        for p in &draft.projects {
            for i in p.indicators.iter().filter_map(|e| e.value.as_ref()) {
                let target = format!("{:?}", i.target);
                let bad = i.name.contains('|')
                    || target.contains('|')
                    || labels.iter().any(|l| i.name.contains(l));
                if bad {
                    found.push(format!("{} / {} / {target}", p.name, i.name));
                }
            }
        }
    }
    found
}

/// Issue 18: a form of another layout with the seed's title line added was
/// imported with exit 0 as garbage (whole rows as indicator names, targets
/// `|`). The seed reader now refuses what is not its layout with JX-I017,
/// naming the line where recognition stopped; whatever reader takes such a
/// text, it never writes garbage. (Failed before the fix: 25 of 25 forms
/// were written, most with garbage rows.)
#[test]
fn other_layouts_with_the_seed_title_are_never_garbage() {
    for (name, text) in other_corpus_forms() {
        let imported = import_text(&format!("财政项目支出绩效目标申报表\n{text}"));
        if imported.text.is_empty() {
            let layout = imported
                .diagnostics
                .iter()
                .find(|d| d.code == "JX-I017" || d.code == "JX-I001");
            assert!(layout.is_some(), "{name}: {:#?}", imported.diagnostics);
            if let Some(d) = layout.filter(|d| d.code == "JX-I017") {
                assert!(
                    d.message.starts_with("第 ") && d.message.contains("起认不出"),
                    "{name}: {}",
                    d.message
                );
                assert!(!d.labels.is_empty(), "{name}: no label");
            }
        } else {
            assert_eq!(garbage(&imported), Vec::<String>::new(), "{name}");
            assert_output_checks(&imported, &name);
        }
    }
}

/// Inside the seed's layout, a row the reader cannot understand (cells
/// separated by `|`, as web pages print tables) stops the import with
/// JX-I017 naming that line, instead of writing `|` as a target.
#[test]
fn a_row_of_another_layout_stops_the_seed_reader() {
    let seed = seed_text();
    let row = "数量指标 发放人数 ≤2.00(人)";
    let imported = import_text(&seed.replacen(row, "| 数量指标 | 发放人数 | ≤2.00(人) |", 1));
    assert!(imported.text.is_empty(), "{}", imported.text);
    let d = imported
        .diagnostics
        .iter()
        .find(|d| d.code == "JX-I017")
        .unwrap_or_else(|| panic!("{:#?}", imported.diagnostics));
    let line = seed[..seed.find(row).unwrap()].matches('\n').count() + 1;
    assert!(
        d.message.starts_with(&format!(
            "第 {line} 行“| 数量指标 | 发放人数 | ≤2.00(人) |”起认不出指标表的版式"
        )),
        "{}",
        d.message
    );
    assert!(d.help.is_some());
}

/// What the seed prints twice and the importer writes once is compared
/// first: a heading number out of place, a form of another year are
/// warnings with the original as a comment, never dropped unchecked.
#[test]
fn heading_numbers_and_form_years_are_compared() {
    let seed = seed_text();
    let broken = seed.replacen("项目经费情况说明 2 ", "项目经费情况说明 5 ", 1);
    let second_year = seed.match_indices("（2025 年度）").nth(1).unwrap().0;
    let broken = format!(
        "{}（2024 年度）{}",
        &broken[..second_year],
        &broken[second_year + "（2025 年度）".len()..]
    );
    let imported = import_text(&broken);
    let messages = messages(&imported, "JX-I006");
    assert_eq!(
        messages,
        [
            "“项目经费情况说明”的编号是 5，而这是文本中的第 2 个项目；原文已作为注释写入",
            "申报表标题下的年度是 2024 年度，与部门的 2025 年不同；原文已作为注释写入",
        ]
    );
    assert!(
        imported
            .text
            .contains("# 原文第 264 行：申报表标题下的年度是 2024 年度，与部门的 2025 年不同"),
        "{}",
        imported.text
    );
    assert_output_checks(&imported, "编号和年度");
    assert_nothing_dropped(&broken, &imported, "编号和年度");
}

/// A form whose cells the extractor ran together onto one line (the year
/// line, then every cell): the rows cannot be told apart, so the import
/// stops with JX-I017 at that line — quoting the part after the table's
/// header, where recognition stopped — instead of writing whole rows as one
/// indicator (before: one indicator named with the whole table, written).
#[test]
fn a_form_flattened_onto_one_line_stops_the_seed_reader() {
    let seed = seed_text();
    let start = seed
        .find("财政项目支出绩效目标申报表\n\n（2025 年度）")
        .unwrap();
    let end = seed.find("项目经费情况说明 2").unwrap();
    let (title, body) = seed[start..end].split_once('\n').unwrap();
    let flat: Vec<&str> = body.split_whitespace().collect();
    let broken = format!(
        "{}{title}\n{}\n\n{}",
        &seed[..start],
        flat.join(" "),
        &seed[end..]
    );
    let imported = import_text(&broken);
    assert!(imported.text.is_empty(), "{}", imported.text);
    let line = seed[..start].matches('\n').count() + 2;
    assert_eq!(
        messages(&imported, "JX-I017"),
        [format!(
            "第 {line} 行“绩 效 指 标 成本 指标 经济成本指标 运维总成本 ≤10.04(万元) 产出…”起认不出指标表的版式：\
             指标名称“绩 效 指 标 成本 指标 经济成本指标 运维总成本 ≤10.04(万元) 产出…”中含有“经济成本指标”，是几格连在了一起"
        )]
    );
}
