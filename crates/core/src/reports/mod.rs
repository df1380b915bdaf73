//! Supervisor reports: aggregates of finished calls over a period (Rīga
//! calendar days) and a set of regions, the same for the screen, the files
//! and the CLI.
//!
//! Each breakdown counts calls and, next to them, distinct cases (by case
//! reference). A call with several subjects (or referrals) is counted once
//! under each of them, so those breakdowns can add up to more than the total
//! number of calls; every breakdown carries a note saying how it counts.
//!
//! In publication mode small counts are suppressed ([`Cell::Small`]) together
//! with the cells that would let them be worked out ([`Cell::Withheld`]); the
//! report then holds no hidden number at all.
//!
//! The call list ([`CallListExport`]) writes calls themselves, with only the
//! columns a supervisor chose; free text only when its column was chosen.
//!
//! A call's summary ([`CallSummaryRequest`]) prints one call with the parts
//! its consultant ticked, for whoever may open that call.
//!
//! The CTDC export ([`ctdc`]) writes the cases themselves, one row each, in
//! IOM's case data layout; in publication mode it is k-anonymous.
//!
//! Only supervisors run reports: `Session::report`, `Session::export_report`
//! `Session::export_ctdc` and `Session::export_call_list`.

mod breakdowns;
mod call_list;
mod call_summary;
mod cover;
mod csv;
mod ctdc;
mod export;
mod facts;
mod labels;
mod listed;
mod model;
mod pdf;
mod prepared;
mod report;
mod suppression;
mod xlsx;

pub(crate) use call_list::prepare as prepare_call_list;
pub use call_list::{CallColumn, CallListExport, CallListFormat, ExportedCallList};
pub(crate) use call_summary::print as print_call_summary;
pub use call_summary::{CallSummaryRequest, PrintedCallSummary, SummaryPart};
pub(crate) use ctdc::prepare as prepare_ctdc;
pub use ctdc::CtdcExported;
pub(crate) use export::prepare as prepare_report_export;
pub use export::{ExportedReport, ReportExport, ReportFormat};
pub use model::{
    Breakdown, BreakdownKind, Cell, Counts, Publication, Report, ReportRequest, ReportRow,
    DEFAULT_MIN_CELL,
};
pub use prepared::PreparedExport;
pub(crate) use report::run;
