//! The call list itself, for a supervisor who must hand calls on (to the
//! police, an auditor, a funder's case review): the finished calls of a
//! period and regions, one row each, as XLSX or CSV, with only the columns
//! the supervisor chose.
//!
//! There is no default set of columns: a request names at least one. The
//! free text typed during a call (notes, advice given, referrals as typed)
//! is personal and is never part of another column, so it leaves the
//! database only when its own column was chosen. The audit entry records
//! the options and which columns, never a value.

use std::path::PathBuf;

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use chrono_tz::Europe::Riga;
use rusqlite::Connection;
use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook, Worksheet, XlsxError};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use super::labels;
use super::listed::{self, ListedCall};
use super::model::ReportRequest;
use super::prepared::PreparedExport;
use crate::accounts::Account;
use crate::audit::{AuditAction, AuditEvent};
use crate::calls::countries;
use crate::codes::code_of;
use crate::csv_out::CsvOut;
use crate::error::{Error, InvalidReason, Result};
use crate::i18n::{Language, Localized};
use crate::progress::{WorkProgress, WorkUnit, WorkWatcher};
use crate::region::Region;

/// A column a call list can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum CallColumn {
    Id,
    StartedAt,
    EndedAt,
    Region,
    Line,
    Direction,
    CallerRole,
    Gender,
    AgeGroup,
    Language,
    Subjects,
    Country,
    Risk,
    ImmediateDanger,
    CaseRef,
    FollowUpDue,
    FollowUpDone,
    Outcome,
    /// The trafficking indicators observed; "not screened" or "none
    /// observed" when there are none.
    Indicators,
    /// Free text: the advice the consultant wrote down.
    AdviceGiven,
    /// Free text: each referral as shown in the call.
    Referrals,
    /// Free text: the call's notes.
    Notes,
}

impl CallColumn {
    pub const ALL: [Self; 22] = [
        Self::Id,
        Self::StartedAt,
        Self::EndedAt,
        Self::Region,
        Self::Line,
        Self::Direction,
        Self::CallerRole,
        Self::Gender,
        Self::AgeGroup,
        Self::Language,
        Self::Subjects,
        Self::Country,
        Self::Risk,
        Self::ImmediateDanger,
        Self::CaseRef,
        Self::FollowUpDue,
        Self::FollowUpDone,
        Self::Outcome,
        Self::Indicators,
        Self::AdviceGiven,
        Self::Referrals,
        Self::Notes,
    ];

