//! A referral directory entry, shaped after Open Referral's HSDS (organisation →
//! service → location → contact), and the rules every field must follow. The
//! editor, the CSV and the HSDS import all go through [`ReferralInput::validated`].

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::hours::OpeningHours;
use super::municipality;
use super::phone::{self, Phone};
use crate::calls::countries;
use crate::error::{Error, InvalidReason, Result};
use crate::i18n::{Localized, Texts};
use crate::region::Region;

const MAX_NAME: usize = 200;
const MAX_TEXT: usize = 4000;
const MAX_KEY: usize = 80;

/// What kind of help a service gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ServiceType {
    SocialService,
    Police,
    LabourInspectorate,
    Shelter,
    PsychologicalHelp,
    HealthCare,
    LegalAid,
    Employment,
    Embassy,
    Ngo,
    Other,
}

impl ServiceType {
    pub const ALL: [ServiceType; 11] = [
        Self::SocialService,
        Self::Police,
        Self::LabourInspectorate,
        Self::Shelter,
        Self::PsychologicalHelp,
        Self::HealthCare,
        Self::LegalAid,
        Self::Employment,
        Self::Embassy,
        Self::Ngo,
        Self::Other,
    ];

    /// The code used in CSV files (`social-service`).
    pub fn code(self) -> &'static str {
        match self {
            Self::SocialService => "social-service",
            Self::Police => "police",
            Self::LabourInspectorate => "labour-inspectorate",
            Self::Shelter => "shelter",
            Self::PsychologicalHelp => "psychological-help",
            Self::HealthCare => "health-care",
            Self::LegalAid => "legal-aid",
            Self::Employment => "employment",
            Self::Embassy => "embassy",
            Self::Ngo => "ngo",
            Self::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        let code = code.trim().to_lowercase();
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }
}

/// Where a service serves.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Area {
    Nationwide,
    Municipality { code: String },
    Abroad { country: String },
}

impl Area {
    /// Reads the CSV spelling: `nationwide`, a municipality code or name, or
    /// `abroad:GB`.
    pub fn parse(text: &str) -> Result<Self> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("nationwide") {
            return Ok(Self::Nationwide);
        }
        if let Some(country) = text.strip_prefix("abroad:") {
            let country = country.trim().to_uppercase();
            return if countries::is_known(&country) {
                Ok(Self::Abroad { country })
            } else {
                Err(Error::invalid("areas", InvalidReason::Unknown))
            };
        }
        municipality::find(text)
            .map(|found| Self::Municipality {
                code: found.code.to_owned(),
            })
            .ok_or(Error::invalid("areas", InvalidReason::Unknown))
    }

    /// The CSV spelling.
    pub fn code(&self) -> String {
        match self {
            Self::Nationwide => "nationwide".to_owned(),
            Self::Municipality { code } => code.clone(),
            Self::Abroad { country } => format!("abroad:{country}"),
        }
    }

    /// The name shown and searched ("Rēzeknes novads").
    pub fn name(&self) -> String {
        match self {
            Self::Nationwide => "Visa Latvija / nationwide".to_owned(),
            Self::Municipality { code } => {
                municipality::find(code).map_or_else(|| code.clone(), |found| found.name.to_owned())
            }
            Self::Abroad { country } => format!("{country} (ārzemēs / abroad)"),
        }
    }

    fn is_valid(&self) -> bool {
        match self {
            Self::Nationwide => true,
            Self::Municipality { code } => municipality::find(code).is_some_and(|m| m.code == code),
            Self::Abroad { country } => countries::is_known(country),
        }
    }
}

/// The directory's rules for its texts.
impl Texts {
    fn trimmed(self) -> Self {
        Self {
            lv: self.lv.trim().to_owned(),
            en: self.en.trim().to_owned(),
            ru: self.ru.trim().to_owned(),
        }
    }

    fn check(&self, field: &'static str, required: bool, max: usize) -> Result<()> {
        if required && self.lv.is_empty() {
            return Err(Error::invalid(field, InvalidReason::Empty));
        }
        if [&self.lv, &self.en, &self.ru]
            .iter()
            .any(|text| text.chars().count() > max)
        {
            return Err(Error::invalid(field, InvalidReason::TooLong));
        }
        Ok(())
    }

