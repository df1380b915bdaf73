//! This device's store as a whole, before anyone has unlocked it: first-run
//! set-up and unlock. Both hand back a [`Session`].

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zeroize::Zeroizing;

use crate::accounts::{
    self, check_new_passphrase, normalise_login, NewAccount, Organisation, Role,
};
use crate::audit::{AuditAction, AuditEvent};
use crate::error::{Error, Result};
use crate::region::Region;
use crate::session::Session;
use crate::store::connection::{open_encrypted, verify_pages};
use crate::store::crypto::{DataKey, KdfParams, WrappedKey};
use crate::store::keyring::{KeyRing, KeyRingEntry};
use crate::store::throttle::UnlockThrottle;
use crate::store::{schema, DataDir};
use crate::sync::enrolment::EnrolmentContents;
use crate::sync::store::install_enrolment;

/// What the first-run screen (or `hotline init`) asks for.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FirstRunSetup {
    pub organisation_name: String,
    pub login: String,
    pub display_name: String,
    pub home_region: Region,
}

/// What the person on a new device types to join the organisation: the
/// package and code from the supervisor, and their own login and name.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Enrolment {
    pub package: String,
    /// Opens the package, so it is wiped when dropped.
    #[ts(type = "string")]
    pub code: Zeroizing<String>,
    pub login: String,
    pub display_name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum DeviceState {
    /// No key ring yet: show the first-run set-up.
    NotSetUp,
    /// Set up: show the unlock screen.
    Locked,
}

#[derive(Debug, Clone)]
pub struct Device {
    dir: DataDir,
}

impl Device {
    pub fn new(dir: DataDir) -> Self {
        Self { dir }
    }

    pub fn data_dir(&self) -> &DataDir {
        &self.dir
    }

    pub fn state(&self) -> Result<DeviceState> {
        Ok(match KeyRing::load(self.dir.key_ring())? {
            Some(_) => DeviceState::Locked,
            None => DeviceState::NotSetUp,
        })
    }

    /// Creates the organisation and its first supervisor, and unlocks.
    pub fn set_up(
        &self,
        setup: FirstRunSetup,
        passphrase: &str,
        now: DateTime<Utc>,
    ) -> Result<Session> {
        let supervisor = NewAccount {
            login: setup.login,
            display_name: setup.display_name,
            role: Role::Supervisor,
            home_region: setup.home_region,
        };
        let name = setup.organisation_name;
        let home_region = setup.home_region.code();
        self.create_store(supervisor, passphrase, now, |connection| {
            let organisation = accounts::insert_organisation(connection, &name, now)?;
            let event = AuditEvent::new(AuditAction::DeviceSetUp)
                .target("organisation", organisation.id)
                .details(serde_json::json!({ "homeRegion": home_region }));
            Ok((organisation, event))
        })
    }

    /// Sets up this device from a supervisor's enrolment package: it joins the
    /// organisation with the role, region, keys and server the package
    /// carries, and its first account is the person who typed the code.
    pub fn enrol(
        &self,
        enrolment: Enrolment,
        passphrase: &str,
        now: DateTime<Utc>,
    ) -> Result<Session> {
        if self.state()? != DeviceState::NotSetUp {
            return Err(Error::AlreadySetUp);
        }
        let contents = EnrolmentContents::open(&enrolment.package, &enrolment.code, now)?;
        let person = NewAccount {
            login: enrolment.login,
            display_name: enrolment.display_name,
            role: contents.role,
            home_region: contents.region,
        };
        self.create_store(person, passphrase, now, |connection| {
            let organisation = Organisation {
                id: contents.organisation_id,
                name: contents.organisation_name.clone(),
                created_at: contents.organisation_created_at,
            };
            accounts::insert_known_organisation(connection, &organisation)?;
            install_enrolment(connection, &contents, now)?;
            let event = AuditEvent::new(AuditAction::DeviceJoined)
                .target("device", contents.device_id)
                .details(serde_json::json!({
                    "role": contents.role.code(),
                    "region": contents.region.code(),
                }));
            Ok((organisation, event))
        })
    }

    /// Creates the database with the organisation `organise` records and the
    /// first account, audits the event `organise` returns as done by that
    /// account, then unlocks.
    ///
    /// The database is written first and the key ring last: the key ring's
    /// presence is what marks the device as set up.
    fn create_store(
        &self,
        first: NewAccount,
        passphrase: &str,
        now: DateTime<Utc>,
        organise: impl FnOnce(&rusqlite::Connection) -> Result<(Organisation, AuditEvent)>,
    ) -> Result<Session> {
        if self.state()? != DeviceState::NotSetUp {
            return Err(Error::AlreadySetUp);
        }
        let first = first.validated()?;
        check_new_passphrase(passphrase)?;
        let database = self.dir.database();
        if database.exists() {
            return Err(Error::UnfinishedSetUp(database));
        }
        self.dir.ensure_exists()?;

        let data_key = DataKey::generate()?;
        let mut key_ring = KeyRing::create(self.dir.key_ring())?;
        let mut connection = open_encrypted(&database, &data_key)?;
        schema::upgrade(&mut connection)?;
        let transaction = connection.transaction()?;
        let (organisation, event) = organise(&transaction)?;
        let account = accounts::insert_account(&transaction, &first, None, now)?;
        crate::audit::record(&transaction, Some(account.id), event, now)?;
        let wrapped = WrappedKey::wrap(
            &data_key,
            passphrase,
            &KeyRingEntry::wrap_context(account.id),
        )?;
        transaction.commit()?;
        key_ring.put(account.id, &account.login, wrapped);
        key_ring.save()?;
        Session::new(
            self.dir.clone(),
            connection,
            data_key,
            account,
            organisation,
        )
    }

