//! A real `hotline-sync-server` process on 127.0.0.1 and an office of real
//! devices (SQLCipher files, in this process) that sync with it.

#![allow(dead_code)] // each test binary uses its own part of it

use std::collections::BTreeMap;
use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use chrono::{DateTime, Duration, Utc};
use hotline_core::calls::{CallDetails, CallFilter, CallerRole, Line, Subject};
use hotline_core::referrals::{Area, ReferralInput, ReferralQuery, ServiceType, Texts};
use hotline_core::sync::{
    self, EnrolDevice, EnrolmentCode, NewDevice, Register, SyncReport, SyncRunner,
};
use hotline_core::{DataDir, Device, Enrolment, FirstRunSetup, Region, Role, Session};
use uuid::Uuid;

pub const PASSPHRASE: &str = "garā testa parole";

pub fn now() -> DateTime<Utc> {
    Utc::now()
}

/// Which database the server keeps its data in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs a test body, `fn name(backend: Backend)`, as two tests: `name::sqlite`
/// and `name::postgres`.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),+ $(,)?) => {$(
        mod $name {
            #[test]
            fn sqlite() {
                super::$name($crate::common::Backend::Sqlite);
            }

            #[test]
            fn postgres() {
                if $crate::common::postgres_available() {
                    super::$name($crate::common::Backend::Postgres);
                }
            }
        }
    )+};
}

/// The URL of a PostgreSQL role that may create databases, which
/// `scripts/test.sh` starts and exports. Without it the PostgreSQL variants
/// are skipped with a note, except under CI, where they must run.
const POSTGRES_URL_VARIABLE: &str = "HOTLINE_TEST_POSTGRES_URL";

pub fn postgres_available() -> bool {
    if std::env::var_os(POSTGRES_URL_VARIABLE).is_some() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{POSTGRES_URL_VARIABLE} is not set: run scripts/test.sh, which starts PostgreSQL"
    );
    eprintln!("skipped: {POSTGRES_URL_VARIABLE} is not set (scripts/test.sh sets it)");
    false
}

/// A fresh PostgreSQL database for one server, dropped afterwards.
pub struct TestDatabase {
    admin_url: String,
    name: String,
    pub url: String,
}

impl TestDatabase {
    pub fn create() -> Self {
        let admin_url = std::env::var(POSTGRES_URL_VARIABLE).expect(POSTGRES_URL_VARIABLE);
        let name = format!("hotline_sync_test_{}", Uuid::new_v4().simple());
        let (base, _) = admin_url
            .rsplit_once('/')
            .unwrap_or_else(|| panic!("{POSTGRES_URL_VARIABLE} ends in /DATABASE"));
        let url = format!("{base}/{name}");
        Self::admin(&admin_url)
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .expect("create the test database");
        Self {
            admin_url,
            name,
            url,
        }
    }

    fn admin(url: &str) -> postgres::Client {
        postgres::Client::connect(url, postgres::NoTls).expect("connect to PostgreSQL")
    }

    pub fn client(&self) -> postgres::Client {
        Self::admin(&self.url)
    }

    /// Every value of every row the server stored, as the bytes it holds:
    /// raw for binary columns, text for the rest.
    fn stored_values(&self) -> Vec<u8> {
        let mut client = self.client();
        let mut dump = Vec::new();
        for table in ["organisation", "device", "envelope"] {
            for row in client
                .query(&format!("SELECT * FROM {table}"), &[])
                .expect("dump")
            {
                for (index, column) in row.columns().iter().enumerate() {
                    use postgres::types::Type;
                    // Columns added by protocol version 2 may be NULL.
                    let value: Vec<u8> = match *column.type_() {
                        Type::BYTEA => row.get::<_, Option<Vec<u8>>>(index).unwrap_or_default(),
                        Type::TEXT => row
                            .get::<_, Option<String>>(index)
                            .unwrap_or_default()
                            .into_bytes(),
                        Type::UUID => row.get::<_, Uuid>(index).to_string().into_bytes(),
                        Type::INT8 => row.get::<_, i64>(index).to_string().into_bytes(),
                        Type::TIMESTAMPTZ => {
                            format!("{:?}", row.get::<_, Option<DateTime<Utc>>>(index)).into_bytes()
                        }
                        ref other => {
                            panic!("{table}.{} has the unexpected type {other}", column.name())
                        }
                    };
                    dump.extend(value);
                    dump.push(b'\n');
                }
            }
        }
        dump
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        // A failed drop leaves a database named hotline_sync_test_*; it must
        // not hide the test's own result.
        let _ = Self::admin(&self.admin_url).batch_execute(&format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.name
        ));
    }
}

