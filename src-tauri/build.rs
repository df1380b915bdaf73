//! Generates the permission for each app command: the capability grants only
//! these, so a command not listed here cannot be called from the webview.

const COMMANDS: &[&str] = &[
    "app_status",
    "set_up",
    "unlock",
    "lock",
    "touch",
    "set_language",
    "change_passphrase",
    "list_accounts",
    "add_account",
    "set_auto_lock_minutes",
    "start_call",
    "save_call_draft",
    "finish_call",
    "edit_call",
    "discard_call_draft",
    "own_call_drafts",
    "get_call",
    "call_history",
    "find_calls",
    "follow_ups",
    "set_caller_number",
    "next_case_ref",
    "country_codes",
    "search_referrals",
    "get_referral",
    "open_confidential_address",
    "save_referral",
    "set_referral_retired",
    "import_referrals",
    "export_referrals",
    "municipalities",
    "run_report",
    "export_report",
    "sync_status",
    "sync_now",
    "audit_entries",
    "verify_audit_log",
    "export_audit_log",
    "back_up",
    "choose_backup",
    "restore_backup",
    "retention_years",
    "set_retention_years",
    "run_retention",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).expect("tauri build script");
}
