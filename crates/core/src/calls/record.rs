//! The call record: what a consultant notes about one call, and the rules every
//! field must follow. The UI and the CLI get the same errors because the rules
//! live here.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::screening::TraffickingIndicator;
use super::{case_ref, countries};
use crate::categories::{Line, Subject};
use crate::error::{Error, InvalidReason, Result};
use crate::region::Region;

/// Reads one call or an array of calls from JSON (the CLI's `call add`).
/// Syntax and type errors name the field by its path (`referrals[0].to`);
/// the values are then checked by the same rules as the app's.
pub fn calls_from_json(text: &str) -> Result<Vec<CallDetails>> {
    let trimmed = text.trim_start();
    let deserializer = &mut serde_json::Deserializer::from_str(text);
    let calls = if trimmed.starts_with('[') {
        serde_path_to_error::deserialize::<_, Vec<CallDetails>>(deserializer)
    } else {
        serde_path_to_error::deserialize::<_, CallDetails>(deserializer).map(|call| vec![call])
    }
    .map_err(|error| Error::InvalidJson {
        path: error.path().to_string(),
        detail: error.inner().to_string(),
    })?;
    calls
        .into_iter()
        .map(|call| call.normalised(Completeness::Final))
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Direction {
    Incoming,
    Outgoing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum CallerRole {
    PersonAtRiskOrVictim,
    RelativeOrFriend,
    Professional,
    Employer,
    Anonymous,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Gender {
    Female,
    Male,
    Other,
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum AgeGroup {
    Under18,
    From18To24,
    From25To34,
    From35To49,
    From50To64,
    From65,
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum CallerLanguage {
    Latvian,
    Russian,
    English,
    Other,
}

/// How a caller agreed to be contacted back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ContactBack {
    NoConsent,
    Phone,
    Sms,
    Email,
    Messenger,
    InPerson,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum RiskLevel {
    Low,
    Medium,
    High,
}

/// How a call ended, coded so reports can count it. The last three are
/// calls without a conversation, logged with one key and no subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum CallOutcome {
    InformationGiven,
    Referred,
    FollowUpAgreed,
    HelpDeclined,
    Silent,
    WrongNumber,
    HungUp,
}

impl CallOutcome {
    pub const ALL: [Self; 7] = [
        Self::InformationGiven,
        Self::Referred,
        Self::FollowUpAgreed,
        Self::HelpDeclined,
        Self::Silent,
        Self::WrongNumber,
        Self::HungUp,
    ];

    /// Whether anyone spoke: a silent, wrong-number or hung-up call needs
    /// no caller, subject or line to be finished.
    pub fn had_conversation(self) -> bool {
        !matches!(self, Self::Silent | Self::WrongNumber | Self::HungUp)
    }
}

/// What the caller agreed the hotline may pass on to the organisation they
/// are referred to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SharedDetail {
    Name,
    Contact,
    Address,
    Situation,
    Documents,
}

/// Where a referral stands, as the consultant learns it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ReferralStatus {
    Made,
    Contacted,
    Accepted,
    Declined,
    NoAnswer,
}

impl ReferralStatus {
    pub const ALL: [Self; 5] = [
        Self::Made,
        Self::Contacted,
        Self::Accepted,
        Self::Declined,
        Self::NoAnswer,
    ];
}

/// One referral made during the call, with the caller's consent to it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Referral {
    /// Who the caller was sent to, as shown in the call (the directory entry's
    /// organisation and service when one is linked, free text otherwise).
    pub to: String,
    /// The directory entry, when the referral was picked from the directory.
    /// Retired entries stay readable, so old calls keep their link.
    #[serde(default)]
    pub entry_id: Option<Uuid>,
    pub caller_consented: bool,
    /// When the caller consented; set by the form as the box is ticked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub consented_at: Option<DateTime<Utc>>,
    /// What the caller agreed may be passed on; only with consent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<SharedDetail>>", optional)]
    pub shared: Vec<SharedDetail>,
    /// Where the referral stands; none on calls logged before it was kept,
    /// which read as made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub status: Option<ReferralStatus>,
    /// When the status was last set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub status_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FollowUp {
    pub due: NaiveDate,
    /// The account that does it.
    pub assignee: Uuid,
    pub done_at: Option<DateTime<Utc>>,
    /// What came of it, written when it is marked done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub outcome: Option<String>,
}

/// Everything the form edits. Identity, author and status are kept apart, in
/// [`StoredCall`], so the form can never change them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallDetails {
    pub started_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
    pub line: Option<Line>,
    pub direction: Direction,
    pub region: Region,
    pub caller_role: Option<CallerRole>,
    pub gender: Option<Gender>,
    pub age_group: Option<AgeGroup>,
    pub language: Option<CallerLanguage>,
    pub contact_back: Option<ContactBack>,
    pub subjects: Vec<Subject>,
    /// ISO 3166-1 alpha-2, upper case: the destination or current country.
    pub country: Option<String>,
    pub risk: Option<RiskLevel>,
    pub immediate_danger: bool,
    pub advice_given: String,
    pub referrals: Vec<Referral>,
    pub follow_up: Option<FollowUp>,
    pub notes: String,
    /// The pseudonymous case reference ("K-0042") that links repeat calls.
    pub case_ref: Option<String>,
    /// How the call ended; none on calls logged before it was kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub outcome: Option<CallOutcome>,
    /// What an anonymised call keeps of its case reference: a keyed hash
    /// under the organisation's secret, the same for every call of the case,
    /// so persons per period still count; the reference itself is gone.
    /// Only retention writes it; the form never does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub case_key: Option<String>,
    /// The trafficking-indicator checklist: none when the call was not
    /// screened, empty when it was and nothing was observed, so reports
    /// can tell "not asked" from "asked, none found".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub indicators: Option<Vec<TraffickingIndicator>>,
}

