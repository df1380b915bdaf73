//! The UI's TypeScript types are generated from these Rust types (ts-rs) and
//! committed in `ui/src/ipc/bindings/`. This test fails when they drift; run it
//! with `UPDATE_BINDINGS=1` to regenerate them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use hotline_core::accounts::{AccountChange, NewAccount};
use hotline_core::audit::{AuditAction, AuditEntry, AuditVerification};
use hotline_core::audit_export::{AuditExport, AuditFilter, AuditSelection};
use hotline_core::backup::BackupSummary;
use hotline_core::backup_schedule::{
    BackupInterval, BackupSchedule, BackupScheduleStatus, ScheduledBackupOutcome,
    ScheduledBackupResult,
};
use hotline_core::calls::{
    CallFilter, CallPage, CallVersion, Case, CaseMatch, Colleague, FollowUpItem, RepeatCaller,
    RetentionRule, RetentionRun, StoredCall,
};
use hotline_core::categories::{Category, NewCategory};
use hotline_core::progress::WorkProgress;
use hotline_core::referrals::{
    ExportOptions, ImportSummary, Municipality, PrintedSheet, ReferralConflict, ReferralEntry,
    ReferralInput, ReferralQuery, ReferralSheet, MOST_SHEET_CONTACTS, SEARCH_RESULTS,
};
use hotline_core::reports::{
    CallListExport, CallSummaryRequest, CtdcExported, ExportedCallList, ExportedReport,
    PrintedCallSummary, ReportExport, ReportRequest, SummaryPart,
};
use hotline_core::store::ChosenFile;
use hotline_core::sync::{
    DeviceList, NewDevice, QuarantinedRecord, SavedEnrolment, SyncReport, SyncStatus,
};
use hotline_core::updates::UpdateStatus;
use hotline_core::{AppStatus, Enrolment, FirstRunSetup, PublicError};
use ts_rs::TS;

/// Read at run time, not with `env!`: a test binary built from another clone
/// that shares the build cache would otherwise compare against that clone.
fn committed_dir() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .expect("cargo test sets CARGO_MANIFEST_DIR")
        .join("../../ui/src/ipc/bindings")
}