    /// A column by its code ("startedAt"), as the CLI takes it.
    pub fn parse(code: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|column| code_of(column) == code.trim())
            .ok_or(Error::invalid("columns", InvalidReason::Unknown))
    }

    /// Whether the column holds text typed during the call.
    pub fn is_free_text(self) -> bool {
        matches!(self, Self::AdviceGiven | Self::Referrals | Self::Notes)
    }

    pub(super) fn header(self) -> Localized {
        match self {
            Self::Id => Localized::new("ID", "ID", "ID"),
            Self::StartedAt => Localized::new(
                "Sākums (Rīgas laiks)",
                "Started (Rīga time)",
                "Начало (по Риге)",
            ),
            Self::EndedAt => Localized::new(
                "Beigas (Rīgas laiks)",
                "Ended (Rīga time)",
                "Окончание (по Риге)",
            ),
            Self::Region => Localized::new("Reģions", "Region", "Регион"),
            Self::Line => Localized::new("Līnija", "Line", "Линия"),
            Self::Direction => Localized::new("Virziens", "Direction", "Направление звонка"),
            Self::CallerRole => Localized::new("Zvanītājs", "Caller", "Звонящий"),
            Self::Gender => Localized::new("Dzimums", "Gender", "Пол"),
            Self::AgeGroup => Localized::new("Vecuma grupa", "Age group", "Возрастная группа"),
            Self::Language => Localized::new("Sarunas valoda", "Language", "Язык общения"),
            Self::Subjects => Localized::new("Tēmas", "Subjects", "Темы"),
            Self::Country => Localized::new("Valsts", "Country", "Страна"),
            Self::Risk => Localized::new("Riska līmenis", "Risk level", "Уровень риска"),
            Self::ImmediateDanger => Localized::new(
                "Tūlītējas briesmas",
                "Immediate danger",
                "Непосредственная опасность",
            ),
            Self::CaseRef => Localized::new("Lietas numurs", "Case reference", "Номер дела"),
            Self::FollowUpDue => Localized::new(
                "Turpmākās darbības termiņš",
                "Follow-up due",
                "Срок дальнейших действий",
            ),
            Self::FollowUpDone => Localized::new(
                "Turpmākās darbības izdarītas",
                "Follow-up done",
                "Дальнейшие действия выполнены",
            ),
            Self::Outcome => Localized::new("Iznākums", "Outcome", "Итог звонка"),
            Self::Indicators => Localized::new(
                "Cilvēku tirdzniecības pazīmes",
                "Trafficking indicators",
                "Признаки торговли людьми",
            ),
            Self::AdviceGiven => {
                Localized::new("Sniegtais padoms", "Advice given", "Оказанная консультация")
            }
            Self::Referrals => Localized::new("Nosūtījumi", "Referrals", "Направления"),
            Self::Notes => Localized::new("Piezīmes", "Notes", "Заметки"),
        }
    }

    /// The column's text for one call; empty when the field is. A code no
    /// label is known for (written by a newer app) is shown as it is.
    pub(super) fn value(self, call: &ListedCall<'_>, names: &ListNames) -> String {
        let coded = |labels: &CodeLabels, code: Option<&str>| {
            code.map(|code| labels.of(code).to_owned())
                .unwrap_or_default()
        };
        let text = |label: Localized| label.get(names.language).to_owned();
        match self {
            Self::Id => call.id.to_owned(),
            Self::StartedAt => call.started_at().map(riga_minute).unwrap_or_default(),
            Self::EndedAt => call
                .ended_ms
                .and_then(DateTime::from_timestamp_millis)
                .map(riga_minute)
                .unwrap_or_default(),
            Self::Region => names.regions.of(call.region).to_owned(),
            Self::Line => names.categories(call.line.into_iter()),
            Self::Direction => coded(&names.directions, call.direction),
            Self::CallerRole => coded(&names.caller_roles, call.caller_role),
            Self::Gender => coded(&names.genders, call.gender),
            Self::AgeGroup => coded(&names.age_groups, call.age_group),
            Self::Language => coded(&names.languages, call.language),
            Self::Subjects => names.categories(call.subjects()),
            Self::Country => coded(&names.countries, call.country),
            Self::Risk => coded(&names.risks, call.risk),
            Self::ImmediateDanger => text(if call.immediate_danger {
                Localized::new("jā", "yes", "да")
            } else {
                Localized::new("nē", "no", "нет")
            }),
            Self::CaseRef => call.case_ref.unwrap_or_default().to_owned(),
            Self::FollowUpDue => call
                .follow_up_due
                .map(|due| {
                    due.parse::<NaiveDate>()
                        .map_or_else(|_| due.to_owned(), day)
                })
                .unwrap_or_default(),
            Self::FollowUpDone => call
                .follow_up_done_at
                .map(|done| {
                    DateTime::parse_from_rfc3339(done).map_or_else(
                        |_| done.to_owned(),
                        |done| riga_minute(done.with_timezone(&Utc)),
                    )
                })
                .unwrap_or_default(),
            Self::Outcome => coded(&names.outcomes, call.outcome),
            Self::Indicators => match call.indicators {
                None => text(labels::NOT_SCREENED.1),
                Some("") => text(labels::NONE_OBSERVED.1),
                Some(codes) => codes
                    .split_ascii_whitespace()
                    .map(|code| names.indicators.of(code))
                    .collect::<Vec<_>>()
                    .join("; "),
            },
            Self::AdviceGiven => call.advice_given.unwrap_or_default().to_owned(),
            Self::Referrals => call.referrals.unwrap_or_default().to_owned(),
            Self::Notes => call.notes.unwrap_or_default().to_owned(),
        }
    }
}

