//! Opening hours in a structured form, so the directory can answer "open now?"
//! in Rīga time. People write them as short rules (`Mon-Fri 09:00-17:00;
//! Sat 10:00-14:00; 2026-12-24 closed`); the rules are parsed, checked and
//! written back in one canonical spelling.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Timelike, Utc, Weekday};
use chrono_tz::Europe::Riga;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, InvalidReason, Result};
use crate::i18n::Localized;

const MINUTES_PER_DAY: u16 = 24 * 60;

/// From `opens` to `closes`, in minutes after midnight. A range that closes
/// before it opens runs past midnight (a night line, 20:00–08:00).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TimeRange {
    pub opens: u16,
    pub closes: u16,
}

/// The same hours on one or more weekdays (1 = Monday … 7 = Sunday).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WeeklyHours {
    pub days: Vec<u8>,
    pub ranges: Vec<TimeRange>,
}

/// Hours on one date that replace the weekly ones; no ranges means closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DatedHours {
    pub date: NaiveDate,
    pub ranges: Vec<TimeRange>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OpeningHours {
    pub always_open: bool,
    pub weekly: Vec<WeeklyHours>,
    pub exceptions: Vec<DatedHours>,
}

const DAY_NAMES_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const DAY_NAMES_LV: [&str; 7] = ["P", "O", "T", "C", "Pk", "S", "Sv"];
const DAY_NAMES_RU: [&str; 7] = ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"];

fn bad_hours() -> Error {
    Error::invalid("hours", InvalidReason::BadHours)
}

impl OpeningHours {
    /// Parses the rule text; an empty text means the hours are unknown.
    pub fn parse(text: &str) -> Result<Self> {
        let mut hours = Self::default();
        for rule in text
            .split(';')
            .map(str::trim)
            .filter(|rule| !rule.is_empty())
        {
            if rule == "24/7" {
                hours.always_open = true;
                continue;
            }
            let (head, times) = rule.split_once(char::is_whitespace).ok_or_else(bad_hours)?;
            let times = times.trim();
            if let Ok(date) = NaiveDate::parse_from_str(head, "%Y-%m-%d") {
                let ranges = if times.eq_ignore_ascii_case("closed") {
                    Vec::new()
                } else {
                    parse_ranges(times)?
                };
                hours.exceptions.push(DatedHours { date, ranges });
            } else {
                hours.weekly.push(WeeklyHours {
                    days: parse_days(head)?,
                    ranges: parse_ranges(times)?,
                });
            }
        }
        Ok(hours)
    }

    pub fn is_unknown(&self) -> bool {
        !self.always_open && self.weekly.is_empty() && self.exceptions.is_empty()
    }

    /// The canonical rule text, as stored and exported.
    pub fn to_rules(&self) -> String {
        self.render(
            &DAY_NAMES_EN,
            "24/7",
            "closed",
            |date| date.format("%Y-%m-%d").to_string(),
            "-",
        )
    }

    /// The hours as a consultant reads them: `P–Pk 9:00–17:00` /
    /// `Mon–Fri 9:00–17:00` / `Пн–Пт 9:00–17:00`.
    pub fn describe(&self) -> Localized {
        let day = |date: &NaiveDate| date.format("%d.%m.%Y").to_string();
        Localized::owned(
            self.render(&DAY_NAMES_LV, "visu diennakti", "slēgts", day, "–"),
            self.render(&DAY_NAMES_EN, "24/7", "closed", day, "–"),
            self.render(&DAY_NAMES_RU, "круглосуточно", "закрыто", day, "–"),
        )
    }

    fn render(
        &self,
        day_names: &[&str; 7],
        always: &str,
        closed: &str,
        date: impl Fn(&NaiveDate) -> String,
        dash: &str,
    ) -> String {
        let mut rules = Vec::new();
        if self.always_open {
            rules.push(always.to_owned());
        }
        for weekly in &self.weekly {
            rules.push(format!(
                "{} {}",
                render_days(&weekly.days, day_names, dash),
                render_ranges(&weekly.ranges, dash)
            ));
        }
        for exception in &self.exceptions {
            let times = if exception.ranges.is_empty() {
                closed.to_owned()
            } else {
                render_ranges(&exception.ranges, dash)
            };
            rules.push(format!("{} {times}", date(&exception.date)));
        }
        rules.join("; ")
    }

