//! hotline-sync-server: stores and relays Hotline Desk's sync envelopes.
//!
//! The server never holds a sealing key: it sees ciphertext and routing
//! fields only. Devices authenticate with bearer tokens of which it keeps
//! only SHA-256 hashes. It keeps every device's certificate (public keys,
//! checked against the organisation's root when the device joins) and
//! stores an envelope only when the pushing device signed it as itself and
//! the permission table lets that device write its kind and scope; a
//! consultant's device pulls only its own region's and the organisation's
//! envelopes. Every laptop checks all of it again.
//! Logs carry methods, paths, status codes and device ids, never bodies.

pub mod store;

use std::sync::Arc;

use axum::extract::rejection::JsonRejection;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::engine::general_purpose::URL_SAFE_NO_PAD as BASE64_URL;
use base64::Engine as _;
use chrono::Duration;
use chrono::Utc;
use hotline_protocol::identity::{Certificates, Revocation, TrustStore};
use hotline_protocol::limits::{
    DEFAULT_PULL_PAGE, ENROLMENT_VALID_DAYS, MAX_CIPHERTEXT_BYTES, MAX_PULL_PAGE,
    MAX_PULL_PAGE_BYTES, MAX_PUSH_ENVELOPES, MAX_REQUEST_BYTES,
};
use hotline_protocol::permissions::may_write;
use hotline_protocol::{
    DeviceInfo, DeviceToken, EnrolDevice, ErrorBody, Health, JoinDevice, PullResponse,
    PulledEnvelope, PushRequest, PushResponse, RegisterOrganisation, Role, ServerErrorCode, Stamp,
    PROTOCOL_VERSION,
};
use ring::digest::{digest, SHA256};
use ring::rand::{SecureRandom, SystemRandom};
use serde::Deserialize;
use tower_http::trace::TraceLayer;
use uuid::Uuid;

use store::{Device, NewDevice, Store, StoreError};

#[derive(Debug, Clone)]
pub struct AppState {
    store: Arc<dyn Store>,
    /// When set, registering an organisation needs this secret, so a public
    /// server is not open to anyone's organisation.
    registration_secret: Option<Arc<str>>,
}

impl AppState {
    pub fn new(store: Arc<dyn Store>, registration_secret: Option<String>) -> Self {
        Self {
            store,
            registration_secret: registration_secret.map(Arc::from),
        }
    }
}

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/v2/health", get(health))
        .route("/v2/organisations", post(register_organisation))
        .route("/v2/devices", post(enrol_device).get(list_devices))
        .route("/v2/devices/{device_id}/revoke", post(revoke_device))
        .route("/v2/join", post(join))
        .route("/v2/certificates", get(certificates))
        .route("/v2/push", post(push))
        .route("/v2/pull", get(pull))
        .layer(DefaultBodyLimit::max(MAX_REQUEST_BYTES))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// A refused request: status plus the stable code and an English message.
#[derive(Debug)]
pub struct Refusal {
    status: StatusCode,
    code: ServerErrorCode,
    message: String,
}

impl Refusal {
    fn new(status: StatusCode, code: ServerErrorCode, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
        }
    }

    fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, ServerErrorCode::Forbidden, message)
    }

    fn bad_request(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            ServerErrorCode::BadRequest,
            message,
        )
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            code: self.code,
            message: self.message,
        };
        (self.status, Json(body)).into_response()
    }
}

impl From<StoreError> for Refusal {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Conflict => Self::new(
                StatusCode::CONFLICT,
                ServerErrorCode::Conflict,
                "already exists",
            ),
            StoreError::NotFound => Self::new(
                StatusCode::NOT_FOUND,
                ServerErrorCode::NotFound,
                "no such device",
            ),
            error @ (StoreError::Database(_) | StoreError::Unreadable(_)) => {
                tracing::error!(%error, "store failed");
                Self::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    ServerErrorCode::Internal,
                    "the server could not store the request; retry later",
                )
            }
        }
    }
}

impl From<JsonRejection> for Refusal {
    fn from(rejection: JsonRejection) -> Self {
        let status = rejection.status();
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            return Self::new(
                status,
                ServerErrorCode::TooLarge,
                format!(
                    "the request is larger than {MAX_REQUEST_BYTES} bytes; push smaller batches"
                ),
            );
        }
        Self::bad_request(rejection.body_text())
    }
}

type Answer<T> = Result<Json<T>, Refusal>;

