//! The names reports print, in Latvian and English (call subjects and lines
//! excepted: their names are the organisation's, in `categories`). They match the UI's
//! wording (`ui/src/i18n`); the core needs its own copy because the XLSX and
//! CSV files are written here, not in the UI.

use crate::calls::{
    AgeGroup, CallOutcome, CallerLanguage, CallerRole, Direction, Gender, ReferralStatus,
    RiskLevel, TraffickingIndicator,
};
use crate::i18n::Localized;
use crate::referrals::ServiceType;

use super::model::BreakdownKind;

/// The row for an optional field left empty.
pub const NOT_RECORDED: (&str, Localized) = (
    "notRecorded",
    Localized::new("Nav norādīts", "Not recorded"),
);

/// The row for referrals typed as free text or to an entry this device does
/// not hold: their text is not shown, since it was typed during a call.
pub const NOT_IN_DIRECTORY: (&str, Localized) = (
    "notInDirectory",
    Localized::new("Nav no kataloga", "Not from the directory"),
);

/// The row for calls whose trafficking-indicator checklist was not filled in.
pub const NOT_SCREENED: (&str, Localized) = (
    "notScreened",
    Localized::new("Nav pārbaudīts", "Not screened"),
);

/// The row for calls screened with no indicator observed.
pub const NONE_OBSERVED: (&str, Localized) = (
    "noneObserved",
    Localized::new(
        "Pārbaudīts, pazīmes nav novērotas",
        "Screened, none observed",
    ),
);

/// The cover sheet's name.
pub const COVER_SHEET: Localized = Localized::new("Atskaite", "Report");

/// A breakdown's sheet name: short, since a sheet name has at most 31 characters.
pub fn sheet_name(kind: BreakdownKind) -> Localized {
    match kind {
        BreakdownKind::Month => Localized::new("Mēneši", "Months"),
        BreakdownKind::Region => Localized::new("Reģioni", "Regions"),
        BreakdownKind::Line => Localized::new("Līnijas", "Lines"),
        BreakdownKind::Direction => Localized::new("Virziens", "Direction"),
        BreakdownKind::Subject => Localized::new("Tēmas", "Subjects"),
        BreakdownKind::CallerRole => Localized::new("Zvanītāji", "Callers"),
        BreakdownKind::Gender => Localized::new("Dzimums", "Gender"),
        BreakdownKind::AgeGroup => Localized::new("Vecums", "Age"),
        BreakdownKind::Language => Localized::new("Valoda", "Language"),
        BreakdownKind::Country => Localized::new("Valstis", "Countries"),
        BreakdownKind::Risk => Localized::new("Risks", "Risk"),
        BreakdownKind::ReferralServiceType => Localized::new("Pakalpojumi", "Referral services"),
        BreakdownKind::ReferralOrganisation => {
            Localized::new("Organizācijas", "Referral organisations")
        }
        BreakdownKind::ReferralStatus => Localized::new("Nosūtījumu statuss", "Referral status"),
        BreakdownKind::FollowUp => Localized::new("Turpmākās darbības", "Follow-ups"),
        BreakdownKind::Outcome => Localized::new("Iznākums", "Outcome"),
        BreakdownKind::TraffickingIndicator => Localized::new("Pazīmes", "Indicators"),
    }
}

