//! Envelopes: one synced change as the relay stores and serves it. The relay
//! reads only the routing fields (id, kind, record id, version, scope); the
//! record itself is AES-256-GCM ciphertext that only laptops can open.
//!
//! The routing fields are the associated data of the seal
//! ([`Envelope::associated_data`]), so a ciphertext moved to another record,
//! version or scope fails to open instead of overwriting the wrong row.
//!
//! The device that wrote it (the one its version names) signs the routing
//! fields, the nonce and the ciphertext with its Ed25519 key
//! ([`Envelope::signed_message`]): the relay checks that the pusher signed
//! what it pushes, and every laptop checks whose key did before applying.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::ProtocolError;
use crate::scope::Scope;
use crate::signatures::{verify_signature, SIGNATURE_LEN};
use crate::stamp::Stamp;

/// The length of an envelope's nonce: 96 bits, AES-GCM's.
pub const NONCE_LEN: usize = 12;
/// The length of the GCM tag that ends every ciphertext.
pub const TAG_LEN: usize = 16;

/// What a record is; it says how a device applies it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RecordKind {
    Account,
    Referral,
    Call,
    /// A call anonymised after the retention period, or erased on request.
    CallRemoval,
    /// One entry of a device's audit log, for the supervisors' view of all.
    AuditEntry,
    /// New keys made when a device was revoked, each sealed to one device.
    KeyRotation,
    /// The organisation's one retention period, set by a supervisor.
    RetentionRule,
    /// One of the organisation's categories: a call subject, or a line
    /// or channel.
    Category,
    /// That a caller's number (by its keyed hash) has called one region's
    /// line: no call content, so every laptop may hold it and a consultant
    /// learns that a caller has called another line before.
    CallerSeen,
}

impl RecordKind {
    pub const ALL: [RecordKind; 9] = [
        Self::Account,
        Self::Referral,
        Self::Call,
        Self::CallRemoval,
        Self::AuditEntry,
        Self::KeyRotation,
        Self::RetentionRule,
        Self::Category,
        Self::CallerSeen,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Account => "account",
            Self::Referral => "referral",
            Self::Call => "call",
            Self::CallRemoval => "callRemoval",
            Self::AuditEntry => "auditEntry",
            Self::KeyRotation => "keyRotation",
            Self::RetentionRule => "retentionRule",
            Self::Category => "category",
            Self::CallerSeen => "callerSeen",
        }
    }

    pub fn parse(code: &str) -> Result<Self, ProtocolError> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.code() == code)
            .ok_or_else(|| ProtocolError::UnknownRecordKind(code.chars().take(40).collect()))
    }
}

/// One change on the wire and on the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Envelope {
    /// Derived from kind, record id and version, so a retried push of the same
    /// change carries the same id and the server keeps it once.
    pub id: Uuid,
    pub kind: RecordKind,
    pub record_id: Uuid,
    /// The change's stamp (hybrid logical clock + device id) in text form.
    pub version: String,
    pub scope: Scope,
    /// Which of its scope's keys sealed it: 0, the first, is left out of
    /// the wire form; then the epoch of the rotation that made the key.
    #[serde(default, skip_serializing_if = "is_first_epoch")]
    pub key_epoch: u32,
    #[serde(with = "base64_bytes")]
    pub nonce: Vec<u8>,
    /// The record's JSON, sealed, followed by the 16-byte GCM tag.
    #[serde(with = "base64_bytes")]
    pub ciphertext: Vec<u8>,
    /// The writing device's Ed25519 signature of [`Envelope::signed_message`].
    #[serde(with = "base64_bytes")]
    pub signature: Vec<u8>,
}

fn is_first_epoch(epoch: &u32) -> bool {
    *epoch == 0
}

const ID_NAMESPACE: Uuid = Uuid::from_u128(0x6f1c_5a0e_8d2b_4c7a_9e43_2b7d_0c51_a9e6);
const AAD_PREFIX: &str = "hotline-desk/envelope/v1";
const SIGNATURE_PREFIX: &[u8] = b"hotline-desk/envelope-signature/v1\n";

impl Envelope {
    pub fn id_for(kind: RecordKind, record_id: Uuid, version: &Stamp) -> Uuid {
        Uuid::new_v5(
            &ID_NAMESPACE,
            format!("{}/{record_id}/{version}", kind.code()).as_bytes(),
        )
    }

    /// What the seal authenticates besides the ciphertext: the routing
    /// fields, and the key's epoch after the first (so envelopes sealed
    /// under a scope's first key read as they always did).
    pub fn associated_data(
        kind: RecordKind,
        record_id: Uuid,
        version: &str,
        scope: Scope,
        key_epoch: u32,
    ) -> String {
        let aad = format!(
            "{AAD_PREFIX}\n{}\n{record_id}\n{version}\n{}",
            kind.code(),
            scope.code()
        );
        match key_epoch {
            0 => aad,
            epoch => format!("{aad}\nepoch {epoch}"),
        }
    }

