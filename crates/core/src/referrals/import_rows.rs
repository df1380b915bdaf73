//! What a file reader hands the import: the rows it read and the problems it
//! found, by line and column. The CSV and HSDS readers fill these; the
//! import checks them whole before anything is written.

use super::entry::ReferralInput;
use crate::error::{Error, ImportProblem, InvalidReason};
use crate::i18n::Localized;

/// One entry read from a file, before validation.
#[derive(Debug)]
pub struct ImportRow {
    pub line: usize,
    pub input: ReferralInput,
    pub retired: bool,
}

/// Problems found while reading a file, by line and column.
#[derive(Debug, Default)]
pub struct RowProblems(Vec<ImportProblem>);

impl RowProblems {
    pub fn add(&mut self, line: usize, column: &str, message: Localized) {
        self.0.push(ImportProblem {
            line,
            column: column.to_owned(),
            message,
        });
    }

    /// A field's validation message, unless the line already has a problem
    /// in that column.
    pub fn invalid(&mut self, line: usize, column: &str, reason: InvalidReason) {
        if !self
            .0
            .iter()
            .any(|problem| problem.line == line && problem.column == column)
        {
            self.add(
                line,
                column,
                *Error::invalid("file", reason).to_public().message,
            );
        }
    }

    pub fn any(&self) -> bool {
        !self.0.is_empty()
    }

    /// Every problem, in the order of the file's lines.
    pub fn by_line(mut self) -> Vec<ImportProblem> {
        self.0.sort_by_key(|problem| problem.line);
        self.0
    }
}
