//! One call's summary as a PDF, for the consultant's own use or to hand a
//! case over: only the parts the consultant ticked. The free text typed
//! during the call (referrals as typed, advice, notes) is a part of its own,
//! so it is printed only when ticked; [`SummaryPart::DEFAULT`] leaves it out.
//!
//! The values are the call list's ([`CallColumn`]), so a call reads the
//! same in a call list and in its summary. Whoever may open the call may
//! print it (`Session::print_call_summary` checks); the audit entry names
//! the call and the parts, never a value.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;
use uuid::Uuid;

use super::call_list::{CallColumn, ListNames};
use super::listed::DetailsCodes;
use crate::accounts::Account;
use crate::audit::{self, AuditAction, AuditEvent};
use crate::calls::StoredCall;
use crate::codes::code_of;
use crate::error::{Error, InvalidReason, Result};
use crate::i18n::{Language, Localized};
use crate::pdf::{
    self, page_of, text_block, wrap, Flow, Font, Item, BAND_COLOR, BAND_HEIGHT, MARGIN, RIGHT,
};
use crate::store::write_atomically;

/// Where a row's value starts, right of its label.
const VALUE_X: i32 = MARGIN + 380;
const SECTION_GAP: i32 = 30;

/// A part of the summary the consultant can tick.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SummaryPart {
    /// When, on which line and in which region.
    Call,
    /// Who called: role, gender, age group, language.
    Caller,
    /// Subjects, country, risk, immediate danger and trafficking indicators.
    Situation,
    CaseRef,
    FollowUp,
    Outcome,
    /// Free text: each referral as shown in the call.
    Referrals,
    /// Free text: the advice the consultant wrote down.
    Advice,
    /// Free text: the call's notes.
    Notes,
}

impl SummaryPart {
    pub const ALL: [Self; 9] = [
        Self::Call,
        Self::Caller,
        Self::Situation,
        Self::CaseRef,
        Self::FollowUp,
        Self::Outcome,
        Self::Referrals,
        Self::Advice,
        Self::Notes,
    ];

    /// What the dialog ticks at first: everything but free text.
    pub const DEFAULT: [Self; 6] = [
        Self::Call,
        Self::Caller,
        Self::Situation,
        Self::CaseRef,
        Self::FollowUp,
        Self::Outcome,
    ];

    /// Whether the part is text typed during the call.
    pub fn is_free_text(self) -> bool {
        matches!(self, Self::Referrals | Self::Advice | Self::Notes)
    }

    fn title(self) -> Localized {
        match self {
            Self::Call => Localized::new("Zvans", "Call", "Звонок"),
            Self::Caller => Localized::new("Zvanītājs", "Caller", "Звонящий"),
            Self::Situation => Localized::new("Situācija", "Situation", "Ситуация"),
            Self::CaseRef => Localized::new("Lieta", "Case", "Дело"),
            Self::FollowUp => {
                Localized::new("Turpmākās darbības", "Follow-up", "Дальнейшие действия")
            }
            Self::Outcome => Localized::new("Iznākums", "Outcome", "Итог звонка"),
            Self::Referrals => Localized::new("Nosūtījumi", "Referrals", "Направления"),
            Self::Advice => {
                Localized::new("Sniegtais padoms", "Advice given", "Оказанная консультация")
            }
            Self::Notes => Localized::new("Piezīmes", "Notes", "Заметки"),
        }
    }

    fn columns(self) -> &'static [CallColumn] {
        match self {
            Self::Call => &[
                CallColumn::StartedAt,
                CallColumn::EndedAt,
                CallColumn::Region,
                CallColumn::Line,
                CallColumn::Direction,
            ],
            Self::Caller => &[
                CallColumn::CallerRole,
                CallColumn::Gender,
                CallColumn::AgeGroup,
                CallColumn::Language,
            ],
            Self::Situation => &[
                CallColumn::Subjects,
                CallColumn::Country,
                CallColumn::Risk,
                CallColumn::ImmediateDanger,
                CallColumn::Indicators,
            ],
            Self::CaseRef => &[CallColumn::CaseRef],
            Self::FollowUp => &[CallColumn::FollowUpDue, CallColumn::FollowUpDone],
            Self::Outcome => &[CallColumn::Outcome],
            Self::Referrals => &[CallColumn::Referrals],
            Self::Advice => &[CallColumn::AdviceGiven],
            Self::Notes => &[CallColumn::Notes],
        }
    }
}

