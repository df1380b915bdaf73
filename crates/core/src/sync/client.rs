//! The HTTP side of sync: one blocking call per protocol request (ureq), with
//! timeouts, size limits on answers, and every failure mapped to an error that
//! says whether the device is offline, revoked or refused.
//!
//! The device token is sent only in the `Authorization` header and is never
//! logged.
//!
//! An organisation whose server has a certificate from a public authority
//! needs nothing more. One that runs its own certificate authority (or a
//! self-signed server certificate) gives it at registration; enrolment
//! packages carry it, and the device then trusts that certificate alone for
//! its server, so a public authority's mis-issued certificate cannot stand in.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::Serialize;
use ureq::tls::{Certificate, PemItem, RootCerts, TlsConfig};
use zeroize::Zeroizing;

use crate::error::{Error, InvalidReason, Result, UpdateRefusal};
use crate::store::files::{read_chosen_text, ChosenFile};
use hotline_protocol::framing;
use hotline_protocol::identity::{Certificates, Revocation};
use hotline_protocol::limits::MAX_RESPONSE_BYTES;
use hotline_protocol::updates::{SignedUpdateManifest, UPDATE_MANIFEST_FILE};
use hotline_protocol::{
    DeviceInfo, DeviceToken, EnrolDevice, Envelope, ErrorBody, Health, JoinDevice, PullResponse,
    PushRequest, PushResponse, RegisterOrganisation, ServerErrorCode, REGISTRATION_SECRET,
};

const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(120);
/// A certificate file is a few kilobytes, a chain a few more: anything far
/// larger was picked by mistake.
const CERTIFICATE_FILE_LIMIT: u64 = 256 * 1024;

#[derive(Debug)]
pub struct ServerClient {
    agent: ureq::Agent,
    base: String,
    token: Option<Zeroizing<String>>,
    /// Set when the server refused a framed push: a relay older than the
    /// framing reads only JSON, so the rest of this client's pushes use it.
    pushes_json: AtomicBool,
}

impl ServerClient {
    /// A client for `server_url`; `https://`, or `http://` to this computer only,
    /// since the device token must not cross a network in clear. With
    /// `trusted_certificate` (PEM), only that certificate authority (or
    /// self-signed server certificate) is trusted.
    pub fn new(
        server_url: &str,
        trusted_certificate: Option<&str>,
        token: Option<&str>,
    ) -> Result<Self> {
        let base = checked_server_url(server_url)?;
        let mut config = ureq::Agent::config_builder()
            .timeout_connect(Some(CONNECT_TIMEOUT))
            .timeout_global(Some(REQUEST_TIMEOUT))
            .http_status_as_error(false);
        if let Some(pem) = trusted_certificate {
            let roots = RootCerts::Specific(Arc::new(checked_certificates(pem)?));
            config = config.tls_config(TlsConfig::builder().root_certs(roots).build());
        }
        let agent = config.build().into();
        Ok(Self {
            agent,
            base,
            token: token.map(|token| Zeroizing::new(token.to_owned())),
            pushes_json: AtomicBool::new(false),
        })
    }

    pub fn server_url(&self) -> &str {
        &self.base
    }

    pub fn health(&self) -> Result<Health> {
        let request = self.agent.get(format!("{}/v2/health", self.base));
        self.answer(request.call())
    }

    /// Registers with the server's registration secret, when its operator
    /// set one.
    pub fn register(
        &self,
        request: &RegisterOrganisation,
        secret: Option<&str>,
    ) -> Result<DeviceToken> {
        let mut call = self.agent.post(format!("{}/v2/organisations", self.base));
        if let Some(secret) = secret {
            call = call.header(REGISTRATION_SECRET, secret);
        }
        self.answer(call.send_json(request))
    }

    pub fn enrol(&self, request: &EnrolDevice) -> Result<DeviceToken> {
        self.post("/v2/devices", request)
    }

    pub fn devices(&self) -> Result<Vec<DeviceInfo>> {
        let request = self.authorised(self.agent.get(format!("{}/v2/devices", self.base)))?;
        self.answer(request.call())
    }

    pub fn revoke(&self, revocation: &Revocation) -> Result<()> {
        let _: serde_json::Value = self.post(
            &format!("/v2/devices/{}/revoke", revocation.device_id),
            revocation,
        )?;
        Ok(())
    }

