//! A small document model rendered to text or Markdown, a few blocks at a
//! time: a report is written out one project after another.

use super::grid::{CompactRow, Grid};

pub enum Block {
    Title(String),
    Heading(String),
    Para(String),
    Grid(Grid),
    /// The department summary: one compact row per project.
    Summary(Grid<CompactRow>),
    List(Vec<String>),
}

#[derive(Default)]
pub struct Doc {
    pub blocks: Vec<Block>,
}

impl Doc {
    pub fn push(&mut self, b: Block) {
        self.blocks.push(b);
    }

    /// Append the blocks as text. `started`: blocks of the same document
    /// were written before these (a blank line goes before every block but
    /// paragraphs and lists, except the document's first).
    pub fn write_text(&self, out: &mut String, started: bool) {
        let start = out.len();
        self.write_text_raw(out, started);
        terminal_safe_from(out, start);
    }

    fn write_text_raw(&self, out: &mut String, started: bool) {
        for (i, b) in self.blocks.iter().enumerate() {
            if (started || i > 0) && !matches!(b, Block::Para(_) | Block::List(_)) {
                out.push('\n');
            }
            match b {
                Block::Title(t) => {
                    out.push_str(t);
                    out.push('\n');
                    let width = unicode_width::UnicodeWidthStr::width(t.as_str());
                    out.extend(std::iter::repeat_n('=', width));
                    out.push('\n');
                }
                Block::Heading(t) | Block::Para(t) => {
                    out.push_str(t);
                    out.push('\n');
                }
                Block::Grid(g) => g.write_text(out),
                Block::Summary(g) => g.write_text(out),
                Block::List(items) => {
                    for it in items {
                        out.push_str("  ");
                        out.push_str(it);
                        out.push('\n');
                    }
                }
            }
        }
    }

    /// Append the blocks as Markdown (each block stands on its own).
    pub fn write_markdown(&self, out: &mut String) {
        let start = out.len();
        self.write_markdown_raw(out);
        terminal_safe_from(out, start);
    }

    fn write_markdown_raw(&self, out: &mut String) {
        for b in &self.blocks {
            match b {
                Block::Title(t) => {
                    out.push_str("# ");
                    out.push_str(t);
                    out.push_str("\n\n");
                }
                Block::Heading(t) => {
                    out.push_str("## ");
                    out.push_str(t);
                    out.push_str("\n\n");
                }
                Block::Para(t) => {
                    out.push_str(t);
                    out.push_str("\n\n");
                }
                Block::Grid(g) => {
                    g.write_markdown(out);
                    out.push('\n');
                }
                Block::Summary(g) => {
                    g.write_markdown(out);
                    out.push('\n');
                }
                Block::List(items) => {
                    for it in items {
                        out.push_str("- ");
                        if it.contains('\n') {
                            out.push_str(&it.replace('\n', " "));
                        } else {
                            out.push_str(it);
                        }
                        out.push('\n');
                    }
                    out.push('\n');
                }
            }
        }
    }
}

/// The text and Markdown reports are read in a terminal: a control character
/// or bidi override from a name (issue 15) is replaced by a visible one of
/// the same length, as the diagnostics do (`crate::hidden`). JSON and CSV
/// keep names exact.
fn terminal_safe_from(out: &mut String, start: usize) {
    let Some(tail) = out.get(start..) else {
        return;
    };
    if let std::borrow::Cow::Owned(safe) = crate::hidden::terminal_safe_same_length(tail) {
        out.truncate(start);
        out.push_str(&safe);
    }
}
