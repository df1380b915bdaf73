//! `hotline-sync-server`: the organisation's sync relay.
//!
//! ```text
//! hotline-sync-server --data-dir /var/lib/hotline-sync --listen 127.0.0.1:8443
//! hotline-sync-server --data-dir DIR --listen 0.0.0.0:443 --tls-cert cert.pem --tls-key key.pem
//! hotline-sync-server --database-url postgres://hotline:secret@db/hotline_sync --listen 127.0.0.1:8443
//! ```
//!
//! Plain HTTP is served on loopback only (behind a TLS-terminating proxy on
//! the same machine) unless `--allow-plain-http` says otherwise. The first line
//! on stdout names the address it listens on, for scripts and tests.

use std::io::Write as _;
use std::net::SocketAddr;
use std::num::NonZeroU32;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context as _};
use axum_server::tls_rustls::RustlsConfig;
use axum_server::Handle;
use clap::Parser;
use hotline_sync_server::store::{PostgresStore, SqliteStore, Store};
use hotline_sync_server::{router, AppState, ServerLimits, UpdateSource};

#[derive(Debug, Parser)]
#[command(
    version,
    about = "Relays Hotline Desk's end-to-end encrypted sync envelopes"
)]
struct Args {
    /// Where the server keeps its SQLite database.
    #[arg(
        long,
        env = "HOTLINE_SYNC_DATA_DIR",
        required_unless_present = "database_url"
    )]
    data_dir: Option<PathBuf>,
    /// Keep the data in PostgreSQL instead (`postgres://user:password@host/db`).
    #[arg(
        long,
        env = "HOTLINE_SYNC_DATABASE_URL",
        hide_env_values = true,
        conflicts_with = "data_dir"
    )]
    database_url: Option<String>,
    /// Address and port to listen on (port 0 picks a free one).
    #[arg(long, default_value = "127.0.0.1:8443")]
    listen: SocketAddr,
    /// PEM certificate chain; with --tls-key, serve HTTPS.
    #[arg(long, requires = "tls_key")]
    tls_cert: Option<PathBuf>,
    /// PEM private key for --tls-cert.
    #[arg(long, requires = "tls_cert")]
    tls_key: Option<PathBuf>,
    /// Serve plain HTTP on a non-loopback address (only behind a TLS proxy).
    #[arg(long)]
    allow_plain_http: bool,
    /// A secret that registering an organisation requires
    /// (`X-Registration-Secret` header).
    /// Without it, only a request from this computer may register.
    #[arg(long, env = "HOTLINE_SYNC_REGISTRATION_SECRET", hide_env_values = true)]
    registration_secret: Option<String>,
    /// Requests per second one device may make, steadily.
    #[arg(long, default_value_t = ServerLimits::default().requests_per_second)]
    rate_limit: NonZeroU32,
    /// Requests one device may make at once before --rate-limit applies.
    #[arg(long, default_value_t = ServerLimits::default().request_burst)]
    rate_burst: NonZeroU32,
    /// Seconds one request may take, reading its body included.
    #[arg(long, default_value_t = ServerLimits::default().request_timeout.as_secs())]
    request_timeout: u64,
    /// A folder of the organisation's releases: the manifest a supervisor
    /// signed (`hotline update sign`) and the packages it names, served at
    /// `/v2/updates/`.
    #[arg(long, env = "HOTLINE_SYNC_UPDATES_DIR")]
    updates_dir: Option<PathBuf>,
    /// Or an HTTPS folder elsewhere that holds them: update requests are
    /// redirected there.
    #[arg(long, env = "HOTLINE_SYNC_UPDATES_URL", conflicts_with = "updates_dir")]
    updates_url: Option<String>,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,tower_http=info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let args = Args::parse();
    // One cryptography provider for TLS, the same ring the rest of the
    // workspace uses; rustls refuses to guess when none is chosen.
    rustls::crypto::ring::default_provider()
        .install_default()
        .map_err(|_| anyhow::anyhow!("a TLS provider was already installed"))?;
    let tls = args.tls_cert.is_some();
    if !tls && !args.listen.ip().is_loopback() && !args.allow_plain_http {
        bail!(
            "refusing plain HTTP on {}: give --tls-cert and --tls-key, listen on 127.0.0.1, \
             or pass --allow-plain-http behind a TLS-terminating proxy",
            args.listen
        );
    }
    let (data_dir, database_url) = (args.data_dir.clone(), args.database_url.clone());
    // The PostgreSQL client blocks on its own runtime, so it connects off
    // the async workers, as every store call does.
    let store = tokio::task::spawn_blocking(move || {
        open_store(data_dir.as_deref(), database_url.as_deref())
    })
    .await??;
    let limits = ServerLimits {
        requests_per_second: args.rate_limit,
        request_burst: args.rate_burst,
        request_timeout: Duration::from_secs(args.request_timeout.max(1)),
    };
    let mut state = AppState::new(store, args.registration_secret, limits);
    if let Some(source) = update_source(args.updates_dir, args.updates_url)? {
        state = state.with_updates(source);
    }
    let app = router(state);

    let listener = std::net::TcpListener::bind(args.listen)
        .with_context(|| format!("cannot listen on {}", args.listen))?;
    listener.set_nonblocking(true)?;
    let address = listener.local_addr()?;
    let handle = Handle::new();
    tokio::spawn(shut_down_on_signal(handle.clone()));
    let scheme = if tls { "https" } else { "http" };
    println!("hotline-sync-server listening on {scheme}://{address}");
    std::io::stdout().flush()?;
    tracing::info!(%address, tls, "listening");

    // The peer's address decides whether a registration without a secret
    // comes from this computer.
    let service = app.into_make_service_with_connect_info::<SocketAddr>();
    match (args.tls_cert, args.tls_key) {
        (Some(cert), Some(key)) => {
            let config = RustlsConfig::from_pem_file(&cert, &key)
                .await
                .with_context(|| format!("cannot load {} and {}", cert.display(), key.display()))?;
            axum_server::from_tcp_rustls(listener, config)
                .handle(handle)
                .serve(service)
                .await?;
        }
        _ => {
            axum_server::from_tcp(listener)
                .handle(handle)
                .serve(service)
                .await?;
        }
    }
    tracing::info!("stopped");
    Ok(())
}