/// The server process; killed when dropped.
pub struct Server {
    child: Option<Child>,
    pub data_dir: PathBuf,
    pub log: PathBuf,
    pub port: u16,
    /// Set when the server stores in PostgreSQL.
    pub database: Option<TestDatabase>,
    /// The PostgreSQL database of another server this one shares (scale-out).
    shared_database: Option<String>,
    /// Certificate and key files, when the server serves HTTPS.
    tls: Option<(PathBuf, PathBuf)>,
    /// More command-line options (limits, a registration secret).
    options: Vec<String>,
}

impl Server {
    /// Starts on a free port with its data in `data_dir` (SQLite).
    pub fn start(data_dir: &Path) -> Self {
        Self::start_on(Backend::Sqlite, data_dir)
    }

    /// Starts on a free port; with SQLite, its data is in `data_dir`; with
    /// PostgreSQL, in a new database.
    pub fn start_on(backend: Backend, data_dir: &Path) -> Self {
        let database = (backend == Backend::Postgres).then(TestDatabase::create);
        Self::launch(data_dir, database, None, &[])
    }

    /// A second server process on a free port over `first`'s PostgreSQL
    /// database, as when the organisation runs two behind a load balancer.
    pub fn start_beside(first: &Server, data_dir: &Path) -> Self {
        let url = first
            .database
            .as_ref()
            .map(|database| database.url.clone())
            .expect("a server over PostgreSQL");
        let mut server = Self::new(data_dir, None, None, &[]);
        server.shared_database = Some(url);
        server.spawn();
        server
    }

    /// Starts on a free port with its data in `data_dir` (SQLite) and more
    /// command-line `options`.
    pub fn start_with_options(data_dir: &Path, options: &[&str]) -> Self {
        Self::launch(data_dir, None, None, options)
    }

    /// Starts serving HTTPS with the given PEM certificate chain and key.
    pub fn start_with_tls(data_dir: &Path, certificate: &Path, key: &Path) -> Self {
        let tls = Some((certificate.to_owned(), key.to_owned()));
        Self::launch(data_dir, None, tls, &[])
    }

    fn launch(
        data_dir: &Path,
        database: Option<TestDatabase>,
        tls: Option<(PathBuf, PathBuf)>,
        options: &[&str],
    ) -> Self {
        let mut server = Self::new(data_dir, database, tls, options);
        server.spawn();
        server
    }

    fn new(
        data_dir: &Path,
        database: Option<TestDatabase>,
        tls: Option<(PathBuf, PathBuf)>,
        options: &[&str],
    ) -> Self {
        Self {
            child: None,
            data_dir: data_dir.to_owned(),
            log: data_dir.with_extension("log"),
            port: 0,
            database,
            shared_database: None,
            tls,
            options: options.iter().map(|option| (*option).to_owned()).collect(),
        }
    }

    /// Every byte the server stored: its files, or its database's rows.
    pub fn stored_bytes(&self) -> Vec<(String, Vec<u8>)> {
        match &self.database {
            Some(database) => vec![(database.name.clone(), database.stored_values())],
            None => files_under(&self.data_dir)
                .into_iter()
                .map(|(path, bytes)| (path.display().to_string(), bytes))
                .collect(),
        }
    }

    /// The kinds of the envelopes the server holds for one record.
    pub fn envelope_kinds(&self, record_id: Uuid) -> Vec<String> {
        if let Some(database) = &self.database {
            return database
                .client()
                .query(
                    "SELECT kind FROM envelope WHERE record_id = $1 ORDER BY seq",
                    &[&record_id],
                )
                .expect("envelopes")
                .iter()
                .map(|row| row.get(0))
                .collect();
        }
        let raw = rusqlite::Connection::open(self.data_dir.join("sync-server.db"))
            .expect("open server db");
        let kinds = raw
            .prepare("SELECT kind FROM envelope WHERE record_id = ?1 ORDER BY seq")
            .expect("select")
            .query_map([record_id.to_string()], |row| row.get(0))
            .expect("envelopes")
            .collect::<rusqlite::Result<_>>()
            .expect("envelopes");
        kinds
    }

