//! The desktop shell: thin `#[tauri::command]`s over hotline-core, the app
//! state they share, the idle watcher that locks the app by itself, and the
//! quick exit that locks and hides it at one key.
//!
//! Nothing here decides anything about the domain; a command takes the state,
//! calls core and maps the error to a [`hotline_core::PublicError`].

mod auto_lock;
mod background_sync;
mod commands;
mod dialogs;
mod launch;
mod launch_status;
mod quick_exit;
mod scheduled_backup;
mod state;
#[cfg(test)]
mod ui_contract;
mod updates;

use state::AppState;

/// Expands `commands/registry.rs` into the handler of every command.
macro_rules! app_commands {
    ($($module:ident::$command:ident),* $(,)?) => {
        tauri::generate_handler![$(commands::$module::$command),*]
    };
}

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
    let context = tauri::generate_context!();
    // First of the plugins: a second start on the same store hands over to
    // this app, which shows its window, and exits before anything else runs.
    let instance =
        launch::instance_id(&context.config().identifier, state.device.data_dir().root());
    let mut builder = tauri::Builder::default().plugin(
        tauri_plugin_single_instance::Builder::new()
            .callback(|app, _, _| quick_exit::started_again(app))
            .dbus_id(instance)
            .build(),
    );
    // Without it (an unreadable data directory, say) the page asks
    // `app_status`, which shows the error.
    if let Ok(status) = state.status() {
        builder = builder.plugin(launch_status::plugin(&status));
    }
    let result = builder
        .manage(state)
        .manage(quick_exit::Copied::default())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_global_shortcut::Builder::new().build())
        .plugin(tauri_plugin_updater::Builder::new().build())
        .invoke_handler(include!("commands/registry.rs"))
        .setup(|app| {
            auto_lock::watch(app.handle().clone());
            background_sync::watch(app.handle().clone());
            scheduled_backup::watch(app.handle().clone());
            quick_exit::register(app.handle());
            Ok(())
        })
        .run(context);
    if let Err(error) = result {
        eprintln!("hotline-desk: the window could not be opened: {error}");
        std::process::exit(1);
    }
}
