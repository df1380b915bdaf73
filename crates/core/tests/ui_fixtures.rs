//! The UI's tests run against a fake backend that decides nothing core
//! decides: it replays what the real core answered, recorded here. Each
//! scenario opens a real encrypted store, sets up an organisation and calls
//! core the way the UI tests' backend calls come in, at pinned times; the
//! answers go to `ui/src/testing/fixtures/*.json` with every random id
//! replaced by the name the UI tests use (`ref-dm`, `acc-1`, …).
//!
//! This test fails when the committed fixtures differ from what core answers
//! now, so a rule changed in Rust shows up in the UI tests that depend on it;
//! run it with `UPDATE_FIXTURES=1` to rewrite them. `ui/src/testing/fixtures.ts`
//! says how the fake reads them.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use hotline_core::accounts::NewAccount;
use hotline_core::calls::countries;
use hotline_core::referrals::{ReferralQuery, MUNICIPALITIES};
use hotline_core::sync::{self, ListDevices, Register};
use hotline_core::{DataDir, Device, Enrolment, Error, FirstRunSetup, Region, Role, Session};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Map, Value};
use uuid::Uuid;

/// Monday 23 November 2026, 18:00 in Rīga: the Rīga drop-in line (09:00–20:00)
/// is open, the Rēzekne office (08:30–17:00) has just closed.
fn now() -> DateTime<Utc> {
    at("2026-11-23T16:00:00Z")
}

fn at(time: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(time)
        .expect("time")
        .with_timezone(&Utc)
}

/// Read at run time, not with `env!`: a test binary built from another clone
/// that shares the build cache would otherwise compare against that clone.
fn committed_dir() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .expect("cargo test sets CARGO_MANIFEST_DIR")
        .join("../../ui/src/testing/fixtures")
}

/// A value as the UI sends it, read into the type core takes.
fn from<T: DeserializeOwned>(value: &Value) -> T {
    serde_json::from_value(value.clone()).expect("an argument core can read")
}

const SUPERVISOR: &str = "supervisor";
const CONSULTANT: &str = "consultant";

/// An organisation on a real SQLCipher file, as the UI tests' fake presents
/// it: Anna Bērziņa supervises from Rīga, Juris Ozols consults for Latgale.
struct Office {
    _temp: tempfile::TempDir,
    supervisor: Session,
    consultant: Session,
}

impl Office {
    fn new(recording: &mut Recording) -> Self {
        let temp = tempfile::tempdir().expect("tempdir");
        let device = Device::new(DataDir::at(temp.path().join("data")));
        let mut supervisor = device
            .set_up(
                FirstRunSetup {
                    organisation_name: "Patvērums Drošā māja".into(),
                    login: "anna".into(),
                    display_name: "Anna Bērziņa".into(),
                    home_region: Region::Riga,
                },
                "supervizora garā parole",
                now(),
            )
            .expect("set up");
        let juris = supervisor
            .add_account(
                NewAccount {
                    login: "juris".into(),
                    display_name: "Juris Ozols".into(),
                    role: Role::Consultant,
                    home_region: Region::Latgale,
                },
                "konsultanta garā parole",
                now(),
            )
            .expect("add consultant");
        let consultant = device
            .unlock("juris", "konsultanta garā parole", now())
            .expect("unlock consultant");
        recording.alias(supervisor.organisation().id, "org-1");
        recording.alias(supervisor.account().id, "acc-1");
        recording.alias(juris.id, "acc-2");
        Self {
            _temp: temp,
            supervisor,
            consultant,
        }
    }

    fn session(&self, role: &str) -> &Session {
        if role == SUPERVISOR {
            &self.supervisor
        } else {
            &self.consultant
        }
    }
}

/// One fixture file in the making.
#[derive(Default)]
struct Recording {
    states: Map<String, Value>,
    exchanges: Vec<Value>,
    refusals: Map<String, Value>,
    /// Files the UI tests pick, as core wrote them.
    files: Map<String, Value>,
    /// Random ids and the names the UI tests know them by.
    aliases: BTreeMap<String, String>,
}

/// One call into core, as the fake will look it up: what was asked, by
/// whom, in which state of the store.
struct Ask<'a> {
    recording: &'a mut Recording,
    exchange: Map<String, Value>,
}

impl Ask<'_> {
    fn by(mut self, role: &str) -> Self {
        self.exchange.insert("as".into(), role.into());
        self
    }

    fn state(mut self, state: &str) -> Self {
        self.exchange.insert("state".into(), state.into());
        self
    }

    fn args(mut self, args: Value) -> Self {
        self.exchange.insert("args".into(), args);
        self
    }

    fn next(mut self, state: &str) -> Self {
        self.exchange.insert("next".into(), state.into());
        self
    }

    fn with(mut self, name: &str, value: impl Serialize) -> Self {
        self.exchange
            .insert(name.into(), serde_json::to_value(value).expect("serialise"));
        self
    }

    /// Records core's answer: the value, or the refusal as the UI gets it.
    fn answer<T: Serialize>(mut self, answer: hotline_core::Result<T>) -> Option<T> {
        self.exchange
            .entry("args")
            .or_insert_with(|| Value::Array(Vec::new()));
        let kept = match answer {
            Ok(value) => {
                self.exchange.insert(
                    "ok".into(),
                    serde_json::to_value(&value).expect("serialise"),
                );
                Some(value)
            }
            Err(error) => {
                self.exchange.insert(
                    "error".into(),
                    serde_json::to_value(error.to_public()).expect("serialise"),
                );
                None
            }
        };
        self.recording.exchanges.push(Value::Object(self.exchange));
        kept
    }
}