/// Where releases are served from; a folder that does not exist or an
/// address that is not HTTPS is refused at start, not at a laptop's check.
fn update_source(
    folder: Option<PathBuf>,
    elsewhere: Option<String>,
) -> anyhow::Result<Option<UpdateSource>> {
    if let Some(folder) = folder {
        if !folder.is_dir() {
            bail!(
                "--updates-dir {} is not a folder: create it and put the signed manifest.json there",
                folder.display()
            );
        }
        return Ok(Some(UpdateSource::Folder(folder)));
    }
    match elsewhere {
        Some(url) if !url.starts_with("https://") => {
            bail!("--updates-url must be an https:// address, not {url}")
        }
        other => Ok(other.map(UpdateSource::Elsewhere)),
    }
}

fn open_store(
    data_dir: Option<&std::path::Path>,
    database_url: Option<&str>,
) -> anyhow::Result<Arc<dyn Store>> {
    if let Some(url) = database_url {
        // The URL may hold a password: name only that PostgreSQL was refused.
        let store = PostgresStore::connect(url).context(
            "cannot open the PostgreSQL database given by --database-url; \
             check the host, user, password and database name",
        )?;
        tracing::info!("storing in PostgreSQL");
        return Ok(Arc::new(store));
    }
    let data_dir = data_dir.context("give --data-dir or --database-url")?;
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("cannot create {}", data_dir.display()))?;
    let database = data_dir.join("sync-server.db");
    let store = SqliteStore::open(&database)
        .with_context(|| format!("cannot open {}", database.display()))?;
    tracing::info!(database = %database.display(), "storing in SQLite");
    Ok(Arc::new(store))
}

/// Ctrl-C or SIGTERM: stop accepting, let running requests finish (10 s at most).
async fn shut_down_on_signal(handle: Handle) {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
    handle.graceful_shutdown(Some(Duration::from_secs(10)));
}