/// "dd.mm.yyyy hh:mm" in Rīga time, as the call list shows an instant.
/// Written digit by digit: chrono's `format` reads its pattern again for
/// each date, and a year's list has a hundred thousand of them.
fn riga_minute(at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&Riga);
    let mut text = day(local.date_naive());
    text.push(' ');
    push_digits(&mut text, local.hour(), 2);
    text.push(':');
    push_digits(&mut text, local.minute(), 2);
    text
}

/// "dd.mm.yyyy".
fn day(date: NaiveDate) -> String {
    let mut text = String::with_capacity(16);
    push_digits(&mut text, date.day(), 2);
    text.push('.');
    push_digits(&mut text, date.month(), 2);
    text.push('.');
    push_digits(&mut text, date.year().unsigned_abs(), 4);
    text
}

/// `value`'s last `width` decimal digits, zero-padded.
fn push_digits(text: &mut String, value: u32, width: u32) {
    for position in (0..width).rev() {
        let digit = value / 10u32.pow(position) % 10;
        text.push(char::from_digit(digit, 10).unwrap_or('0'));
    }
}

/// A call list is a table, so a spreadsheet or CSV; never a PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum CallListFormat {
    /// One sheet with a row per call.
    Xlsx,
    /// One file, UTF-8 with a BOM.
    Csv,
}

/// Which calls, which columns, and where to write them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallListExport {
    /// First day, in Rīga time, inclusive.
    pub from: NaiveDate,
    /// Last day, in Rīga time, inclusive.
    pub to: NaiveDate,
    /// Empty means every region.
    #[serde(default)]
    pub regions: Vec<Region>,
    /// The columns in order; at least one. Free-text columns only when
    /// named here.
    pub columns: Vec<CallColumn>,
    pub format: CallListFormat,
    /// The file to write (for CSV too: one file).
    pub path: PathBuf,
    /// The language of headers and values; Latvian unless chosen.
    #[serde(default)]
    pub language: Language,
}

/// What a call-list export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportedCallList {
    pub path: PathBuf,
    pub calls: u64,
    pub columns: Vec<CallColumn>,
}

/// Every name a call list shows for a code, in one language, looked up
/// once per export instead of once per call.
pub(super) struct ListNames {
    language: Language,
    /// The organisation's categories by code: their order and their name.
    category_names: FxHashMap<String, (usize, String)>,
    regions: CodeLabels,
    countries: CodeLabels,
    directions: CodeLabels,
    caller_roles: CodeLabels,
    genders: CodeLabels,
    age_groups: CodeLabels,
    languages: CodeLabels,
    risks: CodeLabels,
    outcomes: CodeLabels,
    indicators: CodeLabels,
}

impl ListNames {
    pub(super) fn of(connection: &Connection, language: Language) -> Result<Self> {
        let category_names = crate::categories::list(connection)?
            .into_iter()
            .enumerate()
            .map(|(position, category)| {
                let name = category.names.to_localized().get(language).to_owned();
                (category.code.code().to_owned(), (position, name))
            })
            .collect();
        Ok(Self {
            language,
            category_names,
            regions: CodeLabels::new(&Region::ALL, crate::region::label, language),
            countries: CodeLabels(countries::labels_in(language).collect()),
            directions: CodeLabels::new(&labels::DIRECTIONS, labels::direction, language),
            caller_roles: CodeLabels::new(&labels::CALLER_ROLES, labels::caller_role, language),
            genders: CodeLabels::new(&labels::GENDERS, labels::gender, language),
            age_groups: CodeLabels::new(&labels::AGE_GROUPS, labels::age_group, language),
            languages: CodeLabels::new(&labels::LANGUAGES, labels::language, language),
            risks: CodeLabels::new(&labels::RISK_LEVELS, labels::risk, language),
            outcomes: CodeLabels::new(&labels::OUTCOMES, labels::outcome, language),
            indicators: CodeLabels::new(
                &labels::TRAFFICKING_INDICATORS,
                labels::trafficking_indicator,
                language,
            ),
        })
    }