impl Recording {
    fn alias(&mut self, id: Uuid, name: &str) {
        self.aliases.insert(id.to_string(), name.to_owned());
    }

    /// Names a text made from a random id (a case reference carries its
    /// device's code) the way [`Self::alias`] names an id.
    fn alias_text(&mut self, text: &str, name: &str) {
        self.aliases.insert(text.to_owned(), name.to_owned());
    }

    fn ask(&mut self, method: &str) -> Ask<'_> {
        let mut exchange = Map::new();
        exchange.insert("method".into(), method.into());
        Ask {
            recording: self,
            exchange,
        }
    }

    fn state(&mut self, name: &str, state: Value) {
        self.states.insert(name.into(), state);
    }

    fn refusal(&mut self, answer: hotline_core::Result<impl Sized>) {
        let Err(error) = answer else {
            panic!("core was expected to refuse");
        };
        let public = error.to_public();
        let code = serde_json::to_value(public.code).expect("serialise");
        self.refusals.insert(
            code.as_str().expect("a code").to_owned(),
            serde_json::to_value(public).expect("serialise"),
        );
    }

    /// The file's JSON, every random id replaced by its name.
    fn finish(self) -> Value {
        let mut file = Map::new();
        if !self.states.is_empty() {
            file.insert("states".into(), Value::Object(self.states));
        }
        if !self.exchanges.is_empty() {
            file.insert("exchanges".into(), Value::Array(self.exchanges));
        }
        if !self.refusals.is_empty() {
            file.insert("refusals".into(), Value::Object(self.refusals));
        }
        if !self.files.is_empty() {
            file.insert("files".into(), Value::Object(self.files));
        }
        let mut value = Value::Object(file);
        rename_ids(&mut value, &self.aliases);
        value
    }
}

/// Replaces every named id, also inside a text (a file core wrote).
fn rename_ids(value: &mut Value, aliases: &BTreeMap<String, String>) {
    match value {
        Value::String(text) => {
            for (id, name) in aliases {
                if text.contains(id.as_str()) {
                    *text = text.replace(id.as_str(), name);
                }
            }
            assert!(
                Uuid::parse_str(text).is_err(),
                "a random id without a name would change on every run: {text}"
            );
        }
        Value::Array(items) => items.iter_mut().for_each(|item| rename_ids(item, aliases)),
        Value::Object(map) => map.values_mut().for_each(|item| rename_ids(item, aliases)),
        _ => {}
    }
}

/// What the directory shows before anything is typed or picked: every entry in use.
fn everything() -> Value {
    query(json!({}))
}

/// A directory query as the UI sends it: every field, `patch` over `everything()`.
fn query(patch: Value) -> Value {
    let mut query = json!({
        "text": null,
        "region": null,
        "municipality": null,
        "serviceType": null,
        "language": null,
        "openNow": false,
        "verifiedWithinMonths": null,
        "includeRetired": false,
    });
    merge(&mut query, patch);
    query
}

fn merge(base: &mut Value, patch: Value) {
    if let (Value::Object(base), Value::Object(patch)) = (base, patch) {
        base.extend(patch);
    }
}

// ---- The directory ----------------------------------------------------------

/// The names the UI tests give the entries of their directory.
const ENTRY_NAMES: &[(&str, &str)] = &[
    ("drosa-maja-riga", "ref-dm"),
    ("drosa-maja-drosa-patversme", "ref-shelter"),
    ("rezeknes-novada-socialais-dienests", "ref-rezekne"),
    ("valsts-policija-110", "ref-police"),
    ("lv-embassy-gb", "ref-embassy"),
];