const MAX_NOTES_CHARS: usize = 20_000;
const MAX_SHORT_TEXT_CHARS: usize = 500;
const MAX_REFERRALS: usize = 30;

/// How complete a record must be: drafts may be partial, a finished call not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Completeness {
    Draft,
    Final,
}

impl CallDetails {
    /// A new call starting at `now` in the consultant's home region.
    pub fn starting(now: DateTime<Utc>, region: Region) -> Self {
        Self {
            started_at: now,
            ended_at: None,
            line: None,
            direction: Direction::Incoming,
            region,
            caller_role: None,
            gender: None,
            age_group: None,
            language: None,
            contact_back: None,
            subjects: Vec::new(),
            country: None,
            risk: None,
            immediate_danger: false,
            advice_given: String::new(),
            referrals: Vec::new(),
            follow_up: None,
            notes: String::new(),
            case_ref: None,
            outcome: None,
            case_key: None,
            indicators: None,
        }
    }

    /// Trims text, upper-cases the country, sorts subjects; then checks every
    /// rule for `completeness`, naming the first field that breaks one.
    pub fn normalised(mut self, completeness: Completeness) -> Result<Self> {
        self.case_key = None;
        self.notes = self.notes.trim().to_owned();
        self.advice_given = self.advice_given.trim().to_owned();
        self.subjects.sort();
        self.subjects.dedup();
        if let Some(indicators) = &mut self.indicators {
            indicators.sort();
            indicators.dedup();
        }
        self.country = self
            .country
            .map(|code| code.trim().to_uppercase())
            .filter(|code| !code.is_empty());
        self.case_ref = self
            .case_ref
            .map(|reference| case_ref::normalise(&reference))
            .filter(|reference| !reference.is_empty());
        for referral in &mut self.referrals {
            referral.to = referral.to.trim().to_owned();
            referral.shared.sort();
            referral.shared.dedup();
            if referral.status.is_none() {
                referral.status_at = None;
            }
        }
        self.check(completeness)?;
        Ok(self)
    }

