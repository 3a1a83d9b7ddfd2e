//! The self-evaluation as one self-contained HTML page: the department's
//! totals and grades, 执行率 against score, every shortfall with its
//! explanation, and per project the score against the points of each
//! first-level group. No script, no external asset (a Content-Security-Policy
//! forbids both), inline CSS and inline SVG; prints on A4.

mod svg;

use crate::model::display::{money, num, percent, score};
use crate::model::evaluation::{Evaluation, IndicatorEvaluation, ProjectEvaluation};
use crate::report::columns::{self, form_project_columns, Column, Look, ProjectColumn, Shown};
use crate::report::selfeval::deviation;
use rust_decimal::Decimal;

const CSS: &str = include_str!("style.css");

/// Escape text for HTML element content and attribute values. A control
/// character (not allowed in HTML, nor in the inline SVG's XML) or a
/// bidirectional control (it would reorder the rest of the line: a name
/// would show as something it is not) becomes U+FFFD `�`, so the reader
/// sees that something is there (issue 15; `jixiao check` reports it as
/// JX-M015/M016). Line breaks and tabs stay.
pub fn escape(s: &str) -> String {
    use crate::hidden::{kind, Hidden};
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(ch),
            c => match kind(c) {
                Some(Hidden::Control | Hidden::Bidi) => out.push('\u{FFFD}'),
                Some(Hidden::Invisible) | None => out.push(c),
            },
        }
    }
    out
}

fn opt_score(s: Option<Decimal>) -> String {
    s.map(|s| score(s, 2)).unwrap_or_else(|| "—".into())
}

fn opt_money(s: Option<Decimal>) -> String {
    s.map(money).unwrap_or_else(|| "—".into())
}

fn opt_percent(s: Option<Decimal>) -> String {
    s.map(percent).unwrap_or_else(|| "—".into())
}

/// An indicator that lost points, was not met, or has no actual.
pub fn is_shortfall(i: &IndicatorEvaluation) -> bool {
    i.missing || i.met == Some(false) || i.score.is_none_or(|s| s < i.points)
}

fn badge(grade: Option<&str>) -> String {
    format!(
        "<span class=\"badge\" style=\"background:{}\">{}</span>",
        svg::grade_colour(grade),
        escape(grade.unwrap_or("—"))
    )
}

/// The start of a self-contained page, up to `<body>`: nothing is
/// fetched (the content security policy forbids it), the style inline.
pub(crate) fn head(title: &str) -> String {
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str("<meta name=\"generator\" content=\"jixiao\">\n");
    h.push_str(&format!("<title>{}</title>\n", escape(title)));
    h.push_str(&format!("<style>\n{CSS}</style>\n</head>\n<body>\n"));
    h
}

/// The whole page.
pub fn render(ev: &Evaluation) -> String {
    let dept = ev.department.clone().unwrap_or_default();
    let year = ev.year.map(|y| format!(" {y} 年度")).unwrap_or_default();
    let title = format!("{dept}{year}项目支出绩效自评报告");
    let mut h = head(&title);
    h.push_str(&format!(
        "<header>\n<h1 id=\"title\">{}</h1>\n<p class=\"meta\">{}</p>\n</header>\n",
        escape(&title),
        escape(&rules_line(ev))
    ));
    summary(&mut h, ev);
    shortfalls(&mut h, ev);
    h.push_str("<section id=\"projects\">\n<h2>各项目得分</h2>\n");
    for (k, p) in ev.projects.iter().enumerate() {
        project(&mut h, k + 1, p);
    }
    h.push_str("</section>\n");
    h.push_str("<footer>由 jixiao 根据申报文件、自评数据和规则集计算生成；分数为精确计算后按两位小数显示。</footer>\n");
    h.push_str("</body>\n</html>\n");
    h
}

fn rules_line(ev: &Evaluation) -> String {
    let r = &ev.rules;
    let mut s = format!("规则集：{}", r.name);
    if let Some(t) = &r.title {
        s.push_str(&format!(" {t}"));
    }
    if let Some(src) = &r.source {
        s.push_str(&format!("；来源 {src}"));
    }
    s
}

