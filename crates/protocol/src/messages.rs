//! The messages of the sync protocol, one type per request and answer.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::envelope::Envelope;
use crate::error::ServerErrorCode;
use crate::identity::DeviceCertificate;
use crate::region::Region;
use crate::role::Role;

/// The protocol version in every path (`/v2/...`). Version 2 signs every
/// envelope and certificate (docs/sync-protocol.md).
pub const PROTOCOL_VERSION: u32 = 2;
/// The header that carries a device's token: `Authorization: Bearer <token>`.
pub const AUTHORIZATION: &str = "authorization";
/// The header that carries a server's registration secret, when its
/// operator set one.
pub const REGISTRATION_SECRET: &str = "x-registration-secret";

/// `POST /v2/organisations`: the first supervisor device registers the
/// organisation and becomes its first device, with its self-signed root
/// certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RegisterOrganisation {
    pub organisation_id: Uuid,
    pub device_id: Uuid,
    pub device_name: String,
    pub certificate: DeviceCertificate,
}

/// `POST /v2/join`, with the enrolment token from the package: the new
/// device's certificate. Once only: the answer is the device's own token,
/// and the enrolment token stops working.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JoinDevice {
    pub certificate: DeviceCertificate,
}

/// `POST /v2/devices` (supervisor devices only): a device to enrol.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EnrolDevice {
    pub device_id: Uuid,
    pub device_name: String,
    pub role: Role,
    /// The region whose calls a consultant's device receives.
    pub region: Region,
}

/// The answer to registration and enrolment. The server keeps only a hash.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeviceToken {
    pub device_token: String,
}

/// Redacted: a token in a log or a panic message would let anyone who reads
/// it push and pull as the device.
impl fmt::Debug for DeviceToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DeviceToken(..)")
    }
}

/// `GET /v2/devices` (supervisor devices only); the app's device list shows
/// it as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeviceInfo {
    pub device_id: Uuid,
    pub device_name: String,
    pub role: Role,
    pub region: Region,
    pub enrolled_at: DateTime<Utc>,
    pub last_seen_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// `POST /v2/push`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PushRequest {
    pub envelopes: Vec<Envelope>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PushResponse {
    /// Envelopes stored by this push.
    pub accepted: u32,
    /// Envelopes the server already had (a retried push).
    pub duplicates: u32,
}

/// One envelope as pulled, with the server's sequence number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PulledEnvelope {
    pub seq: u64,
    #[serde(flatten)]
    pub envelope: Envelope,
}

/// `GET /v2/pull?after=CURSOR&limit=N`: the envelopes this device may receive
/// after the cursor, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PullResponse {
    pub envelopes: Vec<PulledEnvelope>,
    /// The cursor to ask with next; the client stores it only after applying
    /// the page.
    pub next_cursor: u64,
    /// Whether more envelopes wait after this page.
    pub more: bool,
    /// The server's clock when it answered: a stamp far ahead of it is not
    /// believed ([`crate::limits::MAX_CLOCK_AHEAD_MILLIS`]). Absent from
    /// servers older than this field.
    #[serde(default)]
    pub server_time: Option<DateTime<Utc>>,
    /// Envelopes after this page the device may read, when the request
    /// asked for their count (`count=true`: the first page of a round), so
    /// a long first sync can show how far it is. Absent from servers older
    /// than this field, and when not asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remaining: Option<u64>,
}

/// `GET /v2/health`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Health {
    pub status: String,
    pub protocol: u32,
}

/// Every error response's body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ErrorBody {
    pub code: ServerErrorCode,
    /// English, for logs and the CLI; the app shows its own text by code.
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_device_token_never_shows_in_debug_output() {
        let token = DeviceToken {
            device_token: "secret-token-canary".into(),
        };
        assert!(!format!("{token:?}").contains("canary"));
    }
}
