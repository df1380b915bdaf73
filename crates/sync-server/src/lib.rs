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
mod updates;

pub use updates::UpdateSource;

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::JsonRejection;
use axum::extract::ConnectInfo;
use axum::extract::{DefaultBodyLimit, FromRequest, Path, Query, Request, State};
use axum::http::{header, HeaderValue};
use axum::http::{Extensions, HeaderMap, StatusCode, Version};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::engine::general_purpose::URL_SAFE_NO_PAD as BASE64_URL;
use base64::Engine as _;
use chrono::Duration;
use chrono::Utc;
use governor::clock::{Clock as _, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use hotline_protocol::framing;
use hotline_protocol::identity::{Certificates, Revocation, TrustStore};
use hotline_protocol::limits::{
    DEFAULT_PULL_PAGE, ENROLMENT_VALID_DAYS, MAX_CIPHERTEXT_BYTES, MAX_PULL_PAGE,
    MAX_PULL_PAGE_BYTES, MAX_PUSH_ENVELOPES, MAX_REQUEST_BYTES,
};
use hotline_protocol::permissions::may_write;
use hotline_protocol::signatures::{verify_all, SignatureCheck};
use hotline_protocol::{
    DeviceInfo, DeviceToken, EnrolDevice, Envelope, ErrorBody, Health, JoinDevice, PullResponse,
    PulledEnvelope, PushRequest, PushResponse, RegisterOrganisation, Role, ServerErrorCode, Stamp,
    PROTOCOL_VERSION, REGISTRATION_SECRET,
};
use ring::digest::{digest, SHA256};
use ring::rand::{SecureRandom, SystemRandom};
use serde::Deserialize;
use std::net::SocketAddr;
use std::num::NonZeroU32;
use tower_http::compression::predicate::{Predicate as _, SizeAbove};
use tower_http::compression::CompressionLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use uuid::Uuid;

use store::{Device, NewDevice, Store, StoreError};

#[derive(Clone)]
pub struct AppState {
    store: Arc<dyn Store>,
    /// When set, registering an organisation needs this secret; when not,
    /// only a request from this computer may register, so a server on a
    /// public address is never open to anyone's organisation.
    registration_secret: Option<Arc<str>>,
    /// Requests per device, so one device (a hostile one, or one stuck in a
    /// loop) cannot keep the server from the others.
    limiter: Arc<DefaultKeyedRateLimiter<Uuid>>,
    request_timeout: std::time::Duration,
    /// Where the organisation's releases are, when it publishes them here.
    updates: Option<Arc<UpdateSource>>,
}

/// The secret and the limiter are left out.
impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("request_timeout", &self.request_timeout)
            .finish_non_exhaustive()
    }
}

/// What one client may ask of the server.
#[derive(Debug, Clone, Copy)]
pub struct ServerLimits {
    /// Requests per second one device may make, steadily.
    pub requests_per_second: NonZeroU32,
    /// Requests one device may make at once before the steady rate applies:
    /// enough for a new laptop's first pull of a large organisation.
    pub request_burst: NonZeroU32,
    /// How long one request may take, reading its body included.
    pub request_timeout: std::time::Duration,
}

impl Default for ServerLimits {
    fn default() -> Self {
        Self {
            requests_per_second: NonZeroU32::new(20).unwrap_or(NonZeroU32::MIN),
            request_burst: NonZeroU32::new(600).unwrap_or(NonZeroU32::MIN),
            request_timeout: std::time::Duration::from_secs(30),
        }
    }
}

impl AppState {
    pub fn new(
        store: Arc<dyn Store>,
        registration_secret: Option<String>,
        limits: ServerLimits,
    ) -> Self {
        let quota = Quota::per_second(limits.requests_per_second).allow_burst(limits.request_burst);
        Self {
            store,
            registration_secret: registration_secret.map(Arc::from),
            limiter: Arc::new(RateLimiter::keyed(quota)),
            request_timeout: limits.request_timeout,
            updates: None,
        }
    }

    /// Serves the organisation's releases from `source` (`/v2/updates/…`).
    pub fn with_updates(mut self, source: UpdateSource) -> Self {
        self.updates = Some(Arc::new(source));
        self
    }
}

pub fn router(state: AppState) -> Router {
    let timeout = state.request_timeout;
    Router::new()
        .route("/v2/health", get(health))
        .route("/v2/organisations", post(register_organisation))
        .route("/v2/devices", post(enrol_device).get(list_devices))
        .route("/v2/devices/{device_id}/revoke", post(revoke_device))
        .route("/v2/join", post(join))
        .route("/v2/certificates", get(certificates))
        .route("/v2/push", post(push))
        .route("/v2/pull", get(pull))
        .route("/v2/updates/{file}", get(updates::update_file))
        .layer(DefaultBodyLimit::max(MAX_REQUEST_BYTES))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
        .layer(CompressionLayer::new().compress_when(SizeAbove::new(1024).and(is_json)))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Which answers are gzipped for a client that accepts it: JSON ones (the
/// certificates, the device list, an older laptop's pages). Not framed
/// pages, which are nearly all ciphertext that does not compress, nor
/// update packages, which are compressed already.
fn is_json(_: StatusCode, _: Version, headers: &HeaderMap, _: &Extensions) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(b"application/json"))
}

