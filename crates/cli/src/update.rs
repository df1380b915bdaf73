//! `hotline update`: a supervisor's device signs the release the
//! organisation's laptops may install, and checks what its server serves.

use std::path::PathBuf;

use chrono::Utc;
use clap::Subcommand;
use hotline_core::session::Session;
use hotline_core::sync::RECORD_SCHEMA;
use hotline_core::updates::{this_platform, APP_VERSION};
use hotline_core::Error;

#[derive(Debug, Subcommand)]
pub enum UpdateCommand {
    /// Sign a release (Tauri's static update JSON, as `tauri build` and the
    /// release workflow write it) for this organisation's laptops; put the
    /// manifest written to --out in the sync server's --updates-dir (or the
    /// HTTPS folder its --updates-url names) as manifest.json.
    Sign {
        /// The release's update JSON (version, notes, platforms with url and signature).
        #[arg(long)]
        release: PathBuf,
        /// The signed manifest to write.
        #[arg(long)]
        out: PathBuf,
        /// The newest record schema the release reads (default: this version's).
        #[arg(long, default_value_t = RECORD_SCHEMA)]
        reads_record_schema: u32,
    },
    /// Fetch the manifest the server serves and say what this device would offer.
    Check,
}

pub fn run(session: &Session, command: UpdateCommand) -> Result<(), Error> {
    match command {
        UpdateCommand::Sign {
            release,
            out,
            reads_record_schema,
        } => {
            let manifest =
                session
                    .sync()
                    .sign_update_file(&release, &out, reads_record_schema, Utc::now())?;
            println!(
                "Signed the release for {} by this device ({}); wrote {}.",
                manifest.organisation_id,
                manifest.signed_by,
                out.display()
            );
            Ok(())
        }
        UpdateCommand::Check => {
            let sync = session.sync();
            let manifest = sync.update_source()?.update_manifest()?;
            match manifest {
                None => println!("The server publishes no update."),
                Some(manifest) => {
                    match sync.check_update(&manifest, APP_VERSION, &this_platform())? {
                        Some(update) => println!(
                            "Update {} is offered (signed {} by device {}).",
                            update.offer.version, update.offer.signed_at, update.offer.signed_by
                        ),
                        None => println!("Up to date: this is version {APP_VERSION}."),
                    }
                }
            }
            Ok(())
        }
    }
}
