//! The HTTP side of sync: one blocking call per protocol request (ureq), with
//! timeouts, size limits on answers, and every failure mapped to an error that
//! says whether the device is offline, revoked or refused.
//!
//! The device token is sent only in the `Authorization` header and is never
//! logged.

use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::Serialize;
use uuid::Uuid;
use zeroize::Zeroizing;

use super::envelope::Envelope;
use super::protocol::{
    DeviceInfo, DeviceToken, EnrolDevice, ErrorBody, Health, PullResponse, PushRequest,
    PushResponse, RegisterOrganisation, MAX_REQUEST_BYTES,
};
use crate::error::{Error, InvalidReason, Result};

const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(120);

#[derive(Debug)]
pub struct ServerClient {
    agent: ureq::Agent,
    base: String,
    token: Option<Zeroizing<String>>,
}

impl ServerClient {
    /// A client for `server_url`; `https://`, or `http://` to this computer only,
    /// since the device token must not cross a network in clear.
    pub fn new(server_url: &str, token: Option<&str>) -> Result<Self> {
        let base = checked_server_url(server_url)?;
        let agent = ureq::Agent::config_builder()
            .timeout_connect(Some(CONNECT_TIMEOUT))
            .timeout_global(Some(REQUEST_TIMEOUT))
            .http_status_as_error(false)
            .build()
            .into();
        Ok(Self {
            agent,
            base,
            token: token.map(|token| Zeroizing::new(token.to_owned())),
        })
    }

    pub fn server_url(&self) -> &str {
        &self.base
    }

    pub fn health(&self) -> Result<Health> {
        let request = self.agent.get(format!("{}/v1/health", self.base));
        self.answer(request.call())
    }

    pub fn register(&self, request: &RegisterOrganisation) -> Result<DeviceToken> {
        self.post("/v1/organisations", request)
    }

    pub fn enrol(&self, request: &EnrolDevice) -> Result<DeviceToken> {
        self.post("/v1/devices", request)
    }

    pub fn devices(&self) -> Result<Vec<DeviceInfo>> {
        let request = self.authorised(self.agent.get(format!("{}/v1/devices", self.base)))?;
        self.answer(request.call())
    }

    pub fn revoke(&self, device_id: Uuid) -> Result<()> {
        let request = self.authorised(
            self.agent
                .post(format!("{}/v1/devices/{device_id}/revoke", self.base)),
        )?;
        let _: serde_json::Value = self.answer(request.send_empty())?;
        Ok(())
    }

    pub fn push(&self, envelopes: &[Envelope]) -> Result<PushResponse> {
        self.post(
            "/v1/push",
            &PushRequest {
                envelopes: envelopes.to_vec(),
            },
        )
    }

    pub fn pull(&self, after: u64, limit: usize) -> Result<PullResponse> {
        let request = self.authorised(
            self.agent
                .get(format!("{}/v1/pull", self.base))
                .query("after", after.to_string())
                .query("limit", limit.to_string()),
        )?;
        self.answer(request.call())
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
        let mut response = response.map_err(transport_error)?;
        let status = response.status().as_u16();
        let limit = u64::try_from(MAX_REQUEST_BYTES * 2).unwrap_or(u64::MAX);
        if (200..300).contains(&status) {
            return response
                .body_mut()
                .with_config()
                .limit(limit)
                .read_json()
                .map_err(|error| match error {
                    ureq::Error::Json(error) => Error::SyncProtocol(error.to_string()),
                    other => transport_error(other),
                });
        }
        let body: Option<ErrorBody> = response
            .body_mut()
            .with_config()
            .limit(64 * 1024)
            .read_json()
            .ok();
        if status == 401 {
            return Err(Error::DeviceNotAuthorised);
        }
        let message = body.map_or_else(|| format!("HTTP {status}"), |body| body.message);
        Err(Error::ServerRejected { status, message })
    }
}

/// Connection refused, reset, timed out, or cut mid-answer: the device is
/// offline for now, and the next sync resumes.
fn transport_error(error: ureq::Error) -> Error {
    let reason = match error {
        ureq::Error::Timeout(_) => "timed out".to_owned(),
        ureq::Error::HostNotFound => "server name not found".to_owned(),
        ureq::Error::ConnectionFailed => "connection failed".to_owned(),
        ureq::Error::Io(error) => format!("connection lost: {}", error.kind()),
        other => other.to_string(),
    };
    Error::ServerUnreachable(reason)
}

/// `https://host[:port][/path]`, or `http://` with a loopback host; returned
/// without a trailing slash.
pub fn checked_server_url(input: &str) -> Result<String> {
    let bad = || Error::invalid("serverUrl", InvalidReason::BadServerUrl);
    let url = input.trim().trim_end_matches('/');
    let (scheme, rest) = url.split_once("://").ok_or_else(bad)?;
    let authority = rest.split('/').next().unwrap_or_default();
    let host = match authority.strip_prefix('[') {
        Some(bracketed) => bracketed.split(']').next().unwrap_or_default(),
        None => authority
            .rsplit_once(':')
            .map_or(authority, |(host, _)| host),
    };
    if host.is_empty() || url.chars().any(char::is_whitespace) {
        return Err(bad());
    }
    let loopback = matches!(host, "127.0.0.1" | "localhost" | "::1");
    match scheme {
        "https" => Ok(url.to_owned()),
        "http" if loopback => Ok(url.to_owned()),
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
        ] {
            assert!(
                matches!(checked_server_url(bad), Err(Error::InvalidInput { .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_closed_port_is_offline_not_a_failure_of_the_data() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        drop(listener);
        let client =
            ServerClient::new(&format!("http://127.0.0.1:{port}"), Some("t")).expect("client");
        assert!(matches!(client.health(), Err(Error::ServerUnreachable(_))));
    }
}
