//! A small document model rendered to text or Markdown.

use super::grid::Grid;

pub enum Block {
    Title(String),
    Heading(String),
    Para(String),
    Grid(Grid),
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

    pub fn text(&self) -> String {
        let mut out = String::new();
        for (i, b) in self.blocks.iter().enumerate() {
            if i > 0 && !matches!(b, Block::Para(_) | Block::List(_)) {
                out.push('\n');
            }
            match b {
                Block::Title(t) => {
                    out.push_str(t);
                    out.push('\n');
                    out.push_str(&"=".repeat(unicode_width::UnicodeWidthStr::width(t.as_str())));
                    out.push('\n');
                }
                Block::Heading(t) => {
                    out.push_str(t);
                    out.push('\n');
                }
                Block::Para(t) => {
                    out.push_str(t);
                    out.push('\n');
                }
                Block::Grid(g) => out.push_str(&g.text()),
                Block::List(items) => {
                    for it in items {
                        out.push_str("  ");
                        out.push_str(it);
                        out.push('\n');
                    }
                }
            }
        }
        out
    }

    pub fn markdown(&self) -> String {
        let mut out = String::new();
        for b in &self.blocks {
            match b {
                Block::Title(t) => out.push_str(&format!("# {t}\n\n")),
                Block::Heading(t) => out.push_str(&format!("## {t}\n\n")),
                Block::Para(t) => out.push_str(&format!("{t}\n\n")),
                Block::Grid(g) => {
                    out.push_str(&g.markdown());
                    out.push('\n');
                }
                Block::List(items) => {
                    for it in items {
                        out.push_str(&format!("- {}\n", it.replace('\n', " ")));
                    }
                    out.push('\n');
                }
            }
        }
        out
    }
}