    /// Sends this new device's certificate with the package's enrolment
    /// token; the answer is the device's own token. A package that already
    /// joined another computer is refused.
    pub fn join(&self, request: &JoinDevice) -> Result<DeviceToken> {
        self.post("/v2/join", request).map_err(|error| match error {
            Error::DeviceNotAuthorised | Error::ServerRejected { status: 409, .. } => {
                Error::EnrolmentAlreadyUsed
            }
            other => other,
        })
    }

    /// Every device's certificate and every revocation, as the server keeps them.
    pub fn certificates(&self) -> Result<Certificates> {
        let request = self.authorised(self.agent.get(format!("{}/v2/certificates", self.base)))?;
        self.answer(request.call())
    }

    /// The organisation's signed update manifest, as the server serves it or
    /// from the update folder it redirects to; `None` when none is published.
    /// Asked without the device token: the manifest is public and signed,
    /// and the folder may be on another host.
    pub fn update_manifest(&self) -> Result<Option<SignedUpdateManifest>> {
        let request = self
            .agent
            .get(format!("{}/v2/updates/{UPDATE_MANIFEST_FILE}", self.base));
        match self.answer(request.call()) {
            Ok(manifest) => Ok(Some(manifest)),
            Err(Error::ServerRejected { status: 404, .. }) => Ok(None),
            Err(Error::SyncProtocol(_)) => Err(Error::UpdateRefused(UpdateRefusal::NotAManifest)),
            Err(other) => Err(other),
        }
    }

    /// Pushes `envelopes` framed ([`framing`]), or as JSON when they cannot
    /// be framed or the server reads only JSON.
    pub fn push(&self, envelopes: &[Envelope]) -> Result<PushResponse> {
        if !self.pushes_json.load(Ordering::Relaxed) {
            if let Some(frame) = framing::encode_push(envelopes) {
                let request = self
                    .authorised(self.agent.post(format!("{}/v2/push", self.base)))?
                    .header("content-type", framing::MEDIA_TYPE);
                match self.answer(request.send(&frame[..])) {
                    Err(Error::ServerRejected {
                        status: 400 | 415, ..
                    }) => self.pushes_json.store(true, Ordering::Relaxed),
                    answer => return answer,
                }
            }
        }
        self.post(
            "/v2/push",
            &PushRequest {
                envelopes: envelopes.to_vec(),
            },
        )
    }

    pub fn pull(&self, after: u64, limit: usize) -> Result<PullResponse> {
        self.pull_page(after, limit, false)
    }

    /// A page, with the count of what remains after it (`remaining`).
    pub fn pull_counting(&self, after: u64, limit: usize) -> Result<PullResponse> {
        self.pull_page(after, limit, true)
    }

    /// A page, framed when the server answers so (an older one sends JSON).
    fn pull_page(&self, after: u64, limit: usize, count: bool) -> Result<PullResponse> {
        let mut request = self
            .agent
            .get(format!("{}/v2/pull", self.base))
            .header(
                "accept",
                format!("{}, application/json;q=0.5", framing::MEDIA_TYPE),
            )
            .query("after", after.to_string())
            .query("limit", limit.to_string());
        if count {
            request = request.query("count", "true");
        }
        let mut response = self.successful(self.authorised(request)?.call())?;
        let framed = response
            .headers()
            .get("content-type")
            .is_some_and(|value| value.as_bytes() == framing::MEDIA_TYPE.as_bytes());
        if !framed {
            return read_json(&mut response);
        }
        let frame = response
            .body_mut()
            .with_config()
            .limit(MAX_RESPONSE_BYTES as u64)
            .read_to_vec()
            .map_err(transport_error)?;
        framing::decode_pull(&frame)
            .map_err(|problem| Error::SyncProtocol(format!("the server's page: {problem}")))
    }

    fn post<T: DeserializeOwned>(&self, path: &str, body: &impl Serialize) -> Result<T> {
        let request = self.agent.post(format!("{}{path}", self.base));
        let request = match &self.token {
            Some(_) => self.authorised(request)?,
            None => request,
        };
        self.answer(request.send_json(body))
    }