    /// This envelope's [`Self::associated_data`].
    pub fn own_associated_data(&self) -> String {
        Self::associated_data(
            self.kind,
            self.record_id,
            &self.version,
            self.scope,
            self.key_epoch,
        )
    }

    /// What the writing device signs: the associated data, the nonce and the
    /// ciphertext, each after its length so no bytes can move between them.
    pub fn signed_message(&self) -> Vec<u8> {
        let aad = self.own_associated_data();
        let mut message = Vec::with_capacity(
            SIGNATURE_PREFIX.len() + 24 + aad.len() + self.nonce.len() + self.ciphertext.len(),
        );
        message.extend_from_slice(SIGNATURE_PREFIX);
        for part in [aad.as_bytes(), &self.nonce, &self.ciphertext] {
            message.extend_from_slice(&u64::try_from(part.len()).unwrap_or(u64::MAX).to_be_bytes());
            message.extend_from_slice(part);
        }
        message
    }

    /// Whether `public_key` made this envelope's signature.
    pub fn signature_verifies(&self, public_key: &[u8]) -> bool {
        verify_signature(public_key, &self.signed_message(), &self.signature)
    }

    /// The checks the server makes before storing an envelope, short of the
    /// signature's; it cannot check more without a key.
    pub fn check_shape(&self, max_ciphertext: usize) -> Result<(), String> {
        if self.nonce.len() != NONCE_LEN {
            return Err(format!("the nonce must be {NONCE_LEN} bytes"));
        }
        if self.signature.len() != SIGNATURE_LEN {
            return Err(format!("the signature must be {SIGNATURE_LEN} bytes"));
        }
        if self.ciphertext.len() < TAG_LEN {
            return Err("the ciphertext is shorter than its tag".into());
        }
        if self.ciphertext.len() > max_ciphertext {
            return Err(format!(
                "the ciphertext is {} bytes; at most {max_ciphertext} are accepted",
                self.ciphertext.len()
            ));
        }
        let version: Stamp = self
            .version
            .parse()
            .map_err(|_| "the version is not a stamp".to_owned())?;
        if self.id != Self::id_for(self.kind, self.record_id, &version) {
            return Err("the id does not match kind, record id and version".into());
        }
        Ok(())
    }
}

/// Binary fields as standard base64 in JSON.
pub mod base64_bytes {
    use base64::engine::general_purpose::STANDARD as BASE64;
    use base64::Engine as _;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&BASE64.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(deserializer)?;
        BASE64.decode(text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::region::Region;

    fn envelope() -> Envelope {
        let version = Stamp {
            millis: 1_000,
            counter: 0,
            device: Uuid::from_u128(9),
        };
        Envelope {
            id: Envelope::id_for(RecordKind::Call, Uuid::from_u128(1), &version),
            kind: RecordKind::Call,
            record_id: Uuid::from_u128(1),
            version: version.to_string(),
            scope: Scope::Region(Region::Latgale),
            key_epoch: 0,
            nonce: vec![7; NONCE_LEN],
            ciphertext: vec![1; TAG_LEN + 4],
            signature: vec![3; SIGNATURE_LEN],
        }
    }

    #[test]
    fn every_record_kind_reads_back_from_its_code() {
        for kind in RecordKind::ALL {
            assert_eq!(RecordKind::parse(kind.code()), Ok(kind));
        }
        assert!(RecordKind::parse("Call").is_err());
    }

    #[test]
    fn the_wire_form_round_trips_and_its_shape_is_checked() {
        let envelope = envelope();
        assert_eq!(envelope.check_shape(1 << 20), Ok(()));
        let json = serde_json::to_string(&envelope).expect("json");
        assert!(json.contains("\"scope\":\"region:latgale\""));
        let back: Envelope = serde_json::from_str(&json).expect("parse");
        assert_eq!(back, envelope);
        let mut wrong_id = envelope.clone();
        wrong_id.id = Uuid::from_u128(5);
        assert!(wrong_id.check_shape(1 << 20).is_err());
        let mut short_nonce = envelope.clone();
        short_nonce.nonce.pop();
        assert!(short_nonce.check_shape(1 << 20).is_err());
        let mut unsigned = envelope.clone();
        unsigned.signature.clear();
        assert!(unsigned.check_shape(1 << 20).is_err());
        assert!(
            envelope.check_shape(TAG_LEN).is_err(),
            "over the size limit"
        );
    }

    #[test]
    fn the_first_epoch_is_left_out_and_a_later_one_is_authenticated() {
        let first = envelope();
        let json = serde_json::to_string(&first).expect("json");
        assert!(!json.contains("keyEpoch"), "{json}");
        let mut rotated = first.clone();
        rotated.key_epoch = 1_780_000_000;
        let json = serde_json::to_string(&rotated).expect("json");
        assert!(json.contains("\"keyEpoch\":1780000000"), "{json}");
        let back: Envelope = serde_json::from_str(&json).expect("parse");
        assert_eq!(back, rotated);
        assert_ne!(first.own_associated_data(), rotated.own_associated_data());
        assert_ne!(first.signed_message(), rotated.signed_message());
    }
}
