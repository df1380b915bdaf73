//! Why a wire value was refused, and the stable codes of the relay's refusals.

use serde::{Deserialize, Serialize};

/// A routing field or stamp that is not in its one canonical form. Each
/// variant keeps only the first few characters of the text: it comes from the
/// network and may be anything.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProtocolError {
    #[error("unknown record kind {0}")]
    UnknownRecordKind(String),
    #[error("unknown scope {0}")]
    UnknownScope(String),
    #[error("not a version stamp: {0}")]
    NotAStamp(String),
}

/// The stable `code` of every error the relay answers with ([`crate::ErrorBody`]).
/// Laptops act on the code; the message is English, for logs and the CLI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ServerErrorCode {
    Unauthorised,
    Revoked,
    /// An enrolment token used after its package expired.
    EnrolmentExpired,
    Forbidden,
    BadRequest,
    TooLarge,
    Conflict,
    NotFound,
    Internal,
    /// One device sent too many requests in a short time; the
    /// `Retry-After` header says in how many seconds it may go on.
    RateLimited,
}
