//! `jixiao audit` outputs (issue 19): CSV (one row per finding), the
//! workbook (汇总, 发现), the HTML page (a section per form) and JSON, for a
//! folder of corpus forms one of which does not parse.

#[path = "common/cli.rs"]
mod cli;

/// A folder `表` with two corpus forms, `a-好` and `b,坏`, whose 自评 does
/// not parse and whose name holds a comma (quoted in CSV).
fn folder() -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    let corpus = cli::root().join("tests/corpus/selfeval");
    for (name, form) in [
        ("a-好", "anhui-xiaoxian-zhangzhuangzhai-2023-ziping"),
        ("b,坏", "shanghai-putuo-tiyuzhongxin-2022-ziping"),
    ] {
        let to = t.path().join("表").join(name);
        std::fs::create_dir_all(&to).unwrap();
        for f in ["申报.jx", "自评.jx"] {
            std::fs::copy(corpus.join(form).join(f), to.join(f)).unwrap();
        }
    }
    let bad = t.path().join("表/b,坏/自评.jx");
    let text = std::fs::read_to_string(&bad).unwrap();
    std::fs::write(&bad, text.replacen("得分", "得分 得分", 1)).unwrap();
    t
}

#[test]
fn csv_has_the_header_and_a_row_per_finding() {
    let t = folder();
    let run = cli::jixiao_in(t.path(), &["audit", "表", "--format", "csv"]);
    run.code(1);
    let mut lines = run.out.split("\r\n");
    assert_eq!(
        lines.next(),
        Some("\u{FEFF}表,项目,行,代码,级别,表上,算出,分差,说明")
    );
    let row = lines.next().unwrap();
    assert!(row.starts_with("\"表/b,坏\",,,JX-S"), "{}", run.out);
    assert!(row.contains(",错误,,,,"), "{row}");
}

#[test]
fn a_csv_row_gives_the_printed_and_the_computed_figure() {
    // 廊坊 prints 9 for 工程资金金额, which central-2020 computes as 8.62.
    let form = cli::root().join("tests/corpus/selfeval/hebei-langfang-shipinxuexiao-2019-ziping");
    let run = cli::jixiao(&["audit", form.to_str().unwrap(), "--format", "csv"]);
    run.code(0);
    let row = run
        .out
        .split("\r\n")
        .find(|l| l.contains(",工程资金金额,"))
        .unwrap_or_else(|| panic!("{}", run.out));
    assert!(
        row.contains(",工程资金金额,JX-H003,提示,9,8.62,0.38,"),
        "{row}"
    );
}

#[test]
fn the_workbook_has_the_summary_and_the_findings() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let t = folder();
    let out = t.path().join("复核.xlsx");
    let run = cli::jixiao_in(t.path(), &["audit", "表", "--xlsx", "复核.xlsx"]);
    run.code(1).has(&["已写出复核工作簿"]);
    let mut book: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(book.sheet_names(), ["汇总", "发现"]);
    let sheet = book.worksheet_range("汇总").unwrap();
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(
        rows[0].join(" "),
        "表 项目 印出的得分 重现 标出 错误 警告 提示 分差合计 最能重现的规则集"
    );
    // The form with an error first; counts are numbers.
    assert_eq!(rows[1][0], "表/b,坏");
    assert_eq!(sheet.get((1, 5)), Some(&Data::Float(1.0)));
    assert_eq!(
        rows[2][..4],
        ["表/a-好", "河西村特色种养补贴到户项目", "7", "7"]
    );
    assert_eq!(rows[2][9], "central-2020 7/7");
    assert!(rows[4][0].starts_with("共 2 张表、2 个项目"), "{rows:?}");
    let found = book.worksheet_range("发现").unwrap();
    assert_eq!(found.get((1, 0)), Some(&Data::String("表/b,坏".into())));
    assert_eq!(found.get((1, 4)), Some(&Data::String("错误".into())));
}

#[test]
fn the_page_has_a_section_per_form_linked_from_the_summary() {
    let t = folder();
    let run = cli::jixiao_in(t.path(), &["audit", "表", "--html", "复核.html"]);
    run.code(1).has(&["已写出复核报告网页"]);
    let page = std::fs::read_to_string(t.path().join("复核.html")).unwrap();
    for (id, label) in [("form-1", "表/a-好"), ("form-2", "表/b,坏")] {
        assert!(
            page.contains(&format!("<section id=\"{id}\">\n<h2>{label}</h2>")),
            "{page}"
        );
        assert!(
            page.contains(&format!("<a href=\"#{id}\">{label}</a>")),
            "{page}"
        );
    }
    assert!(
        page.contains("<th>central-2020（表内分值 采用）</th>"),
        "{page}"
    );
    assert!(page.contains("没有发现不一致"), "{page}");
    assert!(!page.contains("<script"), "self-contained, no script");
}

#[test]
fn json_has_every_form_and_the_summary() {
    let t = folder();
    let run = cli::jixiao_in(t.path(), &["audit", "表", "--format", "json"]);
    run.code(1);
    let v: serde_json::Value = serde_json::from_str(&run.out).unwrap();
    let forms = v["forms"].as_array().unwrap();
    assert_eq!(forms.len(), 2);
    assert_eq!(forms[0]["label"], "表/a-好");
    assert_eq!(forms[0]["projects"][0]["printed"], 7);
    assert!(forms[1]["errors"][0]["code"]
        .as_str()
        .unwrap()
        .starts_with("JX-S"));
    assert_eq!(v["summary"]["totals"]["forms"], 2);
    assert_eq!(v["summary"]["totals"]["errors"], 1);
    assert_eq!(v["summary"]["rows"][0]["form"], "表/b,坏");
}
