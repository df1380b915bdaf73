//! Sealing and opening envelopes: one synced change, sealed with AES-256-GCM
//! (ring) under the key of its scope and signed with this device's Ed25519
//! key. The envelope's wire form, its associated data and what is signed are
//! hotline-protocol's; the keys are only here.
//!
//! Nonces are 96 random bits from the system generator, one per seal.

use ed25519_dalek::{Signer as _, SigningKey};
use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM, NONCE_LEN};
use ring::signature::{Ed25519KeyPair, KeyPair as _};
use uuid::Uuid;
use zeroize::Zeroizing;

use hotline_protocol::signatures::on_every_core;

use super::keys::{EpochKey, SyncKey};
use crate::error::{Error, Result};
use crate::store::crypto::fill_random;

pub use hotline_protocol::{Envelope, RecordKind, Scope, Stamp};

/// Below this many envelopes per core, a second signing thread costs more
/// than it saves.
const MIN_SIGNATURES_PER_THREAD: usize = 16;

/// Seals `plaintext` under `key` (naming its epoch) with a fresh random
/// nonce, signed by `signer` (the device `version` names).
pub fn seal(
    key: EpochKey<'_>,
    signer: &Ed25519KeyPair,
    kind: RecordKind,
    record_id: Uuid,
    version: &Stamp,
    scope: Scope,
    plaintext: &[u8],
) -> Result<Envelope> {
    let mut envelope = seal_unsigned(key, kind, record_id, version, scope, plaintext)?;
    envelope.signature = signer.sign(&envelope.signed_message()).as_ref().to_vec();
    Ok(envelope)
}

/// [`seal`] without the signature, for a batch that [`sign_all`] signs on
/// every core at once.
pub(crate) fn seal_unsigned(
    key: EpochKey<'_>,
    kind: RecordKind,
    record_id: Uuid,
    version: &Stamp,
    scope: Scope,
    plaintext: &[u8],
) -> Result<Envelope> {
    let version = version.to_string();
    let aad = Envelope::associated_data(kind, record_id, &version, scope, key.epoch);
    let (nonce, ciphertext) = encrypt(key.key, &aad, plaintext)?;
    Ok(Envelope {
        id: Envelope::id_for(kind, record_id, &version.parse()?),
        kind,
        record_id,
        version,
        scope,
        key_epoch: key.epoch,
        nonce: nonce.to_vec(),
        ciphertext,
        signature: Vec::new(),
    })
}

/// A device's signing key as it signs a push's envelopes: ring makes and
/// keeps the key; ed25519-dalek signs with it 1.5x faster on this machine
/// kind (ADR 0004). Ed25519 signing is deterministic, so both make the same
/// signature.
pub struct EnvelopeSigner(SigningKey);

impl EnvelopeSigner {
    /// The signer of ring's PKCS#8 Ed25519 document (RFC 8410, as ring
    /// writes it: the 32-byte seed at a fixed place), checked against the
    /// public key ring reads from the same document.
    pub fn from_pkcs8(pkcs8: &[u8]) -> Result<Self> {
        let invalid = || Error::DatabaseCorrupt("this device's signing key is not valid".into());
        let ring_key = Ed25519KeyPair::from_pkcs8(pkcs8).map_err(|_| invalid())?;
        let seed: Zeroizing<[u8; 32]> = Zeroizing::new(
            pkcs8
                .get(PKCS8_SEED)
                .and_then(|seed| seed.try_into().ok())
                .ok_or_else(invalid)?,
        );
        let signer = SigningKey::from_bytes(&seed);
        if signer.verifying_key().as_bytes().as_slice() != ring_key.public_key().as_ref() {
            return Err(invalid());
        }
        Ok(Self(signer))
    }
}

impl std::fmt::Debug for EnvelopeSigner {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("EnvelopeSigner(..)")
    }
}

/// Where ring's PKCS#8 v2 Ed25519 document holds the seed: after the
/// version, the algorithm identifier and the OCTET STRING headers.
const PKCS8_SEED: std::ops::Range<usize> = 16..48;

/// Signs each envelope with `signer`, split across the machine's cores:
/// signing was a tenth of a push's time on one core (docs/benchmarks.md).
pub fn sign_all(signer: &EnvelopeSigner, envelopes: &mut [Envelope]) {
    let signatures = on_every_core(envelopes, MIN_SIGNATURES_PER_THREAD, |part| {
        part.iter()
            .map(|envelope| {
                signer
                    .0
                    .sign(&envelope.signed_message())
                    .to_bytes()
                    .to_vec()
            })
            .collect()
    });
    for (envelope, signature) in envelopes.iter_mut().zip(signatures) {
        envelope.signature = signature;
    }
}

/// `plaintext` sealed under `key` with a fresh random nonce: the nonce and
/// the ciphertext with its tag.
fn encrypt(key: &SyncKey, aad: &str, plaintext: &[u8]) -> Result<([u8; NONCE_LEN], Vec<u8>)> {
    let mut nonce = [0u8; NONCE_LEN];
    fill_random(&mut nonce)?;
    let mut ciphertext = plaintext.to_vec();
    aead_key(key)?
        .seal_in_place_append_tag(
            Nonce::assume_unique_for_key(nonce),
            Aad::from(aad.as_bytes()),
            &mut ciphertext,
        )
        .map_err(|_| Error::Random)?;
    Ok((nonce, ciphertext))
}

