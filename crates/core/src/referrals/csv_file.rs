//! The directory as CSV, in the layout documented in `docs/referrals-csv.md`:
//! one row per entry, lists separated by `;`, translations in `_lv`/`_en`/`_ru`
//! columns.

use chrono::NaiveDate;

use super::entry::{Area, ReferralInput, ServiceType};
use super::hours::OpeningHours;
use super::import_rows::{ImportRow, RowProblems};
use super::phone::{self, Phone};
use crate::csv_out::{read_cell, CsvOut};
use crate::error::InvalidReason;
use crate::i18n::{Localized, Texts};

/// Every column, in the order exports write them.
pub const COLUMNS: &[&str] = &[
    "key",
    "organisation_lv",
    "organisation_en",
    "organisation_ru",
    "service_lv",
    "service_en",
    "service_ru",
    "description_lv",
    "description_en",
    "description_ru",
    "service_types",
    "areas",
    "address",
    "confidential_address",
    "phones",
    "email",
    "web",
    "messenger",
    "hours",
    "languages",
    "notes_lv",
    "notes_en",
    "notes_ru",
    "verified_on",
    "verified_by",
    "retired",
];

const REQUIRED: &[&str] = &[
    "key",
    "organisation_lv",
    "service_lv",
    "service_types",
    "areas",
];

/// The validated field name each column feeds, to name the column in errors.
pub fn column_of_field(field: &str) -> &'static str {
    match field {
        "organisation" => "organisation_lv",
        "service" => "service_lv",
        "description" => "description_lv",
        "notes" => "notes_lv",
        "serviceTypes" => "service_types",
        "confidentialAddress" => "confidential_address",
        "verifiedBy" => "verified_by",
        other => COLUMNS
            .iter()
            .find(|column| **column == other)
            .copied()
            .unwrap_or("key"),
    }
}

fn list(text: &str) -> impl Iterator<Item = &str> {
    text.split(';')
        .map(str::trim)
        .filter(|item| !item.is_empty())
}