/// The small directory of the UI tests: a shelter with a confidential
/// address, an NGO line, a municipal service, the police, a retired embassy.
/// A search without words lists entries by organisation name; the shelter and
/// the line share one, and the one saved first comes first.
fn seed_inputs() -> Vec<Value> {
    let input = |patch: Value| {
        let mut input = json!({
            "organisation": { "lv": "", "en": "", "ru": "" },
            "service": { "lv": "", "en": "", "ru": "" },
            "description": { "lv": "", "en": "", "ru": "" },
            "serviceTypes": ["other"],
            "areas": [{ "kind": "nationwide" }],
            "address": "",
            "confidentialAddress": "",
            "phones": [],
            "email": "",
            "web": "",
            "messenger": "",
            "hours": "",
            "languages": ["lv"],
            "notes": { "lv": "", "en": "", "ru": "" },
            "verifiedOn": null,
            "verifiedBy": "",
        });
        merge(&mut input, patch);
        input
    };
    vec![
        input(json!({
            "key": "drosa-maja-drosa-patversme",
            "organisation": { "lv": "Patvērums “Drošā māja”", "en": "Shelter “Safe House”", "ru": "" },
            "service": { "lv": "Droša patversme cietušajiem", "en": "Safe shelter for victims", "ru": "" },
            "serviceTypes": ["shelter"],
            "confidentialAddress": "Slepenā iela 1, Rīga",
            "phones": [{ "number": "+37125565098", "label": "" }],
            "hours": "24/7",
        })),
        input(json!({
            "key": "drosa-maja-riga",
            "organisation": { "lv": "Patvērums “Drošā māja”", "en": "Shelter “Safe House”", "ru": "" },
            "service": { "lv": "Konsultācijas cilvēku tirdzniecības jautājumos", "en": "Counselling on human trafficking", "ru": "" },
            "description": { "lv": "Konsultācijas klātienē Rīgā un pa tālruni.", "en": "Counselling in Riga and by phone.", "ru": "" },
            "serviceTypes": ["ngo", "socialService", "legalAid"],
            "address": "Lāčplēša iela 75 - 1 B, Rīga",
            "phones": [
                { "number": "+37167898343", "label": "I-V 9:00-20:00" },
                { "number": "+37128612120", "label": "Uzticības tālrunis" },
            ],
            "web": "https://patverums-dm.lv",
            "messenger": "Skype: PatverumsDM",
            "hours": "Mon-Fri 09:00-20:00",
            "languages": ["lv", "ru", "en"],
            "notes": { "lv": "Katram numuram savs darba laiks.", "en": "Each number has its own hours.", "ru": "" },
            "verifiedOn": "2026-10-01",
            "verifiedBy": "Anna Bērziņa",
        })),
        input(json!({
            "key": "rezeknes-novada-socialais-dienests",
            "organisation": { "lv": "Rēzeknes novada pašvaldības sociālais dienests", "en": "Rēzekne Municipality Social Service", "ru": "" },
            "service": { "lv": "Sociālā palīdzība", "en": "Social assistance", "ru": "Социальная помощь" },
            "serviceTypes": ["socialService"],
            "areas": [{ "kind": "municipality", "code": "rezeknes-novads" }],
            "address": "Atbrīvošanas aleja 95A, Rēzekne",
            "phones": [{ "number": "+37164607188", "label": "" }],
            "hours": "Mon-Fri 08:30-17:00",
            "languages": ["lv", "ru"],
        })),
        input(json!({
            "key": "valsts-policija-110",
            "organisation": { "lv": "Valsts policija", "en": "State Police", "ru": "Государственная полиция" },
            "service": { "lv": "Ārkārtas izsaukumi", "en": "Emergency calls", "ru": "Экстренные вызовы" },
            "serviceTypes": ["police"],
            "phones": [{ "number": "110", "label": "" }],
            "hours": "24/7",
            "languages": ["lv", "ru", "en"],
            "verifiedOn": "2026-09-15",
            "verifiedBy": "Anna Bērziņa",
        })),
        input(json!({
            "key": "lv-embassy-gb",
            "organisation": { "lv": "Latvijas vēstniecība Lielbritānijā", "en": "Embassy of Latvia in the UK", "ru": "" },
            "service": { "lv": "Konsulārā palīdzība", "en": "Consular assistance", "ru": "" },
            "serviceTypes": ["embassy"],
            "areas": [{ "kind": "abroad", "country": "GB" }],
        })),
    ]
}

/// Saves `inputs` as new entries, named as the UI tests name them.
fn add_entries(office: &Office, recording: &mut Recording, inputs: &[Value]) {
    for input in inputs {
        let key = input["key"].as_str().expect("a key");
        let entry = office
            .supervisor
            .directory()
            .save(None, from(input), now())
            .expect("save entry");
        let name = ENTRY_NAMES
            .iter()
            .find(|(known, _)| *known == key)
            .map_or_else(|| format!("ref-{key}"), |(_, name)| (*name).to_owned());
        recording.alias(entry.id, &name);
    }
}

/// The directory as a search lists it (for a consultant, as they read each
/// entry too) and, unless `listed_only`, as a supervisor reads each entry.
fn directory_state(office: &Office, recording: &mut Recording, listed_only: bool) -> Value {
    let retired_too: ReferralQuery = from(&query(json!({ "includeRetired": true })));
    let mut listed = office
        .supervisor
        .directory()
        .search(&retired_too, now())
        .expect("search");
    listed.sort_by(|a, b| a.input.key.cmp(&b.input.key));
    for entry in &listed {
        if !recording.aliases.contains_key(&entry.id.to_string()) {
            recording.alias(entry.id, &format!("ref-{}", entry.input.key));
        }
    }
    let mut state = json!({ "listed": listed });
    if !listed_only {
        let read: Vec<_> = listed
            .iter()
            .map(|entry| {
                office
                    .supervisor
                    .directory()
                    .get(entry.id, now())
                    .expect("get")
            })
            .collect();
        state["referrals"] = serde_json::to_value(read).expect("serialise");
    }
    state
}

