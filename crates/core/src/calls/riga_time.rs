//! Days as the hotline counts them: Rīga calendar days, whatever the
//! laptop's time zone.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Riga;

/// The UTC instant a Rīga calendar day starts.
pub(crate) fn riga_day_start(day: NaiveDate) -> DateTime<Utc> {
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    Riga.from_local_datetime(&midnight)
        .earliest()
        .map(|time| time.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&midnight))
}

/// The Rīga calendar day of an instant.
pub fn riga_day(instant: DateTime<Utc>) -> NaiveDate {
    instant.with_timezone(&Riga).date_naive()
}
