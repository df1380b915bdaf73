//! Sync as the unlocked session sees it: the server connection and cursor kept
//! in the encrypted database, the short store steps of a sync round, the
//! status the app shows, and registering the organisation on its server.
//! Enrolling, listing and revoking devices are in [`super::devices`].

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;
use zeroize::Zeroizing;

use super::client::{self, checked_server_url, ServerClient};
use super::enrolment::EnrolmentContents;
use super::envelope::{Envelope, EnvelopeSigner, RecordKind};
use super::identity;
use super::keys;
use super::quarantine::{self, QuarantineReason, QuarantinedRecord};
use super::{records, SyncProgress, SyncReport};
use crate::accounts::{checked_text, Account, Organisation};
use crate::audit::{AuditAction, AuditEvent};
use crate::changes::clock::{self, Stamp};
use crate::changes::{device_key, outbox, server_clock};
use crate::error::{Error, PublicError, Result};
use crate::store::savepoint::undo_on_error;
use crate::store::{settings, DataDir};
use hotline_protocol::identity::{CertificateError, Certificates, DeviceCertificate};
use hotline_protocol::limits::{MAX_CLOCK_AHEAD_MILLIS, MAX_PUSH_CIPHERTEXT_BYTES};
use hotline_protocol::permissions::may_write;
use hotline_protocol::{JoinDevice, PullResponse, RegisterOrganisation};

const SERVER_URL: &str = "sync.server_url";
const SERVER_CERTIFICATE: &str = "sync.server_certificate";
const DEVICE_TOKEN: &str = "sync.device_token";
const CURSOR: &str = "sync.cursor";
const LAST_SYNCED_AT: &str = "sync.last_synced_at";
const LAST_ERROR: &str = "sync.last_error";
const LAST_REFUSED: &str = "sync.last_refused";

/// What the app's sync indicator shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncStatus {
    /// Whether this device is connected to a sync server at all.
    pub connected: bool,
    pub server_url: Option<String>,
    /// A round is running now.
    pub syncing: bool,
    /// Local changes the server does not have yet.
    pub waiting: u64,
    pub last_synced_at: Option<DateTime<Utc>>,
    /// Why the last round failed; `None` after a round that succeeded.
    pub last_error: Option<PublicError>,
    /// Envelopes the last round refused (failed integrity check).
    pub last_refused: u32,
    /// Records set aside because they could not be applied; supervisors see
    /// them in the Sync section.
    pub quarantined: u32,
    /// How far the running round's download is, when it is longer than a
    /// page (a laptop's first sync); the app fills it in from its runner.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub progress: Option<SyncProgress>,
}

/// A registration checked and ready to send: [`Registration::send`] needs
/// the network only, not the store.
#[derive(Debug)]
pub struct Registration {
    client: ServerClient,
    certificate: Option<String>,
    secret: Option<Zeroizing<String>>,
    request: RegisterOrganisation,
}

impl Registration {
    pub fn send(self) -> Result<Registered> {
        let token = self
            .client
            .register(&self.request, self.secret.as_deref().map(String::as_str))?;
        Ok(Registered {
            server_url: self.client.server_url().to_owned(),
            certificate: self.certificate,
            device_id: self.request.device_id,
            root: self.request.certificate,
            token: token.device_token.into(),
        })
    }
}

/// What the server answered a registration with, for
/// [`SyncState::complete_registration`] to keep.
pub struct Registered {
    server_url: String,
    certificate: Option<String>,
    device_id: Uuid,
    /// This device's own certificate: the organisation's root.
    root: DeviceCertificate,
    token: Zeroizing<String>,
}

/// The token is left out: printed, it would let its reader act as the device.
impl std::fmt::Debug for Registered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registered")
            .field("server_url", &self.server_url)
            .field("device_id", &self.device_id)
            .finish_non_exhaustive()
    }
}

/// The server's address, the certificate this device trusts for it (when not
/// a public one) and this device's token.
pub(crate) struct ServerConnection {
    pub url: String,
    pub certificate: Option<String>,
    pub token: Zeroizing<String>,
}

/// The token is left out: printed, it would let its reader act as the device.
impl std::fmt::Debug for ServerConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerConnection")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

impl ServerConnection {
    pub fn client(&self) -> Result<ServerClient> {
        ServerClient::new(&self.url, self.certificate.as_deref(), Some(&self.token))
    }
}

