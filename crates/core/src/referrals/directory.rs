//! The referral directory on the encrypted store: search as the consultant
//! types, supervisors' maintenance, and the audited opening of confidential
//! addresses.

use chrono::{DateTime, Months, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::entry::{Area, ReferralEntry, ReferralInput, ServiceType};
use super::municipality;
use crate::accounts::Account;
use crate::audit::{self, AuditAction, AuditEvent};
use crate::changes::{outbox, RecordKind};
use crate::codes::code_of;
use crate::error::{Error, Result};
use crate::region::Region;
use crate::store::fts::prefix_query;
use crate::store::rows::{parse_time, parse_uuid};

/// What the consultant typed and picked in the directory's search bar.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReferralQuery {
    /// Words to find in names, services, places and notes; prefixes match
    /// ("dros maj" finds "Drošā māja"), diacritics and case do not matter.
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub region: Option<Region>,
    /// A municipality code (`rezeknes-novads`).
    #[serde(default)]
    pub municipality: Option<String>,
    #[serde(default)]
    pub service_type: Option<ServiceType>,
    /// ISO 639-1 code of a language spoken.
    #[serde(default)]
    pub language: Option<String>,
    /// Only services open at the time of the search, in Rīga time.
    #[serde(default)]
    pub open_now: bool,
    /// Only entries verified within this many months.
    #[serde(default)]
    pub verified_within_months: Option<u32>,
    #[serde(default)]
    pub include_retired: bool,
}

/// The directory as the signed-in account may read and change it.
#[derive(Debug)]
pub struct Directory<'a> {
    pub(crate) connection: &'a Connection,
    pub(crate) account: &'a Account,
}

/// Words this long or longer make a query ranked over every match.
const RANKED_WORD: usize = 3;

/// What a search shows at most: a screenful and then some, enough to pick
/// from while the next letter is typed.
pub const SEARCH_RESULTS: usize = 100;

/// The most matches a query ranks. A query with more (a word most of the
/// directory holds, "konsultācijas") is too unspecific to rank, like a word
/// still being typed: the first matches that pass the filters are shown by
/// organisation name. Ranking scores every match before the first is shown
/// (bm25 counts them all), which took 87 ms at the p95 over 100,000 entries
/// (docs/benchmarks.md).
pub const RANKED_CANDIDATES: usize = 500;

/// Whether every typed word is shorter than [`RANKED_WORD`] letters.
fn only_first_letters(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .all(|word| word.chars().count() < RANKED_WORD)
}

pub(crate) struct StoredEntry {
    pub id: Uuid,
    pub input: ReferralInput,
    pub retired: bool,
    pub updated_at: DateTime<Utc>,
}

impl StoredEntry {
    /// The entry as shown, with its opening hours read at `now`.
    pub(super) fn into_entry(self, now: DateTime<Utc>) -> ReferralEntry {
        ReferralEntry::new(self.id, self.input, self.retired, self.updated_at, now)
    }
}

const ENTRY_COLUMNS: &str =
    "referral_entry.id, referral_entry.retired, referral_entry.updated_at, referral_entry.entry";

fn entry_from_row(row: &Row<'_>) -> rusqlite::Result<StoredEntry> {
    let json: String = row.get(3)?;
    Ok(StoredEntry {
        id: parse_uuid(row, 0)?,
        retired: row.get(1)?,
        updated_at: parse_time(row, 2)?,
        input: serde_json::from_str(&json).map_err(|error| {
            rusqlite::Error::FromSqlConversionFailure(
                3,
                rusqlite::types::Type::Text,
                Box::new(error),
            )
        })?,
    })
}

