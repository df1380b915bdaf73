//! The sizes both sides hold to: the relay refuses more, the laptop never
//! sends more.

/// At most this many envelopes in one push.
pub const MAX_PUSH_ENVELOPES: usize = 500;
/// At most this many bytes in one envelope's ciphertext.
pub const MAX_CIPHERTEXT_BYTES: usize = 512 * 1024;
/// At most this many bytes in one request body.
pub const MAX_REQUEST_BYTES: usize = 16 * 1024 * 1024;
/// A pull returns at most this many envelopes per page.
pub const MAX_PULL_PAGE: usize = 1_000;
/// The page size a client asks for.
pub const DEFAULT_PULL_PAGE: usize = 500;