/// Searches the directory; the answer is the ids found, best first (the
/// state's `listed` entries say what each looks like).
fn search(office: &Office, recording: &mut Recording, state: &str, role: &str, queries: &[Value]) {
    for asked in queries {
        let found = office
            .session(role)
            .directory()
            .search(&from(asked), now())
            .map(|entries| {
                entries
                    .into_iter()
                    .map(|entry| entry.id)
                    .collect::<Vec<_>>()
            });
        recording
            .ask("searchReferrals")
            .by(role)
            .state(state)
            .args(json!([asked]))
            .answer(found);
    }
}

/// The seeded directory in a new office: the directory tests' starting point.
fn seeded_office(recording: &mut Recording) -> Office {
    let office = Office::new(recording);
    add_entries(&office, recording, &seed_inputs());
    let embassy = office
        .supervisor
        .directory()
        .search(&from(&query(json!({ "text": "embassy" }))), now())
        .expect("search")[0]
        .id;
    office
        .supervisor
        .directory()
        .set_retired(embassy, true, now())
        .expect("retire");
    office
}

/// What the referrals tests type into the search bar and its filters.
fn typed_queries() -> Vec<Value> {
    vec![
        everything(),
        query(json!({ "text": "rezeknes" })),
        query(json!({ "text": "dros maj" })),
        query(json!({ "text": "maja" })),
        query(json!({ "text": "policija" })),
        query(json!({ "text": "patversme" })),
        query(json!({ "text": "nekas tāds" })),
        query(json!({ "serviceType": "police" })),
        query(json!({ "municipality": "rezeknes-novads" })),
        query(json!({ "municipality": "rezeknes-novads", "language": "ru" })),
        query(json!({ "municipality": "rezeknes-novads", "language": "ru", "openNow": true })),
        query(
            json!({ "municipality": "rezeknes-novads", "language": "ru", "openNow": true, "verifiedWithinMonths": 12 }),
        ),
        query(
            json!({ "municipality": "rezeknes-novads", "language": "ru", "openNow": true, "verifiedWithinMonths": 12, "text": "nekas tāds" }),
        ),
        query(json!({ "region": "kurzeme" })),
    ]
}

/// A new entry as the referral form sends it (Ogres crisis centre), with `patch` over it.
fn ogres(patch: Value) -> Value {
    let mut input = json!({
        "key": "ogres-krizes-centrs",
        "organisation": { "lv": "Ogres krīzes centrs", "en": "", "ru": "" },
        "service": { "lv": "Krīzes palīdzība", "en": "", "ru": "" },
        "description": { "lv": "", "en": "", "ru": "" },
        "serviceTypes": ["psychologicalHelp"],
        "areas": [
            { "kind": "municipality", "code": "ogres-novads" },
            { "kind": "abroad", "country": "GB" },
            { "kind": "abroad", "country": "IE" },
        ],
        "address": "",
        "confidentialAddress": "",
        "phones": [
            { "number": "+371 2000 0000", "label": "Darba dienās" },
            { "number": "116006", "label": "" },
        ],
        "email": "",
        "web": "",
        "messenger": "",
        "hours": "",
        "languages": ["lv", "ru"],
        "notes": { "lv": "", "en": "", "ru": "" },
        "verifiedOn": "2026-11-01",
        "verifiedBy": "",
    });
    merge(&mut input, patch);
    input
}

/// The shelter as the referral form sends it back after its service was retyped.
fn shelter_edited() -> Value {
    json!({
        "key": "drosa-maja-drosa-patversme",
        "organisation": { "lv": "Patvērums “Drošā māja”", "en": "Shelter “Safe House”", "ru": "" },
        "service": { "lv": "Droša patversme", "en": "Safe shelter for victims", "ru": "" },
        "description": { "lv": "", "en": "", "ru": "" },
        "serviceTypes": ["shelter"],
        "areas": [{ "kind": "nationwide" }],
        "address": "",
        "confidentialAddress": "Slepenā iela 1, Rīga",
        "phones": [{ "number": "+371 25565098", "label": "" }],
        "email": "",
        "web": "",
        "messenger": "",
        "hours": "24/7",
        "languages": ["lv"],
        "notes": { "lv": "", "en": "", "ru": "" },
        "verifiedOn": null,
        "verifiedBy": "",
    })
}

const CSV_HEADER: &str = "key,organisation_lv,service_lv,service_types,areas";

/// Records what core says to `input` as a new entry: the tests type these
/// to see them refused, and a refusal changes nothing.
fn refused_entry(office: &Office, recording: &mut Recording, input: &Value) {
    recording
        .ask("saveReferral")
        .by(SUPERVISOR)
        .state("directory")
        .args(json!([null, input]))
        .answer(office.supervisor.directory().save(None, from(input), now()));
}

