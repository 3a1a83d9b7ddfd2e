//! Why no indicator header was found, when the text itself says so: the
//! cells are pressed together with nothing between them (中江, 原州: a
//! whole table on one line), or the text is in traditional characters
//! (丽江's 简转繁 copy, `一級 指標(biāo)`). Each names the cell and the place
//! in it where recognition stopped, for `JX-I017`.

use super::cells::Cell;

/// A reason the layout is not understood, at a byte range of the source.
pub(super) struct Reason {
    pub line: usize,
    pub start: usize,
    pub end: usize,
    /// The text from the place on, for the message.
    pub text: String,
    pub why: &'static str,
    pub help: &'static str,
}

/// Header and field words that are cells of their own in any form.
const CELL_WORDS: [&str; 6] = [
    "一级指标",
    "二级指标",
    "三级指标",
    "项目名称",
    "主管部门",
    "实施单位",
];

/// Traditional forms of the header's words.
const TRADITIONAL: [&str; 3] = ["一級", "指標", "項目名稱"];

const GLUED_HELP: &str = "这一格里栏目名和数值挤在一起，中间没有空格、换行或“|”（网页摘录或 OCR 把表格压平了），\
     分不出哪段是哪一格，粘连的数（如“202010100.00%10”）也无法可靠拆开。请从原文件重新取文（保留表格的分隔），\
     或把表格另存为 .xlsx 后再导入";

const TRADITIONAL_HELP: &str = "jixiao 只认简体字的栏目名（“一级指标”“项目名称”……）。这份文本是繁体字（网页转载时做了\
     简转繁，还可能在字后夹了拼音，如“項(xiàng)目”）。请找简体的原表，或先把文本转成简体、删去夹注的拼音后再导入";

/// The first reason found in the cells, if any.
pub(super) fn reason(all: &[Cell]) -> Option<Reason> {
    traditional(all).or_else(|| glued(all))
}

fn at(c: &Cell, offset: usize, word: &str, why: &'static str, help: &'static str) -> Reason {
    Reason {
        line: c.line,
        start: c.start + offset,
        end: c.start + offset + word.len(),
        text: c.text.get(offset..).unwrap_or("").to_string(),
        why,
        help,
    }
}

/// The first cell with `一級`, else `指標`: the header in traditional
/// characters.
fn traditional(all: &[Cell]) -> Option<Reason> {
    TRADITIONAL.iter().find_map(|w| {
        all.iter().find_map(|c| {
            let offset = c.text.find(w)?;
            Some(at(c, offset, w, "文本是繁体字", TRADITIONAL_HELP))
        })
    })
}

/// A cell holding two of the words that are cells of their own
/// (`…项目名称甲项目主管部门某局…`, `二级指标三级指标`): the cells are
/// glued. Named at the header's first word in it, else at its first word.
fn glued(all: &[Cell]) -> Option<Reason> {
    let is_glued = |c: &&Cell| CELL_WORDS.iter().filter(|w| c.text.contains(**w)).count() >= 2;
    let glued: Vec<&Cell> = all.iter().filter(is_glued).collect();
    let header_word = glued.iter().find_map(|c| {
        CELL_WORDS
            .iter()
            .take(3)
            .find_map(|w| c.text.find(w).map(|o| (*c, o, *w)))
    });
    let (c, offset, word) = header_word.or_else(|| {
        glued.first().and_then(|c| {
            CELL_WORDS
                .iter()
                .filter_map(|w| c.text.find(w).map(|o| (o, *w)))
                .min()
                .map(|(o, w)| (*c, o, w))
        })
    })?;
    Some(at(c, offset, word, "各格连在一起，没有分隔", GLUED_HELP))
}