pub fn title(kind: BreakdownKind) -> Localized {
    match kind {
        BreakdownKind::Month => Localized::new("Pa mēnešiem", "By month"),
        BreakdownKind::Region => Localized::new("Pa reģioniem", "By region"),
        BreakdownKind::Line => Localized::new("Pa līnijām un kanāliem", "By line or channel"),
        BreakdownKind::Direction => Localized::new("Ienākošie un izejošie", "By direction"),
        BreakdownKind::Subject => Localized::new("Pa tēmām", "By subject"),
        BreakdownKind::CallerRole => Localized::new("Pa zvanītājiem", "By caller"),
        BreakdownKind::Gender => Localized::new("Pa dzimumiem", "By gender"),
        BreakdownKind::AgeGroup => Localized::new("Pa vecuma grupām", "By age group"),
        BreakdownKind::Language => Localized::new("Pa sarunas valodām", "By language"),
        BreakdownKind::Country => Localized::new("Pa galamērķa valstīm", "By destination country"),
        BreakdownKind::Risk => Localized::new("Pa riska līmeņiem", "By risk level"),
        BreakdownKind::ReferralServiceType => Localized::new(
            "Nosūtījumi pa pakalpojumu veidiem",
            "Referrals by service type",
        ),
        BreakdownKind::ReferralOrganisation => {
            Localized::new("Nosūtījumi pa organizācijām", "Referrals by organisation")
        }
        BreakdownKind::ReferralStatus => {
            Localized::new("Nosūtījumi pa statusiem", "Referrals by status")
        }
        BreakdownKind::FollowUp => Localized::new("Turpmākās darbības", "Follow-ups"),
        BreakdownKind::Outcome => Localized::new("Pa zvana iznākumiem", "By outcome"),
        BreakdownKind::TraffickingIndicator => {
            Localized::new("Cilvēku tirdzniecības pazīmes", "Trafficking indicators")
        }
    }
}

/// How the rows relate to the total: printed under every table, because a
/// reader adding up the subjects must know why they exceed the calls.
pub fn note(kind: BreakdownKind) -> Localized {
    match kind {
        BreakdownKind::Subject => Localized::new(
            "Zvanu ar vairākām tēmām uzskaita vienu reizi katrā no tām, tāpēc rindu summa var pārsniegt kopējo zvanu skaitu. Lietas: dažādu lietu numuru skaits.",
            "A call with several subjects is counted once under each of them, so the rows can add up to more than the total. Cases: distinct case references.",
        ),
        BreakdownKind::ReferralServiceType
        | BreakdownKind::ReferralOrganisation
        | BreakdownKind::ReferralStatus => Localized::new(
            "Zvani ar vismaz vienu nosūtījumu. Zvanu ar vairākiem nosūtījumiem uzskaita vienu reizi katrā rindā, tāpēc rindu summa var pārsniegt kopsummu. Lietas: dažādu lietu numuru skaits.",
            "Calls with at least one referral. A call with several referrals is counted once in each row, so the rows can add up to more than the total. Cases: distinct case references.",
        ),
        BreakdownKind::TraffickingIndicator => Localized::new(
            "Zvanu ar vairākām pazīmēm uzskaita vienu reizi katrā no tām, tāpēc rindu summa var pārsniegt kopsummu. «Nav pārbaudīts»: zvani, kuros pazīmju saraksts netika aizpildīts. Lietas: dažādu lietu numuru skaits.",
            "A call with several indicators is counted once under each of them, so the rows can add up to more than the total. \"Not screened\": calls whose checklist was not filled in. Cases: distinct case references.",
        ),
        BreakdownKind::FollowUp => Localized::new(
            "Zvani ar turpmākām darbībām; termiņu salīdzina ar atskaites sagatavošanas dienu. Lietas: dažādu lietu numuru skaits.",
            "Calls with a follow-up; due dates are compared with the day the report was made. Cases: distinct case references.",
        ),
        _ => Localized::new(
            "Katrs zvans ir vienā rindā. Lietas: dažādu lietu numuru skaits; viena lieta var būt vairākās rindās, zvani bez lietas numura netiek skaitīti.",
            "Each call is in one row. Cases: distinct case references; one case can appear in several rows, calls without one are not counted.",
        ),
    }
}

pub const DIRECTIONS: [Direction; 2] = [Direction::Incoming, Direction::Outgoing];

pub fn direction(direction: Direction) -> Localized {
    match direction {
        Direction::Incoming => Localized::new("Ienākošs", "Incoming"),
        Direction::Outgoing => Localized::new("Izejošs", "Outgoing"),
    }
}

pub const CALLER_ROLES: [CallerRole; 6] = [
    CallerRole::PersonAtRiskOrVictim,
    CallerRole::RelativeOrFriend,
    CallerRole::Professional,
    CallerRole::Employer,
    CallerRole::Anonymous,
    CallerRole::Other,
];