/// The seeded directory and what the referrals and calls tests ask of it.
fn directory_fixtures() -> Value {
    let mut recording = Recording::default();

    // A new organisation: nothing in the directory, then the starter directory.
    let office = Office::new(&mut recording);
    recording.state("empty", json!({ "referrals": [], "listed": [] }));
    recording.state(
        "starterCategories",
        json!({ "categories": office.supervisor.categories().list().expect("categories") }),
    );
    search(
        &office,
        &mut recording,
        "empty",
        SUPERVISOR,
        &[everything()],
    );
    search(
        &office,
        &mut recording,
        "empty",
        CONSULTANT,
        &[everything()],
    );
    recording
        .ask("municipalities")
        .answer(Ok::<_, Error>(MUNICIPALITIES.to_vec()));
    recording.refusal(office.supervisor.directory().get(Uuid::new_v4(), now()));
    recording
        .ask("loadStarterReferrals")
        .by(SUPERVISOR)
        .state("empty")
        .next("starter")
        .answer(office.supervisor.directory().load_starter(now()));
    let starter = directory_state(&office, &mut recording, true);
    recording.state("starter", starter);
    search(
        &office,
        &mut recording,
        "starter",
        SUPERVISOR,
        &[everything()],
    );

    // The seeded directory, as searched by both roles, and the changes the
    // form and the imports refuse (which change nothing).
    let office = seeded_office(&mut recording);
    let seeded = directory_state(&office, &mut recording, false);
    recording.state("directory", seeded);
    search(
        &office,
        &mut recording,
        "directory",
        SUPERVISOR,
        &typed_queries(),
    );
    let consultant_queries = [everything(), query(json!({ "text": "patversme" }))];
    search(
        &office,
        &mut recording,
        "directory",
        CONSULTANT,
        &consultant_queries,
    );
    for input in [
        ogres(json!({ "hours": "Pirmdien 9-17" })),
        ogres(json!({ "key": "drosa-maja-riga" })),
        ogres(json!({ "key": "Ogres Centrs" })),
    ] {
        refused_entry(&office, &mut recording, &input);
    }
    for contents in [
        format!("{CSV_HEADER}\nlabs-ieraksts,A,B,ngo,nationwide\nSlikta Atslēga,C,D,ngo,nationwide\n,E,F,ngo,nationwide\n"),
        format!("{CSV_HEADER}\nBAD,C,D,ngo,nationwide\n"),
    ] {
        recording
            .ask("importReferrals")
            .by(SUPERVISOR)
            .state("directory")
            .args(json!(["csv", contents]))
            .answer(office.supervisor.directory().import(
                hotline_core::referrals::TransferFormat::Csv,
                contents.as_bytes(),
                now(),
            ));
    }

    // A new entry saved.
    let office = seeded_office(&mut recording);
    let input = ogres(json!({ "hours": "Mon-Fri 09:00-17:00; Sat 10:00-14:00" }));
    recording
        .ask("saveReferral")
        .by(SUPERVISOR)
        .state("directory")
        .args(json!([null, input]))
        .next("directory+ogres")
        .answer(
            office
                .supervisor
                .directory()
                .save(None, from(&input), now()),
        );
    let state = directory_state(&office, &mut recording, false);
    recording.state("directory+ogres", state);
    search(
        &office,
        &mut recording,
        "directory+ogres",
        SUPERVISOR,
        &[everything()],
    );

    // The shelter edited, retired and restored.
    let office = seeded_office(&mut recording);
    let shelter = office
        .supervisor
        .directory()
        .search(&from(&query(json!({ "text": "patversme" }))), now())
        .expect("search")[0]
        .id;
    let patversme = query(json!({ "text": "patversme" }));
    let retired_too = query(json!({ "text": "patversme", "includeRetired": true }));
    recording
        .ask("saveReferral")
        .by(SUPERVISOR)
        .state("directory")
        .args(json!([shelter, shelter_edited()]))
        .next("shelter-edited")
        .answer(
            office
                .supervisor
                .directory()
                .save(Some(shelter), from(&shelter_edited()), now()),
        );
    // Retired, the shelter drops out of the search until retired entries are asked for.
    for (state, queries, retired, next) in [
        (
            "shelter-edited",
            vec![patversme.clone()],
            true,
            "shelter-retired",
        ),
        (
            "shelter-retired",
            vec![patversme, retired_too.clone()],
            false,
            "shelter-restored",
        ),
    ] {
        let snapshot = directory_state(&office, &mut recording, false);
        recording.state(state, snapshot);
        search(&office, &mut recording, state, SUPERVISOR, &queries);
        recording
            .ask("setReferralRetired")
            .by(SUPERVISOR)
            .state(state)
            .args(json!([shelter, retired]))
            .next(next)
            .answer(
                office
                    .supervisor
                    .directory()
                    .set_retired(shelter, retired, now()),
            );
    }
    let snapshot = directory_state(&office, &mut recording, false);
    recording.state("shelter-restored", snapshot);
    search(
        &office,
        &mut recording,
        "shelter-restored",
        SUPERVISOR,
        &[retired_too],
    );

    // An HSDS file (core's own export of one new entry) imported.
    let elsewhere = Office::new(&mut recording);
    add_entries(
        &elsewhere,
        &mut recording,
        &[json!({
            "key": "jauns-ieraksts",
            "organisation": { "lv": "Jauns centrs", "en": "", "ru": "" },
            "service": { "lv": "Jauns pakalpojums", "en": "", "ru": "" },
            "serviceTypes": ["other"],
            "areas": [{ "kind": "nationwide" }],
            "verifiedOn": null,
        })],
    );
    let exported = elsewhere
        .supervisor
        .directory()
        .export(from(&json!({ "format": "hsds" })), now())
        .expect("export");
    let hsds = String::from_utf8(exported).expect("UTF-8");
    recording
        .files
        .insert("katalogs.json".into(), hsds.clone().into());
    let office = seeded_office(&mut recording);
    let imported = recording
        .ask("importReferrals")
        .by(SUPERVISOR)
        .state("directory")
        .args(json!(["hsds", hsds]))
        .next("directory+hsds")
        .answer(office.supervisor.directory().import(
            hotline_core::referrals::TransferFormat::Hsds,
            hsds.as_bytes(),
            now(),
        ));
    if imported.is_some() {
        let state = directory_state(&office, &mut recording, false);
        recording.state("directory+hsds", state);
        search(
            &office,
            &mut recording,
            "directory+hsds",
            SUPERVISOR,
            &[everything()],
        );
    }

    // Ten more copies of the police entry, for the call form's short list.
    let office = seeded_office(&mut recording);
    let police = seed_inputs()
        .into_iter()
        .find(|input| input["key"] == "valsts-policija-110")
        .expect("the police entry");
    let copies: Vec<Value> = (1..=10)
        .map(|n| {
            let mut copy = police.clone();
            copy["key"] = format!("zz-papildu-{n:02}").into();
            copy
        })
        .collect();
    add_entries(&office, &mut recording, &copies);
    let state = directory_state(&office, &mut recording, false);
    recording.state("directory-with-extras", state);
    search(
        &office,
        &mut recording,
        "directory-with-extras",
        SUPERVISOR,
        &[
            query(json!({ "text": "policija" })),
            query(json!({ "text": "nekas tāds" })),
        ],
    );

    recording.finish()
}

