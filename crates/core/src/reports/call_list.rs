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

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use chrono_tz::Europe::Riga;
use rusqlite::Connection;
use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook, Worksheet, XlsxError};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use super::labels;
use super::model::ReportRequest;
use super::prepared::PreparedExport;
use super::report::{self, FinishedCall};
use crate::accounts::Account;
use crate::audit::{AuditAction, AuditEvent};
use crate::calls::{countries, Line, Subject};
use crate::categories::CategoryCode;
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

    /// The column's text for one call; empty when the field is.
    /// `categories` holds the names in `language`.
    pub(super) fn value(
        self,
        call: &FinishedCall,
        language: Language,
        categories: &CategoryNames,
    ) -> String {
        let details = &call.details;
        let text = |label: Localized| label.get(language).to_owned();
        match self {
            Self::Id => call.id.clone(),
            Self::StartedAt => riga_minute(details.started_at),
            Self::EndedAt => details.ended_at.map(riga_minute).unwrap_or_default(),
            Self::Region => text(crate::region::label(details.region)),
            Self::Line => categories.names(details.line.iter().map(Line::category_code)),
            Self::Direction => text(labels::direction(details.direction)),
            Self::CallerRole => details
                .caller_role
                .map(labels::caller_role)
                .map(text)
                .unwrap_or_default(),
            Self::Gender => details
                .gender
                .map(labels::gender)
                .map(text)
                .unwrap_or_default(),
            Self::AgeGroup => details
                .age_group
                .map(labels::age_group)
                .map(text)
                .unwrap_or_default(),
            Self::Language => details
                .language
                .map(labels::language)
                .map(text)
                .unwrap_or_default(),
            Self::Subjects => categories.names(details.subjects.iter().map(Subject::category_code)),
            Self::Country => details
                .country
                .as_deref()
                .map(countries::label)
                .map(text)
                .unwrap_or_default(),
            Self::Risk => details.risk.map(labels::risk).map(text).unwrap_or_default(),
            Self::ImmediateDanger => text(if details.immediate_danger {
                Localized::new("jā", "yes", "да")
            } else {
                Localized::new("nē", "no", "нет")
            }),
            Self::CaseRef => details.case_ref.clone().unwrap_or_default(),
            Self::FollowUpDue => details
                .follow_up
                .as_ref()
                .map(|follow_up| day(follow_up.due))
                .unwrap_or_default(),
            Self::FollowUpDone => details
                .follow_up
                .as_ref()
                .and_then(|follow_up| follow_up.done_at)
                .map(riga_minute)
                .unwrap_or_default(),
            Self::Outcome => details
                .outcome
                .map(labels::outcome)
                .map(text)
                .unwrap_or_default(),
            Self::Indicators => match details.indicators.as_deref() {
                None => text(labels::NOT_SCREENED.1),
                Some([]) => text(labels::NONE_OBSERVED.1),
                Some(indicators) => indicators
                    .iter()
                    .map(|indicator| text(labels::trafficking_indicator(*indicator)))
                    .collect::<Vec<_>>()
                    .join("; "),
            },
            Self::AdviceGiven => details.advice_given.clone(),
            Self::Referrals => details
                .referrals
                .iter()
                .map(|referral| referral.to.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            Self::Notes => details.notes.clone(),
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

/// The organisation's names of categories in one language, listed in its
/// order; a code no category has yet (its record not received) is shown as
/// it is, last. Each name is looked up once per export, not per call.
pub(super) struct CategoryNames(HashMap<CategoryCode, (usize, String)>);

impl CategoryNames {
    pub(super) fn of(connection: &Connection, language: Language) -> Result<Self> {
        Ok(Self(
            crate::categories::list(connection)?
                .into_iter()
                .enumerate()
                .map(|(position, category)| {
                    let name = category.names.to_localized().get(language).to_owned();
                    (category.code, (position, name))
                })
                .collect(),
        ))
    }

    fn names<'a>(&'a self, codes: impl Iterator<Item = &'a CategoryCode>) -> String {
        let mut named: Vec<(usize, &str)> = codes
            .map(|code| match self.0.get(code) {
                Some((position, name)) => (*position, name.as_str()),
                None => (usize::MAX, code.code()),
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
    let total = report::count_finished_calls(connection, &request)?;
    let categories = CategoryNames::of(connection, export.language)?;
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
    report::for_each_finished_call(connection, &request, |call| {
        if rendered.is_multiple_of(CALLS_PER_REPORT) {
            work.stop_if_asked()?;
            work.report(WorkProgress::new(WorkUnit::Calls, rendered, total));
        }
        row.clear();
        row.extend(
            columns
                .iter()
                .map(|column| column.value(&call, export.language, &categories)),
        );
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