    /// Flips one bit of the stored ciphertext of `record_id`'s envelope.
    pub fn tamper_with(&self, record_id: Uuid) {
        let flip = |ciphertext: &mut Vec<u8>| ciphertext[4] ^= 1;
        if let Some(database) = &self.database {
            let mut client = database.client();
            let mut ciphertext: Vec<u8> = client
                .query_one(
                    "SELECT ciphertext FROM envelope WHERE record_id = $1",
                    &[&record_id],
                )
                .expect("stored envelope")
                .get(0);
            flip(&mut ciphertext);
            client
                .execute(
                    "UPDATE envelope SET ciphertext = $2 WHERE record_id = $1",
                    &[&record_id, &ciphertext],
                )
                .expect("tamper");
            return;
        }
        let raw = rusqlite::Connection::open(self.data_dir.join("sync-server.db"))
            .expect("open server db");
        let mut ciphertext: Vec<u8> = raw
            .query_row(
                "SELECT ciphertext FROM envelope WHERE record_id = ?1",
                [record_id.to_string()],
                |row| row.get(0),
            )
            .expect("stored envelope");
        flip(&mut ciphertext);
        raw.execute(
            "UPDATE envelope SET ciphertext = ?2 WHERE record_id = ?1",
            rusqlite::params![record_id.to_string(), ciphertext],
        )
        .expect("tamper");
    }

    /// HTTPS by the name the test certificates carry, or loopback HTTP.
    pub fn url(&self) -> String {
        match self.tls {
            Some(_) => format!("https://localhost:{}", self.port),
            None => format!("http://127.0.0.1:{}", self.port),
        }
    }