// ---- Calls ------------------------------------------------------------------

/// A call's details as the UI sends them: a new call's, `patch` over them.
fn details(patch: Value) -> Value {
    let mut details = json!({
        "startedAt": now(),
        "endedAt": null,
        "line": null,
        "direction": "incoming",
        "region": "riga",
        "callerRole": null,
        "gender": null,
        "ageGroup": null,
        "language": null,
        "contactBack": null,
        "subjects": [],
        "country": null,
        "risk": null,
        "immediateDanger": false,
        "adviceGiven": "",
        "referrals": [],
        "followUp": null,
        "notes": "",
        "caseRef": null,
    });
    merge(&mut details, patch);
    details
}

/// Finished calls, each with the name the UI tests give it, as core stores them.
fn finished_calls(office: &Office, recording: &mut Recording, calls: &[(&str, Value)]) -> Value {
    let log = office.supervisor.call_log();
    let ids = log
        .add_finished(calls.iter().map(|(_, details)| from(details)), now())
        .expect("add calls");
    for ((name, _), id) in calls.iter().zip(&ids) {
        recording.alias(*id, name);
    }
    let stored: Vec<_> = ids.iter().map(|id| log.get(*id).expect("get")).collect();
    json!({ "calls": stored })
}

/// A filter as the calls list sends it: every field, `patch` over "all finished calls".
fn call_filter(patch: Value) -> Value {
    let mut filter = json!({
        "from": null,
        "to": null,
        "regions": [],
        "lines": [],
        "subjects": [],
        "followUpDueBy": null,
        "caseRef": null,
        "text": null,
        "before": null,
    });
    merge(&mut filter, patch);
    filter
}