    fn check(&self, completeness: Completeness) -> Result<()> {
        if let Some(ended) = self.ended_at {
            if ended < self.started_at {
                return Err(Error::invalid("endedAt", InvalidReason::OutOfRange));
            }
        }
        if let Some(country) = &self.country {
            if !countries::is_known(country) {
                return Err(Error::invalid("country", InvalidReason::Unknown));
            }
        }
        if let Some(reference) = &self.case_ref {
            if !case_ref::is_case_ref(reference) {
                return Err(Error::invalid("caseRef", InvalidReason::BadCharacters));
            }
        }
        check_length(&self.notes, "notes", MAX_NOTES_CHARS)?;
        if let Some(outcome) = self.follow_up.as_ref().and_then(|f| f.outcome.as_deref()) {
            check_length(outcome, "followUp", MAX_SHORT_TEXT_CHARS * 4)?;
        }
        check_length(&self.advice_given, "adviceGiven", MAX_SHORT_TEXT_CHARS * 4)?;
        if self.referrals.len() > MAX_REFERRALS {
            return Err(Error::invalid("referrals", InvalidReason::TooLong));
        }
        for referral in &self.referrals {
            if referral.to.is_empty() {
                return Err(Error::invalid("referrals", InvalidReason::Empty));
            }
            check_length(&referral.to, "referrals", MAX_SHORT_TEXT_CHARS)?;
            let consent_without_box =
                referral.consented_at.is_some() || !referral.shared.is_empty();
            if consent_without_box && !referral.caller_consented {
                return Err(Error::invalid("referrals", InvalidReason::ConsentMissing));
            }
        }
        let conversation = self.outcome.is_none_or(CallOutcome::had_conversation);
        if completeness == Completeness::Final && conversation {
            if self.line.is_none() {
                return Err(Error::invalid("line", InvalidReason::Empty));
            }
            if self.caller_role.is_none() {
                return Err(Error::invalid("callerRole", InvalidReason::Empty));
            }
            if self.subjects.is_empty() {
                return Err(Error::invalid("subjects", InvalidReason::Empty));
            }
        }
        Ok(())
    }
}

