//! The store as the benchmarks measure it: the app's schema, pragmas, call log
//! and directory on a SQLCipher file or, as the baseline in the same run, on a
//! plain SQLite file. Nothing here is used by the app.

use std::path::Path;

use chrono::Utc;
use rusqlite::Connection;
use uuid::Uuid;

use crate::accounts::{self, Account, NewAccount, Role};
use crate::calls::CallLog;
use crate::error::Result;
use crate::referrals::Directory;
use crate::region::Region;
use crate::store::connection::{open_encrypted, open_plain_for_baseline};
use crate::store::crypto::DataKey;
use crate::store::schema;

#[derive(Debug)]
pub struct BenchStore {
    connection: Connection,
    supervisor: Account,
}

impl BenchStore {
    /// A fresh store at `path` with one supervisor; encrypted with a random
    /// data key, or plain for the baseline.
    pub fn create(path: &Path, encrypted: bool) -> Result<Self> {
        let mut connection = if encrypted {
            open_encrypted(path, &DataKey::generate()?)?
        } else {
            open_plain_for_baseline(path)?
        };
        schema::upgrade(&mut connection)?;
        let now = Utc::now();
        accounts::insert_organisation(&connection, "Benchmark", now)?;
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
            supervisor,
        })
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

    pub fn directory(&self) -> Directory<'_> {
        Directory {
            connection: &self.connection,
            account: &self.supervisor,
        }
    }
}