/// New drafts, the countries, the calls the calls tests seed and what core
/// says to the form: a missing field, a repeat caller, an edit's history.
fn calls_fixtures() -> Value {
    let mut recording = Recording::default();
    let office = Office::new(&mut recording);
    for role in [SUPERVISOR, CONSULTANT] {
        let started = recording
            .ask("startCall")
            .by(role)
            .answer(office.session(role).call_log().start(now()))
            .expect("start");
        recording.alias(started.id, &format!("draft-{role}"));
    }
    recording
        .ask("countryCodes")
        .answer(Ok::<_, Error>(countries::ordered()));
    recording.refusal(office.supervisor.call_log().open(Uuid::new_v4(), now()));
    recording
        .ask("runRetention")
        .by(SUPERVISOR)
        .answer(office.supervisor.retention().run(now()));

    // Finishing with a line but no caller.
    let log = office.supervisor.call_log();
    let draft = log.start(now()).expect("start");
    recording.alias(draft.id, "unfinished");
    let only_line = details(json!({ "line": "rigaLandline" }));
    recording
        .ask("finishCall")
        .by(SUPERVISOR)
        .args(json!([draft.id, only_line]))
        .answer(log.finish(draft.id, from(&only_line), now()));

    // A call finished, then edited: its history names what changed.
    let draft = log.start(now()).expect("start");
    recording.alias(draft.id, "edited");
    let first = details(json!({
        "line": "kurzeme",
        "callerRole": "professional",
        "subjects": ["forcedLabour"],
        "notes": "Pirmā versija",
    }));
    let finished = log.finish(draft.id, from(&first), now()).expect("finish");
    let mut second = serde_json::to_value(&finished.details).expect("serialise");
    merge(
        &mut second,
        json!({ "notes": "Otrā versija", "country": "DE" }),
    );
    let edited = log.edit(draft.id, from(&second), now());
    let history = log.history(draft.id).expect("history");
    recording
        .ask("editCall")
        .by(SUPERVISOR)
        .args(json!([draft.id, second]))
        .with("history", history)
        .answer(edited);

    // A caller who called three times before, last on 12 October, case K-0042.
    let office = Office::new(&mut recording);
    let log = office.supervisor.call_log();
    let number = "+371 29 123 456";
    for (name, time) in [
        ("earlier-1", "2026-09-01T07:00:00Z"),
        ("earlier-2", "2026-09-20T07:00:00Z"),
        ("earlier-3", "2026-10-12T08:15:00Z"),
    ] {
        let draft = log.start(at(time)).expect("start");
        recording.alias(draft.id, name);
        log.set_caller_number(draft.id, number, at(time))
            .expect("number");
        let earlier = details(json!({
            "startedAt": time,
            "line": "rigaMobile1",
            "callerRole": "personAtRiskOrVictim",
            "subjects": ["forcedLabour"],
            "caseRef": "K-0042",
        }));
        log.finish(draft.id, from(&earlier), at(time))
            .expect("finish");
    }
    let draft = log.start(now()).expect("start");
    recording.alias(draft.id, "repeat-caller");
    recording
        .ask("setCallerNumber")
        .by(SUPERVISOR)
        .args(json!([draft.id, number]))
        .answer(log.set_caller_number(draft.id, number, now()));
    let case_ref = log.next_case_ref();
    if let Ok(reference) = &case_ref {
        recording.alias_text(reference, "K-7QX2-1");
    }
    recording.ask("nextCaseRef").by(SUPERVISOR).answer(case_ref);

    // Three finished calls on 10, 20 and 25 November, found by Rīga days
    // (with a caller and a subject: core finishes no call without them).
    let office = Office::new(&mut recording);
    let call = |time: &str| {
        details(json!({
            "startedAt": time,
            "line": "latgale",
            "callerRole": "relativeOrFriend",
            "subjects": ["forcedLabour"],
        }))
    };
    let state = finished_calls(
        &office,
        &mut recording,
        &[
            ("c10", call("2026-11-10T09:00:00Z")),
            ("c20", call("2026-11-20T09:00:00Z")),
            ("c25", call("2026-11-25T09:00:00Z")),
        ],
    );
    recording.state("three-calls", state);
    for filter in [
        call_filter(json!({ "from": "2026-11-15" })),
        call_filter(json!({ "from": "2026-11-15", "to": "2026-11-22" })),
        call_filter(json!({ "from": "2026-11-21" })),
        call_filter(json!({ "from": "2026-11-23" })),
    ] {
        recording
            .ask("findCalls")
            .by(SUPERVISOR)
            .state("three-calls")
            .args(json!([filter]))
            .answer(office.supervisor.call_log().find(&from(&filter)));
    }

    recording.finish()
}

// ---- Reports ----------------------------------------------------------------

fn report_request(from_day: &str, to_day: &str, regions: Value, publication: Value) -> Value {
    json!({ "from": from_day, "to": to_day, "regions": regions, "publication": publication })
}

/// Three calls in November 2026 and the reports the reports tests run over them.
fn reports_fixtures() -> Value {
    let mut recording = Recording::default();
    let office = Office::new(&mut recording);
    let call = |time: &str, region: &str, subject: &str, country: &str, case: Value| {
        details(json!({
            "startedAt": time,
            "line": "rigaLandline",
            "region": region,
            "callerRole": "personAtRiskOrVictim",
            "subjects": [subject],
            "country": country,
            "caseRef": case,
        }))
    };
    // Two about sham marriage to the UK (one case), one about forced labour in Latgale.
    let state = finished_calls(
        &office,
        &mut recording,
        &[
            (
                "call-0",
                call(
                    "2026-11-02T09:00:00Z",
                    "riga",
                    "shamMarriage",
                    "GB",
                    json!("K-0001"),
                ),
            ),
            (
                "call-1",
                call(
                    "2026-11-10T09:00:00Z",
                    "riga",
                    "shamMarriage",
                    "GB",
                    json!("K-0001"),
                ),
            ),
            (
                "call-2",
                call(
                    "2026-11-20T09:00:00Z",
                    "latgale",
                    "forcedLabour",
                    "DE",
                    Value::Null,
                ),
            ),
        ],
    );
    recording.state("november", state);
    for request in [
        report_request("2026-11-01", "2026-11-30", json!([]), Value::Null),
        report_request("2026-11-01", "2026-11-30", json!(["latgale"]), Value::Null),
        report_request(
            "2026-11-01",
            "2026-11-30",
            json!([]),
            json!({ "minCell": 11 }),
        ),
        report_request(
            "2026-11-05",
            "2026-11-30",
            json!([]),
            json!({ "minCell": 11 }),
        ),
        report_request(
            "2026-11-01",
            "2026-11-30",
            json!([]),
            json!({ "minCell": 3 }),
        ),
        report_request("2025-01-01", "2025-12-31", json!([]), Value::Null),
    ] {
        recording
            .ask("runReport")
            .by(SUPERVISOR)
            .state("november")
            .args(json!([request]))
            .answer(office.supervisor.report(&from(&request), now()));
    }
    recording.finish()
}

