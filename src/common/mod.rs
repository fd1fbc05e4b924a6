//! Beneath every layer: `ParseError`, label matching and escaping, the hidden characters.

pub(crate) mod error;
pub(crate) mod hidden;
pub(crate) mod text;

pub use error::{EvidenceError, ParseError};
pub use hidden::is_hidden;
pub use text::{MAX_LINES, MAX_NAME_CHARS, MAX_NOTE_CHARS};
