//! Number formats of workbook cells: a cell is read as the value it shows.
//! Excel, WPS and the budget systems store `95%` as 0.95 with a percent
//! format, and an amount shown `10.00万元` as 10 with the unit in the
//! format; the import must read 95% and 10 万元, not 0.95% and 10 元
//! (issue 18).

#[path = "common/cli.rs"]
mod cli;

#[path = "common/workbook.rs"]
mod workbook;
use workbook::{assert_model, assert_no_warnings, import, rows};

use rust_xlsxwriter::{Format, Workbook};

/// Form layout, target split over 指标方向, 指标值, 度量单位; the 指标值
/// cells of rates are numbers in percent formats, 分值 and amounts have
/// their unit in the format.
fn formatted_workbook() -> Vec<u8> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("项目1").unwrap();
    rows(
        ws,
        0,
        &[
            &["项目名称", "社区服务"],
            &["主管部门", "示例局"],
            &["项目资金（元）", "项目资金总额"],
            &[
                "一级指标",
                "二级指标",
                "三级指标",
                "指标方向",
                "指标值",
                "度量单位",
                "分值",
                "容差",
            ],
            &["产出指标", "数量指标", "服务人次", "≥", "1200", "人次"],
            &["产出指标", "质量指标", "验收合格率", "≥"],
            &["产出指标", "质量指标", "资料完整率", "="],
            &["满意度指标", "服务对象满意度指标", "居民满意度", "大于等于"],
            &["满意度指标", "服务对象满意度指标", "投诉率", "≤"],
        ],
    );
    let percent = Format::new().set_num_format("0%");
    let percent2 = Format::new().set_num_format("0.00%");
    let percent1 = Format::new().set_num_format("0.0%");
    let wan = Format::new().set_num_format("#,##0.00\"万元\"");
    let fen = Format::new().set_num_format("0\"分\"");
    // 项目资金总额 shown “12.50万元” under a 元 heading.
    ws.write_number_with_format(2, 2, 12.5, &wan).unwrap();
    // 验收合格率 ≥ 95% (shown “95%”), unit column “%”.
    ws.write_number_with_format(5, 4, 0.95, &percent).unwrap();
    ws.write_string(5, 5, "%").unwrap();
    // 资料完整率 = 100% (shown “100.00%”), no unit column value; 容差 0.5%.
    ws.write_number_with_format(6, 4, 1.0, &percent2).unwrap();
    ws.write_number_with_format(6, 7, 0.005, &percent1).unwrap();
    // 居民满意度 ≥ 90.5% (shown “90.5%”), unit “百分比”; 分值 shown “10分”.
    ws.write_number_with_format(7, 4, 0.905, &percent1).unwrap();
    ws.write_string(7, 5, "百分比").unwrap();
    ws.write_number_with_format(7, 6, 10.0, &fen).unwrap();
    // 投诉率 ≤ 1%: a plain number 0.01 in a percent cell (Excel “1%”).
    ws.write_number_with_format(8, 4, 0.01, &percent).unwrap();
    book.save_to_buffer().unwrap()
}

#[test]
fn percent_and_unit_formats_read_as_shown() {
    let imported = import(&formatted_workbook());
    assert_model(
        &imported,
        r#"
部门 "示例局" {
  项目 "社区服务" {
    主管部门 "示例局"
    资金 {
      总额 125,000.00 元
    }
    指标 {
      产出指标 {
        数量指标 {
          服务人次 ≥ 1,200 人次
        }
        质量指标 {
          验收合格率 ≥ 95%
          资料完整率 = 100% 容差 0.5%
        }
      }
      满意度指标 {
        服务对象满意度指标 {
          居民满意度 ≥ 90.5% 分值 10
          投诉率 ≤ 1%
        }
      }
    }
  }
}
"#,
    );
    // Read as shown: nothing to review.
    assert_no_warnings(&imported);
}

/// An OpenDocument spreadsheet (.ods, what WPS and LibreOffice save): a
/// cell of value type `percentage` holds 0.95 and shows 95%.
fn ods(rows_xml: &str) -> Vec<u8> {
    use std::io::Write;
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="项目1">{rows_xml}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, body) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", content.as_str()),
    ] {
        zip.start_file(name, stored).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn text_cell(t: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#
    )
}

#[test]
fn ods_percent_cells_read_as_shown() {
    let row = |cells: &[String]| format!("<table:table-row>{}</table:table-row>", cells.concat());
    let texts = |ts: &[&str]| row(&ts.iter().map(|t| text_cell(t)).collect::<Vec<_>>());
    let mut xml = String::new();
    xml.push_str(&texts(&["项目名称", "社区服务"]));
    // Two empty rows, written as one repeated row.
    xml.push_str(
        r#"<table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>"#,
    );
    xml.push_str(&texts(&[
        "一级指标",
        "二级指标",
        "三级指标",
        "指标方向",
        "指标值",
        "度量单位",
    ]));
    let mut cells: Vec<String> = ["产出指标", "质量指标", "验收合格率", "≥"]
        .iter()
        .map(|t| text_cell(t))
        .collect();
    cells.push(
        r#"<table:table-cell office:value-type="percentage" office:value="0.95"><text:p>95%</text:p></table:table-cell>"#
            .into(),
    );
    cells.push(text_cell("%"));
    xml.push_str(&row(&cells));
    let imported =
        jixiao::import::import_bytes(std::path::Path::new("表.ods"), "表.ods", &ods(&xml));
    assert_model(
        &imported,
        r#"
部门 "（部门名称未知）" {
  项目 "社区服务" {
    指标 {
      产出指标 {
        质量指标 {
          验收合格率 ≥ 95%
        }
      }
    }
  }
}
"#,
    );
}
