//! This device's Ed25519 signing key: it signs every change the device
//! writes, its synced envelopes ([`crate::sync`]) and its audit entries
//! ([`crate::audit`]). Made here on first use and kept only in the
//! encrypted store; its public half is in the device's certificate.

use ring::rand::SystemRandom;
use ring::signature::{Ed25519KeyPair, KeyPair as _};
use rusqlite::Connection;
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::store::secrets;

const SIGNING_KEY: &str = "identity:signing";

/// This device's signing key, made on first use.
pub(crate) fn signing_key(connection: &Connection) -> Result<Ed25519KeyPair> {
    Ed25519KeyPair::from_pkcs8(&signing_key_pkcs8(connection)?).map_err(|_| invalid_key())
}

/// This device's signing key as the PKCS#8 document ring made, made on
/// first use: for a signer that signs many envelopes at once.
pub(crate) fn signing_key_pkcs8(connection: &Connection) -> Result<Zeroizing<Vec<u8>>> {
    if let Some(pkcs8) = secrets::get(connection, SIGNING_KEY)? {
        return Ok(pkcs8);
    }
    let pkcs8 = new_pkcs8()?;
    secrets::insert(connection, SIGNING_KEY, &pkcs8)?;
    Ok(pkcs8)
}

fn stored_key(connection: &Connection) -> Result<Option<Ed25519KeyPair>> {
    secrets::get(connection, SIGNING_KEY)?
        .map(|pkcs8| Ed25519KeyPair::from_pkcs8(&pkcs8).map_err(|_| invalid_key()))
        .transpose()
}

fn invalid_key() -> Error {
    Error::DatabaseCorrupt("this device's signing key is not valid".into())
}

/// The public half of this device's signing key, if it has one yet;
/// reading it never makes one (a backup being checked stays as it is).
pub(crate) fn existing_public_key(connection: &Connection) -> Result<Option<Vec<u8>>> {
    Ok(stored_key(connection)?.map(|key| key.public_key().as_ref().to_vec()))
}

/// A new Ed25519 key as PKCS#8.
pub(crate) fn new_pkcs8() -> Result<Zeroizing<Vec<u8>>> {
    Ed25519KeyPair::generate_pkcs8(&SystemRandom::new())
        .map(|document| Zeroizing::new(document.as_ref().to_vec()))
        .map_err(|_| Error::Random)
}