/// Runs a store call off the async workers (SQLite blocks).
async fn blocking<T: Send + 'static>(
    call: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
) -> Result<T, Refusal> {
    tokio::task::spawn_blocking(call)
        .await
        .map_err(|_| {
            Refusal::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                ServerErrorCode::Internal,
                "task failed",
            )
        })?
        .map_err(Refusal::from)
}

async fn health() -> Json<Health> {
    Json(Health {
        status: "ok".into(),
        protocol: PROTOCOL_VERSION,
    })
}

fn new_token() -> Result<(String, Vec<u8>), Refusal> {
    let mut bytes = [0u8; 32];
    SystemRandom::new().fill(&mut bytes).map_err(|_| {
        Refusal::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            ServerErrorCode::Internal,
            "no randomness",
        )
    })?;
    let token = BASE64_URL.encode(bytes);
    let hash = token_hash(&token);
    Ok((token, hash))
}

fn token_hash(token: &str) -> Vec<u8> {
    digest(&SHA256, token.as_bytes()).as_ref().to_vec()
}

fn checked_name(name: &str) -> Result<String, Refusal> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
        return Err(Refusal::bad_request(
            "deviceName must be 1 to 100 characters without control characters",
        ));
    }
    Ok(name.to_owned())
}

async fn register_organisation(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Json<RegisterOrganisation>, JsonRejection>,
) -> Result<(StatusCode, Json<DeviceToken>), Refusal> {
    let Json(request) = body?;
    if let Some(secret) = &state.registration_secret {
        let given = headers
            .get("x-registration-secret")
            .and_then(|value| value.to_str().ok());
        // Comparing digests keeps the comparison's timing independent of
        // how much of the secret was guessed right.
        let matches = given.is_some_and(|given| token_hash(given) == token_hash(secret));
        if !matches {
            return Err(Refusal::new(
                StatusCode::FORBIDDEN,
                ServerErrorCode::Forbidden,
                "this server needs its registration secret to register an organisation",
            ));
        }
    }
    let name = checked_name(&request.device_name)?;
    let root = &request.certificate;
    root.check_root().map_err(|problem| {
        Refusal::bad_request(format!("the root certificate is not valid: {problem}"))
    })?;
    if (root.organisation_id, root.device_id) != (request.organisation_id, request.device_id) {
        return Err(Refusal::bad_request(
            "the root certificate names another organisation or device",
        ));
    }
    let (token, hash) = new_token()?;
    let store = state.store.clone();
    blocking(move || {
        let root = &request.certificate;
        store.register_organisation(
            request.organisation_id,
            NewDevice {
                id: request.device_id,
                name: &name,
                role: root.role,
                region: root.region,
                token_hash: &hash,
                certificate: Some(root),
                joins_before: None,
            },
            Utc::now(),
        )
    })
    .await?;
    tracing::info!(device = %request.device_id, "organisation registered");
    Ok((
        StatusCode::CREATED,
        Json(DeviceToken {
            device_token: token,
        }),
    ))
}

/// The joined device behind the request's bearer token: an enrolment token
/// only joins ([`join`]).
async fn authenticate(state: &AppState, headers: &HeaderMap) -> Result<Device, Refusal> {
    let device = token_holder(state, headers).await?;
    if device.signing_key.is_none() {
        return Err(Refusal::forbidden(
            "this device has not joined yet: send its certificate to /v2/join first",
        ));
    }
    Ok(device)
}

/// The device behind the request's bearer token; revoked devices get 401.
async fn token_holder(state: &AppState, headers: &HeaderMap) -> Result<Device, Refusal> {
    let token = headers
        .get("authorization")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .ok_or_else(|| {
            Refusal::new(
                StatusCode::UNAUTHORIZED,
                ServerErrorCode::Unauthorised,
                "send the device token as Authorization: Bearer <token>",
            )
        })?;
    let hash = token_hash(token);
    let store = state.store.clone();
    let device = blocking(move || store.authenticate(&hash, Utc::now())).await?;
    match device {
        Some(device) if !device.revoked => Ok(device),
        Some(device) => {
            tracing::info!(device = %device.id, "revoked device refused");
            Err(Refusal::new(
                StatusCode::UNAUTHORIZED,
                ServerErrorCode::Revoked,
                "this device has been revoked",
            ))
        }
        None => Err(Refusal::new(
            StatusCode::UNAUTHORIZED,
            ServerErrorCode::Unauthorised,
            "unknown device token",
        )),
    }
}

async fn supervisor(state: &AppState, headers: &HeaderMap) -> Result<Device, Refusal> {
    let device = authenticate(state, headers).await?;
    if device.role != Role::Supervisor {
        return Err(Refusal::forbidden(
            "only a supervisor's device may manage devices",
        ));
    }
    Ok(device)
}