    /// The categories' names in the organisation's order; a code no
    /// category has yet (its record not received) is shown as it is, last.
    fn categories<'a>(&'a self, codes: impl Iterator<Item = &'a str>) -> String {
        let mut named: Vec<(usize, &str)> = codes
            .map(|code| match self.category_names.get(code) {
                Some((position, name)) => (*position, name.as_str()),
                None => (usize::MAX, code),
            })
            .collect();
        named.sort_unstable();
        named
            .into_iter()
            .map(|(_, name)| name)
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// The labels of one field's codes in one language.
struct CodeLabels(FxHashMap<String, String>);

impl CodeLabels {
    fn new<T: Serialize + Copy>(
        values: &[T],
        label: fn(T) -> Localized,
        language: Language,
    ) -> Self {
        Self(
            values
                .iter()
                .map(|value| (code_of(value), label(*value).get(language).to_owned()))
                .collect(),
        )
    }

    fn of<'a>(&'a self, code: &'a str) -> &'a str {
        self.0.get(code).map_or(code, String::as_str)
    }
}

/// Calls rendered between two progress reports: a Stop is heard within a
/// moment, and reporting costs nothing next to the rendering.
const CALLS_PER_REPORT: u64 = 50;

/// Renders the call list in memory, telling `work` the calls rendered of
/// all; stopped, it fails with nothing written (the file is written only
/// when the prepared export is recorded). The calls are read and rendered
/// one at a time straight into the file's bytes, so the export holds the
/// file and one call, never the period's calls or their rows; nothing
/// touches the disk before the prepared export is recorded. The caller
/// checks the role.
pub(crate) fn prepare(
    connection: &Connection,
    account: &Account,
    export: &CallListExport,
    work: &dyn WorkWatcher,
) -> Result<PreparedExport<ExportedCallList>> {
    let mut columns: Vec<CallColumn> = Vec::new();
    for column in &export.columns {
        if !columns.contains(column) {
            columns.push(*column);
        }
    }
    if columns.is_empty() {
        return Err(Error::invalid("columns", InvalidReason::Empty));
    }
    let request = ReportRequest {
        from: export.from,
        to: export.to,
        regions: export.regions.clone(),
        publication: None,
    }
    .normalised()?;
    let total = listed::count(connection, &request)?;
    let names = ListNames::of(connection, export.language)?;
    let free_text = columns.iter().any(|column| column.is_free_text());
    let header: Vec<String> = columns
        .iter()
        .map(|column| column.header().get(export.language).to_owned())
        .collect();
    let unbuilt = |error: XlsxError| {
        Error::io(
            &export.path,
            std::io::Error::other(format!("the workbook could not be built: {error}")),
        )
    };
    let mut file = match export.format {
        CallListFormat::Xlsx => ListFile::Sheet(Box::new(
            ListSheet::new(&header, export.language).map_err(unbuilt)?,
        )),
        CallListFormat::Csv => ListFile::Csv(Box::new(CsvOut::new())),
    };
    if let ListFile::Csv(csv) = &mut file {
        csv.row(&header);
    }
    let mut rendered = 0u64;
    let mut row: Vec<String> = Vec::with_capacity(columns.len());
    listed::for_each(connection, &request, free_text, |call| {
        if rendered.is_multiple_of(CALLS_PER_REPORT) {
            work.stop_if_asked()?;
            work.report(WorkProgress::new(WorkUnit::Calls, rendered, total));
        }
        row.clear();
        row.extend(columns.iter().map(|column| column.value(call, &names)));
        rendered += 1;
        match &mut file {
            ListFile::Sheet(sheet) => sheet.row(rendered, &mut row).map_err(unbuilt),
            ListFile::Csv(csv) => {
                csv.row(&row);
                Ok(())
            }
        }
    })?;
    work.report(WorkProgress::new(WorkUnit::Calls, rendered, total));
    work.stop_if_asked()?;
    let bytes = match file {
        ListFile::Sheet(sheet) => sheet.finish().map_err(unbuilt)?,
        ListFile::Csv(csv) => csv.finish(),
    };
    let event = AuditEvent::new(AuditAction::CallListExported).details(json!({
        "format": code_of(&export.format),
        "from": request.from,
        "to": request.to,
        "regions": request.regions.iter().map(|region| region.code()).collect::<Vec<_>>(),
        "columns": columns.iter().map(code_of).collect::<Vec<_>>(),
        "language": code_of(&export.language),
    }));
    let outcome = ExportedCallList {
        path: export.path.clone(),
        calls: rendered,
        columns,
    };
    Ok(PreparedExport::new(
        account,
        event,
        vec![(export.path.clone(), bytes)],
        outcome,
    ))
}

/// The file a call list is rendered into, a row at a time.
enum ListFile {
    Sheet(Box<ListSheet>),
    Csv(Box<CsvOut>),
}

/// One sheet: a formatted header row that stays in view, then a row per
/// call; each column as wide as its widest value (within limits).
struct ListSheet {
    sheet: Worksheet,
    widest: Vec<usize>,
}

impl ListSheet {
    fn new(header: &[String], language: Language) -> Result<Self, XlsxError> {
        let bold = Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0x00DD_E6F0))
            .set_border_bottom(FormatBorder::Thin);
        let mut sheet = Worksheet::new();
        sheet.set_name(Localized::new("Zvani", "Calls", "Звонки").get(language))?;
        for (column, title) in (0u16..).zip(header) {
            sheet.write_string_with_format(0, column, title, &bold)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        Ok(Self {
            sheet,
            widest: header.iter().map(|title| title.chars().count()).collect(),
        })
    }

