//! Ed25519 signature checks, one or many at once.
//!
//! A push or a pulled page holds up to hundreds of envelopes, and checking
//! their signatures one after another cost a fifth of sync's time
//! (docs/benchmarks.md, 05.12). Many signatures are checked together with
//! ed25519-dalek's batch equation (about 2.8x cheaper per signature on this
//! machine kind), split across the machine's cores; a batch that fails is
//! checked one signature at a time with ring, so exactly the bad ones are
//! named. ADR 0004 records why the batch equation is safe to use here.

use std::collections::HashMap;
use std::thread;

use ed25519_dalek::{Signature, VerifyingKey};
use ring::signature::{UnparsedPublicKey, ED25519};

/// An Ed25519 public key's length.
pub const PUBLIC_KEY_LEN: usize = 32;
/// An Ed25519 signature's length.
pub const SIGNATURE_LEN: usize = 64;

/// Below this many signatures per core, a second thread costs more than it saves.
const MIN_CHECKS_PER_THREAD: usize = 32;

/// Whether `signature` is `public_key`'s Ed25519 signature of `message`.
pub fn verify_signature(public_key: &[u8], message: &[u8], signature: &[u8]) -> bool {
    public_key.len() == PUBLIC_KEY_LEN
        && signature.len() == SIGNATURE_LEN
        && UnparsedPublicKey::new(&ED25519, public_key)
            .verify(message, signature)
            .is_ok()
}

/// Whether `public_key` is one an honest device can have made: a valid
/// point of the prime-order group. A key of small order, or with a torsion
/// part, lets signatures verify differently one by one and in a batch.
pub fn is_sound_public_key(public_key: &[u8]) -> bool {
    <[u8; PUBLIC_KEY_LEN]>::try_from(public_key)
        .ok()
        .and_then(|bytes| VerifyingKey::from_bytes(&bytes).ok())
        .is_some_and(|key| !key.is_weak() && key.to_edwards().is_torsion_free())
}

/// One signature to check.
#[derive(Debug, Clone, Copy)]
pub struct SignatureCheck<'a> {
    pub public_key: &'a [u8],
    pub message: &'a [u8],
    pub signature: &'a [u8],
}

