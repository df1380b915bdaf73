//! The binary framing of envelope pages: a push's envelopes and a pull's
//! answer without base64 and without JSON's field names.
//!
//! Most of an envelope is ciphertext, which no encoding shrinks; what JSON
//! added around it (a third more for base64, the field names, a hyphenated
//! UUID for the id, the record and the device) was about 600 bytes per
//! record. This frame leaves the fields that are random anyway (record id,
//! nonce, signature: 92 bytes) and a few bytes of varints: the id is not
//! sent (it is derived from kind, record id and version, and
//! [`Envelope::check_shape`] insists on it), the version travels as its
//! numbers with the device as an index into the page's table of devices,
//! and kinds and scopes as indexes into the page's table of names.
//!
//! Both sides negotiate it ([`MEDIA_TYPE`] in `Accept` and `Content-Type`),
//! so a laptop and a relay of different versions still speak JSON. An
//! envelope the frame cannot hold (a version that is not a canonical stamp,
//! an id that is not its derived one, a nonce or signature of another
//! length) makes the encoder answer `None`, and the sender uses JSON, which
//! carries it as it is and lets the receiver's checks name the problem.
//!
//! Layout (integers are unsigned LEB128 varints unless a size is given):
//!
//! ```text
//! frame    = magic(4) header names devices count envelope*
//! magic    = "HDP1" (a push) | "HDL1" (a pull's answer)
//! header   = (pull only) next_cursor flags(1) [server_time] [remaining]
//!            flags: 1 more, 2 server_time present, 4 remaining present
//!            server_time: milliseconds since 1970, zigzag
//! names    = count (length utf8)*          kind and scope codes
//! devices  = count uuid(16)*               the devices that wrote versions
//! envelope = (pull only) seq, as the step from the previous one
//!            kind_name record_id(16) millis_step counter device
//!            scope_name key_epoch nonce(12) length ciphertext signature(64)
//!            millis_step: zigzag difference from the previous envelope's
//! ```
//!
//! The decoder trusts nothing: every length and count is checked against
//! the bytes left before anything is allocated for it, and a frame must end
//! where its last envelope does.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::envelope::{Envelope, RecordKind, NONCE_LEN};
use crate::messages::{PullResponse, PulledEnvelope};
use crate::scope::Scope;
use crate::signatures::SIGNATURE_LEN;
use crate::stamp::Stamp;

/// The media type of a framed push (`Content-Type`) and of a framed pull
/// answer (the laptop's `Accept`, the relay's `Content-Type`).
pub const MEDIA_TYPE: &str = "application/vnd.hotline-desk.envelopes.v1";

const PUSH_MAGIC: &[u8; 4] = b"HDP1";
const PULL_MAGIC: &[u8; 4] = b"HDL1";
const MORE: u8 = 1;
const HAS_SERVER_TIME: u8 = 2;
const HAS_REMAINING: u8 = 4;
const UUID_LEN: usize = 16;
/// The fewest bytes an envelope takes in a frame: its fixed fields and one
/// byte for each varint. Counts are checked against it before allocating.
const SMALLEST_ENVELOPE: usize = UUID_LEN + NONCE_LEN + SIGNATURE_LEN + 7;

