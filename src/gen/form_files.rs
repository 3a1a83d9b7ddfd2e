//! Writing generated forms to a folder (`jixiao gen --forms N -o DIR`):
//! `表0001.jx` …, and `planted.tsv` listing what was planted where.

use super::forms::{forms, plant_rng};
use super::plant::{plant, Kind, Planted};
use crate::model::rules::RuleSet;
use std::path::Path;

/// What to write.
#[derive(Clone, Copy, Debug)]
pub struct FormsOptions {
    pub forms: usize,
    /// About this percentage of the forms get one plant.
    pub plant: u64,
    pub seed: u64,
}

/// One row of `planted.tsv`: a finding the audit must report.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PlantedRow {
    pub file: String,
    pub project: String,
    /// [`crate::audit::Line`] as displayed.
    pub line: String,
    pub code: String,
}

/// The header of `planted.tsv`.
pub const PLANTED_HEADER: &str = "文件\t项目\t行\t代码";

/// The file name of form `i` (from 0): `表0001.jx`.
pub fn file_name(i: usize) -> String {
    format!("表{:04}.jx", i + 1)
}

/// The forms' files (name, text) and the plants, without writing anything.
/// Plants are dealt round-robin over [`Kind::ALL`]; a form with no line a
/// kind fits gets the next kind that fits.
pub fn render(options: &FormsOptions) -> (Vec<(String, String)>, Vec<PlantedRow>) {
    let (rules, _) = crate::parse_rules(crate::DEFAULT_RULES_NAME, crate::DEFAULT_RULES);
    let mut files = Vec::with_capacity(options.forms);
    let mut planted = Vec::new();
    let mut next = 0usize;
    for (i, mut form) in forms(options.forms, options.seed).into_iter().enumerate() {
        let file = file_name(i);
        let mut r = plant_rng(options.seed, i);
        if let (true, Some(rules)) = (r.chance(options.plant), &rules) {
            if let Some((after, found)) = deal(&mut form, next, rules, &mut r) {
                next = after;
                planted.extend(found.into_iter().map(|p| PlantedRow {
                    file: file.clone(),
                    project: form.project.clone(),
                    line: p.line.to_string(),
                    code: p.code.to_string(),
                }));
            }
        }
        files.push((file, form.text()));
    }
    (files, planted)
}

/// Plant the first kind from `next` on that fits: the index after it, and
/// what was planted.
fn deal(
    form: &mut super::forms::Form,
    next: usize,
    rules: &RuleSet,
    r: &mut super::Rng,
) -> Option<(usize, Vec<Planted>)> {
    let n = Kind::ALL.len();
    (0..n).find_map(|k| {
        let at = (next + k) % n;
        let kind = *Kind::ALL.get(at)?;
        plant(form, kind, rules, r).map(|p| ((at + 1) % n, p))
    })
}

/// Write the forms and `planted.tsv` into `dir` (created if need be).
pub fn write(dir: &Path, options: &FormsOptions) -> Result<Vec<PlantedRow>, String> {
    let io = |path: &Path, e: std::io::Error| {
        format!(
            "无法写入“{}”：{}",
            path.display(),
            crate::files::io_message(&e)
        )
    };
    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    let (files, planted) = render(options);
    for (name, text) in &files {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| io(&path, e))?;
    }
    let mut tsv = String::from(PLANTED_HEADER);
    tsv.push('\n');
    for p in &planted {
        tsv.push_str(&format!(
            "{}\t{}\t{}\t{}\n",
            p.file, p.project, p.line, p.code
        ));
    }
    let path = dir.join("planted.tsv");
    std::fs::write(&path, tsv).map_err(|e| io(&path, e))?;
    Ok(planted)
}
