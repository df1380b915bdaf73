//! The directory as Open Referral HSDS 3.0 JSON: an array of `service` objects,
//! each with its `organization`, `phones`, `schedules`, `languages`,
//! `service_areas` and one location. What HSDS has no field for (the stable
//! key, service types, areas, translations, notes, verification) travels in
//! `x_hotline`; the import reads that first and falls back to the HSDS fields,
//! so a file from another HSDS publisher can be imported too.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use uuid::Uuid;

use super::entry::{Area, ReferralInput, ServiceType};
use super::hours::{weekday_of, OpeningHours};
use super::import_rows::{ImportRow, RowProblems};
use super::phone::Phone;
use crate::i18n::{Localized, Texts};

/// Our fields that HSDS has no place for.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct HotlineExtension {
    key: String,
    organisation: Texts,
    service: Texts,
    #[serde(default)]
    description: Texts,
    service_types: Vec<ServiceType>,
    areas: Vec<Area>,
    #[serde(default)]
    hours: String,
    #[serde(default)]
    messenger: String,
    #[serde(default)]
    notes: Texts,
    verified_on: Option<NaiveDate>,
    #[serde(default)]
    verified_by: String,
    #[serde(default)]
    retired: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    confidential_address: String,
}

fn byday(days: &[u8]) -> String {
    days.iter()
        .map(|day| weekday_of(*day).to_string()[..2].to_uppercase())
        .collect::<Vec<_>>()
        .join(",")
}

fn clock(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

fn schedules(rules: &str) -> Vec<Value> {
    let hours = OpeningHours::parse(rules).unwrap_or_default();
    let mut schedules = Vec::new();
    if hours.always_open {
        schedules.push(json!({ "freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR,SA,SU", "opens_at": "00:00", "closes_at": "24:00" }));
    }
    for weekly in &hours.weekly {
        for range in &weekly.ranges {
            schedules.push(json!({
                "freq": "WEEKLY",
                "byday": byday(&weekly.days),
                "opens_at": clock(range.opens),
                "closes_at": clock(range.closes),
            }));
        }
    }
    for exception in &hours.exceptions {
        let day = exception.date.format("%Y-%m-%d").to_string();
        if exception.ranges.is_empty() {
            schedules.push(json!({ "valid_from": day, "valid_to": day, "description": "closed" }));
        }
        for range in &exception.ranges {
            schedules.push(json!({
                "valid_from": day, "valid_to": day,
                "opens_at": clock(range.opens), "closes_at": clock(range.closes),
            }));
        }
    }
    schedules
}

pub fn write(entries: &[(Uuid, ReferralInput, bool)], include_confidential: bool) -> Vec<u8> {
    let services: Vec<Value> = entries
        .iter()
        .map(|(id, input, retired)| {
            let extension = HotlineExtension {
                key: input.key.clone(),
                organisation: input.organisation.clone(),
                service: input.service.clone(),
                description: input.description.clone(),
                service_types: input.service_types.clone(),
                areas: input.areas.clone(),
                hours: input.hours.clone(),
                messenger: input.messenger.clone(),
                notes: input.notes.clone(),
                verified_on: input.verified_on,
                verified_by: input.verified_by.clone(),
                retired: *retired,
                confidential_address: if include_confidential {
                    input.confidential_address.clone()
                } else {
                    String::new()
                },
            };
            json!({
                "id": id,
                "name": input.service.lv,
                "description": input.description.lv,
                "email": input.email,
                "url": input.web,
                "status": if *retired { "inactive" } else { "active" },
                "organization": { "id": Uuid::new_v5(&Uuid::NAMESPACE_OID, input.organisation.lv.as_bytes()), "name": input.organisation.lv },
                "phones": input.phones.iter().map(|phone| json!({ "number": phone.number, "description": phone.label })).collect::<Vec<_>>(),
                "schedules": schedules(&input.hours),
                "languages": input.languages.iter().map(|code| json!({ "code": code })).collect::<Vec<_>>(),
                "service_areas": input.areas.iter().map(|area| json!({ "name": area.name(), "extent": area.code() })).collect::<Vec<_>>(),
                "service_at_locations": if input.address.is_empty() { vec![] } else {
                    vec![json!({ "location": { "location_type": "physical", "addresses": [{ "address_1": input.address, "country": "LV" }] } })]
                },
                "x_hotline": extension,
            })
        })
        .collect();
    serde_json::to_vec_pretty(&services).unwrap_or_default()
}

fn text_at<'a>(value: &'a Value, path: &[&str]) -> &'a str {
    path.iter()
        .try_fold(value, |value, key| value.get(key))
        .and_then(Value::as_str)
        .unwrap_or("")
}

