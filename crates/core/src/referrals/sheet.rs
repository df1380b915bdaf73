//! The referral sheet: a PDF a consultant hands to a caller with the
//! contacts the caller was referred to, in the caller's language.
//!
//! It carries directory contacts only, never anything about the call: a
//! sheet can be found on the caller by the very people they are escaping.
//! For the same reason it says nothing of the hotline (title, footer and
//! the file's metadata are neutral), and a shelter's confidential address is
//! printed only where the consultant ticked it for that entry; each such
//! printing is audited like an opening of the address.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Riga;
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;
use uuid::Uuid;

use super::directory::Directory;
use super::entry::ReferralEntry;
use super::hours::OpeningHours;
use crate::audit::{self, AuditAction, AuditEvent};
use crate::codes::code_of;
use crate::error::{Error, InvalidReason, Result};
use crate::i18n::Texts;
use crate::pdf::{self, text_block, wrap, Flow, Font, Item, MARGIN, RIGHT};
use crate::store::write_atomically;

/// Most contacts on one sheet: more than a caller can use, fewer than a
/// whole directory printed by mistake.
pub const MOST_SHEET_CONTACTS: usize = 30;

/// Where a contact's values start, right of their labels.
const VALUE_X: i32 = MARGIN + 250;
const CONTACT_GAP: i32 = 34;

/// The language a sheet is printed in. Russian is offered for callers who
/// read it; a field the directory has no Russian (or English) text for is
/// printed in Latvian.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SheetLanguage {
    #[default]
    Lv,
    En,
    Ru,
}

/// One contact the consultant ticked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SheetContact {
    pub entry_id: Uuid,
    /// Print the shelter's confidential address; only when ticked on purpose.
    #[serde(default)]
    pub include_confidential_address: bool,
}

/// What to print: the chosen contacts, in order, and the language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReferralSheet {
    pub contacts: Vec<SheetContact>,
    #[serde(default)]
    pub language: SheetLanguage,
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrintedSheet {
    pub path: PathBuf,
    pub contacts: usize,
    /// How many confidential addresses it carries.
    pub confidential_addresses: usize,
}

impl SheetLanguage {
    /// `texts` in this language, or in Latvian where it has none.
    fn pick(self, texts: &Texts) -> &str {
        let chosen = match self {
            Self::Lv => &texts.lv,
            Self::En => &texts.en,
            Self::Ru => &texts.ru,
        };
        if chosen.is_empty() {
            &texts.lv
        } else {
            chosen
        }
    }

