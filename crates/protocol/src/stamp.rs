//! Version stamps: a hybrid logical clock plus the device id.
//!
//! Every synced change carries one. Stamps order totally (time, then counter,
//! then device), so "last writer wins" picks the same winner on every device,
//! whatever order the changes arrive in. How a device's clock advances is
//! hotline-core's; the text form is the wire's.
//!
//! The text form (`1767348000000-000001-<device uuid>`) sorts the same way
//! as the stamps, so SQL can compare stamps as text.

use std::fmt;
use std::str::FromStr;

use uuid::Uuid;

use crate::error::ProtocolError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stamp {
    pub millis: u64,
    pub counter: u32,
    pub device: Uuid,
}

impl Stamp {
    /// The largest time the text form holds (13 digits of milliseconds).
    pub const MAX_MILLIS: u64 = 9_999_999_999_999;
    /// The largest counter the text form holds (6 digits).
    pub const MAX_COUNTER: u32 = 999_999;
}

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:013}-{:06}-{}",
            self.millis,
            self.counter,
            self.device.as_hyphenated()
        )
    }
}

impl FromStr for Stamp {
    type Err = ProtocolError;

    fn from_str(text: &str) -> Result<Self, ProtocolError> {
        let bad = || ProtocolError::NotAStamp(text.chars().take(60).collect());
        let mut parts = text.splitn(3, '-');
        let millis = parts.next().ok_or_else(bad)?;
        let counter = parts.next().ok_or_else(bad)?;
        let device = parts.next().ok_or_else(bad)?;
        if millis.len() != 13 || counter.len() != 6 {
            return Err(bad());
        }
        let stamp = Self {
            millis: millis.parse().map_err(|_| bad())?,
            counter: counter.parse().map_err(|_| bad())?,
            device: Uuid::parse_str(device).map_err(|_| bad())?,
        };
        // Only the canonical form is accepted, so text order is stamp order.
        if stamp.to_string() != text {
            return Err(bad());
        }
        Ok(stamp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_form_sorts_like_the_stamp_and_round_trips() {
        let a = Stamp {
            millis: 9_000,
            counter: 12,
            device: Uuid::from_u128(0xabc),
        };
        let b = Stamp {
            millis: 10_000,
            counter: 0,
            device: Uuid::from_u128(1),
        };
        assert!(a < b);
        assert!(a.to_string() < b.to_string());
        assert_eq!(a.to_string().parse::<Stamp>().expect("parse"), a);
        assert!("1-2-3".parse::<Stamp>().is_err());
        assert!(a.to_string().to_uppercase().parse::<Stamp>().is_err());
    }
}
