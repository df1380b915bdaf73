//! `hotline calls …`: finished calls and open follow-ups as tables, with times
//! in Rīga time. Notes and caller details are never printed here.

use chrono::{NaiveDate, Utc};
use chrono_tz::Europe::Riga;
use clap::Subcommand;
use hotline_core::calls::{riga_day, CallFilter, StoredCall};
use hotline_core::{Error, Session};

#[derive(Debug, Subcommand)]
pub enum CallsCommand {
    /// Finished calls, newest first (consultants see their own region).
    List {
        /// First day (yyyy-mm-dd, Rīga time).
        #[arg(long)]
        from: Option<NaiveDate>,
        /// Last day (yyyy-mm-dd, Rīga time).
        #[arg(long)]
        to: Option<NaiveDate>,
        /// Words to find in notes, advice and referrals.
        #[arg(long)]
        text: Option<String>,
    },
    /// Open follow-ups, overdue first.
    FollowUps,
}

pub fn run(session: &Session, command: CallsCommand) -> Result<(), Error> {
    let log = session.call_log();
    match command {
        CallsCommand::List { from, to, text } => {
            let calls = log.find(&CallFilter {
                from,
                to,
                text,
                ..CallFilter::default()
            })?;
            for call in &calls {
                println!("{}", row(call));
            }
            println!("{} call(s)", calls.len());
        }
        CallsCommand::FollowUps => {
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
    }
    Ok(())
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
        details
            .line
            .map(|line| format!("{line:?}"))
            .unwrap_or_default(),
        subjects.join(", ")
    )
}
