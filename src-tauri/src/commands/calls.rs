//! Logging calls: drafts, finishing, edits with history, finding calls again,
//! printing one call's summary.

use chrono::{DateTime, Utc};
use hotline_core::calls::{
    countries, riga_day, CallDetails, CallFilter, CallPage, CallVersion, Case, CaseMatch,
    Colleague, FollowUpItem, RepeatCaller, StoredCall,
};
use hotline_core::reports::{CallSummaryRequest, PrintedCallSummary};
use hotline_core::{PublicError, Region};
use tauri::{AppHandle, State};
use uuid::Uuid;

use crate::dialogs::{save_then, SaveTo};
use crate::state::AppState;

type CommandResult<T> = Result<T, PublicError>;

#[tauri::command]
pub fn start_call(state: State<'_, AppState>) -> CommandResult<StoredCall> {
    state.with_session(|session| session.call_log().start(Utc::now()))
}

/// The autosave: called every few seconds and on every field change.
#[tauri::command]
pub fn save_call_draft(
    state: State<'_, AppState>,
    id: Uuid,
    details: CallDetails,
) -> CommandResult<StoredCall> {
    state.with_session(|session| session.call_log().save_draft(id, details, Utc::now()))
}

#[tauri::command]
pub fn finish_call(
    state: State<'_, AppState>,
    id: Uuid,
    details: CallDetails,
) -> CommandResult<StoredCall> {
    state.with_session(|session| session.call_log().finish(id, details, Utc::now()))
}

#[tauri::command]
pub fn edit_call(
    state: State<'_, AppState>,
    id: Uuid,
    details: CallDetails,
) -> CommandResult<StoredCall> {
    state.with_session(|session| session.call_log().edit(id, details, Utc::now()))
}

#[tauri::command]
pub fn discard_call_draft(state: State<'_, AppState>, id: Uuid) -> CommandResult<()> {
    state.with_session(|session| session.call_log().discard_draft(id, Utc::now()))
}

#[tauri::command]
pub fn own_call_drafts(state: State<'_, AppState>) -> CommandResult<Vec<StoredCall>> {
    state.with_session(|session| session.call_log().own_drafts())
}

#[tauri::command]
pub fn get_call(state: State<'_, AppState>, id: Uuid) -> CommandResult<StoredCall> {
    state.with_session(|session| session.call_log().open(id, Utc::now()))
}

/// Erases a finished call and its history on every device, for an erasure
/// request (supervisors only; audited by the call's id). The UI asks for a
/// typed confirmation first: this cannot be undone.
#[tauri::command]
pub fn erase_call(state: State<'_, AppState>, id: Uuid) -> CommandResult<()> {
    state.with_session(|session| session.call_log().erase(id, Utc::now()))
}

/// Asks where to save, then writes the call's summary with the ticked parts
/// (audited; only for whoever may open the call). `None` when cancelled.
#[tauri::command]
pub async fn print_call_summary(
    app: AppHandle,
    state: State<'_, AppState>,
    request: CallSummaryRequest,
) -> CommandResult<Option<PrintedCallSummary>> {
    save_then(
        &app,
        SaveTo::file("zvana-kopsavilkums.pdf", "pdf"),
        |path| {
            state.with_session(|session| session.print_call_summary(&request, &path, Utc::now()))
        },
    )
}

#[tauri::command]
pub fn call_history(state: State<'_, AppState>, id: Uuid) -> CommandResult<Vec<CallVersion>> {
    state.with_session(|session| session.call_log().history(id))
}

#[tauri::command]
pub async fn find_calls(state: State<'_, AppState>, filter: CallFilter) -> CommandResult<CallPage> {
    state
        .reader()?
        .find_calls(&filter)
        .map_err(PublicError::from)
}

#[tauri::command]
pub fn follow_ups(state: State<'_, AppState>) -> CommandResult<Vec<FollowUpItem>> {
    state.with_session(|session| session.call_log().follow_ups(riga_day(Utc::now())))
}

#[tauri::command]
pub fn complete_follow_up(
    state: State<'_, AppState>,
    id: Uuid,
    outcome: String,
) -> CommandResult<StoredCall> {
    state.with_session(|session| {
        session
            .call_log()
            .complete_follow_up(id, &outcome, Utc::now())
    })
}

/// Who a follow-up of the region can go to.
#[tauri::command]
pub fn colleagues(state: State<'_, AppState>, region: Region) -> CommandResult<Vec<Colleague>> {
    state.with_session(|session| session.call_log().colleagues(region))
}

/// A shift change: every open follow-up of `from` goes to `to`; how many.
#[tauri::command]
pub fn hand_over_follow_ups(
    state: State<'_, AppState>,
    from: Uuid,
    to: Uuid,
) -> CommandResult<u32> {
    state.with_session(|session| {
        session
            .call_log()
            .hand_over_follow_ups(from, to, Utc::now())
    })
}

/// A case's calls, oldest first, as far as the person may read them.
#[tauri::command]
pub fn get_case(state: State<'_, AppState>, case_ref: String) -> CommandResult<Case> {
    state.with_session(|session| session.call_log().case(&case_ref))
}

/// Cases whose reference starts with what was typed.
#[tauri::command]
pub fn find_cases(state: State<'_, AppState>, typed: String) -> CommandResult<Vec<CaseMatch>> {
    state.with_session(|session| session.call_log().find_cases(&typed))
}

/// A supervisor moves every call of one case into another; how many.
#[tauri::command]
pub fn merge_cases(state: State<'_, AppState>, from: String, into: String) -> CommandResult<u32> {
    state.with_session(|session| session.call_log().merge_cases(&from, &into, Utc::now()))
}

#[tauri::command]
pub fn set_caller_number(
    state: State<'_, AppState>,
    id: Uuid,
    number: String,
) -> CommandResult<RepeatCaller> {
    state.with_session(|session| {
        session
            .call_log()
            .set_caller_number(id, &number, Utc::now())
    })
}

#[tauri::command]
pub fn next_case_ref(state: State<'_, AppState>) -> CommandResult<String> {
    state.with_session(|session| session.call_log().next_case_ref())
}

/// ISO 3166-1 codes, the common destinations first; the UI names them.
#[tauri::command]
pub fn country_codes() -> Vec<&'static str> {
    countries::ordered()
}

/// Whether a call that started then is older than the retention period and
/// will be kept as its statistics only; the form says so before finishing.
#[tauri::command]
pub fn is_past_retention(
    state: State<'_, AppState>,
    started_at: DateTime<Utc>,
) -> CommandResult<bool> {
    state.with_session(|session| session.call_log().is_past_retention(started_at, Utc::now()))
}