    fn spawn(&mut self) {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)
            .expect("server log");
        let mut command = Command::new(env!("CARGO_BIN_EXE_hotline-sync-server"));
        let database_url = self
            .database
            .as_ref()
            .map(|database| &database.url)
            .or(self.shared_database.as_ref());
        match database_url {
            Some(url) => command.arg("--database-url").arg(url),
            None => command.arg("--data-dir").arg(&self.data_dir),
        };
        if let Some((certificate, key)) = &self.tls {
            command
                .arg("--tls-cert")
                .arg(certificate)
                .arg("--tls-key")
                .arg(key);
        }
        let mut child = command
            .args(&self.options)
            .arg("--listen")
            .arg(format!("127.0.0.1:{}", self.port))
            .env("RUST_LOG", "debug")
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .expect("start hotline-sync-server");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("server announces its address");
        let port = line
            .trim()
            .rsplit(':')
            .next()
            .and_then(|port| port.parse().ok())
            .unwrap_or_else(|| panic!("unexpected first line: {line}"));
        self.port = port;
        self.child = Some(child);
    }

    /// `kill -9`, as in a power cut.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().expect("kill");
            child.wait().expect("wait");
        }
    }

    /// Starts again on the same port and data.
    pub fn restart(&mut self) {
        self.kill();
        self.spawn();
    }

    /// Starts again on the same port and data with another certificate, as
    /// when someone else's server answers at the organisation's address.
    pub fn restart_with_tls(&mut self, certificate: &Path, key: &Path) {
        self.tls = Some((certificate.to_owned(), key.to_owned()));
        self.restart();
    }

    /// Stops with SIGTERM and waits for the graceful shutdown.
    pub fn stop(&mut self) -> std::process::ExitStatus {
        let mut child = self.child.take().expect("running");
        Command::new("kill")
            .arg("-TERM")
            .arg(child.id().to_string())
            .status()
            .expect("kill -TERM");
        child.wait().expect("wait")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// One laptop: its data directory and its unlocked session.
pub struct Laptop {
    pub session: Session,
    pub dir: PathBuf,
    pub login: &'static str,
}

impl Laptop {
    /// A plain SQL connection to this laptop's database with its key, as
    /// someone holding the passphrase and a SQLite shell would have.
    pub fn raw_connection(&self) -> rusqlite::Connection {
        use hotline_core::store::keyring::{KeyRing, KeyRingEntry};
        let key_ring = KeyRing::load(self.dir.join("keyring.json"))
            .expect("key ring")
            .expect("set up");
        let entry = key_ring.find(self.login).expect("own login");
        let key = entry
            .wrapped
            .unwrap(PASSPHRASE, &KeyRingEntry::wrap_context(entry.account_id))
            .expect("unwrap");
        hotline_core::store::connection::open_encrypted(&self.dir.join("hotline.db"), &key)
            .expect("open")
    }

    /// Every value of every table of this laptop's database, decrypted,
    /// search-index shadow tables included: what someone holding the key and
    /// a SQLite shell could read.
    pub fn decrypted_dump(&self) -> Vec<u8> {
        use rusqlite::types::ValueRef;
        let connection = self.raw_connection();
        let tables: Vec<String> = connection
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
            .expect("tables")
            .query_map([], |row| row.get(0))
            .expect("tables")
            .collect::<rusqlite::Result<_>>()
            .expect("tables");
        let mut dump = Vec::new();
        for table in tables {
            let mut statement = connection
                .prepare(&format!("SELECT * FROM \"{table}\""))
                .expect("select");
            let columns = statement.column_count();
            let mut rows = statement.query([]).expect("rows");
            while let Some(row) = rows.next().expect("row") {
                for index in 0..columns {
                    match row.get_ref(index).expect("value") {
                        ValueRef::Text(bytes) | ValueRef::Blob(bytes) => dump.extend(bytes),
                        ValueRef::Integer(value) => dump.extend(value.to_string().bytes()),
                        ValueRef::Real(value) => dump.extend(value.to_string().bytes()),
                        ValueRef::Null => {}
                    }
                    dump.push(b'\n');
                }
            }
        }
        dump
    }

    pub fn sync(&self) -> hotline_core::Result<SyncReport> {
        SyncRunner::default()
            .run(&self.session, now())
            .map(|report| report.expect("no other round runs"))
    }

    /// Every finished call this laptop holds: id → (versions, details as JSON).
    pub fn calls(&self) -> BTreeMap<Uuid, (u32, String)> {
        self.session
            .call_log()
            .find_all(&CallFilter::default())
            .expect("list calls")
            .into_iter()
            .map(|call| {
                (
                    call.id,
                    (
                        call.version,
                        serde_json::to_string(&call.details).expect("json"),
                    ),
                )
            })
            .collect()
    }

    /// The directory as searched: key → name.
    pub fn directory(&self) -> BTreeMap<String, String> {
        self.session
            .directory()
            .search(&ReferralQuery::default(), now())
            .expect("directory")
            .into_iter()
            .map(|entry| (entry.input.key, entry.input.organisation.lv))
            .collect()
    }

    /// Logs a finished call in `region` with `notes`.
    pub fn log_call(&self, region: Region, notes: &str) -> Uuid {
        let at = now() - Duration::minutes(30);
        let details = CallDetails {
            line: Some(Line::RIGA_LANDLINE),
            caller_role: Some(CallerRole::PersonAtRiskOrVictim),
            subjects: vec![Subject::JOB_OFFER_CHECK],
            notes: notes.into(),
            ..CallDetails::starting(at, region)
        };
        self.session
            .call_log()
            .add_finished([details], now())
            .expect("log call")[0]
    }

    /// Edits a call's notes.
    pub fn edit_notes(&self, id: Uuid, notes: &str) {
        let log = self.session.call_log();
        let call = log.get(id).expect("call");
        let details = CallDetails {
            notes: notes.into(),
            ..call.details
        };
        log.edit(id, details, now()).expect("edit");
    }
}

/// Each laptop syncs, in the order given, twice over: after two passes
/// every change has gone through the server to everyone.
pub fn sync_all(laptops: &[&Laptop]) {
    for _ in 0..2 {
        for laptop in laptops {
            laptop.sync().expect("sync");
        }
    }
}

/// A directory entry with `key`.
pub fn referral(key: &str, name: &str) -> ReferralInput {
    ReferralInput {
        key: key.into(),
        organisation: Texts {
            lv: name.into(),
            en: String::new(),
            ru: String::new(),
        },
        service: Texts {
            lv: "Konsultācijas".into(),
            en: String::new(),
            ru: String::new(),
        },
        service_types: vec![ServiceType::Ngo],
        areas: vec![Area::Nationwide],
        ..ReferralInput::default()
    }
}

/// A server, a supervisor's laptop registered on it, and consultants' laptops
/// enrolled through real packages and codes.
pub struct Office {
    pub temp: tempfile::TempDir,
    pub server: Server,
    pub supervisor: Laptop,
}

impl Office {
    pub fn new(backend: Backend) -> Self {
        let temp = tempfile::tempdir().expect("tempdir");
        let server = Server::start_on(backend, &temp.path().join("server"));
        let supervisor = supervisor_laptop(temp.path(), &server.url());
        Self {
            temp,
            server,
            supervisor,
        }
    }

    pub fn enrol(&self, name: &str, role: Role, region: Region) -> Laptop {
        enrol(&self.supervisor, self.temp.path(), name, role, region)
    }
}

/// A new organisation's first laptop, registered on the server at `server_url`.
pub fn supervisor_laptop(parent: &Path, server_url: &str) -> Laptop {
    let laptop = new_supervisor_laptop(parent);
    register(&laptop.session, server_url, None).expect("register");
    laptop
}

/// A new organisation's first laptop, not connected to any server yet.
pub fn new_supervisor_laptop(parent: &Path) -> Laptop {
    let dir = parent.join("supervisor");
    let session = Device::new(DataDir::at(dir.clone()))
        .set_up(
            FirstRunSetup {
                organisation_name: "Drošā māja".into(),
                login: "anna".into(),
                display_name: "Anna".into(),
                home_region: Region::Riga,
            },
            PASSPHRASE,
            now(),
        )
        .expect("set up");
    Laptop {
        session,
        dir,
        login: "anna",
    }
}

/// Registers the organisation on the server at `server_url` from `session`'s
/// laptop as its first device, as `hotline sync register` and the app do.
pub fn register(
    session: &Session,
    server_url: &str,
    server_certificate: Option<&str>,
) -> hotline_core::Result<()> {
    sync::run(
        session,
        Register {
            server_url: server_url.to_owned(),
            server_certificate: server_certificate.map(str::to_owned),
            registration_secret: None,
            device_name: "Supervisor laptop".into(),
            now: Utc::now(),
        },
    )
}

/// An enrolment package as the new device's user receives it, and its code.
#[derive(Debug)]
pub struct IssuedPackage {
    pub package: String,
    pub code: EnrolmentCode,
}

/// Enrols `device` through the supervisor as the app does (the package saved
/// to a file), and reads the package back.
pub fn issue_enrolment(
    supervisor: &Laptop,
    parent: &Path,
    device: NewDevice,
) -> hotline_core::Result<IssuedPackage> {
    let package = parent.join(format!("{}.enrol", device.device_name));
    let saved = sync::run(
        &supervisor.session,
        EnrolDevice {
            device,
            package: package.clone(),
            now: now(),
        },
    )?;
    Ok(IssuedPackage {
        package: std::fs::read_to_string(&package).expect("the saved package"),
        code: saved.code,
    })
}

/// Enrols a new laptop through the supervisor and sets it up from its package.
pub fn enrol(supervisor: &Laptop, parent: &Path, name: &str, role: Role, region: Region) -> Laptop {
    let issued = issue_enrolment(
        supervisor,
        parent,
        NewDevice {
            device_name: name.into(),
            role,
            region,
        },
    )
    .expect("enrol");
    join(parent, name, &issued.package, issued.code.as_str())
}

/// Sets up a new laptop in `parent/name` from a package and its code.
pub fn join(parent: &Path, name: &str, package: &str, code: &str) -> Laptop {
    let dir = parent.join(name);
    let session = Device::new(DataDir::at(dir.clone()))
        .enrol(
            Enrolment {
                package: package.to_owned(),
                code: code.to_owned().into(),
                login: "user".into(),
                display_name: name.into(),
            },
            PASSPHRASE,
            now(),
        )
        .expect("join");
    Laptop {
        session,
        dir,
        login: "user",
    }
}

/// Every byte of every file under `dir`.
pub fn files_under(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(next) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&next) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if let Ok(bytes) = std::fs::read(&path) {
                found.push((path, bytes));
            }
        }
    }
    found
}

pub fn occurrences(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|window| *window == needle)
        .count()
}
