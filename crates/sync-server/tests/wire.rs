//! The wire between laptop and relay, byte by byte against a real server
//! process: pages framed for a laptop that asks and JSON for one that does
//! not (the same envelopes either way), JSON gzipped when the client
//! accepts it and frames not, and a broken framed push refused with its
//! reason and nothing stored.

mod common;

use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::time::Duration;

use common::{Backend, Office};
use hotline_core::testkit::forger::Forger;
use hotline_core::Region;
use hotline_protocol::framing::{self, MEDIA_TYPE};
use hotline_protocol::{ErrorBody, PullResponse};

/// An answer read off the socket: the status line and headers in lower
/// case, and the body exactly as sent.
struct RawAnswer {
    head: String,
    body: Vec<u8>,
}

impl RawAnswer {
    fn status(&self) -> &str {
        self.head.split_whitespace().nth(1).unwrap_or_default()
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            (key.trim() == name).then(|| value.trim())
        })
    }
}

/// One HTTP/1.0 request, `line` (method and path) with more `headers`;
/// the server then ends the body by closing, so nothing here decodes
/// chunks or decompresses.
fn request(
    office: &Office,
    forger: &Forger,
    line: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> RawAnswer {
    let mut stream = TcpStream::connect(("127.0.0.1", office.server.port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    let mut request = format!(
        "{line} HTTP/1.0\r\nHost: localhost\r\nAuthorization: Bearer {}\r\nContent-Length: {}\r\n",
        forger.token(),
        body.len()
    );
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    stream.write_all(request.as_bytes()).expect("send");
    stream.write_all(b"\r\n").expect("send");
    stream.write_all(body).expect("send the body");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).expect("read the answer");
    let split = answer
        .windows(4)
        .position(|window| window == b"\r\n\r\n")
        .expect("the end of the head");
    RawAnswer {
        head: String::from_utf8_lossy(&answer[..split]).to_lowercase(),
        body: answer[split + 4..].to_vec(),
    }
}

/// The log's text without its terminal colour codes.
fn without_colours(log: &str) -> String {
    let mut plain = String::with_capacity(log.len());
    let mut in_code = false;
    for character in log.chars() {
        match (in_code, character) {
            (false, '\u{1b}') => in_code = true,
            (false, _) => plain.push(character),
            (true, 'm') => in_code = false,
            (true, _) => {}
        }
    }
    plain
}

const PAGE: &str = "GET /v2/pull?after=0&limit=500";

fn office_with_calls() -> (Office, Forger) {
    let office = Office::new(Backend::Sqlite);
    for notes in [
        "Darba piedāvājums Kiprā",
        "Fiktīvā laulība",
        "Modeļu aģentūra",
    ] {
        office.supervisor.log_call(Region::Latgale, notes);
    }
    office.supervisor.sync().expect("a framed push");
    let log = std::fs::read_to_string(&office.server.log).expect("the server's log");
    let log = without_colours(&log);
    assert!(
        log.lines()
            .any(|line| line.contains("push") && line.contains("framed=true")),
        "the laptop pushed framed: {log}"
    );
    let forger = Forger::new(&office.supervisor.session).expect("forger");
    (office, forger)
}

#[test]
fn a_laptop_that_asks_gets_framed_pages_and_one_that_does_not_the_same_as_json() {
    let (office, forger) = office_with_calls();
    let asks = format!("{MEDIA_TYPE}, application/json;q=0.5");
    let framed = request(&office, &forger, PAGE, &[("Accept", &asks)], b"");
    assert_eq!(framed.status(), "200", "{}", framed.head);
    assert_eq!(framed.header("content-type"), Some(MEDIA_TYPE));
    let framed_page = framing::decode_pull(&framed.body).expect("a frame");

    let json = request(&office, &forger, PAGE, &[], b"");
    assert_eq!(json.header("content-type"), Some("application/json"));
    let json_page: PullResponse = serde_json::from_slice(&json.body).expect("JSON");

    assert!(
        framed_page.envelopes.len() >= 6,
        "three calls and their audit entries"
    );
    assert_eq!(framed_page.envelopes, json_page.envelopes);
    assert_eq!(framed_page.next_cursor, json_page.next_cursor);
    assert_eq!(framed_page.more, json_page.more);

    let ciphertext: usize = json_page
        .envelopes
        .iter()
        .map(|pulled| pulled.envelope.ciphertext.len())
        .sum();
    let count = json_page.envelopes.len();
    let framed_overhead = (framed.body.len() - ciphertext) / count;
    let json_overhead = (json.body.len() - ciphertext) / count;
    assert!(
        framed_overhead < 150 && json_overhead > 3 * framed_overhead,
        "per envelope beyond the ciphertext: framed {framed_overhead} B, JSON {json_overhead} B"
    );
}

/// Guards the `CompressionLayer` in `router` and its `is_json` predicate.
#[test]
fn json_is_gzipped_for_a_client_that_accepts_it_and_a_framed_page_is_not() {
    let (office, forger) = office_with_calls();
    let json = request(&office, &forger, PAGE, &[("Accept-Encoding", "gzip")], b"");
    assert_eq!(
        json.header("content-encoding"),
        Some("gzip"),
        "{}",
        json.head
    );
    assert!(json.body.starts_with(&[0x1f, 0x8b]), "a gzip stream");

    let framed = request(
        &office,
        &forger,
        PAGE,
        &[("Accept-Encoding", "gzip"), ("Accept", MEDIA_TYPE)],
        b"",
    );
    assert_eq!(framed.header("content-encoding"), None, "{}", framed.head);
    framing::decode_pull(&framed.body).expect("a frame, as it is");
}

/// Plays a client that sends a broken frame: refused with what is wrong,
/// nothing stored, and the laptop's own push still goes through.
#[test]
fn a_broken_framed_push_is_refused_with_its_reason_and_stores_nothing() {
    let (office, forger) = office_with_calls();
    let call = office
        .supervisor
        .log_call(Region::Vidzeme, "Darbs Vācijā bez līguma");
    let queued: Vec<_> = forger
        .queued(&office.supervisor.session)
        .expect("queued")
        .into_iter()
        .map(|(envelope, _)| envelope)
        .collect();
    let frame = framing::encode_push(&queued).expect("framable");

    for broken in [&frame[..frame.len() - 1], &frame[1..]] {
        let answer = request(
            &office,
            &forger,
            "POST /v2/push",
            &[("Content-Type", MEDIA_TYPE)],
            broken,
        );
        assert_eq!(answer.status(), "400", "{}", answer.head);
        let refusal: ErrorBody = serde_json::from_slice(&answer.body).expect("an error body");
        assert!(
            refusal.message.starts_with("the framed push: "),
            "{}",
            refusal.message
        );
        assert!(
            office.server.envelope_kinds(call).is_empty(),
            "nothing of a refused push is stored"
        );
    }

    office.supervisor.sync().expect("the laptop's own push");
    assert_eq!(office.server.envelope_kinds(call), ["call"]);
}
