//! Passphrases come from the environment (scripts, tests) or from a prompt
//! that does not echo. They are held in zeroizing buffers.

use hotline_core::accounts::check_new_passphrase;
use hotline_core::error::InvalidReason;
use hotline_core::Error;
use zeroize::Zeroizing;

pub const PASSPHRASE_ENV: &str = "HOTLINE_PASSPHRASE";
pub const NEW_PASSPHRASE_ENV: &str = "HOTLINE_NEW_PASSPHRASE";

/// The signed-in account's passphrase: `HOTLINE_PASSPHRASE` or a prompt.
pub fn current_passphrase() -> Result<Zeroizing<String>, Error> {
    if let Some(value) = from_env(PASSPHRASE_ENV) {
        return Ok(value);
    }
    prompt("Passphrase: ")
}

/// A new passphrase from `env` or typed twice at a prompt; checked before use.
pub fn new_passphrase(env: &str, label: &str) -> Result<Zeroizing<String>, Error> {
    let passphrase = match from_env(env) {
        Some(value) => value,
        None => {
            let first = prompt(&format!("{label}: "))?;
            let again = prompt(&format!("{label} (again): "))?;
            if *first != *again {
                return Err(Error::invalid("passphrase", InvalidReason::Mismatch));
            }
            first
        }
    };
    check_new_passphrase(&passphrase)?;
    Ok(passphrase)
}

fn from_env(name: &str) -> Option<Zeroizing<String>> {
    std::env::var(name)
        .ok()
        .filter(|value| !value.is_empty())
        .map(Zeroizing::new)
}

pub fn prompt(text: &str) -> Result<Zeroizing<String>, Error> {
    rpassword::prompt_password(text)
        .map(Zeroizing::new)
        .map_err(|source| Error::Io {
            path: "/dev/tty".into(),
            source,
        })
}