fn check_length(text: &str, field: &'static str, max_chars: usize) -> Result<()> {
    if text.chars().count() > max_chars {
        return Err(Error::invalid(field, InvalidReason::TooLong));
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum CallStatus {
    Draft,
    Final,
}

/// A call as stored: its details plus who logged it and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StoredCall {
    pub id: Uuid,
    pub status: CallStatus,
    pub consultant: Uuid,
    /// Whether a caller's number was entered (only its keyed hash is kept).
    pub has_caller_number: bool,
    pub updated_at: DateTime<Utc>,
    /// Versions kept in the history (edits after finishing).
    pub version: u32,
    pub details: CallDetails,
    /// Two devices edited the same version; the history shows both edits.
    pub edited_on_two_devices: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_795_000_000, 0).expect("time")
    }

    #[test]
    fn a_draft_may_be_partial_but_a_final_call_needs_line_role_and_subject() {
        let draft = CallDetails::starting(now(), Region::Riga);
        assert!(draft.clone().normalised(Completeness::Draft).is_ok());
        let error = draft
            .clone()
            .normalised(Completeness::Final)
            .expect_err("incomplete");
        assert!(matches!(error, Error::InvalidInput { field: "line", .. }));
        let complete = CallDetails {
            line: Some(Line::LATGALE),
            caller_role: Some(CallerRole::Anonymous),
            subjects: vec![Subject::FORCED_LABOUR],
            ..draft
        };
        assert!(complete.normalised(Completeness::Final).is_ok());
    }

    #[test]
    fn a_call_without_a_conversation_needs_no_line_caller_or_subject() {
        for outcome in [
            CallOutcome::Silent,
            CallOutcome::WrongNumber,
            CallOutcome::HungUp,
        ] {
            let quick = CallDetails {
                outcome: Some(outcome),
                ..CallDetails::starting(now(), Region::Riga)
            };
            assert!(quick.normalised(Completeness::Final).is_ok(), "{outcome:?}");
        }
        let spoke = CallDetails {
            outcome: Some(CallOutcome::InformationGiven),
            ..CallDetails::starting(now(), Region::Riga)
        };
        assert!(matches!(
            spoke.normalised(Completeness::Final),
            Err(Error::InvalidInput { field: "line", .. })
        ));
    }

    #[test]
    fn what_may_be_passed_on_needs_the_callers_consent() {
        let referral = Referral {
            to: "Valsts policija".into(),
            shared: vec![
                SharedDetail::Situation,
                SharedDetail::Name,
                SharedDetail::Name,
            ],
            consented_at: Some(now()),
            ..Referral::default()
        };
        let without = CallDetails {
            referrals: vec![referral.clone()],
            ..CallDetails::starting(now(), Region::Riga)
        };
        assert!(matches!(
            without.normalised(Completeness::Draft),
            Err(Error::InvalidInput {
                field: "referrals",
                reason: InvalidReason::ConsentMissing,
            })
        ));
        let with = CallDetails {
            referrals: vec![Referral {
                caller_consented: true,
                status_at: Some(now()),
                ..referral
            }],
            ..CallDetails::starting(now(), Region::Riga)
        }
        .normalised(Completeness::Draft)
        .expect("consented");
        let kept = &with.referrals[0];
        assert_eq!(kept.shared, [SharedDetail::Name, SharedDetail::Situation]);
        assert_eq!(kept.status_at, None, "no status, so no time of one");
    }

    #[test]
    fn a_call_logged_before_outcomes_and_statuses_reads_as_it_was() {
        let old = r#"{"to":"Patvērums","entryId":null,"callerConsented":true}"#;
        let referral: Referral = serde_json::from_str(old).expect("an old referral");
        assert_eq!(referral.status, None);
        assert!(referral.shared.is_empty());
        assert_eq!(
            serde_json::to_string(&referral).expect("json"),
            old,
            "written back unchanged"
        );
    }

    #[test]
    fn country_and_case_reference_are_normalised_and_checked() {
        let details = CallDetails {
            country: Some(" gb ".into()),
            case_ref: Some("k-0042".into()),
            subjects: vec![Subject::OTHER, Subject::SHAM_MARRIAGE, Subject::OTHER],
            ..CallDetails::starting(now(), Region::Riga)
        }
        .normalised(Completeness::Draft)
        .expect("valid");
        assert_eq!(details.country.as_deref(), Some("GB"));
        assert_eq!(details.case_ref.as_deref(), Some("K-0042"));
        assert_eq!(
            details.subjects,
            vec![Subject::OTHER, Subject::SHAM_MARRIAGE],
            "once each, by code"
        );

        let unknown = CallDetails {
            country: Some("XX".into()),
            ..CallDetails::starting(now(), Region::Riga)
        };
        assert!(matches!(
            unknown.normalised(Completeness::Draft),
            Err(Error::InvalidInput {
                field: "country",
                ..
            })
        ));
        let bad_ref = CallDetails {
            case_ref: Some("Jānis".into()),
            ..CallDetails::starting(now(), Region::Riga)
        };
        assert!(matches!(
            bad_ref.normalised(Completeness::Draft),
            Err(Error::InvalidInput {
                field: "caseRef",
                ..
            })
        ));
    }

    #[test]
    fn screening_keeps_not_screened_apart_from_none_observed() {
        let not_screened = CallDetails::starting(now(), Region::Riga)
            .normalised(Completeness::Draft)
            .expect("valid");
        assert_eq!(not_screened.indicators, None);
        let json = serde_json::to_string(&not_screened).expect("json");
        assert!(!json.contains("indicators"), "an old reader sees no change");

        let none_observed = CallDetails {
            indicators: Some(Vec::new()),
            ..CallDetails::starting(now(), Region::Riga)
        };
        let json = serde_json::to_string(&none_observed).expect("json");
        let read: CallDetails = serde_json::from_str(&json).expect("read");
        assert_eq!(read.indicators, Some(Vec::new()), "screened, none observed");

        let observed = CallDetails {
            indicators: Some(vec![
                TraffickingIndicator::Isolation,
                TraffickingIndicator::Debt,
                TraffickingIndicator::Isolation,
            ]),
            ..CallDetails::starting(now(), Region::Riga)
        }
        .normalised(Completeness::Draft)
        .expect("valid");
        assert_eq!(
            observed.indicators,
            Some(vec![
                TraffickingIndicator::Debt,
                TraffickingIndicator::Isolation
            ]),
            "once each, in the checklist's order"
        );
    }

    #[test]
    fn an_end_before_the_start_is_refused() {
        let details = CallDetails {
            ended_at: Some(now() - chrono::Duration::minutes(1)),
            ..CallDetails::starting(now(), Region::Riga)
        };
        assert!(matches!(
            details.normalised(Completeness::Draft),
            Err(Error::InvalidInput {
                field: "endedAt",
                ..
            })
        ));
    }

    #[test]
    fn an_empty_referral_is_refused() {
        let details = CallDetails {
            referrals: vec![Referral {
                to: "  ".into(),
                entry_id: None,
                caller_consented: true,
                ..Default::default()
            }],
            ..CallDetails::starting(now(), Region::Riga)
        };
        assert!(details.normalised(Completeness::Draft).is_err());
    }
}