/// Reads the file into rows; problems with the header or the CSV itself are
/// reported on line 1 or the broken line.
pub fn read(bytes: &[u8], problems: &mut RowProblems) -> Vec<ImportRow> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().from_reader(bytes);
    let headers = match reader.headers() {
        Ok(headers) => headers
            .iter()
            .map(|h| h.trim().to_owned())
            .collect::<Vec<_>>(),
        Err(_) => {
            problems.add(
                1,
                "header",
                Localized::new(
                    "Galvenes rinda nav nolasāma CSV.",
                    "The header row is not readable CSV.",
                    "Строка заголовков не читается как CSV.",
                ),
            );
            return Vec::new();
        }
    };
    for header in &headers {
        if !COLUMNS.contains(&header.as_str()) {
            problems.add(
                1,
                header,
                Localized::new(
                    "Nezināma kolonna: pārbaudiet nosaukumu (skat. docs/referrals-csv.md).",
                    "Unknown column: check its name (see docs/referrals-csv.md).",
                    "Неизвестный столбец: проверьте его название (см. docs/referrals-csv.md).",
                ),
            );
        }
    }
    for required in REQUIRED {
        if !headers.iter().any(|header| header == required) {
            problems.add(
                1,
                required,
                Localized::new(
                    "Trūkst obligātās kolonnas.",
                    "A required column is missing.",
                    "Нет обязательного столбца.",
                ),
            );
        }
    }
    if problems.any() {
        // With a wrong header every row would be misread: fix the header first.
        return Vec::new();
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let line = error
                    .position()
                    .map_or(0, |position| position.line() as usize);
                problems.add(
                    line,
                    "row",
                    Localized::new(
                        "Rinda nav derīgs CSV (pārbaudiet pēdiņas un kolonnu skaitu).",
                        "The row is not valid CSV (check quotes and the number of columns).",
                        "Строка не является корректным CSV (проверьте кавычки и число столбцов).",
                    ),
                );
                continue;
            }
        };
        let line = record
            .position()
            .map_or(0, |position| position.line() as usize);
        let cell = |column: &str| {
            headers
                .iter()
                .position(|header| header == column)
                .and_then(|index| record.get(index))
                .map_or("", read_cell)
                .trim()
                .to_owned()
        };
        let texts = |stem: &str| Texts {
            lv: cell(&format!("{stem}_lv")),
            en: cell(&format!("{stem}_en")),
            ru: cell(&format!("{stem}_ru")),
        };
        let mut service_types = Vec::new();
        for code in list(&cell("service_types")) {
            match ServiceType::from_code(code) {
                Some(kind) => service_types.push(kind),
                None => problems.add(
                    line,
                    "service_types",
                    Localized::new(
                        "Nezināms pakalpojuma veids: lietojiet social-service, police, labour-inspectorate, shelter, psychological-help, health-care, legal-aid, employment, embassy, ngo vai other.",
                        "Unknown service type: use social-service, police, labour-inspectorate, shelter, psychological-help, health-care, legal-aid, employment, embassy, ngo or other.",
                        "Неизвестный вид услуги: используйте social-service, police, labour-inspectorate, shelter, psychological-help, health-care, legal-aid, employment, embassy, ngo или other.",
                    ),
                ),
            }
        }
        let mut areas = Vec::new();
        for text in list(&cell("areas")) {
            match Area::parse(text) {
                Ok(area) => areas.push(area),
                Err(_) => problems.add(
                    line,
                    "areas",
                    Localized::new(
                        "Nezināma teritorija: lietojiet nationwide, pašvaldības kodu vai nosaukumu, vai abroad:GB.",
                        "Unknown area: use nationwide, a municipality code or name, or abroad:GB.",
                        "Неизвестная территория: используйте nationwide, код или название самоуправления либо abroad:GB.",
                    ),
                ),
            }
        }
        let phones: Vec<Phone> = list(&cell("phones"))
            .map(|phone| {
                let (number, label) = phone.split_once('|').unwrap_or((phone, ""));
                Phone {
                    number: number.trim().to_owned(),
                    label: label.trim().to_owned(),
                }
            })
            .collect();
        // Checked here as well as in validation, so one row can report a bad
        // phone, bad hours and a bad code together.
        if phones
            .iter()
            .any(|phone| phone::normalise(&phone.number).is_err())
        {
            problems.invalid(line, "phones", InvalidReason::BadPhone);
        }
        let hours = cell("hours");
        if OpeningHours::parse(&hours).is_err() {
            problems.invalid(line, "hours", InvalidReason::BadHours);
        }
        let verified_on = cell("verified_on");
        let verified_on = if verified_on.is_empty() {
            None
        } else {
            match NaiveDate::parse_from_str(&verified_on, "%Y-%m-%d") {
                Ok(day) => Some(day),
                Err(_) => {
                    problems.add(
                        line,
                        "verified_on",
                        Localized::new(
                            "Datums jāraksta kā gggg-mm-dd, piem., 2026-11-23.",
                            "Write the date as yyyy-mm-dd, e.g. 2026-11-23.",
                            "Укажите дату в формате гггг-мм-дд, напр., 2026-11-23.",
                        ),
                    );
                    None
                }
            }
        };
        let retired = match cell("retired").to_lowercase().as_str() {
            "" | "no" | "false" | "0" => false,
            "yes" | "true" | "1" => true,
            _ => {
                problems.add(
                    line,
                    "retired",
                    Localized::new(
                        "Rakstiet yes vai atstājiet tukšu.",
                        "Write yes or leave it empty.",
                        "Напишите yes или оставьте поле пустым.",
                    ),
                );
                false
            }
        };
        rows.push(ImportRow {
            line,
            retired,
            input: ReferralInput {
                key: cell("key"),
                organisation: texts("organisation"),
                service: texts("service"),
                description: texts("description"),
                service_types,
                areas,
                address: cell("address"),
                confidential_address: cell("confidential_address"),
                phones,
                email: cell("email"),
                web: cell("web"),
                messenger: cell("messenger"),
                hours,
                languages: list(&cell("languages")).map(str::to_owned).collect(),
                notes: texts("notes"),
                verified_on,
                verified_by: cell("verified_by"),
            },
        });
    }
    rows
}

/// One CSV row per entry. The confidential address column stays empty unless
/// `include_confidential`.
pub fn write(entries: &[(ReferralInput, bool)], include_confidential: bool) -> Vec<u8> {
    let mut file = CsvOut::new();
    file.row(COLUMNS);
    for (input, retired) in entries {
        let join = |items: Vec<String>| items.join(";");
        let phones = input
            .phones
            .iter()
            .map(|phone| {
                if phone.label.is_empty() {
                    phone.number.clone()
                } else {
                    format!("{}|{}", phone.number, phone.label)
                }
            })
            .collect();
        let record: Vec<String> = vec![
            input.key.clone(),
            input.organisation.lv.clone(),
            input.organisation.en.clone(),
            input.organisation.ru.clone(),
            input.service.lv.clone(),
            input.service.en.clone(),
            input.service.ru.clone(),
            input.description.lv.clone(),
            input.description.en.clone(),
            input.description.ru.clone(),
            join(
                input
                    .service_types
                    .iter()
                    .map(|kind| kind.code().to_owned())
                    .collect(),
            ),
            join(input.areas.iter().map(Area::code).collect()),
            input.address.clone(),
            if include_confidential {
                input.confidential_address.clone()
            } else {
                String::new()
            },
            join(phones),
            input.email.clone(),
            input.web.clone(),
            input.messenger.clone(),
            input.hours.clone(),
            join(input.languages.clone()),
            input.notes.lv.clone(),
            input.notes.en.clone(),
            input.notes.ru.clone(),
            input
                .verified_on
                .map(|day| day.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            input.verified_by.clone(),
            if *retired {
                "yes".to_owned()
            } else {
                String::new()
            },
        ];
        file.row(&record);
    }
    file.finish()
}
