//! Plain types and their validation: no SQL, no command line, no printing.

pub mod briefing;
pub mod change;
pub mod country;
pub mod document;
pub mod event;
pub mod fields;
pub mod group;
pub mod log;
pub mod objective;
pub mod org;
pub mod person;
pub mod task;

use crate::error::{Error, Result};

/// Defines a closed set of words stored as text (kinds, statuses, …) with
/// parsing that names the choices when a value is not one of them.
macro_rules! word_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal, { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        // JSON writes the same word as the database and the command line.
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl $name {
            /// Every value, in the order they are listed in help and reports.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The word stored in the database and shown to users.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = crate::error::Error;
            fn from_str(s: &str) -> crate::error::Result<Self> {
                let folded = crate::text::fold(s).replace(['-', '_'], " ");
                $(if folded == $text.replace(['-', '_'], " ") { return Ok($name::$variant); })+
                Err(crate::error::Error::user(format!("unknown {} {}", $what, $crate::text::quoted(s.trim())))
                    .hint(format!("expected one of: {}", [$($text),+].join(", "))))
            }
        }
    };
}
pub(crate) use word_enum;

word_enum!(
    /// How much care a record needs when it is shown or shared.
    Sensitivity, "sensitivity", {
        Normal = "normal",
        Confidential = "confidential",
        Secret = "secret",
    }
);

/// Fails when a required text is empty after trimming.
pub fn require(field: &str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::user(format!("{field} is empty")).hint(format!("give a {field}")));
    }
    Ok(())
}