fn export_all(dir: &Path) {
    // serde_json writes u64 as a JSON number, so it is a `number` in TypeScript.
    let cfg = ts_rs::Config::new()
        .with_out_dir(dir)
        .with_large_int("number");
    AppStatus::export_all(&cfg).expect("AppStatus");
    FirstRunSetup::export_all(&cfg).expect("FirstRunSetup");
    ChosenFile::export_all(&cfg).expect("ChosenFile");
    NewAccount::export_all(&cfg).expect("NewAccount");
    AccountChange::export_all(&cfg).expect("AccountChange");
    PublicError::export_all(&cfg).expect("PublicError");
    StoredCall::export_all(&cfg).expect("StoredCall");
    CallFilter::export_all(&cfg).expect("CallFilter");
    CallVersion::export_all(&cfg).expect("CallVersion");
    FollowUpItem::export_all(&cfg).expect("FollowUpItem");
    CallPage::export_all(&cfg).expect("CallPage");
    Colleague::export_all(&cfg).expect("Colleague");
    Case::export_all(&cfg).expect("Case");
    CaseMatch::export_all(&cfg).expect("CaseMatch");
    RepeatCaller::export_all(&cfg).expect("RepeatCaller");
    ReferralEntry::export_all(&cfg).expect("ReferralEntry");
    ReferralInput::export_all(&cfg).expect("ReferralInput");
    ReferralQuery::export_all(&cfg).expect("ReferralQuery");
    ImportSummary::export_all(&cfg).expect("ImportSummary");
    ExportOptions::export_all(&cfg).expect("ExportOptions");
    Municipality::export_all(&cfg).expect("Municipality");
    AuditEntry::export_all(&cfg).expect("AuditEntry");
    AuditVerification::export_all(&cfg).expect("AuditVerification");
    AuditAction::export_all(&cfg).expect("AuditAction");
    AuditFilter::export_all(&cfg).expect("AuditFilter");
    AuditSelection::export_all(&cfg).expect("AuditSelection");
    AuditExport::export_all(&cfg).expect("AuditExport");
    BackupSummary::export_all(&cfg).expect("BackupSummary");
    BackupInterval::export_all(&cfg).expect("BackupInterval");
    BackupSchedule::export_all(&cfg).expect("BackupSchedule");
    BackupScheduleStatus::export_all(&cfg).expect("BackupScheduleStatus");
    ScheduledBackupOutcome::export_all(&cfg).expect("ScheduledBackupOutcome");
    ScheduledBackupResult::export_all(&cfg).expect("ScheduledBackupResult");
    RetentionRun::export_all(&cfg).expect("RetentionRun");
    RetentionRule::export_all(&cfg).expect("RetentionRule");
    Category::export_all(&cfg).expect("Category");
    ReferralConflict::export_all(&cfg).expect("ReferralConflict");
    NewCategory::export_all(&cfg).expect("NewCategory");
    QuarantinedRecord::export_all(&cfg).expect("QuarantinedRecord");
    SyncStatus::export_all(&cfg).expect("SyncStatus");
    UpdateStatus::export_all(&cfg).expect("UpdateStatus");
    SyncReport::export_all(&cfg).expect("SyncReport");
    NewDevice::export_all(&cfg).expect("NewDevice");
    DeviceList::export_all(&cfg).expect("DeviceList");
    SavedEnrolment::export_all(&cfg).expect("SavedEnrolment");
    Enrolment::export_all(&cfg).expect("Enrolment");
    ReportRequest::export_all(&cfg).expect("ReportRequest");
    ReportExport::export_all(&cfg).expect("ReportExport");
    ExportedReport::export_all(&cfg).expect("ExportedReport");
    CtdcExported::export_all(&cfg).expect("CtdcExported");
    CallListExport::export_all(&cfg).expect("CallListExport");
    ExportedCallList::export_all(&cfg).expect("ExportedCallList");
    ReferralSheet::export_all(&cfg).expect("ReferralSheet");
    PrintedSheet::export_all(&cfg).expect("PrintedSheet");
    CallSummaryRequest::export_all(&cfg).expect("CallSummaryRequest");
    PrintedCallSummary::export_all(&cfg).expect("PrintedCallSummary");
    WorkProgress::export_all(&cfg).expect("WorkProgress");
    let codes = |parts: &[SummaryPart]| {
        parts
            .iter()
            .map(|part| serde_json::to_string(part).expect("a part's code"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (all_parts, default_parts) = (codes(&SummaryPart::ALL), codes(&SummaryPart::DEFAULT));
    std::fs::write(
        dir.join("limits.ts"),
        format!(
            "// Generated by crates/core/tests/bindings.rs from hotline-core. Do not edit.\n\n\
             /** The most entries a directory search with words returns. */\n\
             export const SEARCH_RESULTS = {SEARCH_RESULTS};\n\n\
             /** The most contacts one referral sheet prints. */\n\
             export const MOST_SHEET_CONTACTS = {MOST_SHEET_CONTACTS};\n\n\
             /** Every part of a call summary, in the order it prints. */\n\
             export const SUMMARY_PARTS = [{all_parts}] as const;\n\n\
             /** The parts of a call summary ticked at first: no free text. */\n\
             export const SUMMARY_DEFAULT_PARTS = [{default_parts}] as const;\n"
        ),
    )
    .expect("limits.ts");
}

fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "ts"))
                .map(|entry| {
                    let text = std::fs::read_to_string(entry.path()).expect("read binding");
                    (entry.file_name().to_string_lossy().into_owned(), text)
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn typescript_bindings_match_the_rust_types() {
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        let dir = committed_dir();
        if dir.exists() {
            std::fs::remove_dir_all(&dir).expect("clear bindings");
        }
        export_all(&dir);
        return;
    }
    let fresh = tempfile::tempdir().expect("tempdir");
    export_all(fresh.path());
    let generated = read_dir(fresh.path());
    let committed = read_dir(&committed_dir());
    assert_eq!(
        generated.keys().collect::<Vec<_>>(),
        committed.keys().collect::<Vec<_>>(),
        "binding files differ: run `UPDATE_BINDINGS=1 cargo test -p hotline-core --test bindings`"
    );
    for (name, text) in &generated {
        assert_eq!(
            Some(text),
            committed.get(name),
            "{name} is stale: run `UPDATE_BINDINGS=1 cargo test -p hotline-core --test bindings`"
        );
    }
}