pub(crate) struct PushBatch {
    pub envelopes: Vec<Envelope>,
    pub last_seq: i64,
}

#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct PageOutcome {
    pub refused: u32,
    pub quarantined: u32,
}

/// What became of one pulled envelope.
enum Applied {
    Yes,
    /// It did not open: not this device's key, or tampered with.
    Refused,
    /// It opened but could not be applied; it waits in the quarantine.
    Quarantined,
}

#[derive(Debug)]
pub struct SyncState<'a> {
    pub(crate) connection: &'a Connection,
    pub(crate) dir: &'a DataDir,
    pub(crate) account: &'a Account,
    pub(crate) organisation: &'a Organisation,
}

impl SyncState<'_> {
    pub fn status(&self) -> Result<SyncStatus> {
        let server_url = settings::get(self.connection, SERVER_URL)?;
        let last_synced_at = settings::get(self.connection, LAST_SYNCED_AT)?
            .and_then(|text| DateTime::parse_from_rfc3339(&text).ok())
            .map(|time| time.with_timezone(&Utc));
        let last_error = settings::get(self.connection, LAST_ERROR)?
            .and_then(|text| serde_json::from_str(&text).ok());
        let last_refused = settings::get(self.connection, LAST_REFUSED)?
            .and_then(|text| text.parse().ok())
            .unwrap_or(0);
        Ok(SyncStatus {
            connected: server_url.is_some(),
            server_url,
            syncing: false,
            waiting: outbox::waiting(self.connection)?,
            last_synced_at,
            last_error,
            last_refused,
            quarantined: quarantine::count(self.connection)?,
            progress: None,
        })
    }

    /// Checks the request and makes sure the organisation's keys, this
    /// device's id and signing key exist (creating them is harmless if the
    /// server then refuses: they are the ones a later registration uses),
    /// and signs the organisation's root certificate.
    pub(super) fn prepare_registration(
        &self,
        server_url: &str,
        server_certificate: Option<&str>,
        registration_secret: Option<&str>,
        device_name: &str,
        now: DateTime<Utc>,
    ) -> Result<Registration> {
        self.require_supervisor()?;
        self.require_not_connected()?;
        let device_name = checked_text(device_name, "deviceName", 100)?;
        let client = ServerClient::new(server_url, server_certificate, None)?;
        let transaction = self.connection.unchecked_transaction()?;
        keys::ensure_all(&transaction)?;
        let device_id = clock::device_id(&transaction)?;
        let root = identity::root_certificate(
            &transaction,
            self.organisation.id,
            device_id,
            self.account.home_region,
            now,
        )?;
        transaction.commit()?;
        Ok(Registration {
            client,
            certificate: server_certificate.map(str::to_owned),
            secret: registration_secret.map(|secret| Zeroizing::new(secret.to_owned())),
            request: RegisterOrganisation {
                organisation_id: self.organisation.id,
                device_id,
                device_name,
                certificate: root,
            },
        })
    }

    /// Keeps the server's address, certificate and this device's token, audited.
    pub(super) fn complete_registration(&self, registered: Registered) -> Result<()> {
        self.require_not_connected()?;
        let transaction = self.connection.unchecked_transaction()?;
        settings::set(&transaction, SERVER_URL, &registered.server_url)?;
        if let Some(certificate) = &registered.certificate {
            settings::set(&transaction, SERVER_CERTIFICATE, certificate)?;
        }
        settings::set(&transaction, DEVICE_TOKEN, &registered.token)?;
        identity::keep_identity(&transaction, &registered.root, &registered.root)?;
        self.audit(
            &transaction,
            AuditEvent::new(AuditAction::SyncRegistered)
                .target("device", registered.device_id)
                .details(serde_json::json!({ "server": registered.server_url })),
        )?;
        transaction.commit()?;
        Ok(())
    }

    /// The records set aside because they could not be applied, newest
    /// first (supervisors).
    pub fn quarantined(&self) -> Result<Vec<QuarantinedRecord>> {
        self.require_supervisor()?;
        quarantine::list(self.connection)
    }

    pub(super) fn audit(&self, connection: &Connection, event: AuditEvent) -> Result<()> {
        crate::audit::record(connection, Some(self.account.id), event, Utc::now())
    }

    fn require_not_connected(&self) -> Result<()> {
        match settings::get(self.connection, SERVER_URL)? {
            Some(_) => Err(Error::AlreadyConnected),
            None => Ok(()),
        }
    }

    pub(crate) fn require_supervisor(&self) -> Result<()> {
        if self.account.is_supervisor() {
            Ok(())
        } else {
            Err(Error::SupervisorOnly)
        }
    }

    /// How this device reaches its server.
    pub(crate) fn connection(&self) -> Result<ServerConnection> {
        let url = settings::get(self.connection, SERVER_URL)?.ok_or(Error::SyncNotConfigured)?;
        let token =
            settings::get(self.connection, DEVICE_TOKEN)?.ok_or(Error::SyncNotConfigured)?;
        Ok(ServerConnection {
            url,
            certificate: settings::get(self.connection, SERVER_CERTIFICATE)?,
            token: Zeroizing::new(token),
        })
    }

    /// The next changes to push, sealed and signed; `None` when the outbox
    /// is empty. Superseded changes are left out but still acknowledged with
    /// the batch, and so are changes this device's certificate does not
    /// allow it to write (a supervisor's account editing the directory on a
    /// consultant's laptop): the server would refuse the whole batch for
    /// them, every round. They stay on this device only, logged.
    ///
    /// A batch stops before the change that would take its ciphertext over
    /// [`MAX_PUSH_CIPHERTEXT_BYTES`]; that change leads the next batch.
    pub(crate) fn next_push(&self, limit: usize) -> Result<Option<PushBatch>> {
        let pending = outbox::pending(self.connection, limit)?;
        if pending.is_empty() {
            return Ok(None);
        }
        let keys = keys::load(self.connection)?;
        let signer = EnvelopeSigner::from_pkcs8(&device_key::signing_key_pkcs8(self.connection)?)?;
        let own = identity::own_certificate(self.connection)?;
        let mut envelopes = Vec::with_capacity(pending.len());
        let mut ciphertext_bytes = 0;
        let mut last_seq = None;
        for change in &pending {
            let Some(envelope) = records::seal_change(self.connection, &keys, change)? else {
                last_seq = Some(change.seq);
                continue;
            };
            if !envelopes.is_empty()
                && ciphertext_bytes + envelope.ciphertext.len() > MAX_PUSH_CIPHERTEXT_BYTES
            {
                break;
            }
            last_seq = Some(change.seq);
            if own
                .as_ref()
                .is_some_and(|own| !may_write(own.role, own.region, envelope.kind, envelope.scope))
            {
                tracing::warn!(
                    kind = envelope.kind.code(),
                    scope = envelope.scope.code(),
                    "a change this device may not write stays on this device"
                );
                continue;
            }
            ciphertext_bytes += envelope.ciphertext.len();
            envelopes.push(envelope);
        }
        super::envelope::sign_all(&signer, &mut envelopes);
        Ok(last_seq.map(|last_seq| PushBatch {
            envelopes,
            last_seq,
        }))
    }

    /// This new device's certificate, while it waits to reach the server.
    pub(crate) fn pending_join(&self) -> Result<Option<JoinDevice>> {
        Ok(identity::pending_join(self.connection)?.map(|certificate| JoinDevice { certificate }))
    }

    /// Keeps the device's own token the server answered the join with.
    pub(crate) fn complete_join(&self, token: &str) -> Result<()> {
        let transaction = self.connection.unchecked_transaction()?;
        settings::set(&transaction, DEVICE_TOKEN, token)?;
        identity::joined(&transaction)?;
        transaction.commit()?;
        Ok(())
    }

    /// Keeps the certificates from the server that chain to the pinned root.
    pub(crate) fn keep_certificates(&self, list: Certificates) -> Result<()> {
        identity::keep_trusted(self.connection, list)?;
        Ok(())
    }

    pub(crate) fn acknowledge(&self, last_seq: i64) -> Result<()> {
        outbox::acknowledge(self.connection, last_seq)
    }

    pub(crate) fn cursor(&self) -> Result<u64> {
        Ok(settings::get(self.connection, CURSOR)?
            .and_then(|text| text.parse().ok())
            .unwrap_or(0))
    }

    /// Applies a pulled page and advances the cursor in one transaction.
    /// An envelope that does not open is refused and skipped; one that opens
    /// but cannot be applied is quarantined. Either way the page goes on, so
    /// one bad record never stops the rest from syncing. `now` is the
    /// server's clock when it sent the page, or this device's when the server
    /// did not say.
    pub(crate) fn apply_page(
        &self,
        page: &PullResponse,
        now: DateTime<Utc>,
    ) -> Result<PageOutcome> {
        let mut keys = keys::load(self.connection)?;
        let trust = identity::trust_store(self.connection)?;
        let transaction = self.connection.unchecked_transaction()?;
        if let Some(server) = page.server_time {
            server_clock::record(&transaction, server_clock::Reading { server, local: now })?;
        }
        let now = page.server_time.unwrap_or(now);
        let mut outcome = PageOutcome::default();
        let envelopes: Vec<&Envelope> = page
            .envelopes
            .iter()
            .map(|pulled| &pulled.envelope)
            .collect();
        let signers = trust.signers_of(&envelopes);
        for (envelope, signer) in envelopes.iter().zip(signers) {
            match self.apply_one(&transaction, &keys, signer, envelope, now)? {
                Applied::Yes if envelope.kind == RecordKind::KeyRotation => {
                    keys = keys::load(&transaction)?;
                }
                Applied::Yes => {}
                Applied::Refused => outcome.refused += 1,
                Applied::Quarantined => outcome.quarantined += 1,
            }
        }
        settings::set(&transaction, CURSOR, &page.next_cursor.to_string())?;
        transaction.commit()?;
        Ok(outcome)
    }

    /// After a round: a person a supervisor disabled elsewhere can no
    /// longer open this laptop with their passphrase.
    /// Brings the calls of one caller's number, logged offline on two
    /// laptops under two references, into one case; how many calls moved.
    pub(crate) fn join_same_callers(&self, now: DateTime<Utc>) -> Result<u32> {
        crate::calls::CallLog {
            connection: self.connection,
            account: self.account,
        }
        .join_same_callers(now)
    }

    pub(crate) fn forget_disabled_keys(&self) -> Result<()> {
        crate::accounts::forget_disabled_keys(self.connection, self.dir)
    }

    /// Tries the quarantined records that may pass now (after an upgrade, or
    /// once the clock caught up with their stamp); those that apply leave
    /// the quarantine. Returns how many did.
    pub(crate) fn retry_quarantined(&self, now: DateTime<Utc>) -> Result<u32> {
        let mut keys = keys::load(self.connection)?;
        let trust = identity::trust_store(self.connection)?;
        let transaction = self.connection.unchecked_transaction()?;
        let mut released = 0;
        let due = quarantine::due_for_retry(&transaction)?;
        let signers = trust.signers_of(&due.iter().collect::<Vec<_>>());
        for (envelope, signer) in due.iter().zip(signers) {
            if let Applied::Yes = self.apply_one(&transaction, &keys, signer, envelope, now)? {
                quarantine::release(&transaction, envelope.id)?;
                released += 1;
                if envelope.kind == RecordKind::KeyRotation {
                    keys = keys::load(&transaction)?;
                }
            }
        }
        transaction.commit()?;
        Ok(released)
    }

    /// Opens, checks and applies one envelope inside its own savepoint (in
    /// the page's transaction), so a record that fails half-way leaves
    /// nothing behind; sets it aside when
    /// it opens but its signature (`signer`, checked for the whole page at
    /// once), its author's permission or applying it fails.
    fn apply_one(
        &self,
        transaction: &Connection,
        keys: &keys::KeySet,
        signer: Result<&DeviceCertificate, CertificateError>,
        envelope: &Envelope,
        now: DateTime<Utc>,
    ) -> Result<Applied> {
        let epoch_keys = keys.at_epoch(envelope.scope, envelope.key_epoch);
        if epoch_keys.is_empty() && keys.current(envelope.scope).is_some() {
            tracing::warn!(
                envelope = %envelope.id,
                epoch = envelope.key_epoch,
                "a synced envelope is sealed under a key this device does not hold yet"
            );
            quarantine::hold(
                transaction,
                envelope,
                QuarantineReason::UnknownKey,
                self.account.id,
                now,
            )?;
            return Ok(Applied::Quarantined);
        }
        let opened = super::envelope::open_with_any(envelope, epoch_keys)
            .and_then(|plain| Ok((envelope.version.parse::<Stamp>()?, plain)));
        let (stamp, plaintext) = match opened {
            Ok(opened) => opened,
            Err(error) => {
                tracing::warn!(
                    envelope = %envelope.id,
                    kind = envelope.kind.code(),
                    %error,
                    "refused a synced envelope"
                );
                return Ok(Applied::Refused);
            }
        };
        let horizon = u64::try_from(now.timestamp_millis())
            .unwrap_or(0)
            .saturating_add(MAX_CLOCK_AHEAD_MILLIS);
        let applied = if stamp.millis > horizon {
            Err(QuarantineReason::FutureStamp)
        } else if records::is_newer_schema(&plaintext) {
            Err(QuarantineReason::NewerSchema)
        } else {
            match signer {
                Err(problem) => Err(QuarantineReason::of_signature(problem)),
                Ok(author)
                    if !may_write(author.role, author.region, envelope.kind, envelope.scope) =>
                {
                    Err(QuarantineReason::NotPermitted)
                }
                Ok(author) => {
                    let applied = undo_on_error(transaction, || {
                        records::apply(transaction, envelope, &stamp, &plaintext, author, now)
                    });
                    match applied {
                        Ok(()) => {
                            clock::observe(transaction, &stamp)?;
                            Ok(())
                        }
                        Err(error) => Err(QuarantineReason::of(&error)),
                    }
                }
            }
        };
        match applied {
            Ok(()) => Ok(Applied::Yes),
            Err(reason) => {
                tracing::warn!(
                    envelope = %envelope.id,
                    kind = envelope.kind.code(),
                    ?reason,
                    "quarantined a synced record"
                );
                quarantine::hold(transaction, envelope, reason, self.account.id, now)?;
                Ok(Applied::Quarantined)
            }
        }
    }

    pub(crate) fn record_outcome(
        &self,
        outcome: &Result<SyncReport>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        match outcome {
            Ok(report) => {
                settings::set(self.connection, LAST_SYNCED_AT, &now.to_rfc3339())?;
                settings::set(self.connection, LAST_REFUSED, &report.refused.to_string())?;
                settings::remove(self.connection, LAST_ERROR)?;
            }
            // Stopped on request: nothing failed, and the last round's
            // result still stands.
            Err(Error::SyncCancelled) => {}
            Err(error) => {
                let public =
                    serde_json::to_string(&error.to_public()).map_err(|_| Error::Random)?;
                settings::set(self.connection, LAST_ERROR, &public)?;
            }
        }
        Ok(())
    }
}