fn summary(h: &mut String, ev: &Evaluation) {
    let s = &ev.summary;
    h.push_str("<section id=\"summary\">\n<h2>部门汇总</h2>\n<dl class=\"kpis\">\n");
    let grades: Vec<String> = s.grades.iter().map(|(g, n)| format!("{g} {n}")).collect();
    for (id, k, v) in [
        ("kpi-projects", "项目数", s.projects.to_string()),
        ("kpi-average", "平均分", opt_score(s.average)),
        ("kpi-budget", "全年预算数（元）", opt_money(s.budget)),
        ("kpi-spent", "全年执行数（元）", opt_money(s.spent)),
        ("kpi-rate", "预算执行率", opt_percent(s.execution_rate)),
        ("kpi-grades", "等级分布", grades.join("　")),
    ] {
        h.push_str(&format!(
            "<div id=\"{id}\"><dt>{k}</dt><dd>{}</dd></div>\n",
            escape(&v)
        ));
    }
    h.push_str("</dl>\n<div class=\"charts\">\n");
    let rows: Vec<(String, Option<Decimal>, Option<String>)> = ev
        .projects
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let grade = p.grade.as_deref().map(String::from);
            (format!("{} {}", k + 1, p.name), p.total, grade)
        })
        .collect();
    h.push_str("<figure>\n");
    h.push_str(&svg::totals("chart-totals", &rows));
    h.push_str("\n<figcaption>各项目总分与等级（颜色表示等级；竖线为 60、80、90 分）</figcaption>\n</figure>\n");
    let points: Vec<_> = ev
        .projects
        .iter()
        .enumerate()
        .map(|(k, p)| {
            (
                k + 1,
                p.name.to_string(),
                p.execution_rate,
                p.total,
                p.grade.as_deref().map(String::from),
            )
        })
        .collect();
    h.push_str("<figure>\n");
    h.push_str(&svg::scatter("chart-scatter", &points));
    h.push_str(
        "\n<figcaption>预算执行率与总分（点旁数字为下表序号）</figcaption>\n</figure>\n</div>\n",
    );
    let columns: Vec<ProjectColumn> = form_project_columns().collect();
    let headers = columns.iter().map(|c| c.spec().form_header);
    table_head(h, "<table id=\"summary-table\">", headers);
    for (k, p) in ev.projects.iter().enumerate() {
        let n = k + 1;
        h.push_str(&format!("<tr id=\"summary-{n}\">"));
        for c in &columns {
            let text = escape(&columns::project_text(c.cell(n, p)));
            match c {
                ProjectColumn::Name => {
                    h.push_str(&format!("<td><a href=\"#project-{n}\">{text}</a></td>"))
                }
                ProjectColumn::Number
                | ProjectColumn::Budget
                | ProjectColumn::Spent
                | ProjectColumn::Rate
                | ProjectColumn::ExecutionScore
                | ProjectColumn::IndicatorScore
                | ProjectColumn::Adjusted => h.push_str(&format!("<td class=\"num\">{text}</td>")),
                ProjectColumn::Total => h.push_str(&format!("<td class=\"num total\">{text}</td>")),
                ProjectColumn::Grade => h.push_str(&format!("<td class=\"grade\">{text}</td>")),
            }
        }
        h.push_str("</tr>\n");
    }
    h.push_str(&format!(
        "<tr class=\"sum\"><td></td><td>合计</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td colspan=\"2\">平均分</td><td class=\"num\" id=\"average\">{}</td><td></td></tr>\n",
        opt_money(s.budget),
        opt_money(s.spent),
        opt_percent(s.execution_rate),
        opt_score(s.average)
    ));
    h.push_str("</tbody>\n</table>\n</section>\n");
}

/// A table's opening tag, its header row, and the body's opening tag.
fn table_head<'a>(h: &mut String, table: &str, headers: impl Iterator<Item = &'a str>) {
    h.push_str(table);
    h.push_str("\n<thead><tr>");
    for header in headers {
        h.push_str("<th>");
        h.push_str(header);
        h.push_str("</th>");
    }
    h.push_str("</tr></thead>\n<tbody>\n");
}

