//! The sizes both sides hold to: the relay refuses more, the laptop never
//! sends more.

/// At most this many envelopes in one push.
pub const MAX_PUSH_ENVELOPES: usize = 500;
/// At most this many bytes in one envelope's ciphertext.
pub const MAX_CIPHERTEXT_BYTES: usize = 512 * 1024;
/// At most this many bytes in one request body.
pub const MAX_REQUEST_BYTES: usize = 16 * 1024 * 1024;
/// A push carries at most this many bytes of ciphertext (and always at
/// least one envelope), so a batch of large envelopes still fits in
/// [`MAX_REQUEST_BYTES`] as base64 (4/3 of it) with its JSON around it:
/// 500 calls with long notes in Cyrillic are 20 MB of ciphertext.
pub const MAX_PUSH_CIPHERTEXT_BYTES: usize = 8 * 1024 * 1024;
/// A pull returns at most this many envelopes per page.
pub const MAX_PULL_PAGE: usize = 1_000;
/// The page size a client asks for.
pub const DEFAULT_PULL_PAGE: usize = 500;
/// A pull page holds at most this many bytes of ciphertext (and always at
/// least one envelope), so a page of maximum-size envelopes still fits in
/// what a laptop reads ([`MAX_RESPONSE_BYTES`]).
pub const MAX_PULL_PAGE_BYTES: usize = 8 * 1024 * 1024;
/// A laptop reads at most this many bytes of one answer: a full page as
/// base64 (4/3 of [`MAX_PULL_PAGE_BYTES`] plus one envelope over it) with
/// its JSON around it.
pub const MAX_RESPONSE_BYTES: usize = 2 * MAX_PULL_PAGE_BYTES;
/// A stamp further ahead of the server's clock than this is not believed:
/// the record is quarantined and never moves a device's clock.
pub const MAX_CLOCK_AHEAD_MILLIS: u64 = 24 * 60 * 60 * 1000;
/// An enrolment package, and the token in it, may join for this many days;
/// the relay refuses the token after.
pub const ENROLMENT_VALID_DAYS: i64 = 7;