pub fn caller_role(role: CallerRole) -> Localized {
    match role {
        CallerRole::PersonAtRiskOrVictim => Localized::new(
            "Apdraudētā persona vai cietušais",
            "Person at risk or victim",
        ),
        CallerRole::RelativeOrFriend => {
            Localized::new("Radinieks vai draugs", "Relative or friend")
        }
        CallerRole::Professional => Localized::new("Speciālists", "Professional"),
        CallerRole::Employer => Localized::new("Darba devējs", "Employer"),
        CallerRole::Anonymous => Localized::new("Anonīms", "Anonymous"),
        CallerRole::Other => Localized::new("Cits", "Other"),
    }
}

pub const GENDERS: [Gender; 4] = [Gender::Female, Gender::Male, Gender::Other, Gender::Unknown];

pub fn gender(gender: Gender) -> Localized {
    match gender {
        Gender::Female => Localized::new("Sieviete", "Female"),
        Gender::Male => Localized::new("Vīrietis", "Male"),
        Gender::Other => Localized::new("Cits", "Other"),
        Gender::Unknown => Localized::new("Nav zināms", "Unknown"),
    }
}

pub const AGE_GROUPS: [AgeGroup; 7] = [
    AgeGroup::Under18,
    AgeGroup::From18To24,
    AgeGroup::From25To34,
    AgeGroup::From35To49,
    AgeGroup::From50To64,
    AgeGroup::From65,
    AgeGroup::Unknown,
];

pub fn age_group(group: AgeGroup) -> Localized {
    match group {
        AgeGroup::Under18 => Localized::new("Jaunāks par 18", "Under 18"),
        AgeGroup::From18To24 => Localized::new("18–24", "18–24"),
        AgeGroup::From25To34 => Localized::new("25–34", "25–34"),
        AgeGroup::From35To49 => Localized::new("35–49", "35–49"),
        AgeGroup::From50To64 => Localized::new("50–64", "50–64"),
        AgeGroup::From65 => Localized::new("65 un vecāks", "65 or older"),
        AgeGroup::Unknown => Localized::new("Nav zināms", "Unknown"),
    }
}

pub const LANGUAGES: [CallerLanguage; 4] = [
    CallerLanguage::Latvian,
    CallerLanguage::Russian,
    CallerLanguage::English,
    CallerLanguage::Other,
];

pub fn language(language: CallerLanguage) -> Localized {
    match language {
        CallerLanguage::Latvian => Localized::new("Latviešu", "Latvian"),
        CallerLanguage::Russian => Localized::new("Krievu", "Russian"),
        CallerLanguage::English => Localized::new("Angļu", "English"),
        CallerLanguage::Other => Localized::new("Cita", "Other"),
    }
}

pub const RISK_LEVELS: [RiskLevel; 3] = [RiskLevel::Low, RiskLevel::Medium, RiskLevel::High];

pub fn risk(risk: RiskLevel) -> Localized {
    match risk {
        RiskLevel::Low => Localized::new("Zems", "Low"),
        RiskLevel::Medium => Localized::new("Vidējs", "Medium"),
        RiskLevel::High => Localized::new("Augsts", "High"),
    }
}

pub fn service_type(kind: ServiceType) -> Localized {
    match kind {
        ServiceType::SocialService => Localized::new("Sociālais dienests", "Social service"),
        ServiceType::Police => Localized::new("Policija", "Police"),
        ServiceType::LabourInspectorate => {
            Localized::new("Darba inspekcija", "Labour inspectorate")
        }
        ServiceType::Shelter => Localized::new("Patversme", "Shelter"),
        ServiceType::PsychologicalHelp => {
            Localized::new("Psiholoģiskā palīdzība", "Psychological help")
        }
        ServiceType::HealthCare => Localized::new("Veselības aprūpe", "Health care"),
        ServiceType::LegalAid => Localized::new("Juridiskā palīdzība", "Legal aid"),
        ServiceType::Employment => Localized::new("Nodarbinātība", "Employment"),
        ServiceType::Embassy => Localized::new("Vēstniecība", "Embassy"),
        ServiceType::Ngo => Localized::new("Nevalstiskā organizācija", "NGO"),
        ServiceType::Other => Localized::new("Cits", "Other"),
    }
}

