//! The one error type, for caller misuse only.
//!
//! A bad input file is never an error: it becomes a warning on its document
//! (see `CONTRACT.md`). `Error` exists for the few things a caller can get
//! wrong, such as a malformed JSON line handed to [`crate::parse_jsonl_record`]
//! or foreign bytes handed to [`crate::Analyzed::from_bytes`].

use std::fmt;

/// What went wrong when a caller misused the API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum ErrorKind {
    /// A `--jsonl` record that is not a JSON object with `name` and `text` or `html`.
    BadRecord { line: usize, why: String },
    /// Bytes handed to [`crate::Analyzed::from_bytes`] that this build did not write.
    BadAnalyzed { why: String },
}

impl Error {
    pub(crate) fn bad_record(line: usize, why: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::BadRecord {
                line,
                why: why.into(),
            },
        }
    }

    pub(crate) fn bad_analyzed(why: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::BadAnalyzed { why: why.into() },
        }
    }

    /// True when a `--jsonl` input line could not be read as a record.
    pub fn is_bad_record(&self) -> bool {
        matches!(self.kind, ErrorKind::BadRecord { .. })
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::BadRecord { line, why } => {
                write!(f, "input line {line} is not a dossier record: {why}")
            }
            ErrorKind::BadAnalyzed { why } => {
                write!(f, "not an analyzed document from this build: {why}")
            }
        }
    }
}

impl std::error::Error for Error {}