/// Why a frame could not be read; the relay answers it as a bad request
/// and the laptop as a protocol error, each with this text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FrameError {
    #[error("the frame does not start with {expected:?}: it is not a framed {what}")]
    NotThisFrame {
        expected: &'static str,
        what: &'static str,
    },
    #[error("the frame ends inside {what} at byte {at}")]
    Truncated { what: &'static str, at: usize },
    #[error("the frame has {0} bytes after its last envelope")]
    TrailingBytes(usize),
    #[error("the frame's {what} at byte {at} is not a number it can hold")]
    BadNumber { what: &'static str, at: usize },
    #[error("the frame claims {count} {what}, more than its {left} remaining bytes can hold")]
    TooMany {
        what: &'static str,
        count: u64,
        left: usize,
    },
    #[error("name {index} of the frame is not text")]
    NameNotText { index: usize },
    #[error("envelope {envelope} refers to {what} {index}, which the frame's table does not have")]
    NoSuchEntry {
        envelope: usize,
        what: &'static str,
        index: u64,
    },
    #[error("envelope {envelope}: {problem}")]
    BadField { envelope: usize, problem: String },
}

/// A push's envelopes as a frame, or `None` when one of them cannot be
/// framed (the caller sends JSON instead).
pub fn encode_push(envelopes: &[Envelope]) -> Option<Vec<u8>> {
    let mut writer = FrameWriter::new(PUSH_MAGIC, envelopes.iter())?;
    writer.envelopes(envelopes.iter().map(|envelope| (None, envelope)));
    Some(writer.out)
}

/// A pull's answer as a frame, or `None` when one of its envelopes cannot
/// be framed or its sequence numbers do not rise (the relay answers JSON).
pub fn encode_pull(response: &PullResponse) -> Option<Vec<u8>> {
    let rising = response.envelopes.first().is_none_or(|first| first.seq > 0)
        && response
            .envelopes
            .windows(2)
            .all(|pair| pair[0].seq < pair[1].seq);
    if !rising {
        return None;
    }
    let mut writer = FrameWriter::new(
        PULL_MAGIC,
        response.envelopes.iter().map(|pulled| &pulled.envelope),
    )?;
    let mut header = Vec::new();
    put_varint(&mut header, response.next_cursor);
    let mut flags = 0;
    if response.more {
        flags |= MORE;
    }
    if response.server_time.is_some() {
        flags |= HAS_SERVER_TIME;
    }
    if response.remaining.is_some() {
        flags |= HAS_REMAINING;
    }
    header.push(flags);
    if let Some(time) = response.server_time {
        put_varint(&mut header, zigzag(time.timestamp_millis()));
    }
    if let Some(remaining) = response.remaining {
        put_varint(&mut header, remaining);
    }
    writer
        .out
        .splice(PULL_MAGIC.len()..PULL_MAGIC.len(), header);
    writer.envelopes(
        response
            .envelopes
            .iter()
            .map(|pulled| (Some(pulled.seq), &pulled.envelope)),
    );
    Some(writer.out)
}

/// The envelopes of a framed push.
pub fn decode_push(bytes: &[u8]) -> Result<Vec<Envelope>, FrameError> {
    let mut reader = FrameReader::new(bytes, PUSH_MAGIC, "push")?;
    let tables = reader.tables()?;
    let envelopes = reader.envelopes(&tables, false)?;
    reader.finish()?;
    Ok(envelopes
        .into_iter()
        .map(|pulled| pulled.envelope)
        .collect())
}

/// A framed pull answer.
pub fn decode_pull(bytes: &[u8]) -> Result<PullResponse, FrameError> {
    let mut reader = FrameReader::new(bytes, PULL_MAGIC, "pull answer")?;
    let next_cursor = reader.varint("the next cursor")?;
    let flags = reader.bytes("the flags", 1)?[0];
    let server_time = if flags & HAS_SERVER_TIME != 0 {
        let at = reader.at;
        let millis = unzigzag(reader.varint("the server's time")?);
        Some(
            DateTime::<Utc>::from_timestamp_millis(millis).ok_or(FrameError::BadNumber {
                what: "the server's time",
                at,
            })?,
        )
    } else {
        None
    };
    let remaining = if flags & HAS_REMAINING != 0 {
        Some(reader.varint("the remaining count")?)
    } else {
        None
    };
    let tables = reader.tables()?;
    let envelopes = reader.envelopes(&tables, true)?;
    reader.finish()?;
    Ok(PullResponse {
        envelopes,
        next_cursor,
        more: flags & MORE != 0,
        server_time,
        remaining,
    })
}

/// A frame being written: the magic and the two tables, then envelopes
/// that refer to them.
struct FrameWriter {
    out: Vec<u8>,
    names: Vec<String>,
    devices: Vec<Uuid>,
}

impl FrameWriter {
    /// Starts a frame whose tables hold what `envelopes` name, or `None`
    /// when one of them cannot be framed.
    fn new<'a>(magic: &[u8; 4], envelopes: impl Iterator<Item = &'a Envelope>) -> Option<Self> {
        let mut names: Vec<String> = Vec::new();
        let mut devices: Vec<Uuid> = Vec::new();
        for envelope in envelopes {
            let stamp = framable_stamp(envelope)?;
            for name in [envelope.kind.code().to_owned(), envelope.scope.code()] {
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            if !devices.contains(&stamp.device) {
                devices.push(stamp.device);
            }
        }
        let mut out = magic.to_vec();
        put_varint(&mut out, names.len() as u64);
        for name in &names {
            put_varint(&mut out, name.len() as u64);
            out.extend_from_slice(name.as_bytes());
        }
        put_varint(&mut out, devices.len() as u64);
        for device in &devices {
            out.extend_from_slice(device.as_bytes());
        }
        Some(Self {
            out,
            names,
            devices,
        })
    }

    fn envelopes<'a>(
        &mut self,
        envelopes: impl ExactSizeIterator<Item = (Option<u64>, &'a Envelope)>,
    ) {
        put_varint(&mut self.out, envelopes.len() as u64);
        let mut previous_seq = 0;
        let mut previous_millis = 0;
        for (seq, envelope) in envelopes {
            let stamp: Stamp = envelope
                .version
                .parse()
                .expect("FrameWriter::new checked every version");
            if let Some(seq) = seq {
                put_varint(&mut self.out, seq.wrapping_sub(previous_seq));
                previous_seq = seq;
            }
            self.put_index_of_name(envelope.kind.code());
            self.out.extend_from_slice(envelope.record_id.as_bytes());
            put_varint(
                &mut self.out,
                zigzag((stamp.millis as i64).wrapping_sub(previous_millis)),
            );
            previous_millis = stamp.millis as i64;
            put_varint(&mut self.out, u64::from(stamp.counter));
            let device = self
                .devices
                .iter()
                .position(|device| *device == stamp.device)
                .expect("FrameWriter::new listed every device");
            put_varint(&mut self.out, device as u64);
            self.put_index_of_name(&envelope.scope.code());
            put_varint(&mut self.out, u64::from(envelope.key_epoch));
            self.out.extend_from_slice(&envelope.nonce);
            put_varint(&mut self.out, envelope.ciphertext.len() as u64);
            self.out.extend_from_slice(&envelope.ciphertext);
            self.out.extend_from_slice(&envelope.signature);
        }
    }

    fn put_index_of_name(&mut self, name: &str) {
        let index = self
            .names
            .iter()
            .position(|known| known == name)
            .expect("FrameWriter::new listed every name");
        put_varint(&mut self.out, index as u64);
    }
}

/// The envelope's version as a stamp, when the frame can carry the
/// envelope exactly: the receiver rebuilds the id and the version's text
/// from what is sent, so both must be the ones those give back.
fn framable_stamp(envelope: &Envelope) -> Option<Stamp> {
    let stamp: Stamp = envelope.version.parse().ok()?;
    let exact = envelope.nonce.len() == NONCE_LEN
        && envelope.signature.len() == SIGNATURE_LEN
        && envelope.id == Envelope::id_for(envelope.kind, envelope.record_id, &stamp);
    exact.then_some(stamp)
}

struct Tables {
    names: Vec<String>,
    devices: Vec<Uuid>,
}

struct FrameReader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> FrameReader<'a> {
    fn new(
        bytes: &'a [u8],
        magic: &'static [u8; 4],
        what: &'static str,
    ) -> Result<Self, FrameError> {
        if !bytes.starts_with(magic) {
            return Err(FrameError::NotThisFrame {
                expected: std::str::from_utf8(magic).unwrap_or_default(),
                what,
            });
        }
        Ok(Self {
            bytes,
            at: magic.len(),
        })
    }

    fn left(&self) -> usize {
        self.bytes.len() - self.at
    }

    fn bytes(&mut self, what: &'static str, length: usize) -> Result<&'a [u8], FrameError> {
        if length > self.left() {
            return Err(FrameError::Truncated { what, at: self.at });
        }
        let bytes = &self.bytes[self.at..self.at + length];
        self.at += length;
        Ok(bytes)
    }

    fn varint(&mut self, what: &'static str) -> Result<u64, FrameError> {
        let start = self.at;
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.bytes(what, 1)?[0];
            let bits = u64::from(byte & 0x7f);
            if shift == 63 && bits > 1 {
                break;
            }
            value |= bits << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(FrameError::BadNumber { what, at: start })
    }

    fn small(&mut self, what: &'static str, limit: u64) -> Result<usize, FrameError> {
        let at = self.at;
        let value = self.varint(what)?;
        if value > limit {
            return Err(FrameError::BadNumber { what, at });
        }
        usize::try_from(value).map_err(|_| FrameError::BadNumber { what, at })
    }

    /// A count of items that take at least `smallest` bytes each, refused
    /// before allocating when the bytes left cannot hold that many.
    fn count(&mut self, what: &'static str, smallest: usize) -> Result<usize, FrameError> {
        let count = self.varint(what)?;
        let left = self.left();
        if count > (left / smallest) as u64 {
            return Err(FrameError::TooMany { what, count, left });
        }
        Ok(count as usize)
    }

    fn uuid(&mut self, what: &'static str) -> Result<Uuid, FrameError> {
        let bytes = self.bytes(what, UUID_LEN)?;
        Ok(Uuid::from_slice(bytes).expect("16 bytes"))
    }

    fn tables(&mut self) -> Result<Tables, FrameError> {
        let count = self.count("names", 1)?;
        let mut names = Vec::with_capacity(count);
        for index in 0..count {
            let length = self.small("a name's length", self.left() as u64)?;
            let text = self.bytes("a name", length)?;
            let text = std::str::from_utf8(text).map_err(|_| FrameError::NameNotText { index })?;
            names.push(text.to_owned());
        }
        let count = self.count("devices", UUID_LEN)?;
        let devices = (0..count)
            .map(|_| self.uuid("a device"))
            .collect::<Result<_, _>>()?;
        Ok(Tables { names, devices })
    }

    fn envelopes(
        &mut self,
        tables: &Tables,
        pulled: bool,
    ) -> Result<Vec<PulledEnvelope>, FrameError> {
        let count = self.count("envelopes", SMALLEST_ENVELOPE)?;
        let mut envelopes = Vec::with_capacity(count);
        let mut seq = 0u64;
        let mut millis = 0i64;
        for index in 0..count {
            if pulled {
                let at = self.at;
                let step = self.varint("a sequence number")?;
                seq = seq
                    .checked_add(step)
                    .filter(|next| *next > 0 && (index == 0 || step > 0))
                    .ok_or(FrameError::BadNumber {
                        what: "a sequence number",
                        at,
                    })?;
            }
            let kind = self.name(tables, index, "kind")?;
            let kind = RecordKind::parse(kind).map_err(|error| FrameError::BadField {
                envelope: index,
                problem: error.to_string(),
            })?;
            let record_id = self.uuid("a record id")?;
            let at = self.at;
            let step = unzigzag(self.varint("a version's time")?);
            millis = millis
                .checked_add(step)
                .filter(|millis| (0..=Stamp::MAX_MILLIS as i64).contains(millis))
                .ok_or(FrameError::BadNumber {
                    what: "a version's time",
                    at,
                })?;
            let counter = self.small("a version's counter", u64::from(Stamp::MAX_COUNTER))?;
            let device = self.varint("a version's device")?;
            let device = usize::try_from(device)
                .ok()
                .and_then(|position| tables.devices.get(position))
                .ok_or(FrameError::NoSuchEntry {
                    envelope: index,
                    what: "device",
                    index: device,
                })?;
            let scope = self.name(tables, index, "scope")?;
            let scope = Scope::parse(scope).map_err(|error| FrameError::BadField {
                envelope: index,
                problem: error.to_string(),
            })?;
            let key_epoch = self.small("a key epoch", u64::from(u32::MAX))?;
            let nonce = self.bytes("a nonce", NONCE_LEN)?.to_vec();
            let length = self.small("a ciphertext's length", self.left() as u64)?;
            let ciphertext = self.bytes("a ciphertext", length)?.to_vec();
            let signature = self.bytes("a signature", SIGNATURE_LEN)?.to_vec();
            let stamp = Stamp {
                millis: millis as u64,
                counter: counter as u32,
                device: *device,
            };
            envelopes.push(PulledEnvelope {
                seq,
                envelope: Envelope {
                    id: Envelope::id_for(kind, record_id, &stamp),
                    kind,
                    record_id,
                    version: stamp.to_string(),
                    scope,
                    key_epoch: key_epoch as u32,
                    nonce,
                    ciphertext,
                    signature,
                },
            });
        }
        Ok(envelopes)
    }

    fn name<'t>(
        &mut self,
        tables: &'t Tables,
        envelope: usize,
        what: &'static str,
    ) -> Result<&'t str, FrameError> {
        let index = self.varint(what)?;
        usize::try_from(index)
            .ok()
            .and_then(|position| tables.names.get(position))
            .map(String::as_str)
            .ok_or(FrameError::NoSuchEntry {
                envelope,
                what,
                index,
            })
    }

    fn finish(&self) -> Result<(), FrameError> {
        match self.left() {
            0 => Ok(()),
            left => Err(FrameError::TrailingBytes(left)),
        }
    }
}

fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn zigzag(value: i64) -> u64 {
    ((value << 1) ^ (value >> 63)) as u64
}

fn unzigzag(value: u64) -> i64 {
    ((value >> 1) as i64) ^ -((value & 1) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::region::Region;

    fn envelope(
        kind: RecordKind,
        scope: Scope,
        millis: u64,
        device: Uuid,
        bytes: usize,
    ) -> Envelope {
        let record_id = Uuid::from_u128(u128::from(millis) * 7 + bytes as u128);
        let stamp = Stamp {
            millis,
            counter: (millis % 3) as u32,
            device,
        };
        Envelope {
            id: Envelope::id_for(kind, record_id, &stamp),
            kind,
            record_id,
            version: stamp.to_string(),
            scope,
            key_epoch: (millis % 2) as u32,
            nonce: vec![(millis % 251) as u8; NONCE_LEN],
            ciphertext: (0..bytes).map(|byte| (byte * 31 % 256) as u8).collect(),
            signature: vec![0xa5; SIGNATURE_LEN],
        }
    }

    /// Envelopes of several kinds, scopes, devices and epochs, with
    /// versions out of time order (a pull page mixes devices).
    fn mixed() -> Vec<Envelope> {
        let laptop = Uuid::from_u128(1);
        let supervisor = Uuid::from_u128(2);
        vec![
            envelope(
                RecordKind::Call,
                Scope::Region(Region::Latgale),
                1_765_000_000_000,
                laptop,
                800,
            ),
            envelope(
                RecordKind::AuditEntry,
                Scope::Supervisors,
                1_765_000_000_250,
                supervisor,
                300,
            ),
            envelope(
                RecordKind::Referral,
                Scope::Organisation,
                1_764_000_000_000,
                laptop,
                16,
            ),
            envelope(
                RecordKind::Call,
                Scope::Region(Region::Riga),
                1_765_000_000_001,
                supervisor,
                5_000,
            ),
        ]
    }

    fn pull_answer() -> PullResponse {
        PullResponse {
            envelopes: mixed()
                .into_iter()
                .zip([3, 4, 90, 1_000_000])
                .map(|(envelope, seq)| PulledEnvelope { seq, envelope })
                .collect(),
            next_cursor: 1_000_000,
            more: true,
            server_time: DateTime::<Utc>::from_timestamp_millis(1_765_000_000_999),
            remaining: Some(12),
        }
    }

    #[test]
    fn a_push_reads_back_as_it_was_sent() {
        let envelopes = mixed();
        let frame = encode_push(&envelopes).expect("framable");
        assert_eq!(decode_push(&frame), Ok(envelopes));
        assert_eq!(decode_push(&encode_push(&[]).expect("empty")), Ok(vec![]));
    }

    #[test]
    fn a_pull_answer_reads_back_as_it_was_sent() {
        let answer = pull_answer();
        let frame = encode_pull(&answer).expect("framable");
        assert_eq!(decode_pull(&frame), Ok(answer));
        let last = PullResponse {
            envelopes: vec![],
            next_cursor: 7,
            more: false,
            server_time: None,
            remaining: None,
        };
        assert_eq!(decode_pull(&encode_pull(&last).expect("empty")), Ok(last));
    }

    /// What the frame is for: beyond the ciphertext, an envelope costs its
    /// random fields (record id, nonce, signature: 92 bytes) and a few
    /// varints (about ten here), not the ~600 bytes of base64 and JSON.
    #[test]
    fn an_envelope_costs_little_more_than_its_random_fields() {
        let devices = [Uuid::from_u128(1), Uuid::from_u128(2)];
        let page = PullResponse {
            envelopes: (0..500u64)
                .map(|index| PulledEnvelope {
                    seq: 1_000 + index,
                    envelope: envelope(
                        RecordKind::ALL[index as usize % 4],
                        Scope::Region(Region::Kurzeme),
                        1_765_000_000_000 + index * 977,
                        devices[index as usize % 2],
                        800,
                    ),
                })
                .collect(),
            ..pull_answer()
        };
        let ciphertext: usize = page
            .envelopes
            .iter()
            .map(|pulled| pulled.envelope.ciphertext.len())
            .sum();
        let frame = encode_pull(&page).expect("framable");
        let per_envelope = (frame.len() - ciphertext) as f64 / page.envelopes.len() as f64;
        assert!(per_envelope <= 104.0, "{per_envelope} bytes per envelope");
    }

    /// Guards `framable_stamp`: the receiver rebuilds the id and the
    /// version's text, so an envelope whose own differ must go as JSON,
    /// where the receiver's checks see them as they were sent.
    #[test]
    fn an_envelope_the_frame_cannot_carry_exactly_is_left_to_json() {
        let mut wrong_id = mixed();
        wrong_id[1].id = Uuid::from_u128(99);
        let mut not_a_stamp = mixed();
        not_a_stamp[0].version = "yesterday".into();
        let mut short_nonce = mixed();
        short_nonce[2].nonce.pop();
        let mut long_signature = mixed();
        long_signature[3].signature.push(0);
        for envelopes in [wrong_id, not_a_stamp, short_nonce, long_signature] {
            assert_eq!(encode_push(&envelopes), None);
        }
        let mut falling = pull_answer();
        falling.envelopes.swap(0, 1);
        assert_eq!(encode_pull(&falling), None);
    }

    /// Guards the bounds checks of `FrameReader`: every cut of a frame is
    /// an error, never a panic or an allocation the bytes cannot back.
    #[test]
    fn every_cut_of_a_frame_is_refused() {
        let push = encode_push(&mixed()).expect("framable");
        for cut in 0..push.len() {
            assert!(decode_push(&push[..cut]).is_err(), "push cut at {cut}");
        }
        let pull = encode_pull(&pull_answer()).expect("framable");
        for cut in 0..pull.len() {
            assert!(decode_pull(&pull[..cut]).is_err(), "pull cut at {cut}");
        }
    }

    /// Plays a hostile sender: every single byte of a frame changed to
    /// every value decodes or is refused, and never panics.
    #[test]
    fn no_changed_byte_makes_the_reader_panic() {
        let frame = encode_pull(&pull_answer()).expect("framable");
        for at in 0..frame.len().min(400) {
            for value in [0x00, 0x01, 0x7f, 0x80, 0xff] {
                let mut changed = frame.clone();
                changed[at] = value;
                let _ = decode_pull(&changed);
            }
        }
    }

    #[test]
    fn a_frame_claiming_more_than_it_holds_is_refused_before_allocating() {
        let mut frame = PUSH_MAGIC.to_vec();
        put_varint(&mut frame, 0);
        put_varint(&mut frame, 0);
        put_varint(&mut frame, u64::MAX >> 1);
        assert!(matches!(
            decode_push(&frame),
            Err(FrameError::TooMany {
                what: "envelopes",
                ..
            })
        ));
    }

    #[test]
    fn refusals_name_what_is_wrong() {
        let push = encode_push(&mixed()).expect("framable");
        assert_eq!(
            decode_pull(&push),
            Err(FrameError::NotThisFrame {
                expected: "HDL1",
                what: "pull answer"
            })
        );
        let mut trailing = push.clone();
        trailing.extend_from_slice(b"xyz");
        assert_eq!(decode_push(&trailing), Err(FrameError::TrailingBytes(3)));

        let mut unknown_kind = encode_push(&mixed()[..1]).expect("framable");
        let name = unknown_kind
            .windows(4)
            .position(|window| window == b"call")
            .expect("the kind's name");
        unknown_kind[name..name + 4].copy_from_slice(b"carl");
        let error = decode_push(&unknown_kind).expect_err("no such kind");
        assert!(
            matches!(error, FrameError::BadField { envelope: 0, .. })
                && error.to_string().contains("carl"),
            "{error}"
        );
    }
}
