//! 允许 (JX-A): a project keeps one finding on purpose, with a written
//! reason: `允许 JX-G006 "原因"`. The allow removes that project's findings
//! with that code; it must name a code that exists and is not an error, must
//! give a reason, and must match something.

use crate::diagnostic::{codes, Diagnostic, Severity};
use crate::model::Project;

pub(super) fn apply(p: &Project, found: &mut Vec<Diagnostic>) {
    let mut notes = Vec::new();
    for a in &p.allows {
        let Some(code) = codes::find(a.code.trim()) else {
            let all = codes::ALL.iter().map(|c| c.code);
            let mut d = Diagnostic::new(
                &codes::ALLOW_UNKNOWN_CODE,
                format!("“允许”写的代码“{}”不存在", a.code),
            )
            .label(a.code_span, "没有这个代码");
            d = match crate::suggest::nearest(&a.code.to_uppercase(), all) {
                Some(n) => d.help(format!("是不是想写“{n}”？代码见 docs/findings.md")),
                None => {
                    d.help("代码写作 JX-G006 这样的形式，见 docs/findings.md 或检查输出中的方括号")
                }
            };
            notes.push(d);
            continue;
        };
        if code.severity == Severity::Error || code.code.starts_with("JX-A") {
            notes.push(
                Diagnostic::new(
                    &codes::ALLOW_UNKNOWN_CODE,
                    format!("{}（{}）不能被“允许”", code.code, code.title),
                )
                .label(a.code_span, "不能允许的代码")
                .help("只有警告和提示可以写明原因后保留；错误必须改正"),
            );
            continue;
        }
        let reason = a.reason.as_deref().map(str::trim).unwrap_or("");
        if reason.is_empty() {
            notes.push(
                Diagnostic::new(
                    &codes::ALLOW_NO_REASON,
                    format!("“允许 {}”没有写原因", code.code),
                )
                .label(a.span, "缺少原因")
                .help(format!(
                    "写明为什么保留，审核时可见，如：允许 {} \"经财政局同意，……\"",
                    code.code
                )),
            );
            continue;
        }
        let before = found.len();
        found.retain(|d| d.code != code.code);
        if found.len() == before {
            notes.push(
                Diagnostic::new(
                    &codes::ALLOW_UNUSED,
                    format!(
                        "“允许 {}”在项目“{}”中没有对应的发现（{}）",
                        code.code, p.name, code.title
                    ),
                )
                .label(a.span, "没有可允许的发现")
                .help("问题可能已经改正：删去这一行；或检查代码是否写对"),
            );
        }
    }
    found.extend(notes);
}