/// A refused request: status plus the stable code and an English message.
#[derive(Debug)]
pub struct Refusal {
    status: StatusCode,
    code: ServerErrorCode,
    message: String,
    /// Seconds until the request may be sent again.
    retry_after: Option<u64>,
}

impl Refusal {
    fn new(status: StatusCode, code: ServerErrorCode, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            retry_after: None,
        }
    }

    fn rate_limited(wait: std::time::Duration) -> Self {
        let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        Self {
            retry_after: Some(seconds.max(1)),
            ..Self::new(
                StatusCode::TOO_MANY_REQUESTS,
                ServerErrorCode::RateLimited,
                format!(
                    "this device sent too many requests; try again in {} s",
                    seconds.max(1)
                ),
            )
        }
    }

    fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, ServerErrorCode::Forbidden, message)
    }

    fn too_large_request() -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            ServerErrorCode::TooLarge,
            format!("the request is larger than {MAX_REQUEST_BYTES} bytes; push smaller batches"),
        )
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
        let mut response = (self.status, Json(body)).into_response();
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
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
            return Self::too_large_request();
        }
        Self::bad_request(rejection.body_text())
    }
}

type Answer<T> = Result<Json<T>, Refusal>;

/// Runs a store call or a long check off the async workers (SQLite blocks,
/// and so does checking a push's signatures).
async fn blocking<T: Send + 'static, E: Into<Refusal> + Send + 'static>(
    call: impl FnOnce() -> Result<T, E> + Send + 'static,
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
        .map_err(Into::into)
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

/// Why a registration from `peer`, which sent `given` as the secret, may
/// not go on: with a secret set, everyone must send it (behind a proxy on
/// this computer every request comes from loopback); without one, only a
/// request from this computer registers.
fn registration_refusal(
    secret: Option<&str>,
    peer: SocketAddr,
    given: Option<&str>,
) -> Option<Refusal> {
    let refused = |message: &str| {
        Some(Refusal::new(
            StatusCode::FORBIDDEN,
            ServerErrorCode::Forbidden,
            message,
        ))
    };
    match secret {
        // Comparing digests keeps the comparison's timing independent of
        // how much of the secret was guessed right.
        Some(secret) if given.is_some_and(|given| token_hash(given) == token_hash(secret)) => None,
        Some(_) => refused(
            "this server needs its registration secret to register an organisation: \
             ask its operator and give it when registering",
        ),
        None if peer.ip().to_canonical().is_loopback() => None,
        None => refused(
            "registration is closed on this server: its operator starts it with \
             --registration-secret, and the organisation registers with that secret",
        ),
    }
}

async fn register_organisation(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Result<Json<RegisterOrganisation>, JsonRejection>,
) -> Result<(StatusCode, Json<DeviceToken>), Refusal> {
    let Json(request) = body?;
    let given = headers
        .get(REGISTRATION_SECRET)
        .and_then(|value| value.to_str().ok());
    if let Some(refusal) = registration_refusal(state.registration_secret.as_deref(), peer, given) {
        tracing::info!(%peer, "registration refused");
        return Err(refusal);
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

/// The device behind the request's bearer token; revoked devices get 401,
/// a device over its request rate 429.
async fn token_holder(state: &AppState, headers: &HeaderMap) -> Result<Device, Refusal> {
    let device = token_owner(state, headers).await?;
    if let Err(not_until) = state.limiter.check_key(&device.id) {
        let wait = not_until.wait_time_from(DefaultClock::default().now());
        tracing::info!(device = %device.id, "request rate exceeded");
        return Err(Refusal::rate_limited(wait));
    }
    Ok(device)
}

async fn token_owner(state: &AppState, headers: &HeaderMap) -> Result<Device, Refusal> {
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

/// Why the pushing device may not push `envelope`, short of its signature:
/// it must be written by the pusher as itself, and of a kind and scope the
/// permission table lets the pusher write (which also keeps removals to
/// supervisor devices and to scopes they may use).
fn authorship_refusal(device: &Device, envelope: &Envelope) -> Option<String> {
    let signer = envelope.version.parse::<Stamp>().ok()?.device;
    if signer != device.id {
        return Some("its version names another device than the one pushing".into());
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

/// Refuses a push with the first envelope that is malformed, not the
/// pusher's to write, or not signed by the pusher's key; the signatures are
/// checked all at once, on every core.
fn check_push(device: &Device, envelopes: &[Envelope]) -> Result<(), Refusal> {
    for (index, envelope) in envelopes.iter().enumerate() {
        envelope
            .check_shape(MAX_CIPHERTEXT_BYTES)
            .map_err(|problem| Refusal::bad_request(format!("envelopes[{index}]: {problem}")))?;
        if let Some(problem) = authorship_refusal(device, envelope) {
            return Err(Refusal::forbidden(format!("envelopes[{index}]: {problem}")));
        }
    }
    let key = device.signing_key.as_deref().unwrap_or_default();
    let messages: Vec<Vec<u8>> = envelopes.iter().map(Envelope::signed_message).collect();
    let checks: Vec<SignatureCheck<'_>> = envelopes
        .iter()
        .zip(&messages)
        .map(|(envelope, message)| SignatureCheck {
            public_key: key,
            message,
            signature: &envelope.signature,
        })
        .collect();
    match verify_all(&checks).iter().position(|verified| !verified) {
        Some(index) => Err(Refusal::forbidden(format!(
            "envelopes[{index}]: its signature is not this device's"
        ))),
        None => Ok(()),
    }
}

async fn push(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<PushBody, Refusal>,
) -> Answer<PushResponse> {
    let device = authenticate(&state, &headers).await?;
    let PushBody { request, framed } = body?;
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
    let pusher = device.clone();
    let request =
        blocking(move || check_push(&pusher, &request.envelopes).map(|()| request)).await?;
    let store = state.store.clone();
    let pusher = device.clone();
    let (accepted, duplicates) =
        blocking(move || store.push(&pusher, &request.envelopes, Utc::now())).await?;
    tracing::info!(device = %device.id, accepted, duplicates, framed, "push");
    Ok(Json(PushResponse {
        accepted,
        duplicates,
    }))
}

/// A push's envelopes, framed ([`framing::MEDIA_TYPE`]) or as JSON, by
/// the request's `Content-Type`; which one is logged, so an operator sees
/// the laptops still on JSON (older app versions).
struct PushBody {
    request: PushRequest,
    framed: bool,
}

impl<S: Send + Sync> FromRequest<S> for PushBody {
    type Rejection = Refusal;

    async fn from_request(request: Request, state: &S) -> Result<Self, Refusal> {
        let framed = request
            .headers()
            .get(header::CONTENT_TYPE)
            .is_some_and(|value| value.as_bytes() == framing::MEDIA_TYPE.as_bytes());
        if !framed {
            let Json(request) = Json::<PushRequest>::from_request(request, state).await?;
            return Ok(Self { request, framed });
        }
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    Refusal::too_large_request()
                } else {
                    Refusal::bad_request(rejection.body_text())
                }
            })?;
        let envelopes = framing::decode_push(&bytes)
            .map_err(|problem| Refusal::bad_request(format!("the framed push: {problem}")))?;
        Ok(Self {
            request: PushRequest { envelopes },
            framed,
        })
    }
}

/// Whether the client asked for framed pages (`Accept`); one that did not
/// (an older laptop) gets JSON.
fn accepts_frames(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|media| media.split(';').next().unwrap_or_default().trim() == framing::MEDIA_TYPE)
}

#[derive(Debug, Deserialize)]
struct PullQuery {
    #[serde(default)]
    after: u64,
    limit: Option<usize>,
    /// Whether to count what remains after the page (`remaining`).
    #[serde(default)]
    count: bool,
}

async fn pull(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<PullQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, Refusal> {
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
    let remaining = if query.count {
        let store = state.store.clone();
        Some(blocking(move || store.count_after(&device, next_cursor)).await?)
    } else {
        None
    };
    let answer = PullResponse {
        envelopes,
        next_cursor,
        more,
        server_time: Some(Utc::now()),
        remaining,
    };
    let frame = accepts_frames(&headers)
        .then(|| framing::encode_pull(&answer))
        .flatten();
    Ok(match frame {
        Some(frame) => ([(header::CONTENT_TYPE, framing::MEDIA_TYPE)], frame).into_response(),
        None => Json(answer).into_response(),
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Guards the loopback rule of `registration_refusal`: without it, a
    /// server on a public address without a secret registers anyone's
    /// organisation. The integration tests reach the server over loopback
    /// only, so this case is checked here.
    #[test]
    fn without_a_secret_only_this_computer_registers() {
        let address = |text: &str| text.parse::<SocketAddr>().expect("address");
        for local in ["127.0.0.1:5000", "[::1]:5000", "[::ffff:127.0.0.1]:5000"] {
            assert!(
                registration_refusal(None, address(local), None).is_none(),
                "{local}"
            );
        }
        let refused = registration_refusal(None, address("10.0.0.5:5000"), None)
            .expect("a remote registration is refused");
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert!(refused.message.contains("--registration-secret"));
    }

    #[test]
    fn with_a_secret_everyone_must_send_it() {
        let local = "127.0.0.1:5000".parse().expect("address");
        let remote = "10.0.0.5:5000".parse().expect("address");
        assert!(registration_refusal(Some("s3cret"), local, None).is_some());
        assert!(registration_refusal(Some("s3cret"), remote, Some("s3cre")).is_some());
        assert!(registration_refusal(Some("s3cret"), remote, Some("s3cret")).is_none());
    }
}