/// Which call, which parts, in which language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallSummaryRequest {
    pub call_id: Uuid,
    /// At least one; free text only when named here.
    pub parts: Vec<SummaryPart>,
    #[serde(default)]
    pub language: Language,
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrintedCallSummary {
    pub path: PathBuf,
    pub parts: Vec<SummaryPart>,
}

const TITLE: Localized = Localized::new("Zvana kopsavilkums", "Call summary", "Сводка звонка");
const CONFIDENTIAL: Localized = Localized::new("Konfidenciāli", "Confidential", "Конфиденциально");

/// Writes `call`'s summary to `path` and audits it; the caller has checked
/// that the account may see the call.
pub(crate) fn print(
    connection: &Connection,
    account: &Account,
    call: &StoredCall,
    request: &CallSummaryRequest,
    path: &Path,
    now: DateTime<Utc>,
) -> Result<PrintedCallSummary> {
    let parts: Vec<SummaryPart> = SummaryPart::ALL
        .into_iter()
        .filter(|part| request.parts.contains(part))
        .collect();
    if parts.is_empty() {
        return Err(Error::invalid("parts", InvalidReason::Empty));
    }
    let names = ListNames::of(connection, request.language)?;
    let codes = DetailsCodes::new(call.id.to_string(), &call.details);
    let listed = codes.listed();
    let language = request.language;
    let sections: Vec<(String, Vec<(String, String)>)> = parts
        .iter()
        .map(|part| {
            let rows = part
                .columns()
                .iter()
                .map(|column| {
                    (
                        column.header().get(language).to_owned(),
                        column.value(&listed, &names),
                    )
                })
                .collect();
            (part.title().get(language).to_owned(), rows)
        })
        .collect();
    let title = TITLE.get(language).to_owned();
    let bytes = pdf::document(
        path,
        pdf::metadata(title.clone(), &code_of(&language), now),
        |flow| {
            text_block(flow, MARGIN, std::slice::from_ref(&title), Font::Title);
            flow.gap(SECTION_GAP);
            for (heading, rows) in &sections {
                section(flow, heading, rows);
            }
        },
        |page, pages| {
            format!(
                "{} · {title} · {}",
                CONFIDENTIAL.get(language),
                page_of(page, pages).get(language)
            )
        },
    )?;

    let transaction = connection.unchecked_transaction()?;
    audit::record(
        &transaction,
        Some(account.id),
        AuditEvent::new(AuditAction::CallSummaryPrinted)
            .target("call", call.id)
            .details(json!({
                "parts": parts.iter().map(code_of).collect::<Vec<_>>(),
                "language": code_of(&language),
            })),
        now,
    )?;
    write_atomically(path, &bytes)?;
    transaction.commit()?;
    Ok(PrintedCallSummary {
        path: path.to_owned(),
        parts,
    })
}

/// A part's band, then its rows; a value left empty reads as a dash.
fn section(flow: &mut Flow, heading: &str, rows: &[(String, String)]) {
    let rows: Vec<(Vec<String>, Vec<String>)> = rows
        .iter()
        .map(|(label, value)| {
            let value = if value.is_empty() { "–" } else { value };
            (
                wrap(label, Font::Bold, VALUE_X - MARGIN - 20),
                wrap(value, Font::Body, RIGHT - VALUE_X),
            )
        })
        .collect();
    if !flow.fits(BAND_HEIGHT + 10 + Font::Body.line_height() + 10) {
        flow.break_page();
    }
    let (y, _) = flow.reserve(BAND_HEIGHT + 10);
    flow.push(Item::Band {
        y,
        height: BAND_HEIGHT,
        text: heading.to_owned(),
        fill: BAND_COLOR,
    });
    for (label, value) in &rows {
        let lines = label.len().max(value.len()) as i32;
        let (y, _) = flow.reserve(Font::Body.line_height() * lines + 10);
        flow.push_lines(MARGIN, y, label, Font::Bold);
        flow.push_lines(VALUE_X, y, value, Font::Body);
    }
    flow.gap(SECTION_GAP);
}
