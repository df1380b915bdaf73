//! Envelopes: one synced change, sealed with AES-256-GCM (ring) under the key
//! of its scope. The server stores and relays them and can read only the
//! routing fields (id, kind, record id, version, scope).
//!
//! The routing fields are the associated data, so a ciphertext moved to another
//! record, version or scope fails to open instead of overwriting the wrong row.
//! Nonces are 96 random bits from the system generator, one per seal.

use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM, NONCE_LEN};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use zeroize::Zeroizing;

use super::keys::SyncKey;
use super::stamp::Stamp;
use crate::accounts::Role;
use crate::error::{Error, Result};
use crate::region::Region;
use crate::store::crypto::fill_random;

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
}

impl RecordKind {
    pub fn code(self) -> &'static str {
        match self {
            Self::Account => "account",
            Self::Referral => "referral",
            Self::Call => "call",
            Self::CallRemoval => "callRemoval",
            Self::AuditEntry => "auditEntry",
        }
    }

    pub fn parse(code: &str) -> Result<Self> {
        match code {
            "account" => Ok(Self::Account),
            "referral" => Ok(Self::Referral),
            "call" => Ok(Self::Call),
            "callRemoval" => Ok(Self::CallRemoval),
            "auditEntry" => Ok(Self::AuditEntry),
            other => Err(Error::SyncProtocol(format!(
                "unknown record kind {other:.40}"
            ))),
        }
    }
}

/// Whose key seals a record: the organisation's (the directory and the staff
/// list, held by every device) or one region's (its calls).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    Organisation,
    Region(Region),
    /// Only supervisors' devices hold this key: it seals their audit
    /// entries, which consultants' devices never need.
    Supervisors,
}

impl Scope {
    pub fn code(self) -> String {
        match self {
            Self::Organisation => "org".to_owned(),
            Self::Region(region) => format!("region:{}", region.code()),
            Self::Supervisors => "supervisors".to_owned(),
        }
    }

    /// Every scope an organisation has.
    pub fn all() -> impl Iterator<Item = Self> {
        std::iter::once(Self::Organisation)
            .chain(Region::ALL.map(Self::Region))
            .chain(std::iter::once(Self::Supervisors))
    }

    /// Whether a device of `role` in `region` holds this scope's key and may
    /// receive its envelopes: a consultant's, the organisation's and its own
    /// region's; a supervisor's, all of them. The devices' keys and the
    /// server's filtering follow this one rule.
    pub fn readable_by(self, role: Role, region: Region) -> bool {
        match (role, self) {
            (Role::Supervisor, _) | (_, Self::Organisation) => true,
            (Role::Consultant, Self::Region(own)) => own == region,
            (Role::Consultant, Self::Supervisors) => false,
        }
    }

    pub fn parse(code: &str) -> Result<Self> {
        match code {
            "org" => return Ok(Self::Organisation),
            "supervisors" => return Ok(Self::Supervisors),
            _ => {}
        }
        code.strip_prefix("region:")
            .and_then(|region| Region::parse(region).ok())
            .filter(|region| region.code() == &code["region:".len()..])
            .map(Self::Region)
            .ok_or_else(|| Error::SyncProtocol(format!("unknown scope {code:.40}")))
    }
}

impl Serialize for Scope {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.code())
    }
}

impl<'de> Deserialize<'de> for Scope {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        Self::parse(&code).map_err(serde::de::Error::custom)
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
    #[serde(with = "base64_bytes")]
    pub nonce: Vec<u8>,
    /// The record's JSON, sealed, followed by the 16-byte GCM tag.
    #[serde(with = "base64_bytes")]
    pub ciphertext: Vec<u8>,
}

const ID_NAMESPACE: Uuid = Uuid::from_u128(0x6f1c_5a0e_8d2b_4c7a_9e43_2b7d_0c51_a9e6);
const AAD_PREFIX: &str = "hotline-desk/envelope/v1";
const TAG_LEN: usize = 16;

impl Envelope {
    pub fn id_for(kind: RecordKind, record_id: Uuid, version: &Stamp) -> Uuid {
        Uuid::new_v5(
            &ID_NAMESPACE,
            format!("{}/{record_id}/{version}", kind.code()).as_bytes(),
        )
    }