    /// The sheet's own words.
    fn word(self, [lv, en, ru]: [&'static str; 3]) -> &'static str {
        match self {
            Self::Lv => lv,
            Self::En => en,
            Self::Ru => ru,
        }
    }
}

const TITLE: [&str; 3] = ["Noderīgi kontakti", "Useful contacts", "Полезные контакты"];
const AS_OF: [&str; 3] = ["Dati uz", "Details as of", "Данные на"];
const PHONE: [&str; 3] = ["Tālrunis", "Phone", "Телефон"];
const EMAIL: [&str; 3] = ["E-pasts", "E-mail", "Эл. почта"];
const WEB: [&str; 3] = ["Tīmekļa vietne", "Website", "Веб-сайт"];
const MESSENGER: [&str; 3] = ["Saziņai", "Messaging", "Мессенджер"];
const ADDRESS: [&str; 3] = ["Adrese", "Address", "Адрес"];
const CONFIDENTIAL_ADDRESS: [&str; 3] = [
    "Adrese (neizpaust)",
    "Address (keep private)",
    "Адрес (не разглашать)",
];
const HOURS: [&str; 3] = ["Darba laiks", "Opening hours", "Часы работы"];

/// One contact as printed: its names and its labelled lines.
#[derive(Debug)]
struct PrintedContact {
    organisation: String,
    service: String,
    lines: Vec<(&'static str, String)>,
}

impl PrintedContact {
    fn new(entry: &ReferralEntry, language: SheetLanguage) -> Self {
        let input = &entry.input;
        let mut lines = Vec::new();
        for (phone, shown) in input.phones.iter().zip(&entry.phones_display) {
            let value = if phone.label.is_empty() {
                shown.clone()
            } else {
                format!("{shown} ({})", phone.label)
            };
            lines.push((language.word(PHONE), value));
        }
        for (label, value) in [
            (EMAIL, &input.email),
            (WEB, &input.web),
            (MESSENGER, &input.messenger),
            (ADDRESS, &input.address),
            (CONFIDENTIAL_ADDRESS, &input.confidential_address),
        ] {
            if !value.is_empty() {
                lines.push((language.word(label), value.clone()));
            }
        }
        let hours = OpeningHours::parse(&input.hours).unwrap_or_default();
        if !hours.is_unknown() {
            let described = hours.describe();
            let text = match language {
                SheetLanguage::Lv => described.lv.into_owned(),
                SheetLanguage::En => described.en.into_owned(),
                SheetLanguage::Ru => described.ru.into_owned(),
            };
            lines.push((language.word(HOURS), text));
        }
        Self {
            organisation: language.pick(&input.organisation).to_owned(),
            service: language.pick(&input.service).to_owned(),
            lines,
        }
    }

    /// The contact as one block that a page break never splits (unless it
    /// is longer than a page).
    fn lay_out(&self, flow: &mut Flow) {
        let organisation = wrap(&self.organisation, Font::Heading, RIGHT - MARGIN);
        let service = wrap(&self.service, Font::Bold, RIGHT - MARGIN);
        let rows: Vec<(&str, Vec<String>)> = self
            .lines
            .iter()
            .map(|(label, value)| (*label, wrap(value, Font::Body, RIGHT - VALUE_X)))
            .collect();
        let row_height = |values: &Vec<String>| Font::Body.line_height() * values.len() as i32 + 8;
        let height = Font::Heading.line_height() * organisation.len() as i32
            + Font::Bold.line_height() * service.len() as i32
            + 14
            + rows
                .iter()
                .map(|(_, values)| row_height(values))
                .sum::<i32>();
        if !flow.fits(height) {
            flow.break_page();
        }
        text_block(flow, MARGIN, &organisation, Font::Heading);
        text_block(flow, MARGIN, &service, Font::Bold);
        flow.gap(14);
        for (label, values) in &rows {
            let (y, _) = flow.reserve(row_height(values));
            flow.push_lines(MARGIN, y, &[(*label).to_owned()], Font::Small);
            flow.push_lines(VALUE_X, y, values, Font::Body);
        }
        flow.gap(CONTACT_GAP / 2);
        let (y, _) = flow.reserve(CONTACT_GAP / 2);
        flow.push(Item::Rule { y });
    }
}

impl Directory<'_> {
    /// Writes a referral sheet of the chosen contacts to `path` and audits
    /// it: the entries' ids and how many, and one entry per confidential
    /// address printed. Retired entries print too, since a call may have
    /// referred to one before it was retired.
    pub fn print_sheet(
        &self,
        sheet: &ReferralSheet,
        path: &Path,
        now: DateTime<Utc>,
    ) -> Result<PrintedSheet> {
        if sheet.contacts.is_empty() {
            return Err(Error::invalid("contacts", InvalidReason::Empty));
        }
        if sheet.contacts.len() > MOST_SHEET_CONTACTS {
            return Err(Error::invalid("contacts", InvalidReason::TooLong));
        }
        let mut entries: Vec<ReferralEntry> = Vec::with_capacity(sheet.contacts.len());
        for contact in &sheet.contacts {
            if entries.iter().any(|entry| entry.id == contact.entry_id) {
                continue;
            }
            let entry = self.stored(contact.entry_id)?.into_entry(now);
            entries.push(if contact.include_confidential_address {
                entry
            } else {
                entry.without_confidential_address()
            });
        }
        let confidential: Vec<Uuid> = entries
            .iter()
            .filter(|entry| !entry.input.confidential_address.is_empty())
            .map(|entry| entry.id)
            .collect();
        let bytes = document(&entries, sheet.language, path, now)?;

        let transaction = self.connection.unchecked_transaction()?;
        audit::record(
            &transaction,
            Some(self.account.id),
            AuditEvent::new(AuditAction::ReferralSheetPrinted).details(json!({
                "entries": entries.iter().map(|entry| entry.id).collect::<Vec<_>>(),
                "count": entries.len(),
                "language": code_of(&sheet.language),
            })),
            now,
        )?;
        for id in &confidential {
            audit::record(
                &transaction,
                Some(self.account.id),
                AuditEvent::new(AuditAction::ConfidentialAddressPrinted).target("referral", id),
                now,
            )?;
        }
        write_atomically(path, &bytes)?;
        transaction.commit()?;
        Ok(PrintedSheet {
            path: path.to_owned(),
            contacts: entries.len(),
            confidential_addresses: confidential.len(),
        })
    }
}

fn document(
    entries: &[ReferralEntry],
    language: SheetLanguage,
    path: &Path,
    now: DateTime<Utc>,
) -> Result<Vec<u8>> {
    let contacts: Vec<PrintedContact> = entries
        .iter()
        .map(|entry| PrintedContact::new(entry, language))
        .collect();
    let title = language.word(TITLE);
    let as_of = format!(
        "{} {}",
        language.word(AS_OF),
        now.with_timezone(&Riga).format("%d.%m.%Y")
    );
    pdf::document(
        path,
        pdf::metadata(title.to_owned(), &code_of(&language), now),
        |flow| {
            text_block(flow, MARGIN, &[title.to_owned()], Font::Title);
            text_block(flow, MARGIN, &[as_of], Font::Small);
            flow.gap(CONTACT_GAP);
            for contact in &contacts {
                contact.lay_out(flow);
            }
        },
        |page, pages| format!("{page} / {pages}"),
    )
}
