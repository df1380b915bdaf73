//! The organisation's categories of calls: the subjects a consultant ticks
//! (types of exploitation and reasons for calling) and the phone lines and
//! channels calls come in on. They are records a
//! supervisor manages on any laptop, synced and signed like the retention
//! rule (`RecordKind::Category`, supervisor-only in the permission table), so
//! every laptop offers, reports and exports the same ones. Codes are stable:
//! a category is retired, never renamed away, so old calls stay valid.

mod code;
mod store;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::accounts::Account;
use crate::audit::{self, AuditAction, AuditEvent};
use crate::changes::{outbox, RecordKind};
use crate::error::{Error, InvalidReason, Result};
use crate::i18n::Texts;

pub use code::{CategoryCode, Line, Subject, MAX_CODE_CHARS};
pub(crate) use store::{apply, ctdc_types, list, record_at, CategoryRecord};

/// Longest name accepted, in characters.
pub const MAX_NAME_CHARS: usize = 80;

/// The CTDC type of exploitation a subject counts as in the CTDC case file;
/// `None` for reasons for calling that are not exploitation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum CtdcExploitation {
    Sexual,
    ForcedLabour,
    Other,
    None,
}

impl CtdcExploitation {
    const ALL: [Self; 4] = [Self::Sexual, Self::ForcedLabour, Self::Other, Self::None];

    pub fn code(self) -> &'static str {
        match self {
            Self::Sexual => "sexual",
            Self::ForcedLabour => "forcedLabour",
            Self::Other => "other",
            Self::None => "none",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }
}

/// What a category classifies: the call's subjects, or its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum CategoryKind {
    /// A type of exploitation or a reason for calling; a call has several.
    #[default]
    Subject,
    /// A phone line or a channel (e-mail, chat, in person); a call has one.
    Line,
}

impl CategoryKind {
    pub const ALL: [Self; 2] = [Self::Subject, Self::Line];

    pub fn code(self) -> &'static str {
        match self {
            Self::Subject => "subject",
            Self::Line => "line",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }

    fn is_subject(&self) -> bool {
        *self == Self::Subject
    }
}

/// One category as every screen, report and export reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Category {
    pub code: CategoryCode,
    pub kind: CategoryKind,
    pub names: Texts,
    /// Always `none` for a line.
    pub ctdc: CtdcExploitation,
    /// Offered for no new call; calls that have it keep it.
    pub retired: bool,
}

/// A category a supervisor adds.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewCategory {
    pub code: String,
    pub kind: CategoryKind,
    pub names: Texts,
    /// The CTDC type of a subject; a line counts as none whatever is given.
    pub ctdc: CtdcExploitation,
}

/// The organisation's categories as the signed-in account reads and, if a
/// supervisor, manages them.
#[derive(Debug)]
pub struct Categories<'a> {
    pub(crate) connection: &'a Connection,
    pub(crate) account: &'a Account,
}

