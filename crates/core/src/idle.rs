//! When to lock by itself: after a set idle time without activity.

use chrono::{DateTime, Duration, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdleTimer {
    timeout: Duration,
    last_activity: DateTime<Utc>,
}

impl IdleTimer {
    pub fn new(timeout_minutes: u32, now: DateTime<Utc>) -> Self {
        Self {
            timeout: Duration::minutes(i64::from(timeout_minutes)),
            last_activity: now,
        }
    }

    /// Counts activity; a clock that went backwards never extends the timeout.
    pub fn touch(&mut self, now: DateTime<Utc>) {
        self.last_activity = self.last_activity.max(now);
    }

    pub fn is_expired(&self, now: DateTime<Utc>) -> bool {
        now >= self.last_activity + self.timeout
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expires_after_the_idle_time_unless_touched() {
        let start = DateTime::from_timestamp(1_790_000_000, 0).expect("time");
        let mut timer = IdleTimer::new(10, start);
        assert!(!timer.is_expired(start + Duration::minutes(9)));
        timer.touch(start + Duration::minutes(9));
        assert!(!timer.is_expired(start + Duration::minutes(18)));
        assert!(timer.is_expired(start + Duration::minutes(19)));
    }
}
