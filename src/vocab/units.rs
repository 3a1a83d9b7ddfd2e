//! How units are written: the signs that mean the same, and the word for
//! per cent. The unit words themselves, with their scales and dimensions,
//! are `model::unit`'s table (`atom`); [`crate::model::Unit::from_written`]
//! reads a unit as written through both.

/// Each sign a unit may be written with and the one it means: the
/// full-width forms and the other product signs (`元／人・天` is `元/人·天`).
pub const UNIT_SIGNS: [(char, char); 5] = [
    ('％', '%'),
    ('／', '/'),
    ('・', '·'),
    ('•', '·'),
    ('*', '·'),
];

/// The word some forms write for `%`: lowered (and exported) as `%`.
pub const PERCENT_WORD: &str = "百分比";

/// The sign `c` means.
pub fn canonical_sign(c: char) -> char {
    UNIT_SIGNS
        .iter()
        .find(|(written, _)| *written == c)
        .map_or(c, |(_, meant)| *meant)
}

/// A unit's text in its one spelling: trimmed, each sign as it is meant.
pub fn canonical_text(text: &str) -> String {
    text.trim().chars().map(canonical_sign).collect()
}