#[cfg(test)]
mod json_tests {
    use super::*;

    const CALL: &str = r#"{"startedAt":"2026-11-23T08:00:00Z","endedAt":null,"line":"latgale",
        "direction":"incoming","region":"latgale","callerRole":"anonymous","gender":null,
        "ageGroup":null,"language":null,"contactBack":null,"subjects":["forcedLabour"],
        "country":"gb","risk":null,"immediateDanger":false,"adviceGiven":"","referrals":[],
        "followUp":null,"notes":"","caseRef":null}"#;

    #[test]
    fn one_call_or_an_array_is_read_and_normalised() {
        let one = calls_from_json(CALL).expect("one");
        assert_eq!(one[0].country.as_deref(), Some("GB"));
        let many = calls_from_json(&format!("[{CALL},{CALL}]")).expect("array");
        assert_eq!(many.len(), 2);
    }

    #[test]
    fn errors_name_the_field_by_its_path() {
        let bad_variant = CALL.replace("\"forcedLabour\"", "\"forced labour\"");
        match calls_from_json(&bad_variant) {
            Err(Error::InvalidJson { path, .. }) => assert_eq!(path, "subjects[0]"),
            other => panic!("{other:?}"),
        }
        let missing = CALL.replace("\"line\":\"latgale\",", "");
        assert!(
            matches!(
                calls_from_json(&missing),
                Err(Error::InvalidInput { field: "line", .. })
            ),
            "a missing optional field is checked like an empty one"
        );
        let missing_required = CALL.replace("\"subjects\":[\"forcedLabour\"],", "");
        match calls_from_json(&missing_required) {
            Err(Error::InvalidJson { detail, .. }) => {
                assert!(detail.contains("subjects"), "{detail}")
            }
            other => panic!("{other:?}"),
        }
        let invalid_value = CALL.replace("\"gb\"", "\"XX\"");
        assert!(matches!(
            calls_from_json(&invalid_value),
            Err(Error::InvalidInput {
                field: "country",
                ..
            })
        ));
        assert!(matches!(
            calls_from_json("{ not json"),
            Err(Error::InvalidJson { .. })
        ));
    }
}