impl Categories<'_> {
    /// Every category of both kinds, retired ones included, in the order
    /// they are listed.
    pub fn list(&self) -> Result<Vec<Category>> {
        store::list(self.connection)
    }

    /// Adds a category (supervisors only); it reaches every laptop at their
    /// next sync. A code deleted before may be used again, by either kind.
    /// Audited.
    pub fn add(&self, new: NewCategory, now: DateTime<Utc>) -> Result<Category> {
        self.require_supervisor()?;
        let code = CategoryCode::parse(new.code.trim())
            .map_err(|reason| Error::invalid("code", reason))?;
        let names = checked_names(new.names)?;
        let transaction = self.connection.unchecked_transaction()?;
        if store::get(&transaction, &code)?
            .is_some_and(|held| held.state != store::CategoryState::Deleted)
        {
            return Err(Error::CategoryCodeTaken);
        }
        let record = CategoryRecord {
            code,
            kind: new.kind,
            names,
            ctdc: if new.kind.is_subject() {
                new.ctdc
            } else {
                CtdcExploitation::None
            },
            position: store::next_position(&transaction)?,
            state: store::CategoryState::Active,
        };
        self.write(&transaction, &record, AuditAction::CategoryAdded, now)?;
        transaction.commit()?;
        self.get(&record.code)
    }

    /// Retires a category (no new call offers it) or brings it back.
    pub fn set_retired(&self, code: &str, retired: bool, now: DateTime<Utc>) -> Result<Category> {
        self.require_supervisor()?;
        let transaction = self.connection.unchecked_transaction()?;
        let mut record = self.held(&transaction, code)?;
        let (state, action) = if retired {
            (store::CategoryState::Retired, AuditAction::CategoryRetired)
        } else {
            (store::CategoryState::Active, AuditAction::CategoryRestored)
        };
        if record.state != state {
            record.state = state;
            self.write(&transaction, &record, action, now)?;
        }
        transaction.commit()?;
        self.get(&record.code)
    }

    /// Deletes a category no call on this laptop names (as a subject or as
    /// its line); one in use can only be retired (`CategoryInUse`).
    pub fn delete(&self, code: &str, now: DateTime<Utc>) -> Result<()> {
        self.require_supervisor()?;
        let transaction = self.connection.unchecked_transaction()?;
        let mut record = self.held(&transaction, code)?;
        let calls = store::calls_naming(&transaction, record.kind, &record.code)?;
        if calls > 0 {
            return Err(Error::CategoryInUse { calls });
        }
        record.state = store::CategoryState::Deleted;
        self.write(&transaction, &record, AuditAction::CategoryDeleted, now)?;
        transaction.commit()?;
        Ok(())
    }

    fn require_supervisor(&self) -> Result<()> {
        if self.account.is_supervisor() {
            Ok(())
        } else {
            Err(Error::SupervisorOnly)
        }
    }

    fn get(&self, code: &CategoryCode) -> Result<Category> {
        store::list(self.connection)?
            .into_iter()
            .find(|category| &category.code == code)
            .ok_or(Error::CategoryNotFound)
    }

    /// The record of a category that was not deleted.
    fn held(&self, connection: &Connection, code: &str) -> Result<CategoryRecord> {
        let code = CategoryCode::parse(code.trim()).map_err(|_| Error::CategoryNotFound)?;
        store::get(connection, &code)?
            .filter(|record| record.state != store::CategoryState::Deleted)
            .ok_or(Error::CategoryNotFound)
    }

    /// Stores `record` under a new stamp, queued for every laptop, audited.
    fn write(
        &self,
        connection: &Connection,
        record: &CategoryRecord,
        action: AuditAction,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let stamp = outbox::record_change(
            connection,
            RecordKind::Category,
            store::record_id(&record.code),
            now,
        )?;
        store::store(connection, record, &stamp.to_string())?;
        audit::record(
            connection,
            Some(self.account.id),
            AuditEvent::new(action).details(serde_json::json!({ "code": record.code.code() })),
            now,
        )
    }
}

fn checked_names(names: Texts) -> Result<Texts> {
    let names = Texts {
        lv: names.lv.trim().to_owned(),
        en: names.en.trim().to_owned(),
        ru: names.ru.trim().to_owned(),
    };
    for (field, text, required) in [
        ("names.lv", &names.lv, true),
        ("names.en", &names.en, true),
        ("names.ru", &names.ru, false),
    ] {
        if required && text.is_empty() {
            return Err(Error::invalid(field, InvalidReason::Empty));
        }
        if text.chars().count() > MAX_NAME_CHARS {
            return Err(Error::invalid(field, InvalidReason::TooLong));
        }
    }
    Ok(names)
}

/// Checks the subjects a consultant gives a call: each must be one of the
/// organisation's subjects, and a retired one only if the call had it.
pub(crate) fn check_subjects(
    connection: &Connection,
    subjects: &[Subject],
    had: &[Subject],
) -> Result<()> {
    for subject in subjects {
        let kept = had.contains(subject);
        if let Some(reason) = refusal(
            connection,
            CategoryKind::Subject,
            subject.category_code(),
            kept,
        )? {
            return Err(Error::invalid("subjects", reason));
        }
    }
    Ok(())
}

/// Checks the line a consultant gives a call, as `check_subjects` does.
pub(crate) fn check_line(
    connection: &Connection,
    line: Option<&Line>,
    had: Option<&Line>,
) -> Result<()> {
    let Some(line) = line else { return Ok(()) };
    match refusal(
        connection,
        CategoryKind::Line,
        line.category_code(),
        Some(line) == had,
    )? {
        Some(reason) => Err(Error::invalid("line", reason)),
        None => Ok(()),
    }
}

/// Why a call may not name `code` as a category of `kind`: unknown, of the
/// other kind, deleted, or retired and not already the call's.
fn refusal(
    connection: &Connection,
    kind: CategoryKind,
    code: &CategoryCode,
    kept: bool,
) -> Result<Option<InvalidReason>> {
    let record = store::get(connection, code)?.filter(|record| record.kind == kind);
    Ok(match record.map(|record| record.state) {
        Some(store::CategoryState::Active) => None,
        Some(store::CategoryState::Retired) if kept => None,
        Some(store::CategoryState::Retired) => Some(InvalidReason::Retired),
        Some(store::CategoryState::Deleted) | None => Some(InvalidReason::Unknown),
    })
}
