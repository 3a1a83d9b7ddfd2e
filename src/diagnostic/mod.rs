//! Diagnostics: what every message a user sees is made of.
//!
//! A [`Diagnostic`] has a stable code from the [`codes`] catalogue, a severity,
//! a Chinese message, labelled spans and optional help. It is rendered for
//! people through miette ([`render`]) and for programs as JSON ([`json`]).

pub mod apply;
pub mod codes;
mod crop;
pub mod json;
pub mod render;

use crate::source::Span;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

pub use codes::Code;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// 提示
    Info,
    /// 警告
    Warning,
    /// 错误
    Error,
}

impl Severity {
    pub fn chinese(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
}

/// A span with the text shown under it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Label {
    pub span: Span,
    /// Most labels are fixed words (“这里”, “全年执行数”): borrowed, not
    /// allocated for each of 250,000 warnings (memory, issue 7).
    pub message: Option<Cow<'static, str>>,
}

/// Unlike the model's, a label's equality includes where it points (file,
/// start, end): two diagnostics are equal only at the same places, so a
/// test comparing diagnostics compares their positions too (issue 16).
/// `Span`'s own equality still ignores positions, for the model.
impl PartialEq for Label {
    fn eq(&self, other: &Self) -> bool {
        self.span.same_as(&other.span) && self.message == other.message
    }
}
impl Eq for Label {}

/// One message for the user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    /// The first label is the primary position (file:line:column).
    pub labels: Vec<Label>,
    /// Most helps are fixed sentences: borrowed, as label messages are.
    pub help: Option<Cow<'static, str>>,
    /// Changes that would resolve it, when the fix is known (a did-you-mean,
    /// a swapped comparator, a unit): an editor offers each as a code action.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fixes: Vec<Fix>,
}

/// One way to resolve a diagnostic: a title the user picks (“改为“数量指标””)
/// and the edits it makes, all in the diagnostic's files.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    /// Most titles and texts are fixed words (V016's skeleton is offered
    /// on every unexplained shortfall): borrowed, as helps are.
    pub title: Cow<'static, str>,
    pub edits: Vec<Edit>,
}

/// Replace the text at `span` with `text` (an empty span inserts).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Edit {
    pub span: Span,
    pub text: Cow<'static, str>,
}

/// As for labels, an edit's equality includes where it applies.
impl PartialEq for Edit {
    fn eq(&self, other: &Self) -> bool {
        self.span.same_as(&other.span) && self.text == other.text
    }
}
impl Eq for Edit {}

impl Diagnostic {
    /// A diagnostic with the code's default severity.
    pub fn new(code: &Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code: code.code,
            severity: code.severity,
            message: message.into(),
            labels: Vec::new(),
            help: None,
            fixes: Vec::new(),
        }
    }
    pub fn label(mut self, span: Span, message: impl Into<Cow<'static, str>>) -> Self {
        let message = message.into();
        self.labels.push(Label {
            span,
            message: (!message.is_empty()).then_some(message),
        });
        self
    }
    pub fn help(mut self, help: impl Into<Cow<'static, str>>) -> Self {
        self.help = Some(help.into());
        self
    }
    /// Offer a fix (see [`Fix`]).
    pub fn fix(mut self, title: impl Into<Cow<'static, str>>, edits: Vec<Edit>) -> Self {
        self.fixes.push(Fix {
            title: title.into(),
            edits,
        });
        self
    }
    /// Every position the diagnostic holds: its labels', then its fixes'
    /// edits' (to move it when the text before it changes).
    pub fn spans_mut(&mut self) -> impl Iterator<Item = &mut Span> {
        let labels = self.labels.iter_mut().map(|l| &mut l.span);
        let edits = self.fixes.iter_mut().flat_map(|f| f.edits.iter_mut());
        labels.chain(edits.map(|e| &mut e.span))
    }
    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
    pub fn primary_span(&self) -> Option<Span> {
        self.labels.first().map(|l| l.span)
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    #[test]
    fn equality_includes_positions() {
        let at = |file, start, end| {
            Diagnostic::new(&codes::LOW_EXECUTION, "低")
                .label(Span::new(FileId(file), start, end), "这里")
        };
        assert_eq!(at(0, 1, 2), at(0, 1, 2));
        assert_ne!(at(0, 1, 2), at(1, 1, 2));
        assert_ne!(at(0, 1, 2), at(0, 0, 2));
        assert_ne!(at(0, 1, 2), at(0, 1, 3));
        // the model's spans still compare equal wherever they point
        assert_eq!(Span::new(FileId(0), 1, 2), Span::new(FileId(1), 5, 9));
    }
}

/// Sort diagnostics into file order (file, then position), keeping the order
/// of diagnostics at the same place.
///
/// The keys are computed once and sorted with the diagnostics' places, and
/// the diagnostics are then moved once each (`sort_by_cached_key`): moving
/// 96-byte diagnostics through a merge sort took 50 ms for the 250,000 of
/// a 100,000-project evaluation (issue 7). Already sorted, nothing moves.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    let key = |d: &Diagnostic| {
        d.primary_span()
            .map(|s| (0u8, s.file, s.start))
            .unwrap_or((1, Default::default(), 0))
    };
    if diagnostics.is_sorted_by_key(key) {
        return;
    }
    diagnostics.sort_by_cached_key(key);
}

/// Counts by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    pub fn of(diagnostics: &[Diagnostic]) -> Counts {
        let mut c = Counts::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
        }
        c
    }
}
