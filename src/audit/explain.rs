//! Which rule set explains the scores a 自评表 printed (issue 19). Each
//! shipped rule set (and central-2020 taking the form's own points,
//! `表内分值 采用`) scores the same actuals; for each project, the number of printed indicator scores it reproduces exactly is
//! counted — the same comparison as eval's `≠` mark. A reviewer sees which
//! rule the office actually used ("central 7/9, 采用 9/9").

use crate::engine;
use crate::model::evaluation::Actuals;
use crate::model::Workspace;
use crate::pipeline::parse_rules;
use serde::Serialize;

/// The rule sets an audit tries: (name shown, rule-set text).
pub fn shipped_rule_sets() -> Vec<(&'static str, String)> {
    let central = include_str!("../../rules/central-2020.jx");
    vec![
        ("central-2020", central.to_string()),
        (
            "central-2020（表内分值 采用）",
            central.replacen("表内分值 折算", "表内分值 采用", 1),
        ),
        (
            "hubei-2020",
            include_str!("../../rules/hubei-2020.jx").to_string(),
        ),
        (
            "sichuan-2022",
            include_str!("../../rules/sichuan-2022.jx").to_string(),
        ),
    ]
}

/// One project's printed scores and how many each rule set reproduces.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Explained {
    pub project: String,
    /// Indicators with a printed 得分.
    pub printed: usize,
    /// (rule set, printed scores it reproduces), in [`shipped_rule_sets`] order.
    pub reproduced: Vec<(String, usize)>,
}

/// For each project with printed indicator scores: how many of them each
/// shipped rule set reproduces. A rule set that cannot be read is skipped
/// (the shipped ones are tested to read).
pub fn explain(workspace: &Workspace, actuals: &Actuals) -> Vec<Explained> {
    let mut out: Vec<Explained> = Vec::new();
    for (name, text) in shipped_rule_sets() {
        let (Some(rules), _) = parse_rules(name, &text) else {
            continue;
        };
        let evaluation = engine::evaluate(workspace, actuals, &rules);
        for p in &evaluation.projects {
            let printed: Vec<_> = p
                .indicators
                .iter()
                .filter(|i| i.printed_score.is_some())
                .collect();
            if printed.is_empty() {
                continue;
            }
            let same = printed.iter().filter(|i| !i.printed_differs()).count();
            let project = p.name.to_string();
            match out.iter_mut().find(|e| e.project == project) {
                Some(e) => e.reproduced.push((name.to_string(), same)),
                None => out.push(Explained {
                    project,
                    printed: printed.len(),
                    reproduced: vec![(name.to_string(), same)],
                }),
            }
        }
    }
    out
}
