//! hotline-sync-server: stores and relays Hotline Desk's sync envelopes.
//!
//! The server never holds a key: it sees ciphertext and routing fields only.
//! Devices authenticate with bearer tokens of which it keeps only SHA-256
//! hashes; a consultant's device may push and pull only its own region's and
//! the organisation's envelopes (the device's keys enforce the same again).
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
use chrono::Utc;
use hotline_protocol::limits::{
    DEFAULT_PULL_PAGE, MAX_CIPHERTEXT_BYTES, MAX_PULL_PAGE, MAX_PULL_PAGE_BYTES,
    MAX_PUSH_ENVELOPES, MAX_REQUEST_BYTES,
};
use hotline_protocol::{
    DeviceInfo, DeviceToken, EnrolDevice, ErrorBody, Health, PullResponse, PulledEnvelope,
    PushRequest, PushResponse, Region, RegisterOrganisation, Role, ServerErrorCode,
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
        .route("/v1/health", get(health))
        .route("/v1/organisations", post(register_organisation))
        .route("/v1/devices", post(enrol_device).get(list_devices))
        .route("/v1/devices/{device_id}/revoke", post(revoke_device))
        .route("/v1/push", post(push))
        .route("/v1/pull", get(pull))
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
    let (token, hash) = new_token()?;
    let store = state.store.clone();
    blocking(move || {
        store.register_organisation(
            request.organisation_id,
            NewDevice {
                id: request.device_id,
                name: &name,
                role: Role::Supervisor,
                region: Region::Riga,
                token_hash: &hash,
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

/// The device behind the request's bearer token; revoked devices get 401.
async fn authenticate(state: &AppState, headers: &HeaderMap) -> Result<Device, Refusal> {
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
        return Err(Refusal::new(
            StatusCode::FORBIDDEN,
            ServerErrorCode::Forbidden,
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

async fn revoke_device(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(device_id): Path<Uuid>,
) -> Answer<serde_json::Value> {
    let by = supervisor(&state, &headers).await?;
    let store = state.store.clone();
    blocking(move || store.revoke(by.organisation_id, device_id, Utc::now())).await?;
    tracing::info!(device = %device_id, by = %by.id, "device revoked");
    Ok(Json(serde_json::json!({})))
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
        if !device.may_use(envelope.scope) {
            return Err(Refusal::new(
                StatusCode::FORBIDDEN,
                ServerErrorCode::Forbidden,
                format!(
                    "envelopes[{index}]: this device may not write {}",
                    envelope.scope.code()
                ),
            ));
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