impl Directory<'_> {
    /// Entries matching the query, at most [`SEARCH_RESULTS`] that pass the
    /// filters: best match first when at most [`RANKED_CANDIDATES`] entries
    /// match, otherwise by organisation name, as when no words were typed
    /// (then every entry that passes) or when every word is shorter than
    /// [`RANKED_WORD`] letters (a query still being typed). Matches are read
    /// one at a time in the index's order and the reading stops at the
    /// limit, so a common word or one letter never ranks the whole
    /// directory. Confidential addresses are never in results.
    pub fn search(&self, query: &ReferralQuery, now: DateTime<Utc>) -> Result<Vec<ReferralEntry>> {
        let today = now.date_naive();
        let shown = |stored: StoredEntry| -> Option<ReferralEntry> {
            if stored.retired && !query.include_retired {
                return None;
            }
            let entry = stored.into_entry(now);
            matches_filters(&entry, query, today).then(|| entry.without_confidential_address())
        };
        let by_name = |entries: &mut Vec<ReferralEntry>| {
            entries.sort_by_cached_key(|entry| {
                crate::i18n::fold_latvian(&entry.input.organisation.lv)
            });
        };
        let text = query.text.as_deref().unwrap_or_default();
        let Some(expression) = prefix_query(text) else {
            let mut entries: Vec<ReferralEntry> = self
                .could_pass(query)?
                .into_iter()
                .filter_map(shown)
                .collect();
            by_name(&mut entries);
            return Ok(entries);
        };
        let mut matches = self
            .connection
            .prepare_cached("SELECT rowid FROM referral_text WHERE referral_text MATCH ?1")?;
        let mut entry = self.connection.prepare_cached(&format!(
            "SELECT {ENTRY_COLUMNS} FROM referral_entry WHERE rowid = ?1"
        ))?;
        let mut rows = matches.query([&expression])?;
        let mut leading: Vec<i64> = Vec::new();
        if !only_first_letters(text) {
            while leading.len() <= RANKED_CANDIDATES {
                let Some(row) = rows.next()? else { break };
                leading.push(row.get(0)?);
            }
        }
        let ranked = !leading.is_empty() && leading.len() <= RANKED_CANDIDATES;
        if ranked {
            leading = self
                .connection
                .prepare_cached(
                    "SELECT rowid FROM referral_text WHERE referral_text MATCH ?1
                     ORDER BY bm25(referral_text, 10.0, 5.0, 3.0, 1.0)",
                )?
                .query_map([&expression], |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()?;
        }
        let rest = std::iter::from_fn(|| {
            rows.next()
                .transpose()
                .map(|row| row.and_then(|row| row.get::<_, i64>(0)))
        });
        let mut found = Vec::new();
        for rowid in leading.into_iter().map(Ok).chain(rest) {
            if let Some(shown) = shown(entry.query_row([rowid?], entry_from_row)?) {
                found.push(shown);
                if found.len() == SEARCH_RESULTS {
                    break;
                }
            }
        }
        if !ranked {
            by_name(&mut found);
        }
        Ok(found)
    }

    /// The entries whose service types and places (`referral_facet`) can
    /// pass the query's service type, region and municipality: every entry
    /// when it names none. The other filters, and these again, are applied
    /// to the entries read.
    fn could_pass(&self, query: &ReferralQuery) -> Result<Vec<StoredEntry>> {
        let mut conditions = Vec::new();
        let mut values: Vec<String> = Vec::new();
        let mut facet = |kind: &str, accepted: Vec<String>| {
            let mut placeholders = Vec::new();
            for value in accepted {
                values.push(value);
                placeholders.push(format!("?{}", values.len()));
            }
            conditions.push(format!(
                "referral_entry.rowid IN (SELECT entry_rowid FROM referral_facet
                 WHERE kind = '{kind}' AND value IN ({}))",
                placeholders.join(", ")
            ));
        };
        if let Some(kind) = query.service_type {
            facet("service", vec![code_of(&kind)]);
        }
        let served = |codes: Vec<String>| {
            codes
                .into_iter()
                .chain([Area::Nationwide.code()])
                .collect::<Vec<_>>()
        };
        if let Some(region) = query.region {
            facet(
                "area",
                served(
                    municipality::MUNICIPALITIES
                        .iter()
                        .filter(|municipality| municipality.region == region)
                        .map(|municipality| municipality.code.to_owned())
                        .collect(),
                ),
            );
        }
        if let Some(code) = query
            .municipality
            .as_deref()
            .filter(|code| !code.is_empty())
        {
            let code = municipality::find(code).map_or(code, |found| found.code);
            facet("area", served(vec![code.to_owned()]));
        }
        if conditions.is_empty() {
            return self.all_stored();
        }
        let mut statement = self.connection.prepare(&format!(
            "SELECT {ENTRY_COLUMNS} FROM referral_entry WHERE {}",
            conditions.join(" AND ")
        ))?;
        let rows = statement.query_map(rusqlite::params_from_iter(values), entry_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub(crate) fn all_stored(&self) -> Result<Vec<StoredEntry>> {
        let mut statement = self
            .connection
            .prepare_cached(&format!("SELECT {ENTRY_COLUMNS} FROM referral_entry"))?;
        let rows = statement.query_map([], entry_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub(super) fn stored(&self, id: Uuid) -> Result<StoredEntry> {
        self.stored_if_any(id)?.ok_or(Error::ReferralNotFound)
    }

    /// The entry `id`, or none when the directory has no such entry (a call
    /// may still name one it never received).
    pub(crate) fn stored_if_any(&self, id: Uuid) -> Result<Option<StoredEntry>> {
        Ok(self
            .connection
            .prepare_cached(&format!(
                "SELECT {ENTRY_COLUMNS} FROM referral_entry WHERE id = ?1"
            ))?
            .query_row([id.to_string()], entry_from_row)
            .optional()?)
    }

    /// One entry. Supervisors see the confidential address; consultants see
    /// that there is one and open it with [`Self::open_confidential_address`].
    pub fn get(&self, id: Uuid, now: DateTime<Utc>) -> Result<ReferralEntry> {
        let entry = self.stored(id)?.into_entry(now);
        Ok(if self.account.is_supervisor() {
            entry
        } else {
            entry.without_confidential_address()
        })
    }

    /// A consultant opens a shelter's real address on purpose; the opening is
    /// in the audit log before the address is returned.
    pub fn open_confidential_address(&self, id: Uuid, now: DateTime<Utc>) -> Result<String> {
        let stored = self.stored(id)?;
        let transaction = self.connection.unchecked_transaction()?;
        audit::record(
            &transaction,
            Some(self.account.id),
            AuditEvent::new(AuditAction::ConfidentialAddressOpened).target("referral", id),
            now,
        )?;
        transaction.commit()?;
        Ok(stored.input.confidential_address)
    }

    pub(super) fn require_supervisor(&self) -> Result<()> {
        if self.account.is_supervisor() {
            Ok(())
        } else {
            Err(Error::SupervisorOnly)
        }
    }

    /// Adds an entry (`id` = `None`) or replaces one (supervisors only).
    pub fn save(
        &self,
        id: Option<Uuid>,
        input: ReferralInput,
        now: DateTime<Utc>,
    ) -> Result<ReferralEntry> {
        self.require_supervisor()?;
        let input = input.validated()?;
        let transaction = self.connection.unchecked_transaction()?;
        let saved = match id {
            Some(id) => {
                let old = self.stored(id)?;
                write_entry(&transaction, id, &input, old.retired, self.account.id, now)?;
                audit::record(
                    &transaction,
                    Some(self.account.id),
                    AuditEvent::new(AuditAction::ReferralEdited).target("referral", id),
                    now,
                )?;
                id
            }
            None => {
                let id = new_entry_id(&transaction, &input.key)?;
                write_entry(&transaction, id, &input, false, self.account.id, now)?;
                audit::record(
                    &transaction,
                    Some(self.account.id),
                    AuditEvent::new(AuditAction::ReferralCreated).target("referral", id),
                    now,
                )?;
                id
            }
        };
        transaction.commit()?;
        self.get(saved, now)
    }

    /// Retires an entry or brings it back (supervisors only). Retired entries
    /// drop out of searches but stay readable from the calls that link them.
    pub fn set_retired(
        &self,
        id: Uuid,
        retired: bool,
        now: DateTime<Utc>,
    ) -> Result<ReferralEntry> {
        self.require_supervisor()?;
        let old = self.stored(id)?;
        let transaction = self.connection.unchecked_transaction()?;
        write_entry(&transaction, id, &old.input, retired, self.account.id, now)?;
        let action = if retired {
            AuditAction::ReferralRetired
        } else {
            AuditAction::ReferralRestored
        };
        audit::record(
            &transaction,
            Some(self.account.id),
            AuditEvent::new(action).target("referral", id),
            now,
        )?;
        transaction.commit()?;
        self.get(id, now)
    }

    pub(crate) fn account(&self) -> &Account {
        self.account
    }
}

/// The id of a new entry: derived from the organisation and the entry's key, so
/// two devices that import the same file create the same entries and sync
/// merges them instead of doubling them. A random id if that one is in use
/// (an entry whose key was changed).
pub(crate) fn new_entry_id(connection: &Connection, key: &str) -> Result<Uuid> {
    let organisation = crate::accounts::load_organisation(connection)?;
    let derived = Uuid::new_v5(&organisation.id, key.as_bytes());
    let used: bool = connection.query_row(
        "SELECT EXISTS (SELECT 1 FROM referral_entry WHERE id = ?1)",
        [derived.to_string()],
        |row| row.get(0),
    )?;
    Ok(if used { Uuid::new_v4() } else { derived })
}

/// Inserts or replaces an entry and its search row, keyed by id, as a local
/// change queued for sync; the caller holds the transaction.
pub(crate) fn write_entry(
    connection: &Connection,
    id: Uuid,
    input: &ReferralInput,
    retired: bool,
    by: Uuid,
    now: DateTime<Utc>,
) -> Result<()> {
    let base = current_stamp(connection, id)?;
    let stamp = outbox::record_change(connection, RecordKind::Referral, id, now)?;
    write_entry_row(
        connection,
        id,
        input,
        retired,
        Some(by),
        now,
        &stamp.to_string(),
    )?;
    set_lineage(connection, id, base.as_deref(), &[])
}

/// Notes which version a local write or a received one came from.
pub(super) fn set_lineage(
    connection: &Connection,
    id: Uuid,
    base_stamp: Option<&str>,
    resolves: &[String],
) -> Result<()> {
    let resolves = (!resolves.is_empty())
        .then(|| serde_json::to_string(resolves))
        .transpose()
        .map_err(|_| Error::Random)?;
    connection.execute(
        "UPDATE referral_entry SET base_stamp = ?2, resolves = ?3 WHERE id = ?1",
        params![id.to_string(), base_stamp, resolves],
    )?;
    Ok(())
}

/// The stamp of the version held here, which a local edit is made from.
fn current_stamp(connection: &Connection, id: Uuid) -> Result<Option<String>> {
    Ok(connection
        .query_row(
            "SELECT stamp FROM referral_entry WHERE id = ?1",
            [id.to_string()],
            |row| row.get(0),
        )
        .optional()?)
}

/// Writes an entry with a given stamp: a local change or one from sync.
pub(crate) fn write_entry_row(
    connection: &Connection,
    id: Uuid,
    input: &ReferralInput,
    retired: bool,
    by: Option<Uuid>,
    updated_at: DateTime<Utc>,
    stamp: &str,
) -> Result<()> {
    let json = serde_json::to_string(input).map_err(|_| Error::Random)?;
    let by = by.map(|id| id.to_string());
    let existing_rowid: Option<i64> = connection
        .query_row(
            "SELECT rowid FROM referral_entry WHERE id = ?1",
            [id.to_string()],
            |row| row.get(0),
        )
        .optional()?;
    let rowid = match existing_rowid {
        Some(rowid) => {
            connection.execute(
                "UPDATE referral_entry SET key = ?2, retired = ?3, updated_at = ?4, updated_by = ?5,
                        entry = ?6, stamp = ?7
                 WHERE rowid = ?1",
                params![rowid, input.key, retired, updated_at.to_rfc3339(), by, json, stamp],
            )?;
            connection.execute("DELETE FROM referral_text WHERE rowid = ?1", [rowid])?;
            rowid
        }
        None => {
            let taken: bool = connection.query_row(
                "SELECT EXISTS (SELECT 1 FROM referral_entry WHERE key = ?1)",
                [&input.key],
                |row| row.get(0),
            )?;
            if taken {
                return Err(Error::ReferralKeyTaken);
            }
            connection.execute(
                "INSERT INTO referral_entry (id, key, retired, updated_at, updated_by, entry, stamp)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    id.to_string(),
                    input.key,
                    retired,
                    updated_at.to_rfc3339(),
                    by,
                    json,
                    stamp
                ],
            )?;
            connection.last_insert_rowid()
        }
    };
    let places = input
        .areas
        .iter()
        .map(Area::name)
        .collect::<Vec<_>>()
        .join(" ");
    let services = format!(
        "{} {} {}",
        input.service.joined(),
        input.description.joined(),
        input
            .service_types
            .iter()
            .map(|kind| kind.code())
            .collect::<Vec<_>>()
            .join(" ")
    );
    connection.execute(
        "INSERT INTO referral_text (rowid, names, services, places, notes) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            rowid,
            input.organisation.joined(),
            services,
            format!("{places} {}", input.address),
            input.notes.joined()
        ],
    )?;
    Ok(())
}

fn matches_filters(entry: &ReferralEntry, query: &ReferralQuery, today: NaiveDate) -> bool {
    let input = &entry.input;
    if let Some(region) = query.region {
        if !entry.regions.contains(&region) {
            return false;
        }
    }
    if let Some(code) = query
        .municipality
        .as_deref()
        .filter(|code| !code.is_empty())
    {
        let code = municipality::find(code).map_or(code, |found| found.code);
        let serves = input.areas.iter().any(|area| match area {
            Area::Nationwide => true,
            Area::Municipality { code: served } => served == code,
            Area::Abroad { .. } => false,
        });
        if !serves {
            return false;
        }
    }
    if let Some(kind) = query.service_type {
        if !input.service_types.contains(&kind) {
            return false;
        }
    }
    if let Some(language) = query.language.as_deref().filter(|code| !code.is_empty()) {
        if !input
            .languages
            .iter()
            .any(|spoken| spoken.eq_ignore_ascii_case(language))
        {
            return false;
        }
    }
    if query.open_now && entry.open_now != Some(true) {
        return false;
    }
    if let Some(months) = query.verified_within_months {
        let since = today.checked_sub_months(Months::new(months));
        let recent = matches!((input.verified_on, since), (Some(day), Some(since)) if day >= since);
        if !recent {
            return false;
        }
    }
    true
}
