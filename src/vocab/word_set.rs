//! [`word_set!`]: an enum of words with their canonical spelling and every
//! other accepted one, declared once.

/// Declares `pub enum $name` and its word table:
///
/// ```text
/// word_set! {
///     /// docs
///     pub enum Grade {
///         Achieved = "达成" | "达成年度指标",
///     }
/// }
/// ```
///
/// The first literal of a variant is its canonical word (what fmt writes
/// and the model keeps); the others are accepted spellings. `SPELLINGS`
/// lists every spelling, each variant's other spellings before its
/// canonical one, so that a spelling that is the start of a longer one
/// comes after it: the first spelling a text starts with is the longest
/// (`tests/vocabulary.rs` checks the order).
macro_rules! word_set {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $word:literal $(| $alt:literal)* , )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The canonical words, in declaration order.
            pub const WORDS: [&'static str; [$($word),+].len()] = [$($word),+];

            /// Every spelling: the canonical words, then the others, in
            /// declaration order (for "did you mean").
            pub const ALL_WORDS: [&'static str; [$($word,)+ $($($alt,)*)+].len()] =
                [$($word,)+ $($($alt,)*)+];

            /// Every accepted spelling with its variant: longer spellings
            /// before their own starts.
            pub const SPELLINGS: &'static [(&'static str, $name)] = &[
                $( $( ($alt, $name::$variant), )* ($word, $name::$variant), )+
            ];

            /// The canonical word.
            pub const fn word(self) -> &'static str {
                match self {
                    $( $name::$variant => $word, )+
                }
            }

            /// The variant written exactly as `text`, in any spelling.
            pub fn from_word(text: &str) -> Option<$name> {
                Self::SPELLINGS
                    .iter()
                    .find(|(w, _)| *w == text)
                    .map(|(_, v)| *v)
            }

            /// The variant whose (longest) spelling `text` starts with, and
            /// that spelling's length in bytes.
            pub fn read(text: &str) -> Option<($name, usize)> {
                Self::SPELLINGS
                    .iter()
                    .find(|(w, _)| text.starts_with(w))
                    .map(|(w, v)| (*v, w.len()))
            }

            /// This variant's other spellings, as declared.
            pub fn other_spellings(self) -> impl Iterator<Item = &'static str> {
                let word = self.word();
                Self::SPELLINGS
                    .iter()
                    .filter(move |(w, v)| *v == self && *w != word)
                    .map(|(w, _)| *w)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.word())
            }
        }
    };
}

/// Serializes a word set as its canonical word, and reads it back from it
/// (what `#[serde(rename = "…")]` on each variant did, without a second copy
/// of each word).
macro_rules! serde_as_word {
    ($name:ident) => {
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.word())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
                Self::ALL
                    .iter()
                    .find(|v| v.word() == text)
                    .copied()
                    .ok_or_else(|| {
                        serde::de::Error::custom(format!(
                            concat!("unknown ", stringify!($name), " {:?}"),
                            text
                        ))
                    })
            }
        }
    };
}