pub fn read(bytes: &[u8], problems: &mut RowProblems) -> Vec<ImportRow> {
    let services: Vec<Value> = match serde_json::from_slice(bytes) {
        Ok(Value::Array(services)) => services,
        Ok(_) => {
            problems.add(
                1,
                "file",
                Localized::new(
                    "Failā jābūt HSDS pakalpojumu masīvam [ … ].",
                    "The file must hold an array of HSDS services [ … ].",
                    "Файл должен содержать массив услуг HSDS [ … ].",
                ),
            );
            return Vec::new();
        }
        Err(error) => {
            problems.add(
                error.line(),
                "file",
                Localized::owned(
                    format!("Fails nav derīgs JSON ({error})."),
                    format!("The file is not valid JSON ({error})."),
                    format!("Файл не является корректным JSON ({error})."),
                ),
            );
            return Vec::new();
        }
    };
    services
        .iter()
        .enumerate()
        .map(|(index, service)| {
            let line = index + 1;
            let phones = service
                .get("phones")
                .and_then(Value::as_array)
                .map(|phones| {
                    phones
                        .iter()
                        .map(|phone| Phone {
                            number: text_at(phone, &["number"]).to_owned(),
                            label: text_at(phone, &["description"]).to_owned(),
                        })
                        .collect()
                })
                .unwrap_or_default();
            let languages = service
                .get("languages")
                .and_then(Value::as_array)
                .map(|languages| {
                    languages
                        .iter()
                        .map(|language| text_at(language, &["code"]).to_owned())
                        .collect()
                })
                .unwrap_or_default();
            let address = service
                .pointer("/service_at_locations/0/location/addresses/0/address_1")
                .and_then(Value::as_str)
                .map(str::to_owned)
                .unwrap_or_default();
            let base = ReferralInput {
                phones,
                languages,
                address,
                email: text_at(service, &["email"]).to_owned(),
                web: text_at(service, &["url"]).to_owned(),
                ..ReferralInput::default()
            };
            match service.get("x_hotline") {
                Some(extension) => {
                    match serde_json::from_value::<HotlineExtension>(extension.clone()) {
                        Ok(extension) => ImportRow {
                            line,
                            retired: extension.retired,
                            input: ReferralInput {
                                key: extension.key,
                                organisation: extension.organisation,
                                service: extension.service,
                                description: extension.description,
                                service_types: extension.service_types,
                                areas: extension.areas,
                                hours: extension.hours,
                                messenger: extension.messenger,
                                notes: extension.notes,
                                verified_on: extension.verified_on,
                                verified_by: extension.verified_by,
                                confidential_address: extension.confidential_address,
                                ..base
                            },
                        },
                        Err(error) => {
                            problems.add(
                                line,
                                "x_hotline",
                                Localized::owned(
                                    format!("Lauks x_hotline nav nolasāms ({error})."),
                                    format!("The x_hotline field is not readable ({error})."),
                                    format!("Поле x_hotline не читается ({error})."),
                                ),
                            );
                            ImportRow {
                                line,
                                retired: false,
                                input: base,
                            }
                        }
                    }
                }
                None => ImportRow {
                    line,
                    retired: text_at(service, &["status"]) == "inactive",
                    input: ReferralInput {
                        key: format!("hsds-{}", text_at(service, &["id"]).to_lowercase()),
                        organisation: Texts::lv(text_at(service, &["organization", "name"])),
                        service: Texts::lv(text_at(service, &["name"])),
                        description: Texts::lv(text_at(service, &["description"])),
                        service_types: vec![ServiceType::Other],
                        areas: vec![Area::Nationwide],
                        ..base
                    },
                },
            }
        })
        .collect()
}