    /// Whether the service is open at `now` (Rīga time); `None` when the hours
    /// are not known.
    pub fn is_open_at(&self, now: DateTime<Utc>) -> Option<bool> {
        if self.is_unknown() {
            return None;
        }
        if self.always_open {
            return Some(true);
        }
        let local = now.with_timezone(&Riga);
        let today = local.date_naive();
        let minute = u16::try_from(local.hour() * 60 + local.minute()).unwrap_or(0);
        let open_today = self.ranges_on(today).iter().any(|range| {
            if range.closes > range.opens {
                (range.opens..range.closes).contains(&minute)
            } else {
                minute >= range.opens
            }
        });
        let yesterday = today - Duration::days(1);
        let open_from_yesterday = self
            .ranges_on(yesterday)
            .iter()
            .any(|range| range.closes <= range.opens && minute < range.closes);
        Some(open_today || open_from_yesterday)
    }

    fn ranges_on(&self, date: NaiveDate) -> Vec<TimeRange> {
        if let Some(exception) = self.exceptions.iter().find(|e| e.date == date) {
            return exception.ranges.clone();
        }
        let weekday = u8::try_from(date.weekday().number_from_monday()).unwrap_or(1);
        self.weekly
            .iter()
            .filter(|weekly| weekly.days.contains(&weekday))
            .flat_map(|weekly| weekly.ranges.iter().copied())
            .collect()
    }
}

fn day_number(name: &str) -> Option<u8> {
    let lower = name.trim().to_lowercase();
    let position = DAY_NAMES_EN
        .iter()
        .position(|day| day.to_lowercase() == lower)
        .or_else(|| {
            DAY_NAMES_LV
                .iter()
                .position(|day| day.to_lowercase() == lower)
        })?;
    u8::try_from(position + 1).ok()
}

/// `Mon-Fri`, `Mon,Wed,Fri`, `Sat`, `P-Pk`.
fn parse_days(text: &str) -> Result<Vec<u8>> {
    let mut days = Vec::new();
    for part in text.split(',') {
        match part.split_once(['-', '–']) {
            Some((first, last)) => {
                let first = day_number(first).ok_or_else(bad_hours)?;
                let last = day_number(last).ok_or_else(bad_hours)?;
                if last < first {
                    return Err(bad_hours());
                }
                days.extend(first..=last);
            }
            None => days.push(day_number(part).ok_or_else(bad_hours)?),
        }
    }
    days.sort_unstable();
    days.dedup();
    Ok(days)
}

/// `09:00-17:00`, `9:00-12:00,13:00-17:00`, `20:00-08:00`.
fn parse_ranges(text: &str) -> Result<Vec<TimeRange>> {
    text.split(',')
        .map(|range| {
            let (opens, closes) = range.trim().split_once(['-', '–']).ok_or_else(bad_hours)?;
            let opens = parse_time(opens)?;
            let closes = parse_time(closes)?;
            if opens == closes || opens == MINUTES_PER_DAY {
                return Err(bad_hours());
            }
            Ok(TimeRange { opens, closes })
        })
        .collect()
}

fn parse_time(text: &str) -> Result<u16> {
    let (hour, minute) = text.trim().split_once(':').ok_or_else(bad_hours)?;
    let hour: u16 = hour.parse().map_err(|_| bad_hours())?;
    let minute: u16 = minute.parse().map_err(|_| bad_hours())?;
    if minute >= 60 || hour > 24 || (hour == 24 && minute > 0) {
        return Err(bad_hours());
    }
    Ok(hour * 60 + minute)
}

fn render_days(days: &[u8], names: &[&str; 7], dash: &str) -> String {
    let name = |day: u8| names[usize::from(day.clamp(1, 7) - 1)];
    let mut parts = Vec::new();
    let mut index = 0;
    while index < days.len() {
        let start = days[index];
        let mut end = start;
        while index + 1 < days.len() && days[index + 1] == end + 1 {
            index += 1;
            end = days[index];
        }
        parts.push(match end - start {
            0 => name(start).to_owned(),
            1 => format!("{},{}", name(start), name(end)),
            _ => format!("{}{dash}{}", name(start), name(end)),
        });
        index += 1;
    }
    parts.join(",")
}

fn render_ranges(ranges: &[TimeRange], dash: &str) -> String {
    let time = |minutes: u16| format!("{:02}:{:02}", minutes / 60, minutes % 60);
    ranges
        .iter()
        .map(|range| format!("{}{dash}{}", time(range.opens), time(range.closes)))
        .collect::<Vec<_>>()
        .join(",")
}

