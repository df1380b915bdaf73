//! Randomised faults between real laptops and a real server: connections cut
//! mid-push and mid-pull, and the server killed (`kill -9`) and restarted in
//! the middle of a request. Afterwards no change is lost or doubled and every
//! laptop holds the same data.
//!
//! Seeded and reproducible in what it does; `HOTLINE_SYNC_FAULT_RUNS` sets the
//! number of runs (200 in the suite; e.g. 20000 for a soak) and
//! `HOTLINE_SYNC_FAULT_SEED` the seed.

mod common;

use std::collections::BTreeMap;
use std::io::{Read as _, Write as _};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;

use common::{referral, Backend, Laptop, Server};
use hotline_core::{Error, Region, Role};
use rand::rngs::StdRng;
use rand::{Rng as _, SeedableRng};
use uuid::Uuid;

on_both_backends!(interrupted_syncs_lose_and_double_nothing);

/// What goes wrong on the next connection, after the given number of bytes.
#[derive(Debug, Clone, Copy)]
enum Fault {
    /// The laptop's bytes stop after this many (a push or pull cut short).
    RequestCut(usize),
    /// The server's answer stops after this many bytes.
    ResponseCut(usize),
    /// The server is killed once this many request bytes reached it, then
    /// started again on the same data.
    ServerKilled(usize),
}

/// A TCP proxy in front of the server that injects the planned fault into the
/// next connection it accepts.
struct FaultyLink {
    port: u16,
    next_fault: Arc<Mutex<Option<Fault>>>,
}

impl FaultyLink {
    fn start(server: Arc<Mutex<Server>>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind proxy");
        let port = listener.local_addr().expect("addr").port();
        let next_fault = Arc::new(Mutex::new(None));
        let plan = Arc::clone(&next_fault);
        thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let fault = plan.lock().expect("plan").take();
                let server = Arc::clone(&server);
                thread::spawn(move || relay(client, server, fault));
            }
        });
        Self { port, next_fault }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn plan(&self, fault: Option<Fault>) {
        *self.next_fault.lock().expect("plan") = fault;
    }
}

fn relay(client: TcpStream, server: Arc<Mutex<Server>>, fault: Option<Fault>) {
    let port = server.lock().expect("server").port;
    let Ok(upstream) = TcpStream::connect(("127.0.0.1", port)) else {
        return;
    };
    let (request_limit, kill) = match fault {
        Some(Fault::RequestCut(bytes)) => (Some(bytes), false),
        Some(Fault::ServerKilled(bytes)) => (Some(bytes), true),
        _ => (None, false),
    };
    let response_limit = match fault {
        Some(Fault::ResponseCut(bytes)) => Some(bytes),
        _ => None,
    };
    let (client_in, upstream_out) = (
        client.try_clone().expect("clone"),
        upstream.try_clone().expect("clone"),
    );
    let answers = thread::spawn(move || pump(upstream, client, response_limit, || {}));
    pump(client_in, upstream_out, request_limit, || {
        if kill {
            server.lock().expect("server").restart();
        }
    });
    let _ = answers.join();
}

/// Copies bytes until the end, or until `limit` bytes have passed; then runs
/// `at_limit` and cuts both directions.
fn pump(mut from: TcpStream, mut to: TcpStream, limit: Option<usize>, at_limit: impl FnOnce()) {
    let mut passed = 0;
    let mut buffer = [0u8; 4096];
    loop {
        let read = match from.read(&mut buffer) {
            Ok(0) | Err(_) => break,
            Ok(read) => read,
        };
        let allowed = limit.map_or(read, |limit| read.min(limit - passed));
        if to.write_all(&buffer[..allowed]).is_err() {
            break;
        }
        passed += allowed;
        if limit.is_some_and(|limit| passed >= limit) {
            at_limit();
            let _ = from.shutdown(Shutdown::Both);
            let _ = to.shutdown(Shutdown::Both);
            return;
        }
    }
    let _ = to.shutdown(Shutdown::Write);
}

/// What the test knows each laptop wrote: call id → (region, versions, author).
type Expected = BTreeMap<Uuid, (Region, u32, usize)>;