pub const FOLLOW_UP_DONE_ON_TIME: &str = "doneOnTime";
pub const FOLLOW_UP_DONE_LATE: &str = "doneLate";
pub const FOLLOW_UP_OPEN: &str = "open";
pub const FOLLOW_UP_OVERDUE: &str = "overdue";

/// The follow-up rows in order: done (on time, late), then still open.
pub fn follow_up_rows() -> [(&'static str, Localized); 4] {
    [
        (
            FOLLOW_UP_DONE_ON_TIME,
            Localized::new("Izdarīts termiņā", "Done on time"),
        ),
        (
            FOLLOW_UP_DONE_LATE,
            Localized::new("Izdarīts pēc termiņa", "Done late"),
        ),
        (
            FOLLOW_UP_OPEN,
            Localized::new("Atvērts, termiņš vēl nav pienācis", "Open, not yet due"),
        ),
        (
            FOLLOW_UP_OVERDUE,
            Localized::new("Nokavēts, nav izdarīts", "Overdue, not done"),
        ),
    ]
}

/// "11.2026" for the key "2026-11": the UI's dd.mm.yyyy style, without the day.
pub fn month(year: i32, month: u32) -> Localized {
    let text = format!("{month:02}.{year}");
    Localized::owned(text.clone(), text)
}

pub const OUTCOMES: [CallOutcome; 7] = CallOutcome::ALL;

pub fn outcome(outcome: CallOutcome) -> Localized {
    match outcome {
        CallOutcome::InformationGiven => Localized::new("Sniegta informācija", "Information given"),
        CallOutcome::Referred => Localized::new("Nosūtīts", "Referred"),
        CallOutcome::FollowUpAgreed => {
            Localized::new("Norunātas turpmākās darbības", "Follow-up agreed")
        }
        CallOutcome::HelpDeclined => Localized::new("Atteicās no palīdzības", "Help declined"),
        CallOutcome::Silent => Localized::new("Kluss zvans", "Silent call"),
        CallOutcome::WrongNumber => Localized::new("Kļūdains numurs", "Wrong number"),
        CallOutcome::HungUp => Localized::new("Nolika klausuli", "Hung up"),
    }
}

pub const REFERRAL_STATUSES: [ReferralStatus; 5] = ReferralStatus::ALL;

pub fn referral_status(status: ReferralStatus) -> Localized {
    match status {
        ReferralStatus::Made => Localized::new("Nosūtīts", "Made"),
        ReferralStatus::Contacted => Localized::new("Sazinājās", "Contacted"),
        ReferralStatus::Accepted => Localized::new("Pieņemts", "Accepted"),
        ReferralStatus::Declined => Localized::new("Atteikts", "Declined"),
        ReferralStatus::NoAnswer => Localized::new("Neatbild", "No answer"),
    }
}

pub const TRAFFICKING_INDICATORS: [TraffickingIndicator; 7] = TraffickingIndicator::ALL;

/// An indicator group's name, as the call form's checklist words it.
pub fn trafficking_indicator(indicator: TraffickingIndicator) -> Localized {
    match indicator {
        TraffickingIndicator::DeceptionAboutWork => {
            Localized::new("Maldināšana par darbu", "Deception about work")
        }
        TraffickingIndicator::DocumentsWithheld => {
            Localized::new("Aizturēti dokumenti", "Documents withheld")
        }
        TraffickingIndicator::Debt => Localized::new("Parāds", "Debt"),
        TraffickingIndicator::RestrictedMovement => {
            Localized::new("Ierobežota pārvietošanās", "Restricted movement")
        }
        TraffickingIndicator::ThreatsOrViolence => {
            Localized::new("Draudi vai vardarbība", "Threats or violence")
        }
        TraffickingIndicator::Isolation => Localized::new("Izolācija", "Isolation"),
        TraffickingIndicator::PoorConditions => Localized::new(
            "Slikti dzīves vai darba apstākļi",
            "Poor living or working conditions",
        ),
    }
}