/// The weekday of a number used in [`WeeklyHours::days`], for HSDS export.
pub fn weekday_of(day: u8) -> Weekday {
    match day {
        1 => Weekday::Mon,
        2 => Weekday::Tue,
        3 => Weekday::Wed,
        4 => Weekday::Thu,
        5 => Weekday::Fri,
        6 => Weekday::Sat,
        _ => Weekday::Sun,
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn riga(y: i32, m: u32, d: u32, hour: u32, minute: u32) -> DateTime<Utc> {
        Riga.with_ymd_and_hms(y, m, d, hour, minute, 0)
            .single()
            .expect("valid Rīga time")
            .with_timezone(&Utc)
    }

    #[test]
    fn parses_weekly_rules_exceptions_and_writes_them_back_canonically() {
        let hours = OpeningHours::parse("mon-fri 9:00-17:00 ; Sat 10:00-14:00; 2026-12-24 closed")
            .expect("parse");
        assert_eq!(hours.weekly[0].days, vec![1, 2, 3, 4, 5]);
        assert_eq!(
            hours.weekly[0].ranges,
            vec![TimeRange {
                opens: 540,
                closes: 1020
            }]
        );
        assert_eq!(
            hours.to_rules(),
            "Mon-Fri 09:00-17:00; Sat 10:00-14:00; 2026-12-24 closed"
        );
        assert_eq!(
            OpeningHours::parse(&hours.to_rules()).expect("reparse"),
            hours
        );
        assert_eq!(
            hours.describe().lv,
            "P–Pk 09:00–17:00; S 10:00–14:00; 24.12.2026 slēgts"
        );
        assert_eq!(
            hours.describe().ru,
            "Пн–Пт 09:00–17:00; Сб 10:00–14:00; 24.12.2026 закрыто"
        );
    }

    #[test]
    fn latvian_day_names_and_split_days() {
        let hours = OpeningHours::parse("P,T,Pk 09:00-12:00,13:00-17:00").expect("parse");
        assert_eq!(hours.weekly[0].days, vec![1, 3, 5]);
        assert_eq!(hours.to_rules(), "Mon,Wed,Fri 09:00-12:00,13:00-17:00");
    }

    #[test]
    fn open_now_in_riga_time_with_exceptions_and_night_lines() {
        let office = OpeningHours::parse("Mon-Fri 09:00-17:00; 2026-12-24 closed").expect("parse");
        // Monday 23.11.2026: 08:59 closed, 09:00 open, 17:00 closed (Rīga time).
        assert_eq!(office.is_open_at(riga(2026, 11, 23, 8, 59)), Some(false));
        assert_eq!(office.is_open_at(riga(2026, 11, 23, 9, 0)), Some(true));
        assert_eq!(office.is_open_at(riga(2026, 11, 23, 17, 0)), Some(false));
        assert_eq!(
            office.is_open_at(riga(2026, 11, 28, 12, 0)),
            Some(false),
            "Saturday"
        );
        assert_eq!(
            office.is_open_at(riga(2026, 12, 24, 12, 0)),
            Some(false),
            "Christmas Eve"
        );
        // In summer time Rīga is UTC+3: 06:30 UTC is 09:30 there.
        let summer = Utc
            .with_ymd_and_hms(2026, 7, 1, 6, 30, 0)
            .single()
            .expect("time");
        assert_eq!(office.is_open_at(summer), Some(true));

        let night = OpeningHours::parse("Fri 20:00-08:00").expect("parse");
        assert_eq!(
            night.is_open_at(riga(2026, 11, 27, 23, 0)),
            Some(true),
            "Friday night"
        );
        assert_eq!(
            night.is_open_at(riga(2026, 11, 28, 7, 59)),
            Some(true),
            "Saturday early"
        );
        assert_eq!(night.is_open_at(riga(2026, 11, 28, 8, 0)), Some(false));

        assert_eq!(
            OpeningHours::parse("24/7")
                .expect("24/7")
                .is_open_at(riga(2026, 1, 1, 3, 0)),
            Some(true)
        );
        assert_eq!(
            OpeningHours::parse("")
                .expect("empty")
                .is_open_at(riga(2026, 1, 1, 3, 0)),
            None
        );
    }

    #[test]
    fn rejects_rules_it_cannot_read() {
        for text in [
            "Mon-Fri",
            "Mon-Fri 9-17",
            "Fri-Mon 09:00-17:00",
            "Someday 09:00-17:00",
            "Mon 25:00-26:00",
            "Mon 09:00-09:00",
            "Mon 09:60-10:00",
            "2026-02-30 closed",
        ] {
            let error = OpeningHours::parse(text).expect_err(text);
            assert!(
                matches!(
                    error,
                    Error::InvalidInput {
                        field: "hours",
                        reason: InvalidReason::BadHours
                    }
                ),
                "{text}"
            );
        }
    }
}