/// The budget table of a project whose 自评 has a budget section (`预算 { … }`):
/// 年度资金总额 and the rows under it, what the form printed beside what
/// jixiao computes. A project with only `预算`/`执行` lines has its 执行率 in
/// the line above, as before.
fn funds(h: &mut String, p: &ProjectEvaluation) {
    if p.budget_rows.is_empty() {
        return;
    }
    let rows = columns::funds_rows(p);
    let shown = columns::funds_columns(&rows);
    table_head(
        h,
        "<table class=\"funds\">",
        shown.iter().map(|c| c.spec().header),
    );
    for r in &rows {
        h.push_str("<tr>");
        for c in &shown {
            h.push_str(match c.spec().look {
                Look::Group | Look::Text => "<td>",
                Look::Number => "<td class=\"num\">",
            });
            h.push_str(&escape(&columns::funds_text(c.cell(r), r.total)));
            h.push_str("</td>");
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n");
}

fn shortfalls(h: &mut String, ev: &Evaluation) {
    h.push_str("<section id=\"shortfalls\">\n<h2>扣分与未达成指标</h2>\n");
    let mut rows = String::new();
    let mut count = 0;
    for (k, p) in ev.projects.iter().enumerate() {
        for i in p.indicators.iter().filter(|i| is_shortfall(i)) {
            count += 1;
            let note = deviation(i);
            let note = if note.is_empty() {
                "<span class=\"missing-note\">（未填写）</span>".to_string()
            } else if i.explanation_required && !i.explanation_present && !i.missing {
                format!("<span class=\"missing-note\">{}</span>", escape(&note))
            } else {
                escape(&note)
            };
            rows.push_str(&format!(
                "<tr><td>{} {}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{note}</td></tr>\n",
                k + 1,
                escape(&p.name),
                escape(&format!("{} / {} / {}", i.level1, i.level2, i.name)),
                escape(&i.target),
                escape(i.actual.as_deref().unwrap_or("（缺）")),
                num(i.points),
                opt_score(i.score),
            ));
        }
    }
    h.push_str(&format!(
        "<p id=\"shortfall-count\">共 {count} 项指标未得满分或未达成（预算执行率得分见部门汇总表）。</p>\n"
    ));
    h.push_str("<table id=\"shortfall-table\">\n<thead><tr><th>项目</th><th>指标（一级 / 二级 / 三级）</th><th>年度指标值</th><th>实际完成值</th><th>分值</th><th>得分</th><th>偏差原因分析及改进措施</th></tr></thead>\n<tbody>\n");
    h.push_str(&rows);
    h.push_str("</tbody>\n</table>\n</section>\n");
}

fn project(h: &mut String, n: usize, p: &ProjectEvaluation) {
    h.push_str(&format!(
        "<article class=\"project\" id=\"project-{n}\">\n<h3>{n} {}</h3>\n",
        escape(&p.name)
    ));
    if !p.people.is_empty() {
        let people: Vec<String> = p
            .people
            .iter()
            .map(|x| format!("{}：{}", x.field, escape(&x.value)))
            .collect();
        h.push_str(&format!("<p class=\"people\">{}</p>\n", people.join("　")));
    }
    h.push_str(&format!(
        "<p class=\"total-line\">总分 <strong class=\"total\">{}</strong> 分　等级 {}　预算执行率 {}</p>\n",
        opt_score(p.total),
        badge(p.grade.as_deref()),
        opt_percent(p.execution_rate)
    ));
    // Why there is no grade (JX-V050), and what the form printed.
    if let Some(why) = &p.grade_withheld {
        h.push_str(&format!(
            "<p class=\"withheld\">不评等级：{}</p>\n",
            escape(why)
        ));
    }
    let printed = columns::printed_total_text(p);
    if !printed.is_empty() || p.printed_grade.is_some() {
        let mut line = printed;
        if let Some(g) = &p.printed_grade {
            let mark = if p.grade.as_ref() == Some(g) {
                ""
            } else {
                columns::DIFFERS
            };
            if !line.is_empty() {
                line.push('，');
            }
            line.push_str(&format!("表内等级 {g}{mark}"));
        }
        h.push_str(&format!("<p class=\"printed\">{}</p>\n", escape(&line)));
    }
    funds(h, p);
    let mut bars = vec![svg::Bar {
        label: "预算执行率".into(),
        points: p.execution_points,
        score: p.execution_score,
    }];
    for g in &p.groups {
        bars.push(svg::Bar {
            label: g.name.to_string(),
            points: g.points,
            score: g.score,
        });
    }
    h.push_str("<figure>\n");
    h.push_str(&svg::bullet(
        &format!("chart-project-{n}"),
        &format!("{}：各一级指标得分与分值", p.name),
        &bars,
    ));
    h.push_str(
        "\n<figcaption>灰条为分值，彩条为得分（绿：满分；橙：扣分）</figcaption>\n</figure>\n",
    );
    // Columns only some projects fill (表内分值, 表内得分) where this one does.
    let columns: Vec<Column> = columns::shown(|s| s.html)
        .filter(|c| {
            c.spec().table != Shown::WhenAny || p.indicators.iter().any(|i| c.cell(i).is_present())
        })
        .collect();
    let headers = columns.iter().map(|c| c.spec().header);
    table_head(h, "<table class=\"indicators\">", headers);
    for i in &p.indicators {
        h.push_str("<tr>");
        for c in &columns {
            h.push_str(match c.spec().look {
                Look::Group | Look::Text => "<td>",
                Look::Number => "<td class=\"num\">",
            });
            h.push_str(&escape(&columns::text(c.cell(i))));
            h.push_str("</td>");
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n</article>\n");
}
