//! Unlock throttling: after a few wrong passphrases each further attempt must
//! wait twice as long as the one before, up to five minutes. The state lives in
//! `unlock-throttle.json` so quitting the app does not reset it.
//!
//! The throttle is per device, not per login, so trying many logins does not
//! get around it.

use std::path::PathBuf;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::files::{read_json, write_json_atomically, ReadJsonError};
use crate::error::{Error, Result};

/// Failures allowed before any delay: enough for a typo or the wrong keyboard layout.
pub const FREE_ATTEMPTS: u32 = 3;
pub const MAX_DELAY_SECONDS: i64 = 300;

#[derive(Debug)]
pub struct UnlockThrottle {
    path: PathBuf,
    state: ThrottleState,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ThrottleState {
    consecutive_failures: u32,
    last_failure_at: Option<DateTime<Utc>>,
}

impl UnlockThrottle {
    /// Loads the throttle. A damaged file is treated as a run of failures that
    /// already engages the longest delay, so deleting half of it gains nothing.
    pub fn load(path: PathBuf, now: DateTime<Utc>) -> Result<Self> {
        let state = match read_json::<ThrottleState>(&path) {
            Ok(state) => state.unwrap_or_default(),
            Err(ReadJsonError::Io(error)) => return Err(error),
            Err(ReadJsonError::Malformed(_)) => {
                tracing::warn!("unlock throttle file is damaged; engaging the longest delay");
                ThrottleState {
                    consecutive_failures: FREE_ATTEMPTS + 16,
                    last_failure_at: Some(now),
                }
            }
        };
        Ok(Self { path, state })
    }

    pub fn consecutive_failures(&self) -> u32 {
        self.state.consecutive_failures
    }

    /// `Err(Throttled)` while the delay after the last failure has not passed.
    pub fn check(&self, now: DateTime<Utc>) -> Result<()> {
        let Some(last) = self.state.last_failure_at else {
            return Ok(());
        };
        let ready_at = last + delay_after(self.state.consecutive_failures);
        if now < ready_at {
            let remaining = (ready_at - now).num_milliseconds();
            let retry_after_seconds = u64::try_from((remaining + 999) / 1000).unwrap_or(1);
            return Err(Error::Throttled {
                retry_after_seconds,
            });
        }
        Ok(())
    }

    pub fn record_failure(&mut self, now: DateTime<Utc>) -> Result<()> {
        self.state.consecutive_failures = self.state.consecutive_failures.saturating_add(1);
        self.state.last_failure_at = Some(now);
        write_json_atomically(&self.path, &self.state)
    }

    pub fn record_success(&mut self) -> Result<()> {
        if self.state.consecutive_failures == 0 && self.state.last_failure_at.is_none() {
            return Ok(());
        }
        self.state = ThrottleState::default();
        write_json_atomically(&self.path, &self.state)
    }
}

/// The wait after `failures` consecutive failures: none for the first few,
/// then 2 s, 4 s, 8 s, … up to five minutes.
pub fn delay_after(failures: u32) -> Duration {
    if failures < FREE_ATTEMPTS {
        return Duration::zero();
    }
    let exponent = (failures - FREE_ATTEMPTS + 1).min(16);
    Duration::seconds((1i64 << exponent).min(MAX_DELAY_SECONDS))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_790_000_000 + seconds, 0).expect("valid time")
    }

    #[test]
    fn delay_grows_after_the_free_attempts_and_is_capped() {
        assert_eq!(delay_after(0), Duration::zero());
        assert_eq!(delay_after(2), Duration::zero());
        assert_eq!(delay_after(3), Duration::seconds(2));
        assert_eq!(delay_after(4), Duration::seconds(4));
        assert_eq!(delay_after(5), Duration::seconds(8));
        assert_eq!(delay_after(50), Duration::seconds(MAX_DELAY_SECONDS));
    }

    #[test]
    fn throttle_survives_a_restart_and_resets_on_success() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("unlock-throttle.json");
        let mut throttle = UnlockThrottle::load(path.clone(), at(0)).expect("load");
        for second in 0..4 {
            throttle.check(at(second * 100)).expect("allowed");
            throttle.record_failure(at(second * 100)).expect("record");
        }
        let reloaded = UnlockThrottle::load(path.clone(), at(300)).expect("reload");
        assert_eq!(reloaded.consecutive_failures(), 4);
        let error = reloaded.check(at(301)).expect_err("throttled");
        assert!(matches!(
            error,
            Error::Throttled {
                retry_after_seconds: 3
            }
        ));
        reloaded.check(at(304)).expect("delay passed");

        let mut reloaded = reloaded;
        reloaded.record_success().expect("success");
        assert_eq!(
            UnlockThrottle::load(path, at(400))
                .expect("load")
                .consecutive_failures(),
            0
        );
    }

    #[test]
    fn a_damaged_throttle_file_engages_the_longest_delay() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("unlock-throttle.json");
        std::fs::write(&path, "garbage").expect("write");
        let throttle = UnlockThrottle::load(path, at(0)).expect("load");
        assert!(throttle.check(at(60)).is_err());
    }
}