    /// Seals `plaintext` under `key` with a fresh random nonce.
    pub fn seal(
        key: &SyncKey,
        kind: RecordKind,
        record_id: Uuid,
        version: &Stamp,
        scope: Scope,
        plaintext: &[u8],
    ) -> Result<Self> {
        let mut nonce = [0u8; NONCE_LEN];
        fill_random(&mut nonce)?;
        let version = version.to_string();
        let aad = associated_data(kind, record_id, &version, scope);
        let mut ciphertext = plaintext.to_vec();
        aead_key(key)?
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(aad.as_bytes()),
                &mut ciphertext,
            )
            .map_err(|_| Error::Random)?;
        Ok(Self {
            id: Self::id_for(kind, record_id, &version.parse()?),
            kind,
            record_id,
            version,
            scope,
            nonce: nonce.to_vec(),
            ciphertext,
        })
    }

    /// Opens the envelope; any change to the ciphertext, the nonce or a routing
    /// field is `EnvelopeTampered`.
    pub fn open(&self, key: &SyncKey) -> Result<Zeroizing<Vec<u8>>> {
        let nonce = <[u8; NONCE_LEN]>::try_from(self.nonce.as_slice())
            .map_err(|_| Error::EnvelopeTampered)?;
        let aad = associated_data(self.kind, self.record_id, &self.version, self.scope);
        let mut buffer = Zeroizing::new(self.ciphertext.clone());
        let plain_len = aead_key(key)?
            .open_in_place(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(aad.as_bytes()),
                &mut buffer,
            )
            .map_err(|_| Error::EnvelopeTampered)?
            .len();
        buffer.truncate(plain_len);
        Ok(buffer)
    }

    /// The checks the server makes before storing an envelope; it cannot check
    /// more without a key.
    pub fn check_shape(&self, max_ciphertext: usize) -> std::result::Result<(), String> {
        if self.nonce.len() != NONCE_LEN {
            return Err(format!("the nonce must be {NONCE_LEN} bytes"));
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

fn associated_data(kind: RecordKind, record_id: Uuid, version: &str, scope: Scope) -> String {
    format!(
        "{AAD_PREFIX}\n{}\n{record_id}\n{version}\n{}",
        kind.code(),
        scope.code()
    )
}

fn aead_key(key: &SyncKey) -> Result<LessSafeKey> {
    let unbound = UnboundKey::new(&AES_256_GCM, key.bytes()).map_err(|_| Error::Random)?;
    Ok(LessSafeKey::new(unbound))
}

/// Binary fields as standard base64 in JSON.
pub(crate) mod base64_bytes {
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
    use std::collections::HashSet;

    use super::*;

    fn stamp(millis: u64) -> Stamp {
        Stamp {
            millis,
            counter: 0,
            device: Uuid::from_u128(9),
        }
    }

    fn sealed(key: &SyncKey) -> Envelope {
        Envelope::seal(
            key,
            RecordKind::Call,
            Uuid::from_u128(1),
            &stamp(1_000),
            Scope::Region(Region::Latgale),
            b"{\"notes\":\"canary\"}",
        )
        .expect("seal")
    }

    #[test]
    fn a_sealed_envelope_opens_with_its_key_only() {
        let key = SyncKey::generate().expect("key");
        let envelope = sealed(&key);
        assert_eq!(
            envelope.open(&key).expect("open").as_slice(),
            b"{\"notes\":\"canary\"}"
        );
        assert!(!envelope
            .ciphertext
            .windows(6)
            .any(|window| window == b"canary"));
        let other = SyncKey::generate().expect("key");
        assert!(matches!(
            envelope.open(&other),
            Err(Error::EnvelopeTampered)
        ));
        assert_eq!(envelope.check_shape(1 << 20), Ok(()));
    }

    #[test]
    fn a_ciphertext_moved_to_another_record_version_or_scope_does_not_open() {
        let key = SyncKey::generate().expect("key");
        let envelope = sealed(&key);
        let moves: [fn(&mut Envelope); 5] = [
            |e| e.record_id = Uuid::from_u128(2),
            |e| e.version = stamp(2_000).to_string(),
            |e| e.scope = Scope::Region(Region::Riga),
            |e| e.kind = RecordKind::Referral,
            |e| e.ciphertext[0] ^= 1,
        ];
        for moved in moves {
            let mut tampered = envelope.clone();
            moved(&mut tampered);
            assert!(matches!(tampered.open(&key), Err(Error::EnvelopeTampered)));
        }
    }

    #[test]
    fn the_wire_form_round_trips_and_its_shape_is_checked() {
        let key = SyncKey::generate().expect("key");
        let envelope = sealed(&key);
        let json = serde_json::to_string(&envelope).expect("json");
        assert!(json.contains("\"scope\":\"region:latgale\""));
        let back: Envelope = serde_json::from_str(&json).expect("parse");
        assert_eq!(back, envelope);
        let mut wrong_id = envelope.clone();
        wrong_id.id = Uuid::from_u128(5);
        assert!(wrong_id.check_shape(1 << 20).is_err());
        let mut short_nonce = envelope;
        short_nonce.nonce.pop();
        assert!(short_nonce.check_shape(1 << 20).is_err());
    }

    /// 10^6 seals, 0 repeated nonces (issue 7, point 6). Release builds run
    /// it in under a second; debug builds too, since ring is optimised.
    #[test]
    fn a_million_seals_never_repeat_a_nonce() {
        let key = SyncKey::generate().expect("key");
        let mut seen = HashSet::with_capacity(1_000_000);
        for _ in 0..1_000_000 {
            let envelope = Envelope::seal(
                &key,
                RecordKind::Account,
                Uuid::from_u128(1),
                &stamp(1),
                Scope::Organisation,
                b"",
            )
            .expect("seal");
            assert!(seen.insert(envelope.nonce), "a nonce repeated");
        }
    }
}