async fn enrol_device(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Json<EnrolDevice>, JsonRejection>,
) -> Result<(StatusCode, Json<DeviceToken>), Refusal> {
    let by = supervisor(&state, &headers).await?;
    let Json(request) = body?;
    let name = checked_name(&request.device_name)?;
    let (token, hash) = new_token()?;
    let store = state.store.clone();
    blocking(move || {
        store.enrol_device(
            by.organisation_id,
            NewDevice {
                id: request.device_id,
                name: &name,
                role: request.role,
                region: request.region,
                token_hash: &hash,
                certificate: None,
                joins_before: Some(Utc::now() + Duration::days(ENROLMENT_VALID_DAYS)),
            },
            Utc::now(),
        )
    })
    .await?;
    tracing::info!(device = %request.device_id, by = %by.id, "device enrolled");
    Ok((
        StatusCode::CREATED,
        Json(DeviceToken {
            device_token: token,
        }),
    ))
}

async fn list_devices(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Answer<Vec<DeviceInfo>> {
    let by = supervisor(&state, &headers).await?;
    let store = state.store.clone();
    Ok(Json(
        blocking(move || store.devices(by.organisation_id)).await?,
    ))
}

/// Revokes a device with the supervisor device's signed revocation, which
/// the server keeps for every device to check.
async fn revoke_device(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(device_id): Path<Uuid>,
    body: Result<Json<Revocation>, JsonRejection>,
) -> Answer<serde_json::Value> {
    let by = supervisor(&state, &headers).await?;
    let Json(revocation) = body?;
    if revocation.device_id != device_id || revocation.revoked_by != by.id {
        return Err(Refusal::bad_request(
            "the revocation must name this device and be signed by the revoking device",
        ));
    }
    let mut trust = trust_store(&state, by.organisation_id).await?;
    trust
        .revoke(revocation.clone())
        .map_err(|problem| Refusal::forbidden(format!("the revocation is not valid: {problem}")))?;
    let store = state.store.clone();
    blocking(move || store.revoke(by.organisation_id, &revocation, Utc::now())).await?;
    tracing::info!(device = %device_id, by = %by.id, "device revoked");
    Ok(Json(serde_json::json!({})))
}

/// The organisation's certificates as the server checks them: from its root.
async fn trust_store(state: &AppState, organisation_id: Uuid) -> Result<TrustStore, Refusal> {
    let store = state.store.clone();
    let list = blocking(move || store.certificates(organisation_id)).await?;
    let root = list
        .certificates
        .iter()
        .find(|certificate| certificate.is_root())
        .cloned()
        .ok_or_else(|| Refusal::from(StoreError::Unreadable("the root certificate")))?;
    let mut trust =
        TrustStore::new(root).map_err(|_| Refusal::from(StoreError::Unreadable("the root")))?;
    let refused = trust.admit_all(list);
    if !refused.is_empty() {
        tracing::warn!(
            count = refused.len(),
            "stored certificates that do not chain"
        );
    }
    Ok(trust)
}

/// A device's first request with the enrolment token from its package: its
/// certificate, made under the grant in the package. The server keeps it
/// once and answers with the device's own token; the enrolment token stops
/// working, so a package joins one computer only.
async fn join(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Json<JoinDevice>, JsonRejection>,
) -> Result<(StatusCode, Json<DeviceToken>), Refusal> {
    let device = token_holder(&state, &headers).await?;
    let Json(request) = body?;
    if device.signing_key.is_some() {
        return Err(Refusal::new(
            StatusCode::CONFLICT,
            ServerErrorCode::Conflict,
            "this device has joined already",
        ));
    }
    if device.joins_before.is_some_and(|limit| limit < Utc::now()) {
        return Err(Refusal::new(
            StatusCode::UNAUTHORIZED,
            ServerErrorCode::EnrolmentExpired,
            "this enrolment has expired; a supervisor must enrol the device again",
        ));
    }
    let certificate = request.certificate;
    if (certificate.device_id, certificate.role, certificate.region)
        != (device.id, device.role, device.region)
    {
        return Err(Refusal::forbidden(
            "the certificate names another device, role or region than the enrolment",
        ));
    }
    let trust = trust_store(&state, device.organisation_id).await?;
    trust.check(&certificate).map_err(|problem| {
        Refusal::forbidden(format!("the certificate is not valid: {problem}"))
    })?;
    let (token, hash) = new_token()?;
    let store = state.store.clone();
    let joining = device.clone();
    blocking(move || store.join(&joining, &certificate, &hash)).await?;
    tracing::info!(device = %device.id, "device joined");
    Ok((
        StatusCode::CREATED,
        Json(DeviceToken {
            device_token: token,
        }),
    ))
}

/// Every device's certificate and every revocation of the organisation:
/// public keys and signatures, which each laptop checks from its pinned root.
async fn certificates(State(state): State<AppState>, headers: HeaderMap) -> Answer<Certificates> {
    let device = authenticate(&state, &headers).await?;
    let store = state.store.clone();
    Ok(Json(
        blocking(move || store.certificates(device.organisation_id)).await?,
    ))
}

/// Why the pushing device may not push `envelope`: it must be signed by the
/// pusher as itself, and of a kind and scope the permission table lets the
/// pusher write (which also keeps removals to supervisor devices and to
/// scopes they may use).
fn push_refusal(device: &Device, envelope: &hotline_protocol::Envelope) -> Option<String> {
    let signer = envelope.version.parse::<Stamp>().ok()?.device;
    if signer != device.id {
        return Some("its version names another device than the one pushing".into());
    }
    let key = device.signing_key.as_deref().unwrap_or_default();
    if !envelope.signature_verifies(key) {
        return Some("its signature is not this device's".into());
    }
    if !may_write(device.role, device.region, envelope.kind, envelope.scope) {
        return Some(format!(
            "this device may not write a {} record in {}",
            envelope.kind.code(),
            envelope.scope.code()
        ));
    }
    None
}

async fn push(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Json<PushRequest>, JsonRejection>,
) -> Answer<PushResponse> {
    let device = authenticate(&state, &headers).await?;
    let Json(request) = body?;
    if request.envelopes.len() > MAX_PUSH_ENVELOPES {
        return Err(Refusal::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            ServerErrorCode::TooLarge,
            format!(
                "{} envelopes in one push; at most {MAX_PUSH_ENVELOPES} are accepted",
                request.envelopes.len()
            ),
        ));
    }
    for (index, envelope) in request.envelopes.iter().enumerate() {
        envelope
            .check_shape(MAX_CIPHERTEXT_BYTES)
            .map_err(|problem| Refusal::bad_request(format!("envelopes[{index}]: {problem}")))?;
        if let Some(problem) = push_refusal(&device, envelope) {
            return Err(Refusal::forbidden(format!("envelopes[{index}]: {problem}")));
        }
    }
    let store = state.store.clone();
    let pusher = device.clone();
    let (accepted, duplicates) =
        blocking(move || store.push(&pusher, &request.envelopes, Utc::now())).await?;
    tracing::info!(device = %device.id, accepted, duplicates, "push");
    Ok(Json(PushResponse {
        accepted,
        duplicates,
    }))
}