/// Whether each of `checks` verifies, in their order; the same answers as
/// [`verify_signature`] on each, found faster.
pub fn verify_all(checks: &[SignatureCheck<'_>]) -> Vec<bool> {
    on_every_core(checks, MIN_CHECKS_PER_THREAD, verify_batch)
}

/// `work` applied to `items` split into one contiguous part per core (fewer
/// when there are under `min_per_thread` items a core), the results in the
/// items' order. `work` must give one result per item of its part.
pub fn on_every_core<T, R, F>(items: &[T], min_per_thread: usize, work: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&[T]) -> Vec<R> + Sync,
{
    let cores = thread::available_parallelism().map_or(1, usize::from);
    let threads = cores.min(items.len() / min_per_thread.max(1)).max(1);
    if threads == 1 {
        return work(items);
    }
    let part = items.len().div_ceil(threads);
    let work = &work;
    thread::scope(|scope| {
        let parts: Vec<_> = items
            .chunks(part)
            .map(|chunk| scope.spawn(move || work(chunk)))
            .collect();
        parts
            .into_iter()
            .flat_map(|part| {
                part.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// One batch on one core: the checks whose key and signature parse go into
/// one batch equation; when it fails, each is checked alone.
fn verify_batch(checks: &[SignatureCheck<'_>]) -> Vec<bool> {
    let mut keys: HashMap<&[u8], Option<VerifyingKey>> = HashMap::new();
    let parsed: Vec<Option<(VerifyingKey, Signature)>> = checks
        .iter()
        .map(|check| {
            let key = *keys.entry(check.public_key).or_insert_with(|| {
                <[u8; PUBLIC_KEY_LEN]>::try_from(check.public_key)
                    .ok()
                    .and_then(|bytes| VerifyingKey::from_bytes(&bytes).ok())
            });
            let signature = Signature::from_slice(check.signature).ok();
            key.zip(signature)
        })
        .collect();
    let batch: Vec<usize> = (0..checks.len())
        .filter(|&index| parsed[index].is_some())
        .collect();
    let messages: Vec<&[u8]> = batch.iter().map(|&index| checks[index].message).collect();
    let (keys, signatures): (Vec<VerifyingKey>, Vec<Signature>) =
        batch.iter().filter_map(|&index| parsed[index]).unzip();
    if !batch.is_empty() && ed25519_dalek::verify_batch(&messages, &signatures, &keys).is_ok() {
        return parsed.iter().map(Option::is_some).collect();
    }
    checks
        .iter()
        .zip(&parsed)
        .map(|(check, parsed)| {
            parsed.is_some() && verify_signature(check.public_key, check.message, check.signature)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use ring::rand::SystemRandom;
    use ring::signature::{Ed25519KeyPair, KeyPair as _};

    use super::*;

    fn key_pair() -> Ed25519KeyPair {
        let pkcs8 = Ed25519KeyPair::generate_pkcs8(&SystemRandom::new()).expect("pkcs8");
        Ed25519KeyPair::from_pkcs8(pkcs8.as_ref()).expect("key pair")
    }

    struct Signed {
        public_key: Vec<u8>,
        message: Vec<u8>,
        signature: Vec<u8>,
    }

    fn signed(count: usize) -> Vec<Signed> {
        let keys = [key_pair(), key_pair(), key_pair()];
        (0..count)
            .map(|index| {
                let key = &keys[index % keys.len()];
                let message = format!("record {index}").into_bytes();
                Signed {
                    public_key: key.public_key().as_ref().to_vec(),
                    signature: key.sign(&message).as_ref().to_vec(),
                    message,
                }
            })
            .collect()
    }

    fn checks(signed: &[Signed]) -> Vec<SignatureCheck<'_>> {
        signed
            .iter()
            .map(|signed| SignatureCheck {
                public_key: &signed.public_key,
                message: &signed.message,
                signature: &signed.signature,
            })
            .collect()
    }

    #[test]
    fn every_honest_signature_verifies_across_cores() {
        let signed = signed(200);
        assert_eq!(verify_all(&checks(&signed)), vec![true; 200]);
    }

    /// Guards the one-by-one fallback in `verify_batch`: without it, one bad
    /// signature would fail its whole part, or the part would pass.
    #[test]
    fn a_batch_names_exactly_the_signatures_that_do_not_verify() {
        let mut signed = signed(150);
        signed[3].message.push(b'!');
        signed[77].signature[10] ^= 1;
        signed[120].public_key = key_pair().public_key().as_ref().to_vec();
        signed[149].signature.truncate(10);
        let answers = verify_all(&checks(&signed));
        for (index, verified) in answers.iter().enumerate() {
            assert_eq!(
                *verified,
                ![3, 77, 120, 149].contains(&index),
                "signature {index}"
            );
        }
    }

    #[test]
    fn one_or_none_is_checked_too() {
        assert!(verify_all(&[]).is_empty());
        let mut signed = signed(1);
        assert_eq!(verify_all(&checks(&signed)), vec![true]);
        signed[0].message.clear();
        assert_eq!(verify_all(&checks(&signed)), vec![false]);
    }

    #[test]
    fn work_split_across_cores_keeps_the_items_order() {
        let items: Vec<usize> = (0..1000).collect();
        let doubled = on_every_core(&items, 10, |part| part.iter().map(|n| n * 2).collect());
        assert_eq!(doubled, items.iter().map(|n| n * 2).collect::<Vec<_>>());
    }

    /// Guards `is_sound_public_key`: a small-order key (here the point of
    /// order two) and an honest key with that point added are refused.
    #[test]
    fn keys_of_small_order_or_with_a_torsion_part_are_not_sound() {
        let point = |bytes: &[u8]| {
            VerifyingKey::from_bytes(bytes.try_into().expect("32 bytes"))
                .expect("a point")
                .to_edwards()
        };
        let honest = key_pair();
        assert!(is_sound_public_key(honest.public_key().as_ref()));
        let mut order_two = [0xff; 32];
        order_two[0] = 0xec;
        order_two[31] = 0x7f;
        assert!(!is_sound_public_key(&order_two));
        let with_torsion = point(honest.public_key().as_ref()) + point(&order_two);
        assert!(!is_sound_public_key(with_torsion.compress().as_bytes()));
        assert!(!is_sound_public_key(&[0u8; 31]));
    }
}