/// Opens the envelope; any change to the ciphertext, the nonce or a routing
/// field is `EnvelopeTampered`.
pub fn open(envelope: &Envelope, key: &SyncKey) -> Result<Zeroizing<Vec<u8>>> {
    let nonce = <[u8; NONCE_LEN]>::try_from(envelope.nonce.as_slice())
        .map_err(|_| Error::EnvelopeTampered)?;
    let aad = envelope.own_associated_data();
    let mut buffer = Zeroizing::new(envelope.ciphertext.clone());
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

/// Opens the envelope with whichever of `keys` (the keys of its scope and
/// epoch) sealed it.
pub fn open_with_any(envelope: &Envelope, keys: &[SyncKey]) -> Result<Zeroizing<Vec<u8>>> {
    keys.iter()
        .find_map(|key| open(envelope, key).ok())
        .ok_or(Error::EnvelopeTampered)
}

fn aead_key(key: &SyncKey) -> Result<LessSafeKey> {
    let unbound = UnboundKey::new(&AES_256_GCM, key.bytes()).map_err(|_| Error::Random)?;
    Ok(LessSafeKey::new(unbound))
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::region::Region;

    fn stamp(millis: u64) -> Stamp {
        Stamp {
            millis,
            counter: 0,
            device: Uuid::from_u128(9),
        }
    }

    fn signer() -> Ed25519KeyPair {
        let pkcs8 =
            Ed25519KeyPair::generate_pkcs8(&ring::rand::SystemRandom::new()).expect("pkcs8");
        Ed25519KeyPair::from_pkcs8(pkcs8.as_ref()).expect("key pair")
    }

    fn first(key: &SyncKey) -> EpochKey<'_> {
        EpochKey { epoch: 0, key }
    }

    fn sealed(key: &SyncKey) -> Envelope {
        seal(
            first(key),
            &signer(),
            RecordKind::Call,
            Uuid::from_u128(1),
            &stamp(1_000),
            Scope::Region(Region::Latgale),
            b"{\"notes\":\"canary\"}",
        )
        .expect("seal")
    }

    /// Guards the public-key comparison in `EnvelopeSigner::from_pkcs8`: a
    /// batch signs exactly as ring would, and a document whose seed is not
    /// its key's is refused rather than signing with another key.
    #[test]
    fn a_batch_signs_as_ring_does_and_a_garbled_key_is_refused() {
        let pkcs8 = crate::changes::device_key::new_pkcs8().expect("pkcs8");
        let ring_key = Ed25519KeyPair::from_pkcs8(&pkcs8).expect("ring key");
        let signer = EnvelopeSigner::from_pkcs8(&pkcs8).expect("signer");
        let key = SyncKey::generate().expect("key");
        let mut envelopes: Vec<Envelope> = (0..40).map(|_| sealed(&key)).collect();
        sign_all(&signer, &mut envelopes);
        for envelope in &envelopes {
            assert_eq!(
                envelope.signature,
                ring_key.sign(&envelope.signed_message()).as_ref()
            );
        }
        let mut garbled = pkcs8.to_vec();
        garbled[PKCS8_SEED.start] ^= 1;
        assert!(matches!(
            EnvelopeSigner::from_pkcs8(&garbled),
            Err(Error::DatabaseCorrupt(_))
        ));
    }

    #[test]
    fn a_sealed_envelope_opens_with_its_key_only() {
        let key = SyncKey::generate().expect("key");
        let envelope = sealed(&key);
        assert_eq!(
            open(&envelope, &key).expect("open").as_slice(),
            b"{\"notes\":\"canary\"}"
        );
        assert!(!envelope
            .ciphertext
            .windows(6)
            .any(|window| window == b"canary"));
        let other = SyncKey::generate().expect("key");
        assert!(matches!(
            open(&envelope, &other),
            Err(Error::EnvelopeTampered)
        ));
        assert_eq!(envelope.check_shape(1 << 20), Ok(()));
    }

    #[test]
    fn a_sealed_envelope_carries_its_signers_signature() {
        use ring::signature::KeyPair as _;
        let key = SyncKey::generate().expect("key");
        let signer = signer();
        let envelope = seal(
            first(&key),
            &signer,
            RecordKind::Call,
            Uuid::from_u128(1),
            &stamp(1_000),
            Scope::Region(Region::Latgale),
            b"{}",
        )
        .expect("seal");
        assert!(envelope.signature_verifies(signer.public_key().as_ref()));
        assert!(!envelope.signature_verifies(self::signer().public_key().as_ref()));
    }

    #[test]
    fn a_ciphertext_moved_to_another_record_version_or_scope_does_not_open() {
        let key = SyncKey::generate().expect("key");
        let envelope = sealed(&key);
        let moves: [fn(&mut Envelope); 6] = [
            |e| e.key_epoch = 1,
            |e| e.record_id = Uuid::from_u128(2),
            |e| e.version = stamp(2_000).to_string(),
            |e| e.scope = Scope::Region(Region::Riga),
            |e| e.kind = RecordKind::Referral,
            |e| e.ciphertext[0] ^= 1,
        ];
        for moved in moves {
            let mut tampered = envelope.clone();
            moved(&mut tampered);
            assert!(matches!(
                open(&tampered, &key),
                Err(Error::EnvelopeTampered)
            ));
        }
    }

    /// 10^6 seals, 0 repeated nonces (issue 7, point 6). Release builds run
    /// it in under a second; debug builds too, since ring is optimised. It
    /// calls the sealing step `seal` takes its nonce from, without the
    /// signature, which would make it twenty times slower and adds no nonce.
    #[test]
    fn a_million_seals_never_repeat_a_nonce() {
        let key = SyncKey::generate().expect("key");
        let aad = Envelope::associated_data(
            RecordKind::Account,
            Uuid::from_u128(1),
            &stamp(1).to_string(),
            Scope::Organisation,
            0,
        );
        let mut seen = HashSet::with_capacity(1_000_000);
        for _ in 0..1_000_000 {
            let (nonce, _) = encrypt(&key, &aad, b"").expect("seal");
            assert!(seen.insert(nonce), "a nonce repeated");
        }
    }
}
