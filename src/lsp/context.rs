//! Where the cursor is, for completion: the blocks open around it and
//! the statement typed so far on its line — one pass over the text before
//! the cursor, skipping strings and comments (no parse: the text is being
//! typed and rarely parses).

/// A block open at the cursor: the first word of its header (`项目`,
/// `指标`, `产出指标`, `自评` …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Open {
    pub head: String,
}

/// What the text before the cursor says.
#[derive(Debug, Default)]
pub struct Context {
    /// The blocks open at the cursor, outermost first (at most
    /// [`MAX_DEPTH`]; deeper ones are counted in `hidden`).
    pub open: Vec<Open>,
    /// Blocks open deeper than [`MAX_DEPTH`].
    pub hidden: usize,
    /// The statement typed so far: from the last line break, `;`, `{` or
    /// `}` to the cursor, comments left out.
    pub typed: String,
    /// The cursor is inside a string or a comment.
    pub in_text: bool,
}

/// Deeper blocks than this are not told apart (the language has five).
pub const MAX_DEPTH: usize = 32;

/// The longest statement kept: a longer line is no place for completion.
const MAX_TYPED: usize = 4096;

impl Context {
    /// The context at the end of `before` (the text before the cursor).
    pub fn of(before: &str) -> Context {
        let mut cx = Context::default();
        let mut chars = before.chars().peekable();
        let mut string: Option<bool> = None; // Some(triple)
        let mut comment = false;
        let mut quotes = 0usize; // consecutive `"` inside a triple string
        while let Some(c) = chars.next() {
            if comment {
                if c == '\n' {
                    comment = false;
                    cx.typed.clear();
                }
                continue;
            }
            if let Some(triple) = string {
                cx.push(c);
                if triple {
                    quotes = if c == '"' { quotes + 1 } else { 0 };
                    if quotes >= 3 {
                        string = None;
                        quotes = 0;
                    }
                } else if c == '"' || c == '\n' {
                    string = None;
                    if c == '\n' {
                        cx.typed.clear();
                    }
                } else if c == '\\' {
                    if let Some(next) = chars.next() {
                        cx.push(next);
                    }
                }
                continue;
            }
            match c {
                '#' => comment = true,
                '"' => {
                    cx.push(c);
                    let mut rest = chars.clone();
                    if rest.next() == Some('"') && rest.next() == Some('"') {
                        chars.next();
                        chars.next();
                        cx.push('"');
                        cx.push('"');
                        string = Some(true);
                        quotes = 0;
                    } else {
                        string = Some(false);
                    }
                }
                '{' => {
                    let head = cx.typed.split_whitespace().next().unwrap_or("").to_string();
                    if cx.open.len() < MAX_DEPTH {
                        cx.open.push(Open { head });
                    } else {
                        cx.hidden = cx.hidden.saturating_add(1);
                    }
                    cx.typed.clear();
                }
                '}' => {
                    if cx.hidden > 0 {
                        cx.hidden -= 1;
                    } else {
                        cx.open.pop();
                    }
                    cx.typed.clear();
                }
                '\n' | ';' | '；' => cx.typed.clear(),
                _ => cx.push(c),
            }
        }
        cx.in_text = comment || string.is_some();
        cx
    }

    fn push(&mut self, c: char) {
        if self.typed.len() < MAX_TYPED {
            self.typed.push(c);
        }
    }

    /// The innermost open block's head, and its parent's.
    pub fn innermost(&self) -> (Option<&str>, Option<&str>) {
        if self.hidden > 0 {
            return (None, None);
        }
        let mut heads = self.open.iter().rev().map(|o| o.head.as_str());
        (heads.next(), heads.next())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heads(cx: &Context) -> Vec<&str> {
        cx.open.iter().map(|o| o.head.as_str()).collect()
    }

    #[test]
    fn blocks_and_statement() {
        let cx = Context::of(
            "部门 \"甲{\" {\n  项目 \"乙\" {\n    指标 { # {\n      产出指标 {\n  数量",
        );
        assert_eq!(heads(&cx), ["部门", "项目", "指标", "产出指标"]);
        assert_eq!(cx.typed, "  数量");
        assert!(!cx.in_text);
        let cx = Context::of("项目 \"乙\" { 说明 { 概述 \"\"\"\n {\"\" ");
        assert!(cx.in_text);
        assert_eq!(heads(&cx), ["项目", "说明"]);
        let cx = Context::of("}}} 项目 \"乙\" { 性质 x; 类");
        assert_eq!(heads(&cx), ["项目"]);
        assert_eq!(cx.typed, " 类");
    }

    #[test]
    fn depth_is_bounded() {
        let deep = "{".repeat(MAX_DEPTH + 5);
        let cx = Context::of(&deep);
        assert_eq!(cx.open.len(), MAX_DEPTH);
        assert_eq!(cx.innermost(), (None, None));
        let back = format!("{deep}{}", "}".repeat(6));
        assert_eq!(Context::of(&back).open.len(), MAX_DEPTH - 1);
    }
}
