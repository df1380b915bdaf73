//! The store as the benchmarks measure it: the app's schema, pragmas, call log
//! and directory on a SQLCipher file or, as the baseline in the same run, on a
//! plain SQLite file. Nothing here is used by the app.

use std::path::Path;
use std::sync::Arc;

use chrono::Utc;
use rusqlite::Connection;
use uuid::Uuid;

use super::open_plain_for_baseline;
use crate::accounts::{self, Account, NewAccount, Organisation, Role};
use crate::calls::sample::SampleCalls;
use crate::calls::CallLog;
use crate::error::Result;
use crate::referrals::{csv_file, Directory, ReferralInput, TransferFormat};
use crate::region::Region;
use crate::reports::{
    self, CallListExport, ExportedCallList, ExportedReport, Report, ReportExport, ReportRequest,
};
use crate::store::checkpointer::{Checkpointer, CHECKPOINT_EVERY};
use crate::store::connection::{open_encrypted, open_encrypted_with};
use crate::store::crypto::DataKey;
use crate::store::readers::Readers;
use crate::store::schema;

#[derive(Debug)]
pub struct BenchStore {
    connection: Connection,
    /// The app's read-only connections, on an encrypted store.
    readers: Option<Arc<Readers>>,
    /// Checkpoints off the saves, as the app's session runs them.
    _checkpointer: Checkpointer,
    organisation: Organisation,
    supervisor: Account,
}

/// A report run on the store's readers, as the app runs one, from another
/// thread than the one saving.
#[derive(Debug)]
pub struct BenchReader {
    readers: Arc<Readers>,
    supervisor: Account,
}

impl BenchReader {
    pub fn report(&self, request: &ReportRequest) -> Result<Report> {
        self.readers
            .read(|connection| reports::run(connection, &self.supervisor, request, Utc::now()))
    }
}

impl BenchStore {
    /// A fresh store at `path` with one supervisor; encrypted with a random
    /// data key, or plain for the baseline. Either way its log is
    /// checkpointed on a thread of its own, as the app does.
    pub fn create(path: &Path, encrypted: bool) -> Result<Self> {
        if encrypted {
            let key = DataKey::generate()?;
            let connection = open_encrypted(path, &key)?;
            let checkpointer = open_encrypted(path, &key)?;
            Self::set_up(
                path,
                connection,
                checkpointer,
                Some(Readers::new(path.to_owned(), key)),
            )
        } else {
            let checkpointer = open_plain_for_baseline(path)?;
            Self::set_up(path, open_plain_for_baseline(path)?, checkpointer, None)
        }
    }

    /// A fresh SQLCipher store whose pages are made with `cipher`'s
    /// settings instead of SQLCipher's defaults (the hardening benchmark's
    /// page size and HMAC variants). It has no readers: the app's open
    /// them with the defaults.
    pub fn create_with_cipher(path: &Path, cipher: &[(&str, &str)]) -> Result<Self> {
        let key = DataKey::generate()?;
        let connection = open_encrypted_with(path, &key, cipher)?;
        let checkpointer = open_encrypted_with(path, &key, cipher)?;
        Self::set_up(path, connection, checkpointer, None)
    }

    fn set_up(
        path: &Path,
        mut connection: Connection,
        checkpointer: Connection,
        readers: Option<Arc<Readers>>,
    ) -> Result<Self> {
        schema::upgrade(&mut connection)?;
        let checkpointer =
            Checkpointer::take_over(path, &connection, checkpointer, CHECKPOINT_EVERY)?;
        let now = Utc::now();
        let organisation = accounts::insert_organisation(&connection, "Benchmark", now)?;
        let supervisor = accounts::insert_account(
            &connection,
            &NewAccount {
                login: "bench".into(),
                display_name: "Benchmark".into(),
                role: Role::Supervisor,
                home_region: Region::Riga,
            },
            None,
            now,
        )?;
        Ok(Self {
            connection,
            readers,
            _checkpointer: checkpointer,
            organisation,
            supervisor,
        })
    }

    /// The store's one writer, for tests inside the crate that read what it wrote.
    #[cfg(test)]
    pub(crate) fn connection(&self) -> &Connection {
        &self.connection
    }

    pub fn supervisor_id(&self) -> Uuid {
        self.supervisor.id
    }

    pub fn call_log(&self) -> CallLog<'_> {
        CallLog {
            connection: &self.connection,
            account: &self.supervisor,
        }
    }

    /// Adds `count` synthetic calls over the five years before now, as the
    /// app saves finished calls, in batches of 20,000 per transaction. The
    /// same `seed` gives the same calls, so two stores can hold the same data.
    pub fn fill_sample_calls(&self, count: usize, seed: u64) -> Result<()> {
        let mut sample = SampleCalls::new(seed, Utc::now(), 5, self.supervisor.id);
        let mut left = count;
        while left > 0 {
            let batch = left.min(20_000);
            self.call_log()
                .add_finished(sample.by_ref().take(batch), Utc::now())?;
            left -= batch;
        }
        Ok(())
    }

    /// Adds directory entries as a supervisor's import of one CSV file
    /// would: in one transaction, so 100,000 entries take seconds, not the
    /// minutes of as many saves.
    pub fn fill_directory(&self, entries: impl IntoIterator<Item = ReferralInput>) -> Result<()> {
        let entries: Vec<(ReferralInput, bool)> =
            entries.into_iter().map(|input| (input, false)).collect();
        let file = csv_file::write(&entries, true);
        self.directory()
            .import(TransferFormat::Csv, &file, Utc::now())?;
        Ok(())
    }

    /// A reader of an encrypted store (the app has no plain one).
    pub fn reader(&self) -> Option<BenchReader> {
        self.readers.as_ref().map(|readers| BenchReader {
            readers: Arc::clone(readers),
            supervisor: self.supervisor.clone(),
        })
    }

    /// The report the Reports screen would show.
    pub fn report(&self, request: &ReportRequest) -> Result<Report> {
        reports::run(&self.connection, &self.supervisor, request, Utc::now())
    }

    /// The report written as the Reports screen or the CLI would write it.
    pub fn export_report(
        &self,
        request: &ReportRequest,
        export: &ReportExport,
    ) -> Result<ExportedReport> {
        reports::prepare_report_export(
            &self.supervisor,
            &self.organisation,
            self.report(request)?,
            export,
            Utc::now(),
        )?
        .record(&self.connection, &self.supervisor, Utc::now())
    }

    pub fn export_call_list(&self, export: &CallListExport) -> Result<ExportedCallList> {
        reports::prepare_call_list(
            &self.connection,
            &self.supervisor,
            export,
            &crate::progress::Unwatched,
        )?
        .record(&self.connection, &self.supervisor, Utc::now())
    }

    /// Sets a pragma over the app's own, to measure what a setting costs.
    pub fn set_pragma(&self, name: &str, value: &str) -> Result<()> {
        Ok(self.connection.pragma_update(None, name, value)?)
    }

    /// A pragma's value as SQLite reports it, to show a setting took.
    pub fn pragma(&self, name: &str) -> Result<String> {
        use rusqlite::types::Value;
        let value = self
            .connection
            .query_row(&format!("PRAGMA {name}"), [], |row| row.get::<_, Value>(0))?;
        Ok(match value {
            Value::Integer(number) => number.to_string(),
            Value::Text(text) => text,
            other => format!("{other:?}"),
        })
    }

    pub fn directory(&self) -> Directory<'_> {
        Directory {
            connection: &self.connection,
            account: &self.supervisor,
        }
    }
}
