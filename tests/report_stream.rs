//! Reports written a project at a time (`report::stream`): parts rendered on
//! several threads and pushed in project order make the same bytes as the
//! whole-evaluation renderers, in every format, with and without --explain;
//! and the JSON is the evaluation serialized whole, as it always was.

use jixiao::model::evaluation::Evaluation;
use jixiao::report::stream::{Head, Part, Stream};
use jixiao::report::{self, Format};
use jixiao::Evaluated;
use rayon::prelude::*;
use std::path::PathBuf;

const FORMATS: [Format; 4] = [Format::Table, Format::Markdown, Format::Csv, Format::Json];

/// A generated department of `projects` projects with its actuals.
fn generated(projects: usize) -> Evaluated {
    let options = jixiao::gen::Options {
        projects,
        seed: 11,
        departments: 1,
    };
    let departments = jixiao::gen::generate(&options);
    let d = &departments[0];
    jixiao::evaluate_text(&jixiao::gen::declaration(d), &jixiao::gen::actuals(d), None)
}

/// The bundled example (with manual scores, so the summary's 含人工调整
/// column), found as `jixiao eval examples/songjiang-npc-2025` finds it.
fn example() -> Evaluated {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/songjiang-npc-2025");
    jixiao::evaluate_paths(&[dir], None, None, &jixiao::LoadOptions::default())
}

fn evaluation(run: &Evaluated) -> &Evaluation {
    run.evaluation.as_ref().expect("evaluated")
}

fn whole(run: &Evaluated, format: Format, explain: bool) -> String {
    let ev = evaluation(run);
    match format {
        Format::Table => report::table(ev, explain),
        Format::Markdown => report::markdown(ev, explain),
        Format::Csv => report::csv::render(ev),
        Format::Json => report::json(ev, &run.diagnostics, run.sources()),
    }
}

/// Each project's part, rendered on a pool of four threads in no particular
/// order, collected in project order.
fn parts(ev: &Evaluation, stream: &Stream) -> Vec<Part> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(4)
        .build()
        .unwrap();
    pool.install(|| ev.projects.par_iter().map(|p| stream.project(p)).collect())
}

/// begin + push(part) for each part in the order given + end.
fn streamed(
    run: &Evaluated,
    format: Format,
    explain: bool,
    arrange: impl FnOnce(&mut Vec<Part>),
) -> String {
    let ev = evaluation(run);
    let mut stream = Stream::new(format, explain);
    let mut out = stream.begin(&Head {
        rules: &ev.rules,
        department: ev.department.as_deref(),
        year: ev.year,
    });
    let mut parts = parts(ev, &stream);
    arrange(&mut parts);
    for part in parts {
        out.push_str(&stream.push(part));
    }
    out.push_str(&stream.end(&ev.summary, &run.diagnostics, run.sources()));
    out
}

/// The JSON as `report::json` wrote it before it was streamed: the whole
/// evaluation through serde_json's pretty printer.
fn json_whole(run: &Evaluated) -> String {
    #[derive(serde::Serialize)]
    struct Doc<'a> {
        format: &'static str,
        version: u32,
        #[serde(flatten)]
        evaluation: &'a Evaluation,
        diagnostics: jixiao::diagnostic::json::JsonReport,
    }
    serde_json::to_string_pretty(&Doc {
        format: "jixiao-evaluation",
        version: 1,
        evaluation: evaluation(run),
        diagnostics: jixiao::diagnostic::json::report(&run.diagnostics, run.sources()),
    })
    .unwrap()
}

fn assert_same(run: &Evaluated, what: &str) {
    for format in FORMATS {
        for explain in [false, true] {
            let expected = whole(run, format, explain);
            let got = streamed(run, format, explain, |_| {});
            assert!(
                got == expected,
                "{what}, {format:?}, explain {explain}: the streamed report differs"
            );
        }
    }
    assert_eq!(whole(run, Format::Json, false), json_whole(run), "{what}");
}

#[test]
fn streamed_reports_of_a_generated_department_are_the_whole_reports() {
    let run = generated(300);
    let ev = evaluation(&run);
    assert_eq!(ev.projects.len(), 300);
    assert_same(&run, "300 generated projects");
    // Every project is in each report once, in order.
    let table = whole(&run, Format::Table, false);
    let mut at = 0;
    for p in &ev.projects {
        let heading = format!("\n项目名称：{}\n", p.name);
        let found = table[at..].find(&heading).expect("each project's 自评表");
        at += found + heading.len();
    }
    let csv = whole(&run, Format::Csv, false);
    let indicators: usize = ev.projects.iter().map(|p| p.indicators.len()).sum();
    // The department summary's rows: 合计, 平均分, 5 counts, one per grade.
    let summary = 2 + 5 + ev.summary.grades.len();
    assert_eq!(
        csv.matches("\r\n").count(),
        1 + indicators + 2 * 300 + summary
    );
    let json: serde_json::Value = serde_json::from_str(&whole(&run, Format::Json, false)).unwrap();
    let names: Vec<&str> = json["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = ev.projects.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, expected);
}

#[test]
fn streamed_reports_of_the_example_are_the_whole_reports() {
    let run = example();
    let ev = evaluation(&run);
    assert_eq!(ev.projects.len(), 9);
    assert!(ev.projects.iter().any(|p| p.adjusted_total.is_some()));
    assert!(
        !run.diagnostics.is_empty(),
        "the JSON ends with diagnostics"
    );
    assert_same(&run, "the example");
    assert!(whole(&run, Format::Table, false).contains("含人工调整"));
}

/// The 含人工调整 column of the summary is decided at the end: a manual
/// score in the last project alone adds it to every row.
#[test]
fn an_adjusted_total_in_the_last_project_adds_the_summary_column() {
    let mut run = generated(40);
    let ev = run.evaluation.as_mut().unwrap();
    assert!(ev.projects.iter().all(|p| p.adjusted_total.is_none()));
    let last = ev.projects.last_mut().unwrap();
    last.adjusted_total = Some(rust_decimal::Decimal::new(9_912, 2));
    assert_same(&run, "an adjusted last project");
    let table = whole(&run, Format::Table, false);
    let summary = &table[table.find("\n部门汇总\n").unwrap()..];
    assert!(summary.contains("  等级  含人工调整\n"), "{summary}");
    assert!(summary.contains("  99.12\n"), "{summary}");
}

#[test]
fn a_department_without_projects() {
    let run = jixiao::evaluate_text(
        "部门 \"示例局\" {\n  年度 2025\n}\n",
        "自评 \"示例局\" 2025 {\n}\n",
        None,
    );
    assert!(evaluation(&run).projects.is_empty());
    assert_same(&run, "no projects");
    let json = whole(&run, Format::Json, false);
    assert!(
        json.contains("\n  \"projects\": [],\n  \"summary\": {\n"),
        "{json}"
    );
    assert!(json.ends_with("\n  }\n}"), "{json}");
}

/// The comparison above sees a part dropped, repeated or out of order.
#[test]
fn a_part_dropped_or_out_of_order_is_seen() {
    let run = generated(12);
    for format in FORMATS {
        let expected = whole(&run, format, false);
        let swapped = streamed(&run, format, false, |parts| parts.swap(3, 4));
        let dropped = streamed(&run, format, false, |parts| {
            parts.remove(7);
        });
        assert_ne!(swapped, expected, "{format:?}");
        assert_ne!(dropped, expected, "{format:?}");
    }
}

#[test]
fn streams_and_parts_cross_threads() {
    fn sync<T: Sync>() {}
    fn send<T: Send>() {}
    sync::<Stream>();
    send::<Stream>();
    send::<Part>();
}
