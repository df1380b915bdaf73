//! The desktop shell: thin `#[tauri::command]`s over hotline-core, the app
//! state they share, and the idle watcher that locks the app by itself.
//!
//! Nothing here decides anything about the domain; a command takes the state,
//! calls core and maps the error to a [`hotline_core::PublicError`].

mod auto_lock;
mod background_sync;
mod commands;
mod launch;
mod launch_status;
mod state;

use state::AppState;

/// Builds and runs the app; exits the process with a message if it cannot start.
pub fn run() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("HOTLINE_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let options = match launch::LaunchOptions::from_args(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("hotline-desk: {message}");
            std::process::exit(2);
        }
    };
    let state = match AppState::new(options.data_dir) {
        Ok(state) => state,
        Err(error) => {
            eprintln!("hotline-desk: {}", error.to_public().message.en);
            std::process::exit(1);
        }
    };
    let mut builder = tauri::Builder::default();
    // Without it (an unreadable data directory, say) the page asks
    // `app_status`, which shows the error.
    if let Ok(status) = state.status() {
        builder = builder.plugin(launch_status::plugin(&status));
    }
    let result = builder
        .manage(state)
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(tauri::generate_handler![
            commands::device::app_status,
            commands::device::set_up,
            commands::device::unlock,
            commands::device::lock,
            commands::device::touch,
            commands::device::set_language,
            commands::accounts::change_passphrase,
            commands::accounts::list_accounts,
            commands::accounts::add_account,
            commands::accounts::set_auto_lock_minutes,
            commands::calls::start_call,
            commands::calls::save_call_draft,
            commands::calls::finish_call,
            commands::calls::edit_call,
            commands::calls::discard_call_draft,
            commands::calls::own_call_drafts,
            commands::calls::get_call,
            commands::calls::call_history,
            commands::calls::find_calls,
            commands::calls::follow_ups,
            commands::calls::set_caller_number,
            commands::calls::next_case_ref,
            commands::calls::country_codes,
            commands::referrals::search_referrals,
            commands::referrals::get_referral,
            commands::referrals::open_confidential_address,
            commands::referrals::save_referral,
            commands::referrals::set_referral_retired,
            commands::referrals::import_referrals,
            commands::referrals::export_referrals,
            commands::referrals::municipalities,
            commands::reports::run_report,
            commands::reports::export_report,
            commands::sync::sync_status,
            commands::sync::sync_now,
            commands::audit::audit_entries,
            commands::audit::verify_audit_log,
            commands::audit::export_audit_log,
            commands::backup::back_up,
            commands::backup::choose_backup,
            commands::backup::restore_backup,
            commands::retention::retention_years,
            commands::retention::set_retention_years,
            commands::retention::run_retention,
            commands::device::choose_enrolment_package,
            commands::device::join_organisation,
            commands::sync::choose_server_certificate,
            commands::sync::register_sync_server,
            commands::devices::list_devices,
            commands::devices::enrol_device,
            commands::devices::revoke_device,
            commands::referrals::load_starter_referrals,
        ])
        .setup(|app| {
            auto_lock::watch(app.handle().clone());
            background_sync::watch(app.handle().clone());
            Ok(())
        })
        .run(tauri::generate_context!());
    if let Err(error) = result {
        eprintln!("hotline-desk: the window could not be opened: {error}");
        std::process::exit(1);
    }
}
