//! `hotline call …`: add finished calls from JSON, list and show them, print
//! an example to start a script from, open follow-ups, and synthetic sample
//! calls, and (`export`) the call list as a file. The JSON is the app's own `CallDetails`; times print in Rīga time.
//! Tables never print notes or caller details; `show` prints one call whole.

use std::io::Read;
use std::path::PathBuf;

use chrono::{NaiveDate, Utc};
use chrono_tz::Europe::Riga;
use clap::Subcommand;
use hotline_core::calls::sample::SampleCalls;
use hotline_core::calls::{
    calls_from_json, riga_day, CallDetails, CallFilter, Direction, Line, StoredCall, Subject,
};
use hotline_core::error::InvalidReason;
use hotline_core::{Error, Region, Session};
use uuid::Uuid;

#[derive(Debug, Subcommand)]
pub enum CallCommand {
    /// Add one finished call, or an array of them, from JSON (a file or - for
    /// standard input); all are added or, if one is invalid, none.
    Add {
        #[arg(long, value_name = "FILE|-")]
        json: PathBuf,
    },
    /// Finished calls, newest first (consultants see their own region).
    List {
        /// First day (yyyy-mm-dd, Rīga time).
        #[arg(long)]
        from: Option<NaiveDate>,
        /// Last day (yyyy-mm-dd, Rīga time).
        #[arg(long)]
        to: Option<NaiveDate>,
        /// Only these regions (repeatable; supervisors).
        #[arg(long)]
        region: Vec<String>,
        /// Words to find in notes, advice and referrals.
        #[arg(long, alias = "text")]
        search: Option<String>,
        /// Print the calls as JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// One call as JSON, notes included.
    Show { id: Uuid },
    /// Erase a finished call and its history on every device, for an
    /// erasure request (supervisors). Cannot be undone.
    Erase {
        id: Uuid,
        /// Confirms the erasure.
        #[arg(long)]
        yes: bool,
    },
    /// A complete, valid call as JSON, to start a script from.
    Example,
    /// Open follow-ups, overdue first.
    FollowUps,
    /// Write the period's calls with the named columns as XLSX or CSV
    /// (supervisors); notes and other free text only when named.
    Export(crate::call_export::ExportArgs),
    /// Add N synthetic calls spread over the last years (supervisors; for
    /// demos, tests and benchmarks, never on a production device).
    Sample {
        #[arg(long, default_value_t = 100)]
        count: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, default_value_t = 3)]
        years: u32,
    },
}