    /// All three languages, for the search index.
    pub(crate) fn joined(&self) -> String {
        [&self.lv, &self.en, &self.ru]
            .iter()
            .filter(|text| !text.is_empty())
            .map(|text| text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Everything a supervisor edits about an entry, and what one CSV row holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReferralInput {
    /// Stable identifier across imports (`drosa-maja-riga`).
    pub key: String,
    pub organisation: Texts,
    pub service: Texts,
    #[serde(default)]
    pub description: Texts,
    pub service_types: Vec<ServiceType>,
    pub areas: Vec<Area>,
    /// The public "front door" address.
    #[serde(default)]
    pub address: String,
    /// A shelter's real address: never shown in lists, exported or copied.
    #[serde(default)]
    pub confidential_address: String,
    #[serde(default)]
    pub phones: Vec<Phone>,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub web: String,
    #[serde(default)]
    pub messenger: String,
    /// Rules such as `Mon-Fri 09:00-17:00; 2026-12-24 closed`; empty = unknown.
    #[serde(default)]
    pub hours: String,
    /// ISO 639-1 codes (`lv`, `ru`, `en`).
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(default)]
    pub notes: Texts,
    pub verified_on: Option<NaiveDate>,
    #[serde(default)]
    pub verified_by: String,
}

impl ReferralInput {
    /// Checks every field and brings each to its canonical form: trimmed text,
    /// E.164 phones, canonical hours rules, sorted and deduplicated lists.
    pub fn validated(self) -> Result<Self> {
        let key = self.key.trim().to_owned();
        if key.is_empty() {
            return Err(Error::invalid("key", InvalidReason::Empty));
        }
        if key.len() > MAX_KEY
            || !key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(Error::invalid("key", InvalidReason::BadKey));
        }
        let organisation = self.organisation.trimmed();
        organisation.check("organisation", true, MAX_NAME)?;
        let service = self.service.trimmed();
        service.check("service", true, MAX_NAME)?;
        let description = self.description.trimmed();
        description.check("description", false, MAX_TEXT)?;
        let notes = self.notes.trimmed();
        notes.check("notes", false, MAX_TEXT)?;

        let mut service_types = self.service_types;
        dedup_in_order(&mut service_types);
        if service_types.is_empty() {
            return Err(Error::invalid("serviceTypes", InvalidReason::Empty));
        }
        let mut areas = self.areas;
        dedup_in_order(&mut areas);
        if areas.is_empty() {
            return Err(Error::invalid("areas", InvalidReason::Empty));
        }
        if !areas.iter().all(Area::is_valid) {
            return Err(Error::invalid("areas", InvalidReason::Unknown));
        }

        let phones = self
            .phones
            .into_iter()
            .map(|entry| {
                Ok(Phone {
                    number: phone::normalise(&entry.number)?,
                    label: short_text(entry.label, "phones", MAX_NAME)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let email = short_text(self.email, "email", MAX_NAME)?;
        if !email.is_empty() && !looks_like_email(&email) {
            return Err(Error::invalid("email", InvalidReason::BadEmail));
        }
        let web = short_text(self.web, "web", MAX_NAME)?;
        let web_ok = web.is_empty() || web.starts_with("https://") || web.starts_with("http://");
        if !web_ok {
            return Err(Error::invalid("web", InvalidReason::BadWeb));
        }
        let hours = OpeningHours::parse(&self.hours)?.to_rules();
        let mut languages = self
            .languages
            .iter()
            .map(|code| code.trim().to_lowercase())
            .collect::<Vec<_>>();
        dedup_in_order(&mut languages);
        if languages
            .iter()
            .any(|code| code.len() != 2 || !code.chars().all(|c| c.is_ascii_lowercase()))
        {
            return Err(Error::invalid("languages", InvalidReason::Unknown));
        }

        Ok(Self {
            key,
            organisation,
            service,
            description,
            service_types,
            areas,
            address: short_text(self.address, "address", MAX_NAME)?,
            confidential_address: short_text(
                self.confidential_address,
                "confidentialAddress",
                MAX_NAME,
            )?,
            phones,
            email,
            web,
            messenger: short_text(self.messenger, "messenger", MAX_NAME)?,
            hours,
            languages,
            notes,
            verified_on: self.verified_on,
            verified_by: short_text(self.verified_by, "verifiedBy", MAX_NAME)?,
        })
    }

    /// The hotline regions whose consultants see this entry in their region
    /// filter (nationwide entries belong to every region).
    pub fn regions(&self) -> Vec<Region> {
        Region::ALL
            .into_iter()
            .filter(|region| {
                self.areas.iter().any(|area| match area {
                    Area::Nationwide => true,
                    Area::Municipality { code } => {
                        municipality::find(code).is_some_and(|m| m.region == *region)
                    }
                    Area::Abroad { .. } => false,
                })
            })
            .collect()
    }
}

fn dedup_in_order<T: PartialEq + Clone>(items: &mut Vec<T>) {
    let mut seen: Vec<T> = Vec::with_capacity(items.len());
    items.retain(|item| {
        if seen.contains(item) {
            false
        } else {
            seen.push(item.clone());
            true
        }
    });
}

fn short_text(text: String, field: &'static str, max: usize) -> Result<String> {
    let text = text.trim().to_owned();
    if text.chars().count() > max {
        return Err(Error::invalid(field, InvalidReason::TooLong));
    }
    Ok(text)
}

fn looks_like_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text.contains(char::is_whitespace)
}

/// An entry as the directory shows it to the signed-in account. For a
/// consultant the confidential address is blanked; `hasConfidentialAddress`
/// says there is one to open on purpose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReferralEntry {
    pub id: Uuid,
    #[serde(flatten)]
    pub input: ReferralInput,
    pub retired: bool,
    pub has_confidential_address: bool,
    pub updated_at: DateTime<Utc>,
    pub regions: Vec<Region>,
    /// Phones as read aloud (`+371 67898343`), in the order of `phones`.
    pub phones_display: Vec<String>,
    /// The hours as people read them; `None` when unknown.
    pub hours_text: Option<Localized>,
    /// Open at the time of the search (Rīga time); `None` when hours are unknown.
    pub open_now: Option<bool>,
    /// Not verified in the last 12 months (or never).
    pub needs_verification: bool,
    /// Name, service, phones, e-mail, web and public address as plain text, for
    /// the clipboard. Never the confidential address.
    pub contact_text: String,
}

/// Months after which an entry's details are flagged for checking.
pub const VERIFY_EVERY_MONTHS: u32 = 12;

impl ReferralEntry {
    pub(crate) fn new(
        id: Uuid,
        input: ReferralInput,
        retired: bool,
        updated_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Self {
        let hours = OpeningHours::parse(&input.hours).unwrap_or_default();
        let phones_display = input
            .phones
            .iter()
            .map(|entry| phone::display(&entry.number))
            .collect::<Vec<_>>();
        let today = now.date_naive();
        let needs_verification = input
            .verified_on
            .and_then(|day| day.checked_add_months(chrono::Months::new(VERIFY_EVERY_MONTHS)))
            .is_none_or(|due| due <= today);
        let contact_text = contact_text(&input, &phones_display);
        Self {
            id,
            regions: input.regions(),
            has_confidential_address: !input.confidential_address.is_empty(),
            phones_display,
            hours_text: (!hours.is_unknown()).then(|| hours.describe()),
            open_now: hours.is_open_at(now),
            needs_verification,
            contact_text,
            input,
            retired,
            updated_at,
        }
    }

    /// Hides the confidential address from an account that did not open it.
    pub(crate) fn without_confidential_address(mut self) -> Self {
        self.input.confidential_address.clear();
        self
    }
}

fn contact_text(input: &ReferralInput, phones_display: &[String]) -> String {
    let mut lines = vec![format!("{} — {}", input.organisation.lv, input.service.lv)];
    for (entry, shown) in input.phones.iter().zip(phones_display) {
        if entry.label.is_empty() {
            lines.push(shown.clone());
        } else {
            lines.push(format!("{shown} ({})", entry.label));
        }
    }
    for extra in [&input.email, &input.web, &input.messenger, &input.address] {
        if !extra.is_empty() {
            lines.push(extra.clone());
        }
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn shelter() -> ReferralInput {
        ReferralInput {
            key: "drosa-maja-riga".into(),
            organisation: Texts::lv("Patvērums \"Drošā māja\""),
            service: Texts::lv("Konsultācijas"),
            service_types: vec![ServiceType::Ngo, ServiceType::Shelter, ServiceType::Ngo],
            areas: vec![Area::parse("Rīga").expect("riga"), Area::Nationwide],
            phones: vec![Phone {
                number: "6789 8343".into(),
                label: "I-V 9:00-20:00".into(),
            }],
            hours: "mon-fri 09:00-20:00".into(),
            languages: vec!["LV".into(), "ru".into()],
            confidential_address: "  Slepenā iela 1 ".into(),
            ..ReferralInput::default()
        }
    }

    #[test]
    fn validation_brings_fields_to_canonical_form() {
        let valid = shelter().validated().expect("valid");
        assert_eq!(
            valid.service_types,
            vec![ServiceType::Ngo, ServiceType::Shelter]
        );
        assert_eq!(valid.phones[0].number, "+37167898343");
        assert_eq!(valid.hours, "Mon-Fri 09:00-20:00");
        assert_eq!(valid.languages, vec!["lv", "ru"]);
        assert_eq!(valid.confidential_address, "Slepenā iela 1");
        assert_eq!(
            valid.regions(),
            Region::ALL.to_vec(),
            "nationwide serves every region"
        );
    }

    #[test]
    fn each_bad_field_is_named() {
        type Spoil = fn(&mut ReferralInput);
        let cases: Vec<(Spoil, &str)> = vec![
            (|i| i.key = "Drošā māja".into(), "key"),
            (|i| i.organisation.lv.clear(), "organisation"),
            (|i| i.service.lv = "  ".into(), "service"),
            (|i| i.service_types.clear(), "serviceTypes"),
            (
                |i| {
                    i.areas = vec![Area::Municipality {
                        code: "atlantida".into(),
                    }]
                },
                "areas",
            ),
            (|i| i.phones[0].number = "12ab".into(), "phones"),
            (|i| i.email = "not-an-address".into(), "email"),
            (|i| i.web = "www.example.lv".into(), "web"),
            (|i| i.hours = "whenever".into(), "hours"),
            (|i| i.languages = vec!["latvian".into()], "languages"),
        ];
        for (spoil, field) in cases {
            let mut input = shelter();
            spoil(&mut input);
            match input.validated() {
                Err(Error::InvalidInput { field: named, .. }) => assert_eq!(named, field),
                other => panic!("{field}: expected an error naming it, got {other:?}"),
            }
        }
    }

    #[test]
    fn areas_parse_from_the_csv_spelling() {
        assert_eq!(
            Area::parse("abroad:gb").expect("gb"),
            Area::Abroad {
                country: "GB".into()
            }
        );
        assert_eq!(
            Area::parse("Rēzeknes novads").expect("novads"),
            Area::Municipality {
                code: "rezeknes-novads".into()
            }
        );
        assert!(Area::parse("abroad:XX").is_err());
        let latgale = ReferralInput {
            areas: vec![Area::parse("rezekne").expect("city")],
            ..shelter()
        };
        assert_eq!(latgale.regions(), vec![Region::Latgale]);
    }

    #[test]
    fn entries_unverified_for_a_year_are_flagged_and_contact_text_hides_the_secret_address() {
        let now = DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z")
            .expect("time")
            .with_timezone(&Utc);
        let mut input = shelter().validated().expect("valid");
        input.verified_on = NaiveDate::from_ymd_opt(2025, 11, 24);
        let fresh = ReferralEntry::new(Uuid::nil(), input.clone(), false, now, now);
        assert!(!fresh.needs_verification);
        input.verified_on = NaiveDate::from_ymd_opt(2025, 11, 23);
        let stale = ReferralEntry::new(Uuid::nil(), input, false, now, now);
        assert!(stale.needs_verification);
        assert!(stale
            .contact_text
            .contains("+371 67898343 (I-V 9:00-20:00)"));
        assert!(!stale.contact_text.contains("Slepenā"));
        assert!(stale.has_confidential_address);
        assert_eq!(stale.open_now, Some(true), "Monday 12:00 in Rīga");
        assert!(stale
            .without_confidential_address()
            .input
            .confidential_address
            .is_empty());
    }
}