    fn authorised<B>(&self, request: ureq::RequestBuilder<B>) -> Result<ureq::RequestBuilder<B>> {
        let token = self.token.as_ref().ok_or(Error::SyncNotConfigured)?;
        Ok(request.header("authorization", format!("Bearer {}", token.as_str())))
    }

    fn answer<T: DeserializeOwned>(
        &self,
        response: std::result::Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<T> {
        read_json(&mut self.successful(response)?)
    }

    /// The server's answer when it succeeded; otherwise the error its status
    /// and body name.
    fn successful(
        &self,
        response: std::result::Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<ureq::http::Response<ureq::Body>> {
        let mut response = response.map_err(transport_error)?;
        let status = response.status().as_u16();
        if status == 429 {
            let retry_after_seconds = response
                .headers()
                .get("retry-after")
                .and_then(|value| value.to_str().ok())
                .and_then(|value| value.trim().parse().ok())
                .unwrap_or(1);
            return Err(Error::ServerBusy {
                retry_after_seconds,
            });
        }
        if (200..300).contains(&status) {
            return Ok(response);
        }
        let body: Option<ErrorBody> = response
            .body_mut()
            .with_config()
            .limit(64 * 1024)
            .read_json()
            .ok();
        if body
            .as_ref()
            .is_some_and(|body| body.code == ServerErrorCode::EnrolmentExpired)
        {
            return Err(Error::EnrolmentExpired);
        }
        if status == 401 {
            return Err(Error::DeviceNotAuthorised);
        }
        let message = body.map_or_else(|| format!("HTTP {status}"), |body| body.message);
        Err(Error::ServerRejected { status, message })
    }
}

/// A successful answer's JSON body, at most [`MAX_RESPONSE_BYTES`].
fn read_json<T: DeserializeOwned>(response: &mut ureq::http::Response<ureq::Body>) -> Result<T> {
    response
        .body_mut()
        .with_config()
        .limit(MAX_RESPONSE_BYTES as u64)
        .read_json()
        .map_err(|error| match error {
            // The body stopped coming (a gzipped one reports its cut as
            // the decoder's I/O error): the connection, not the server.
            ureq::Error::Json(error) if error.is_io() => {
                Error::ServerUnreachable(format!("connection lost: {error}"))
            }
            ureq::Error::Json(error) => Error::SyncProtocol(error.to_string()),
            other => transport_error(other),
        })
}

/// The certificates in a PEM text; at least one, or a clear error.
pub fn checked_certificates(pem: &str) -> Result<Vec<Certificate<'static>>> {
    let bad = || Error::invalid("serverCertificate", InvalidReason::BadCertificate);
    let mut certificates = Vec::new();
    for item in ureq::tls::parse_pem(pem.as_bytes()) {
        if let PemItem::Certificate(certificate) = item.map_err(|_| bad())? {
            certificates.push(certificate);
        }
    }
    if certificates.is_empty() {
        return Err(bad());
    }
    Ok(certificates)
}

/// The PEM text of the certificate file a supervisor chose for the server,
/// refused at once (next to the certificate field) when it holds none.
pub fn read_certificate_file(path: &Path) -> Result<ChosenFile> {
    let pem = read_chosen_text(path, CERTIFICATE_FILE_LIMIT)?.ok_or(Error::invalid(
        "serverCertificate",
        InvalidReason::BadCertificate,
    ))?;
    checked_certificates(&pem)?;
    Ok(ChosenFile::new(path, pem))
}

/// Connection refused, reset, timed out, or cut mid-answer: the device is
/// offline for now, and the next sync resumes. A certificate the device does
/// not trust is not "offline": retrying cannot help, so it is its own error.
fn transport_error(error: ureq::Error) -> Error {
    if let Some(reason) = certificate_refusal(&error) {
        return Error::ServerCertificateUntrusted(reason);
    }
    let reason = match error {
        ureq::Error::Timeout(_) => "timed out".to_owned(),
        ureq::Error::HostNotFound => "server name not found".to_owned(),
        ureq::Error::ConnectionFailed => "connection failed".to_owned(),
        ureq::Error::Io(error) => format!("connection lost: {}", error.kind()),
        other => other.to_string(),
    };
    Error::ServerUnreachable(reason)
}

/// Why the TLS handshake refused the server's certificate, if it did; rustls
/// reports it directly or wrapped in the I/O error of the handshake.
fn certificate_refusal(error: &ureq::Error) -> Option<String> {
    let tls = match error {
        ureq::Error::Rustls(tls) => tls,
        ureq::Error::Io(io) => io.get_ref()?.downcast_ref::<rustls::Error>()?,
        _ => return None,
    };
    matches!(
        tls,
        rustls::Error::InvalidCertificate(_)
            | rustls::Error::NoCertificatesPresented
            | rustls::Error::UnsupportedNameType
    )
    .then(|| tls.to_string())
}

/// `https://host[:port][/path]`, or `http://` with a loopback host; returned
/// without a trailing slash. Parsed as a URL, not split by hand, so
/// `http://localhost:1@sync.example.lv` (whose host is `sync.example.lv`) is
/// not taken for this computer; user names, passwords, queries and fragments
/// are refused.
pub fn checked_server_url(input: &str) -> Result<String> {
    let bad = || Error::invalid("serverUrl", InvalidReason::BadServerUrl);
    let text = input.trim().trim_end_matches('/');
    if text.chars().any(char::is_whitespace) {
        return Err(bad());
    }
    let url = url::Url::parse(text).map_err(|_| bad())?;
    let plain = url.username().is_empty()
        && url.password().is_none()
        && url.query().is_none()
        && url.fragment().is_none();
    let loopback = match url.host() {
        Some(url::Host::Domain(name)) => name == "localhost",
        Some(url::Host::Ipv4(address)) => address.is_loopback(),
        Some(url::Host::Ipv6(address)) => address.is_loopback(),
        None => return Err(bad()),
    };
    match url.scheme() {
        "https" if plain => Ok(text.to_owned()),
        "http" if plain && loopback => Ok(text.to_owned()),
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_urls_need_tls_except_on_this_computer() {
        assert_eq!(
            checked_server_url("https://sync.example.lv/").expect("https"),
            "https://sync.example.lv"
        );
        assert_eq!(
            checked_server_url("http://127.0.0.1:8443").expect("loopback"),
            "http://127.0.0.1:8443"
        );
        assert!(checked_server_url("http://[::1]:80").is_ok());
        for bad in [
            "http://sync.example.lv",
            "http://10.0.0.5:80",
            "ftp://sync.example.lv",
            "sync.example.lv",
            "https://",
            "https://exa mple.lv",
            "http://localhost:1@sync.example.lv",
            "http://127.0.0.1@sync.example.lv:80",
            "https://user:secret@sync.example.lv",
            "https://sync.example.lv/?next=1",
        ] {
            assert!(
                matches!(checked_server_url(bad), Err(Error::InvalidInput { .. })),
                "{bad}"
            );
        }
    }

    /// Plays a relay older than the framing, which reads only JSON and
    /// refuses any other body as axum does (400, "Expected request with
    /// `Content-Type: application/json`"), answering each request on
    /// its own connection; returns its address and the content types it
    /// received.
    fn relay_that_reads_only_json(
        requests: usize,
    ) -> (String, std::thread::JoinHandle<Vec<String>>) {
        use std::io::{BufRead as _, BufReader, Read as _, Write as _};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let address = format!("http://{}", listener.local_addr().expect("address"));
        let relay = std::thread::spawn(move || {
            let mut received = Vec::new();
            for stream in listener.incoming().take(requests) {
                let mut stream = stream.expect("connection");
                let mut reader = BufReader::new(stream.try_clone().expect("clone"));
                let (mut content_type, mut length) = (String::new(), 0usize);
                loop {
                    let mut line = String::new();
                    reader.read_line(&mut line).expect("a header");
                    let line = line.trim_end().to_ascii_lowercase();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(value) = line.strip_prefix("content-type:") {
                        content_type = value.trim().to_owned();
                    }
                    if let Some(value) = line.strip_prefix("content-length:") {
                        length = value.trim().parse().expect("a length");
                    }
                }
                let mut body = vec![0; length];
                reader.read_exact(&mut body).expect("the body");
                let (status, answer) = if content_type.starts_with("application/json") {
                    let request: PushRequest = serde_json::from_slice(&body).expect("JSON");
                    (
                        "200 OK",
                        format!(
                            r#"{{"accepted":{},"duplicates":0}}"#,
                            request.envelopes.len()
                        ),
                    )
                } else {
                    (
                        "400 Bad Request",
                        r#"{"code":"badRequest","message":"Expected request with `Content-Type: application/json`"}"#
                            .to_owned(),
                    )
                };
                write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
                    answer.len()
                )
                .expect("answer");
                received.push(content_type);
            }
            received
        });
        (address, relay)
    }

    fn framable_envelope() -> Envelope {
        let stamp = hotline_protocol::Stamp {
            millis: 1_765_000_000_000,
            counter: 0,
            device: uuid::Uuid::from_u128(7),
        };
        let (kind, record_id) = (hotline_protocol::RecordKind::Call, uuid::Uuid::from_u128(9));
        Envelope {
            id: Envelope::id_for(kind, record_id, &stamp),
            kind,
            record_id,
            version: stamp.to_string(),
            scope: hotline_protocol::Scope::Organisation,
            key_epoch: 0,
            nonce: vec![1; hotline_protocol::NONCE_LEN],
            ciphertext: vec![2; 40],
            signature: vec![3; 64],
        }
    }

    /// Guards the fallback in `ServerClient::push`: without it, a laptop
    /// updated before its organisation's relay could push nothing.
    #[test]
    fn a_relay_older_than_the_framing_gets_json_and_keeps_getting_it() {
        let (address, relay) = relay_that_reads_only_json(3);
        let client = ServerClient::new(&address, None, Some("token")).expect("client");
        let envelopes = vec![framable_envelope()];
        assert!(framing::encode_push(&envelopes).is_some(), "framable");
        for _ in 0..2 {
            let answer = client.push(&envelopes).expect("pushed as JSON");
            assert_eq!(answer.accepted, 1);
        }
        let received = relay.join().expect("relay");
        let json = |content_type: &String| content_type.starts_with("application/json");
        assert!(
            received.len() == 3
                && received[0] == framing::MEDIA_TYPE
                && received[1..].iter().all(json),
            "one framed try, then JSON for the rest of the client's pushes: {received:?}"
        );
    }

    #[test]
    fn a_trusted_certificate_must_be_a_pem_certificate() {
        for bad in [
            "",
            "not a certificate",
            "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
            "-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n",
        ] {
            assert!(
                matches!(
                    ServerClient::new("https://sync.example.lv", Some(bad), None),
                    Err(Error::InvalidInput { .. })
                ),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn a_certificate_file_is_read_only_when_it_holds_a_certificate() {
        let dir = tempfile::tempdir().expect("tempdir");
        let key = rcgen::KeyPair::generate().expect("key");
        let certificate = rcgen::CertificateParams::new(vec!["localhost".into()])
            .expect("params")
            .self_signed(&key)
            .expect("certificate");
        let good = dir.path().join("server.pem");
        std::fs::write(&good, certificate.pem()).expect("write");
        let chosen = read_certificate_file(&good).expect("a certificate");
        assert_eq!(
            (chosen.name.as_str(), chosen.text),
            ("server.pem", certificate.pem())
        );

        let key_only = dir.path().join("key.pem");
        std::fs::write(&key_only, key.serialize_pem()).expect("write");
        let binary = dir.path().join("photo.jpg");
        std::fs::write(&binary, [0xff, 0xd8, 0xff, 0xe0, 0x00]).expect("write");
        let huge = dir.path().join("huge.pem");
        std::fs::write(&huge, certificate.pem().repeat(1000)).expect("write");
        for bad in [&key_only, &binary, &huge] {
            assert!(
                matches!(
                    read_certificate_file(bad),
                    Err(Error::InvalidInput {
                        field: "serverCertificate",
                        reason: InvalidReason::BadCertificate
                    })
                ),
                "{}",
                bad.display()
            );
        }
        assert!(matches!(
            read_certificate_file(&dir.path().join("missing.pem")),
            Err(Error::Io { .. })
        ));
    }

    #[test]
    fn a_closed_port_is_offline_not_a_failure_of_the_data() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        drop(listener);
        let client = ServerClient::new(&format!("http://127.0.0.1:{port}"), None, Some("t"))
            .expect("client");
        assert!(matches!(client.health(), Err(Error::ServerUnreachable(_))));
    }
}