fn converge_and_check(laptops: &[Laptop; 3], link: &FaultyLink, expected: &Expected, keys: usize) {
    link.plan(None);
    for _ in 0..2 {
        for laptop in laptops {
            laptop.sync().expect("sync without faults");
        }
    }
    let [supervisor, latgale, kurzeme] = laptops;
    let held = supervisor.calls();
    let want: BTreeMap<Uuid, u32> = expected
        .iter()
        .map(|(id, (_, versions, _))| (*id, *versions))
        .collect();
    let have: BTreeMap<Uuid, u32> = held.iter().map(|(id, (v, _))| (*id, *v)).collect();
    assert_eq!(have, want, "every call, every version, none twice");
    for (laptop, region) in [(latgale, Region::Latgale), (kurzeme, Region::Kurzeme)] {
        let own: BTreeMap<_, _> = held
            .iter()
            .filter(|(id, _)| expected[*id].0 == region)
            .map(|(id, call)| (*id, call.clone()))
            .collect();
        assert_eq!(laptop.calls(), own, "{region:?} holds its region, the same");
        assert_eq!(laptop.directory(), supervisor.directory());
    }
    assert_eq!(supervisor.directory().len(), keys);
}

fn interrupted_syncs_lose_and_double_nothing(backend: Backend) {
    let runs: usize = std::env::var("HOTLINE_SYNC_FAULT_RUNS")
        .ok()
        .and_then(|runs| runs.parse().ok())
        .unwrap_or(200);
    let seed: u64 = std::env::var("HOTLINE_SYNC_FAULT_SEED")
        .ok()
        .and_then(|seed| seed.parse().ok())
        .unwrap_or(20261123);
    let temp = tempfile::tempdir().expect("tempdir");
    let server = Arc::new(Mutex::new(Server::start_on(
        backend,
        &temp.path().join("server"),
    )));
    let link = FaultyLink::start(Arc::clone(&server));
    let supervisor = common::supervisor_laptop(temp.path(), &link.url());
    let latgale = common::enrol(
        &supervisor,
        temp.path(),
        "latgale",
        Role::Consultant,
        Region::Latgale,
    );
    let kurzeme = common::enrol(
        &supervisor,
        temp.path(),
        "kurzeme",
        Role::Consultant,
        Region::Kurzeme,
    );
    let laptops = [supervisor, latgale, kurzeme];

    let mut rng = StdRng::seed_from_u64(seed);
    let mut expected = Expected::new();
    let mut keys = 0;
    let regions = [Region::Riga, Region::Latgale, Region::Kurzeme];
    let mut failures = 0;
    for run in 0..runs {
        let who = rng.random_range(0..3);
        let laptop = &laptops[who];
        for _ in 0..rng.random_range(1..=3) {
            let own: Vec<Uuid> = expected
                .iter()
                .filter(|(_, (_, _, author))| *author == who)
                .map(|(id, _)| *id)
                .collect();
            match rng.random_range(0..10) {
                0..=5 => {
                    let region = if who == 0 {
                        regions[rng.random_range(0..3)]
                    } else {
                        regions[who]
                    };
                    let id = laptop.log_call(region, &format!("run {run} seed {seed}"));
                    expected.insert(id, (region, 1, who));
                }
                6..=8 if !own.is_empty() => {
                    let id = own[rng.random_range(0..own.len())];
                    let versions = &mut expected.get_mut(&id).expect("known").1;
                    *versions += 1;
                    laptop.edit_notes(id, &format!("version {versions}, run {run}"));
                }
                _ if who == 0 => {
                    laptop
                        .session
                        .directory()
                        .save(
                            None,
                            referral(&format!("ngo-{keys}"), "Biedrība"),
                            common::now(),
                        )
                        .expect("referral");
                    keys += 1;
                }
                _ => {}
            }
        }
        let fault = match rng.random_range(0..4) {
            0 => None,
            1 => Some(Fault::RequestCut(rng.random_range(1..6000))),
            2 => Some(Fault::ResponseCut(rng.random_range(1..6000))),
            _ => Some(Fault::ServerKilled(rng.random_range(1..6000))),
        };
        link.plan(fault);
        let syncing = &laptops[rng.random_range(0..3)];
        match syncing.sync() {
            Ok(_) => {}
            Err(Error::ServerUnreachable(_)) => failures += 1,
            Err(other) => panic!("run {run} ({fault:?}): {other}"),
        }
        link.plan(None);
        syncing
            .sync()
            .unwrap_or_else(|error| panic!("run {run}: the retry after {fault:?} failed: {error}"));
        if run % 50 == 49 {
            converge_and_check(&laptops, &link, &expected, keys);
        }
    }
    converge_and_check(&laptops, &link, &expected, keys);
    assert!(
        failures > runs / 4,
        "the faults really interrupted syncs ({failures})"
    );
}