    /// Opens the store for `login`. A wrong login or passphrase changes nothing
    /// but the throttle, and is refused the same way whichever part was wrong.
    /// Signs in; the first successful sign-in after a restore also removes
    /// the store the restore set aside.
    pub fn unlock(&self, login: &str, passphrase: &str, now: DateTime<Utc>) -> Result<Session> {
        let session = self.open_session(login, passphrase, now)?;
        crate::backup::forget_replaced(&self.dir)?;
        Ok(session)
    }

    fn open_session(&self, login: &str, passphrase: &str, now: DateTime<Utc>) -> Result<Session> {
        let key_ring = KeyRing::load(self.dir.key_ring())?.ok_or(Error::NotSetUp)?;
        let mut throttle = UnlockThrottle::load(self.dir.unlock_throttle(), now)?;
        throttle.check(now)?;

        let opened = normalise_login(login).ok().and_then(|login| {
            key_ring.find(&login).map(|entry| {
                let context = KeyRingEntry::wrap_context(entry.account_id);
                entry
                    .wrapped
                    .unwrap(passphrase, &context)
                    .map(|key| (entry.account_id, key))
            })
        });
        let (account_id, data_key) = match opened {
            Some(Ok(opened)) => opened,
            Some(Err(_)) => return self.refuse(&mut throttle, now),
            None => {
                // Spend the same time as a real attempt so timing does not
                // reveal which logins exist.
                let _ = WrappedKey {
                    kdf: KdfParams::fresh()?,
                    nonce: [0; 12],
                    sealed: vec![0; 48],
                }
                .unwrap(passphrase, b"");
                let disabled =
                    normalise_login(login).is_ok_and(|login| key_ring.is_disabled(&login));
                throttle.record_failure(now)?;
                return Err(if disabled {
                    Error::AccountDisabled
                } else {
                    Error::WrongCredentials
                });
            }
        };

        let mut connection = open_encrypted(&self.dir.database(), &data_key)?;
        verify_pages(&connection)?;
        schema::upgrade(&mut connection)?;
        let account =
            accounts::account_by_id(&connection, account_id)?.ok_or(Error::UnknownAccount)?;
        if account.disabled_at.is_some() {
            accounts::forget_disabled_keys(&connection, &self.dir)?;
            return Err(Error::AccountDisabled);
        }
        let organisation = accounts::load_organisation(&connection)?;
        let failed_before = throttle.consecutive_failures();
        throttle.record_success()?;
        let session = Session::new(
            self.dir.clone(),
            connection,
            data_key,
            account,
            organisation,
        )?;
        session.record_audit(
            AuditEvent::new(AuditAction::SignedIn)
                .details(serde_json::json!({ "failedAttemptsBefore": failed_before })),
            now,
        )?;
        if session.runs_retention()? {
            session.retention().run(now)?;
        }
        Ok(session)
    }

    fn refuse(&self, throttle: &mut UnlockThrottle, now: DateTime<Utc>) -> Result<Session> {
        throttle.record_failure(now)?;
        Err(Error::WrongCredentials)
    }

    /// Replaces this device's store with a backup, after checking all of it,
    /// and signs in. Needs a supervisor's login and passphrase as they were
    /// when the backup was made; a backup that fails a check changes nothing.
    pub fn restore(
        &self,
        backup: &std::path::Path,
        login: &str,
        passphrase: &str,
        now: DateTime<Utc>,
    ) -> Result<Session> {
        self.restore_watched(backup, login, passphrase, now, &crate::progress::Unwatched)
    }

    /// [`Device::restore`], telling `work` the bytes read from the backup;
    /// stopped before the checks are done, it leaves the device as it was.
    pub fn restore_watched(
        &self,
        backup: &std::path::Path,
        login: &str,
        passphrase: &str,
        now: DateTime<Utc>,
        work: &dyn crate::progress::WorkWatcher,
    ) -> Result<Session> {
        crate::backup::restore(&self.dir, backup, (login, passphrase), now, work)?;
        self.open_session(login, passphrase, now)
    }

    /// The account ids in the key ring, for status output.
    pub fn account_count(&self) -> Result<usize> {
        Ok(KeyRing::load(self.dir.key_ring())?.map_or(0, |ring| ring.len()))
    }
}

/// Everything the UI needs to pick its first screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppStatus {
    pub state: DeviceState,
    pub language: crate::i18n::Language,
    /// Present while unlocked.
    pub session: Option<crate::session::SessionInfo>,
}