pub fn run(session: &Session, command: CallCommand) -> Result<(), Error> {
    let log = session.call_log();
    match command {
        CallCommand::Add { json } => {
            let calls = calls_from_json(&read_input(&json)?)?;
            let now = Utc::now();
            let mut historical = 0;
            for call in &calls {
                if log.is_past_retention(call.started_at, now)? {
                    historical += 1;
                }
            }
            let ids = log.add_finished(calls, now)?;
            for id in &ids {
                println!("{id}");
            }
            eprintln!("{} call(s) added", ids.len());
            if historical > 0 {
                eprintln!(
                    "{historical} of them started before the retention period ({} years) and \
                     were kept as statistics only: no notes, advice or case reference",
                    session.retention().years()?
                );
            }
        }
        CallCommand::List {
            from,
            to,
            region,
            search,
            json,
        } => {
            let regions = region
                .iter()
                .map(|code| hotline_core::region::parse(code))
                .collect::<Result<Vec<_>, _>>()?;
            let calls = log.find_all(&CallFilter {
                from,
                to,
                regions,
                text: search,
                ..CallFilter::default()
            })?;
            if json {
                println!("{}", to_json(&calls)?);
            } else {
                for call in &calls {
                    println!("{}", row(call));
                }
                println!("{} call(s)", calls.len());
            }
        }
        CallCommand::Show { id } => println!("{}", to_json(&log.open(id, Utc::now())?)?),
        CallCommand::Erase { id, yes } => {
            if !yes {
                eprintln!(
                    "Erasing removes the call and its history on every device and cannot be undone; add --yes to confirm."
                );
                return Err(Error::invalid("yes", InvalidReason::Empty));
            }
            log.erase(id, Utc::now())?;
            println!("Erased call {id}; other devices remove it at their next sync.");
        }
        CallCommand::Example => println!("{}", to_json(&example())?),
        CallCommand::FollowUps => {
            let items = log.follow_ups(riga_day(Utc::now()))?;
            for item in &items {
                let due = item
                    .call
                    .details
                    .follow_up
                    .as_ref()
                    .map(|follow_up| follow_up.due.format("%d.%m.%Y").to_string())
                    .unwrap_or_default();
                let mark = if item.overdue { "OVERDUE" } else { "" };
                println!("{due:<10} {mark:<7} {}", row(&item.call));
            }
            println!("{} open follow-up(s)", items.len());
        }
        CallCommand::Export(args) => crate::call_export::run(session, args)?,
        CallCommand::Sample { count, seed, years } => {
            if !session.account().is_supervisor() {
                return Err(Error::SupervisorOnly);
            }
            let now = Utc::now();
            let calls = SampleCalls::new(seed, now, years, session.account().id).take(count);
            let ids = log.add_finished(calls, now)?;
            println!("{} synthetic call(s) added", ids.len());
        }
    }
    Ok(())
}

/// A file's text, or standard input for `-`.
pub(crate) fn read_input(path: &PathBuf) -> Result<String, Error> {
    let mut text = String::new();
    let result = if path.as_os_str() == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(path).map(|read| text = read)
    };
    result.map_err(|source| Error::Io {
        path: path.clone(),
        source,
    })?;
    Ok(text)
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, Error> {
    serde_json::to_string_pretty(value).map_err(|_| Error::invalid("json", InvalidReason::Unknown))
}

fn example() -> CallDetails {
    let now = Utc::now();
    CallDetails {
        ended_at: Some(now),
        line: Some(Line::RIGA_MOBILE_2),
        direction: Direction::Incoming,
        caller_role: Some(hotline_core::calls::CallerRole::RelativeOrFriend),
        gender: Some(hotline_core::calls::Gender::Female),
        age_group: Some(hotline_core::calls::AgeGroup::From18To24),
        language: Some(hotline_core::calls::CallerLanguage::Latvian),
        contact_back: Some(hotline_core::calls::ContactBack::Phone),
        subjects: vec![Subject::JOB_OFFER_CHECK, Subject::LABOUR_CONDITIONS_ABROAD],
        country: Some("GB".to_owned()),
        risk: Some(hotline_core::calls::RiskLevel::Medium),
        advice_given: "Ieteikts pārbaudīt darba devēju un neatdot pasi.".to_owned(),
        referrals: vec![hotline_core::calls::Referral {
            to: "Valsts darba inspekcija".to_owned(),
            entry_id: None,
            caller_consented: true,
            ..Default::default()
        }],
        notes: "Māsa saņēmusi darba piedāvājumu noliktavā Lielbritānijā.".to_owned(),
        ..CallDetails::starting(now - chrono::Duration::minutes(12), Region::Riga)
    }
}

fn row(call: &StoredCall) -> String {
    let details = &call.details;
    let subjects: Vec<String> = details
        .subjects
        .iter()
        .map(|subject| format!("{subject:?}"))
        .collect();
    format!(
        "{}  {:<8} {:<7} {:<16} {}",
        details
            .started_at
            .with_timezone(&Riga)
            .format("%d.%m.%Y %H:%M"),
        details.region.code(),
        details.case_ref.as_deref().unwrap_or("-"),
        details.line.as_ref().map(Line::code).unwrap_or_default(),
        subjects.join(", ")
    )
}