#[derive(Debug, Deserialize)]
struct PullQuery {
    #[serde(default)]
    after: u64,
    limit: Option<usize>,
}

async fn pull(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<PullQuery>, axum::extract::rejection::QueryRejection>,
) -> Answer<PullResponse> {
    let device = authenticate(&state, &headers).await?;
    let Query(query) = query.map_err(|rejection| Refusal::bad_request(rejection.body_text()))?;
    let limit = query.limit.unwrap_or(DEFAULT_PULL_PAGE);
    if limit == 0 || limit > MAX_PULL_PAGE {
        return Err(Refusal::bad_request(format!(
            "limit must be 1 to {MAX_PULL_PAGE}"
        )));
    }
    let store = state.store.clone();
    let puller = device.clone();
    let (mut envelopes, mut more) =
        blocking(move || store.pull(&puller, query.after, limit)).await?;
    if let Some(cut) = page_cut(&envelopes) {
        envelopes.truncate(cut);
        more = true;
    }
    let next_cursor = envelopes.last().map_or(query.after, |last| last.seq);
    tracing::debug!(device = %device.id, count = envelopes.len(), "pull");
    Ok(Json(PullResponse {
        envelopes,
        next_cursor,
        more,
        server_time: Some(Utc::now()),
    }))
}

/// Where a page must end so its ciphertext stays within
/// `MAX_PULL_PAGE_BYTES`; it always keeps the first envelope, so a page
/// makes progress. `None` when the whole page fits.
fn page_cut(envelopes: &[PulledEnvelope]) -> Option<usize> {
    let mut bytes = 0;
    envelopes.iter().enumerate().find_map(|(index, pulled)| {
        bytes += pulled.envelope.ciphertext.len();
        (index > 0 && bytes > MAX_PULL_PAGE_BYTES).then_some(index)
    })
}