/// Stores what an enrolment package says on a device being set up, and
/// makes this device's key and certificate under the package's grant.
pub(crate) fn install_enrolment(
    connection: &Connection,
    contents: &EnrolmentContents,
    now: DateTime<Utc>,
) -> Result<()> {
    if contents.grant.grant.device_id != contents.device_id {
        return Err(Error::EnrolmentPackageInvalid);
    }
    clock::set_device_id(connection, contents.device_id)?;
    identity::join_under_grant(connection, &contents.root_certificate, &contents.grant, now)?;
    contents.keys.install(connection)?;
    settings::set(
        connection,
        SERVER_URL,
        &checked_server_url(&contents.server_url)?,
    )?;
    if let Some(certificate) = &contents.server_certificate {
        client::checked_certificates(certificate)?;
        settings::set(connection, SERVER_CERTIFICATE, certificate)?;
    }
    settings::set(connection, DEVICE_TOKEN, &contents.device_token)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Guards the hand-written `Debug` of `ServerConnection` and
    /// `Registered`: a derived one printed the device token.
    #[test]
    fn a_device_token_never_shows_in_debug_output() {
        let connection = ServerConnection {
            url: "https://sync.example.lv".into(),
            certificate: None,
            token: Zeroizing::new("token-canary".into()),
        };
        let registered = Registered {
            server_url: connection.url.clone(),
            certificate: None,
            device_id: Uuid::nil(),
            root: DeviceCertificate {
                organisation_id: Uuid::nil(),
                device_id: Uuid::nil(),
                role: crate::accounts::Role::Supervisor,
                region: crate::region::Region::Riga,
                signing_key: vec![0; 32],
                agreement_key: vec![0; 32],
                issued_at: Utc::now(),
                grant: None,
                signature: vec![0; 64],
            },
            token: Zeroizing::new("token-canary".into()),
        };
        for printed in [format!("{connection:?}"), format!("{registered:?}")] {
            assert!(printed.contains("sync.example.lv"));
            assert!(!printed.contains("canary"), "{printed}");
        }
    }
}