// ---- Refusals ---------------------------------------------------------------

/// Core's refusals for the fake's own checks (a computer not connected to a
/// server, an enrolment package that is not one, a code that does not open
/// it) and for a server address it cannot use.
fn refusal_fixtures() -> Value {
    let mut recording = Recording::default();
    let office = Office::new(&mut recording);
    recording.refusal(sync::run(&office.supervisor, ListDevices).map(|list| list.devices));
    // Only supervisors see the records set aside.
    recording.refusal(office.consultant.sync().quarantined());
    let fresh = tempfile::tempdir().expect("tempdir");
    recording.refusal(Device::new(DataDir::at(fresh.path().join("data"))).enrol(
        from::<Enrolment>(&json!({
            "package": "hotline-enrolment-v1:c2VhbGVk\n",
            "code": "ABCD-EFGH-JKMN-PQRS",
            "login": "janis",
            "displayName": "Jānis Ozols",
        })),
        "garš un drošs teikums",
        now(),
    ));
    // Neither can be reached offline: a package sealed under a known code,
    // and a server that already knows this computer.
    recording.refusal(Err::<(), _>(Error::EnrolmentCodeWrong));
    recording.refusal(Err::<(), _>(Error::AlreadyConnected));
    // Refused before the network is tried: plain http to another computer.
    let (url, name) = ("http://sync.example.lv", "Rīgas birojs 1");
    recording
        .ask("registerSyncServer")
        .by(SUPERVISOR)
        .args(json!([url, name, null]))
        .answer(sync::run(
            &office.supervisor,
            Register {
                server_url: url.into(),
                server_certificate: None,
                registration_secret: None,
                device_name: name.into(),
                now: Utc::now(),
            },
        ));
    recording.finish()
}

fn fixtures() -> BTreeMap<&'static str, Value> {
    BTreeMap::from([
        ("directory.json", directory_fixtures()),
        ("calls.json", calls_fixtures()),
        ("reports.json", reports_fixtures()),
        ("refusals.json", refusal_fixtures()),
    ])
}

/// The file's text: nested four levels deep, each deeper value on one line
/// (one directory entry, one report breakdown), so a change reads as a
/// changed line.
fn text_of(value: &Value) -> String {
    let mut text = String::new();
    write_nested(value, 4, 0, &mut text);
    text.push('\n');
    text
}

fn write_nested(value: &Value, depth: usize, indent: usize, out: &mut String) {
    let compact = |value: &Value| serde_json::to_string(value).expect("serialise");
    let inner = " ".repeat(indent + 2);
    match value {
        Value::Object(map) if depth > 0 && !map.is_empty() => {
            out.push_str("{\n");
            for (index, (key, item)) in map.iter().enumerate() {
                out.push_str(&inner);
                out.push_str(&compact(&Value::String(key.clone())));
                out.push_str(": ");
                write_nested(item, depth - 1, indent + 2, out);
                out.push_str(if index + 1 < map.len() { ",\n" } else { "\n" });
            }
            out.push_str(&" ".repeat(indent));
            out.push('}');
        }
        Value::Array(items) if depth > 0 && !items.is_empty() => {
            out.push_str("[\n");
            for (index, item) in items.iter().enumerate() {
                out.push_str(&inner);
                write_nested(item, depth - 1, indent + 2, out);
                out.push_str(if index + 1 < items.len() { ",\n" } else { "\n" });
            }
            out.push_str(&" ".repeat(indent));
            out.push(']');
        }
        other => out.push_str(&compact(other)),
    }
}

#[test]
fn ui_fixtures_match_what_core_answers() {
    let dir = committed_dir();
    let fresh = fixtures();
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        if dir.exists() {
            std::fs::remove_dir_all(&dir).expect("clear fixtures");
        }
        std::fs::create_dir_all(&dir).expect("fixtures dir");
        for (name, value) in &fresh {
            std::fs::write(dir.join(name), text_of(value)).expect("write fixture");
        }
        return;
    }
    let committed: Vec<String> = std::fs::read_dir(&dir)
        .map(|entries| {
            let mut names: Vec<String> = entries
                .filter_map(Result::ok)
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            names
        })
        .unwrap_or_default();
    assert_eq!(
        fresh.keys().map(|name| (*name).to_owned()).collect::<Vec<_>>(),
        committed,
        "fixture files differ: run `UPDATE_FIXTURES=1 cargo test -p hotline-core --test ui_fixtures`"
    );
    for (name, value) in &fresh {
        let text = std::fs::read_to_string(dir.join(name)).unwrap_or_default();
        assert!(
            text == text_of(value),
            "{name} is stale: run `UPDATE_FIXTURES=1 cargo test -p hotline-core --test ui_fixtures`"
        );
    }
}
