//! The CTDC file: one row per case in the column layout of IOM's CTDC
//! global dataset (the subset the hotline records), as CSV in UTF-8 with a
//! byte-order mark like the report files.

use super::mapping::{CaseRecord, MEANS_COLUMNS, UNKNOWN};
use crate::csv_out::CsvOut;

/// CTDC's column names, in the dataset's order; the means of control's
/// come from [`MEANS_COLUMNS`].
pub(super) const COLUMNS: [&str; 24] = [
    "yearOfRegistration",
    "Datasource",
    "gender",
    "ageBroad",
    "majorityStatus",
    "citizenship",
    MEANS_COLUMNS[0].0,
    MEANS_COLUMNS[1].0,
    MEANS_COLUMNS[2].0,
    MEANS_COLUMNS[3].0,
    MEANS_COLUMNS[4].0,
    MEANS_COLUMNS[5].0,
    "meansOfControlNotSpecified",
    "meansOfControlConcatenated",
    "isForcedLabour",
    "isSexualExploit",
    "isOtherExploit",
    "isSexAndLabour",
    "isForcedMarriage",
    "isForcedMilitary",
    "isOrganRemoval",
    "isSlaveryAndPractices",
    "typeOfExploitConcatenated",
    "CountryOfExploitation",
];

/// CTDC's `Datasource` for records from a counter-trafficking hotline.
const DATASOURCE: &str = "Hotline";

fn flag(set: bool) -> &'static str {
    if set {
        "1"
    } else {
        "0"
    }
}

/// The file's bytes.
pub(super) fn csv(rows: &[CaseRecord]) -> Vec<u8> {
    let mut file = CsvOut::new();
    // Writing to memory cannot fail.
    file.row(COLUMNS);
    for row in rows {
        let exploitation = row.exploitation;
        let year = row.year.to_string();
        let concatenated = exploitation.concatenated();
        let means = &row.means;
        let means_concatenated = means.concatenated();
        let [debt, threats, false_promises, movement, documents, other] =
            MEANS_COLUMNS.map(|column| flag(means.has(&column)));
        file.row([
            year.as_str(),
            DATASOURCE,
            row.gender,
            row.age.broad(),
            row.age.majority(),
            // Callers' citizenship is not recorded.
            UNKNOWN,
            debt,
            threats,
            false_promises,
            movement,
            documents,
            other,
            flag(means.not_specified()),
            &means_concatenated,
            flag(exploitation.forced_labour),
            flag(exploitation.sexual),
            flag(exploitation.other),
            flag(exploitation.sex_and_labour()),
            // No subject of the hotline's form is forced marriage, forced
            // military service, organ removal or slavery.
            flag(false),
            flag(false),
            flag(false),
            flag(false),
            &concatenated,
            row.place.text(),
        ]);
    }
    file.finish()
}