    /// Moves `values` into the sheet (the writer keeps its own string of
    /// each cell: a copy per cell would cost an allocation per cell).
    fn row(&mut self, row: u64, values: &mut Vec<String>) -> Result<(), XlsxError> {
        let row = u32::try_from(row).map_err(|_| XlsxError::RowColumnLimitError)?;
        for ((column, value), widest) in (0u16..).zip(values.drain(..)).zip(&mut self.widest) {
            *widest = (*widest).max(value.chars().count());
            self.sheet.write_string(row, column, value)?;
        }
        Ok(())
    }

    fn finish(mut self) -> Result<Vec<u8>, XlsxError> {
        for (column, widest) in (0u16..).zip(&self.widest) {
            self.sheet
                .set_column_width(column, (widest + 2).clamp(10, 60) as f64)?;
        }
        let mut workbook = Workbook::new();
        workbook.push_worksheet(self.sheet);
        workbook.save_to_buffer()
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone as _};

    use super::*;

    /// The dates written digit by digit read as chrono's own pattern writes
    /// them, every 37 minutes of a year: both of Rīga's clock changes, its
    /// midnights and the change of year.
    #[test]
    fn dates_read_as_chronos_pattern_writes_them() {
        let start = Utc
            .with_ymd_and_hms(2025, 12, 31, 20, 0, 0)
            .single()
            .expect("an instant");
        for step in 0..15_000 {
            let at = start + Duration::minutes(37 * step);
            let local = at.with_timezone(&Riga);
            assert_eq!(riga_minute(at), local.format("%d.%m.%Y %H:%M").to_string());
            assert_eq!(
                day(local.date_naive()),
                local.format("%d.%m.%Y").to_string()
            );
        }
    }
}
