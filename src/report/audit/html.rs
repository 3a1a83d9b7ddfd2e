//! The audit as one self-contained page: the summary table, each form
//! linked to its section, and per form its findings and the explain table
//! (how many printed scores each shipped rule set reproduces).

use super::{finding_rows, FINDING_HEADER};
use crate::audit::summary::{exact, Summary};
use crate::audit::FormAudit;
use crate::report::html::{escape, head};

/// The anchor of a form's section.
fn anchor(k: usize) -> String {
    format!("form-{}", k + 1)
}

/// The whole page.
pub fn render(audits: &[FormAudit], summary: &Summary) -> String {
    let mut h = head("自评复核");
    h.push_str("<header>\n<h1 id=\"title\">自评复核</h1>\n");
    h.push_str(&format!(
        "<p class=\"meta\">{}</p>\n</header>\n",
        escape(&summary.totals_line())
    ));
    h.push_str("<section id=\"summary\">\n<h2>汇总</h2>\n<table>\n");
    let cells = summary.cells();
    let mut rows = cells.iter();
    if let Some(head) = rows.next() {
        h.push_str("<tr>");
        for c in head {
            h.push_str(&format!("<th>{}</th>", escape(c)));
        }
        h.push_str("</tr>\n");
    }
    for row in rows {
        h.push_str("<tr>");
        for (k, c) in row.iter().enumerate() {
            let cell = match (k, audits.iter().position(|a| a.label == *c)) {
                (0, Some(at)) => format!("<a href=\"#{}\">{}</a>", anchor(at), escape(c)),
                _ => escape(c),
            };
            let class = if (2..9).contains(&k) {
                " class=\"num\""
            } else {
                ""
            };
            h.push_str(&format!("<td{class}>{cell}</td>"));
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</table>\n</section>\n");
    for (k, a) in audits.iter().enumerate() {
        form(&mut h, k, a);
    }
    h.push_str("<footer>由 jixiao audit 生成：表上印的数字与按规则集重算的结果、与表内其他数字逐一核对。</footer>\n");
    h.push_str("</body>\n</html>\n");
    h
}

fn form(h: &mut String, k: usize, a: &FormAudit) {
    h.push_str(&format!(
        "<section id=\"{}\">\n<h2>{}</h2>\n",
        anchor(k),
        escape(&a.label)
    ));
    if let Some(r) = &a.rules {
        h.push_str(&format!("<p class=\"meta\">规则集：{}</p>\n", escape(r)));
    }
    let rows = finding_rows(std::slice::from_ref(a));
    if rows.is_empty() {
        h.push_str("<p>没有发现不一致。</p>\n");
    } else {
        h.push_str("<table>\n<tr>");
        for c in FINDING_HEADER.iter().skip(1) {
            h.push_str(&format!("<th>{c}</th>"));
        }
        h.push_str("</tr>\n");
        for f in rows {
            let n = |d: Option<rust_decimal::Decimal>| d.map(exact).unwrap_or_default();
            h.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>\n",
                escape(f.project),
                escape(&f.line),
                escape(f.code),
                f.severity,
                n(f.printed),
                n(f.computed),
                n(f.stake),
                escape(f.message)
            ));
        }
        h.push_str("</table>\n");
    }
    explained(h, a);
    h.push_str("</section>\n");
}

/// How many printed scores each shipped rule set reproduces.
fn explained(h: &mut String, a: &FormAudit) {
    let Some(first) = a.explained.first() else {
        return;
    };
    h.push_str("<h3>表上印的指标得分，各规则集重现了几项</h3>\n<table>\n<tr><th>项目</th><th>表内得分</th>");
    for (name, _) in &first.reproduced {
        h.push_str(&format!("<th>{}</th>", escape(name)));
    }
    h.push_str("</tr>\n");
    for e in &a.explained {
        h.push_str(&format!(
            "<tr><td>{}</td><td class=\"num\">{} 项</td>",
            escape(&e.project),
            e.printed
        ));
        for (_, n) in &e.reproduced {
            h.push_str(&format!("<td class=\"num\">{n}/{}</td>", e.printed));
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</table>\n");
}
