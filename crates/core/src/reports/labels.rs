//! The names reports print, in Latvian, English and Russian (call subjects
//! and lines excepted: their names are the organisation's, in `categories`).
//! They match the UI's wording (`ui/src/i18n`); the core needs its own copy
//! because the XLSX and CSV files are written here, not in the UI.

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
    Localized::new("Nav norādīts", "Not recorded", "Не указано"),
);

/// The row for referrals typed as free text or to an entry this device does
/// not hold: their text is not shown, since it was typed during a call.
pub const NOT_IN_DIRECTORY: (&str, Localized) = (
    "notInDirectory",
    Localized::new(
        "Nav no kataloga",
        "Not from the directory",
        "Не из справочника",
    ),
);

/// The row for calls whose trafficking-indicator checklist was not filled in.
pub const NOT_SCREENED: (&str, Localized) = (
    "notScreened",
    Localized::new("Nav pārbaudīts", "Not screened", "Не проверено"),
);

/// The row for calls screened with no indicator observed.
pub const NONE_OBSERVED: (&str, Localized) = (
    "noneObserved",
    Localized::new(
        "Pārbaudīts, pazīmes nav novērotas",
        "Screened, none observed",
        "Проверено, признаков не выявлено",
    ),
);

/// The cover sheet's name.
pub const COVER_SHEET: Localized = Localized::new("Atskaite", "Report", "Отчёт");

/// A breakdown's sheet name: short, since a sheet name has at most 31 characters.
pub fn sheet_name(kind: BreakdownKind) -> Localized {
    match kind {
        BreakdownKind::Month => Localized::new("Mēneši", "Months", "Месяцы"),
        BreakdownKind::Region => Localized::new("Reģioni", "Regions", "Регионы"),
        BreakdownKind::Line => Localized::new("Līnijas", "Lines", "Линии"),
        BreakdownKind::Direction => Localized::new("Virziens", "Direction", "Направление звонка"),
        BreakdownKind::Subject => Localized::new("Tēmas", "Subjects", "Темы"),
        BreakdownKind::CallerRole => Localized::new("Zvanītāji", "Callers", "Звонящие"),
        BreakdownKind::Gender => Localized::new("Dzimums", "Gender", "Пол"),
        BreakdownKind::AgeGroup => Localized::new("Vecums", "Age", "Возраст"),
        BreakdownKind::Language => Localized::new("Valoda", "Language", "Язык"),
        BreakdownKind::Country => Localized::new("Valstis", "Countries", "Страны"),
        BreakdownKind::Risk => Localized::new("Risks", "Risk", "Риск"),
        BreakdownKind::ReferralServiceType => {
            Localized::new("Pakalpojumi", "Referral services", "Услуги")
        }
        BreakdownKind::ReferralOrganisation => {
            Localized::new("Organizācijas", "Referral organisations", "Организации")
        }
        BreakdownKind::ReferralStatus => Localized::new(
            "Nosūtījumu statuss",
            "Referral status",
            "Статус направлений",
        ),
        BreakdownKind::FollowUp => {
            Localized::new("Turpmākās darbības", "Follow-ups", "Дальнейшие действия")
        }
        BreakdownKind::Outcome => Localized::new("Iznākums", "Outcome", "Итог звонка"),
        BreakdownKind::TraffickingIndicator => Localized::new("Pazīmes", "Indicators", "Признаки"),
    }
}

pub fn title(kind: BreakdownKind) -> Localized {
    match kind {
        BreakdownKind::Month => Localized::new("Pa mēnešiem", "By month", "По месяцам"),
        BreakdownKind::Region => Localized::new("Pa reģioniem", "By region", "По регионам"),
        BreakdownKind::Line => Localized::new(
            "Pa līnijām un kanāliem",
            "By line or channel",
            "По линиям и каналам",
        ),
        BreakdownKind::Direction => Localized::new(
            "Ienākošie un izejošie",
            "By direction",
            "Входящие и исходящие",
        ),
        BreakdownKind::Subject => Localized::new("Pa tēmām", "By subject", "По темам"),
        BreakdownKind::CallerRole => Localized::new("Pa zvanītājiem", "By caller", "По звонящим"),
        BreakdownKind::Gender => Localized::new("Pa dzimumiem", "By gender", "По полу"),
        BreakdownKind::AgeGroup => {
            Localized::new("Pa vecuma grupām", "By age group", "По возрастным группам")
        }
        BreakdownKind::Language => {
            Localized::new("Pa sarunas valodām", "By language", "По языку общения")
        }
        BreakdownKind::Country => Localized::new(
            "Pa galamērķa valstīm",
            "By destination country",
            "По стране назначения",
        ),
        BreakdownKind::Risk => {
            Localized::new("Pa riska līmeņiem", "By risk level", "По уровню риска")
        }
        BreakdownKind::ReferralServiceType => Localized::new(
            "Nosūtījumi pa pakalpojumu veidiem",
            "Referrals by service type",
            "Направления по видам услуг",
        ),
        BreakdownKind::ReferralOrganisation => Localized::new(
            "Nosūtījumi pa organizācijām",
            "Referrals by organisation",
            "Направления по организациям",
        ),
        BreakdownKind::ReferralStatus => Localized::new(
            "Nosūtījumi pa statusiem",
            "Referrals by status",
            "Направления по статусу",
        ),
        BreakdownKind::FollowUp => {
            Localized::new("Turpmākās darbības", "Follow-ups", "Дальнейшие действия")
        }
        BreakdownKind::Outcome => {
            Localized::new("Pa zvana iznākumiem", "By outcome", "По итогам звонков")
        }
        BreakdownKind::TraffickingIndicator => Localized::new(
            "Cilvēku tirdzniecības pazīmes",
            "Trafficking indicators",
            "Признаки торговли людьми",
        ),
    }
}

/// How the rows relate to the total: printed under every table, because a
/// reader adding up the subjects must know why they exceed the calls.
pub fn note(kind: BreakdownKind) -> Localized {
    match kind {
        BreakdownKind::Subject => Localized::new(
            "Zvanu ar vairākām tēmām uzskaita vienu reizi katrā no tām, tāpēc rindu summa var pārsniegt kopējo zvanu skaitu. Lietas: dažādu lietu numuru skaits.",
            "A call with several subjects is counted once under each of them, so the rows can add up to more than the total. Cases: distinct case references.",
            "Звонок с несколькими темами учитывается один раз в каждой из них, поэтому сумма строк может превышать общее число звонков. Дела: число разных номеров дел.",
        ),
        BreakdownKind::ReferralServiceType
        | BreakdownKind::ReferralOrganisation
        | BreakdownKind::ReferralStatus => Localized::new(
            "Zvani ar vismaz vienu nosūtījumu. Zvanu ar vairākiem nosūtījumiem uzskaita vienu reizi katrā rindā, tāpēc rindu summa var pārsniegt kopsummu. Lietas: dažādu lietu numuru skaits.",
            "Calls with at least one referral. A call with several referrals is counted once in each row, so the rows can add up to more than the total. Cases: distinct case references.",
            "Звонки хотя бы с одним направлением. Звонок с несколькими направлениями учитывается один раз в каждой строке, поэтому сумма строк может превышать итог. Дела: число разных номеров дел.",
        ),
        BreakdownKind::TraffickingIndicator => Localized::new(
            "Zvanu ar vairākām pazīmēm uzskaita vienu reizi katrā no tām, tāpēc rindu summa var pārsniegt kopsummu. «Nav pārbaudīts»: zvani, kuros pazīmju saraksts netika aizpildīts. Lietas: dažādu lietu numuru skaits.",
            "A call with several indicators is counted once under each of them, so the rows can add up to more than the total. \"Not screened\": calls whose checklist was not filled in. Cases: distinct case references.",
            "Звонок с несколькими признаками учитывается один раз в каждой из соответствующих строк, поэтому сумма строк может превышать итог. «Не проверено»: звонки, в которых перечень признаков не заполнялся. Дела: число различных номеров дел.",
        ),
        BreakdownKind::FollowUp => Localized::new(
            "Zvani ar turpmākām darbībām; termiņu salīdzina ar atskaites sagatavošanas dienu. Lietas: dažādu lietu numuru skaits.",
            "Calls with a follow-up; due dates are compared with the day the report was made. Cases: distinct case references.",
            "Звонки с дальнейшими действиями; сроки сравниваются с днём составления отчёта. Дела: число разных номеров дел.",
        ),
        _ => Localized::new(
            "Katrs zvans ir vienā rindā. Lietas: dažādu lietu numuru skaits; viena lieta var būt vairākās rindās, zvani bez lietas numura netiek skaitīti.",
            "Each call is in one row. Cases: distinct case references; one case can appear in several rows, calls without one are not counted.",
            "Каждый звонок учитывается в одной строке. Дела: число разных номеров дел; одно дело может быть в нескольких строках, звонки без номера дела не учитываются.",
        ),
    }
}

pub const DIRECTIONS: [Direction; 2] = [Direction::Incoming, Direction::Outgoing];

pub fn direction(direction: Direction) -> Localized {
    match direction {
        Direction::Incoming => Localized::new("Ienākošs", "Incoming", "Входящий"),
        Direction::Outgoing => Localized::new("Izejošs", "Outgoing", "Исходящий"),
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
            "Человек в группе риска или пострадавший",
        ),
        CallerRole::RelativeOrFriend => Localized::new(
            "Radinieks vai draugs",
            "Relative or friend",
            "Родственник или друг",
        ),
        CallerRole::Professional => Localized::new("Speciālists", "Professional", "Специалист"),
        CallerRole::Employer => Localized::new("Darba devējs", "Employer", "Работодатель"),
        CallerRole::Anonymous => Localized::new("Anonīms", "Anonymous", "Анонимный звонящий"),
        CallerRole::Other => Localized::new("Cits", "Other", "Другое"),
    }
}

pub const GENDERS: [Gender; 4] = [Gender::Female, Gender::Male, Gender::Other, Gender::Unknown];

pub fn gender(gender: Gender) -> Localized {
    match gender {
        Gender::Female => Localized::new("Sieviete", "Female", "Женщина"),
        Gender::Male => Localized::new("Vīrietis", "Male", "Мужчина"),
        Gender::Other => Localized::new("Cits", "Other", "Другое"),
        Gender::Unknown => Localized::new("Nav zināms", "Unknown", "Неизвестно"),
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
        AgeGroup::Under18 => Localized::new("Jaunāks par 18", "Under 18", "Младше 18 лет"),
        AgeGroup::From18To24 => Localized::new("18–24", "18–24", "18–24"),
        AgeGroup::From25To34 => Localized::new("25–34", "25–34", "25–34"),
        AgeGroup::From35To49 => Localized::new("35–49", "35–49", "35–49"),
        AgeGroup::From50To64 => Localized::new("50–64", "50–64", "50–64"),
        AgeGroup::From65 => Localized::new("65 un vecāks", "65 or older", "65 и старше"),
        AgeGroup::Unknown => Localized::new("Nav zināms", "Unknown", "Неизвестно"),
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
        CallerLanguage::Latvian => Localized::new("Latviešu", "Latvian", "Латышский"),
        CallerLanguage::Russian => Localized::new("Krievu", "Russian", "Русский"),
        CallerLanguage::English => Localized::new("Angļu", "English", "Английский"),
        CallerLanguage::Other => Localized::new("Cita", "Other", "Другой"),
    }
}

pub const RISK_LEVELS: [RiskLevel; 3] = [RiskLevel::Low, RiskLevel::Medium, RiskLevel::High];

pub fn risk(risk: RiskLevel) -> Localized {
    match risk {
        RiskLevel::Low => Localized::new("Zems", "Low", "Низкий"),
        RiskLevel::Medium => Localized::new("Vidējs", "Medium", "Средний"),
        RiskLevel::High => Localized::new("Augsts", "High", "Высокий"),
    }
}

pub fn service_type(kind: ServiceType) -> Localized {
    match kind {
        ServiceType::SocialService => {
            Localized::new("Sociālais dienests", "Social service", "Социальная служба")
        }
        ServiceType::Police => Localized::new("Policija", "Police", "Полиция"),
        ServiceType::LabourInspectorate => {
            Localized::new("Darba inspekcija", "Labour inspectorate", "Инспекция труда")
        }
        ServiceType::Shelter => Localized::new("Patversme", "Shelter", "Приют"),
        ServiceType::PsychologicalHelp => Localized::new(
            "Psiholoģiskā palīdzība",
            "Psychological help",
            "Психологическая помощь",
        ),
        ServiceType::HealthCare => {
            Localized::new("Veselības aprūpe", "Health care", "Медицинская помощь")
        }
        ServiceType::LegalAid => {
            Localized::new("Juridiskā palīdzība", "Legal aid", "Юридическая помощь")
        }
        ServiceType::Employment => Localized::new("Nodarbinātība", "Employment", "Занятость"),
        ServiceType::Embassy => Localized::new("Vēstniecība", "Embassy", "Посольство"),
        ServiceType::Ngo => Localized::new(
            "Nevalstiskā organizācija",
            "NGO",
            "Неправительственная организация",
        ),
        ServiceType::Other => Localized::new("Cits", "Other", "Другое"),
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
            Localized::new("Izdarīts termiņā", "Done on time", "Выполнено в срок"),
        ),
        (
            FOLLOW_UP_DONE_LATE,
            Localized::new(
                "Izdarīts pēc termiņa",
                "Done late",
                "Выполнено с опозданием",
            ),
        ),
        (
            FOLLOW_UP_OPEN,
            Localized::new(
                "Atvērts, termiņš vēl nav pienācis",
                "Open, not yet due",
                "Открыто, срок ещё не наступил",
            ),
        ),
        (
            FOLLOW_UP_OVERDUE,
            Localized::new(
                "Nokavēts, nav izdarīts",
                "Overdue, not done",
                "Просрочено, не выполнено",
            ),
        ),
    ]
}

/// "11.2026" for the key "2026-11": the UI's dd.mm.yyyy style, without the day.
pub fn month(year: i32, month: u32) -> Localized {
    Localized::untranslated(&format!("{month:02}.{year}"))
}

pub const OUTCOMES: [CallOutcome; 7] = CallOutcome::ALL;

pub fn outcome(outcome: CallOutcome) -> Localized {
    match outcome {
        CallOutcome::InformationGiven => Localized::new(
            "Sniegta informācija",
            "Information given",
            "Предоставлена информация",
        ),
        CallOutcome::Referred => Localized::new("Nosūtīts", "Referred", "Направлен"),
        CallOutcome::FollowUpAgreed => Localized::new(
            "Norunātas turpmākās darbības",
            "Follow-up agreed",
            "Договорились о дальнейших действиях",
        ),
        CallOutcome::HelpDeclined => Localized::new(
            "Atteicās no palīdzības",
            "Help declined",
            "Отказался от помощи",
        ),
        CallOutcome::Silent => Localized::new("Kluss zvans", "Silent call", "Молчаливый звонок"),
        CallOutcome::WrongNumber => {
            Localized::new("Kļūdains numurs", "Wrong number", "Ошиблись номером")
        }
        CallOutcome::HungUp => Localized::new("Nolika klausuli", "Hung up", "Положили трубку"),
    }
}

pub const REFERRAL_STATUSES: [ReferralStatus; 5] = ReferralStatus::ALL;

pub fn referral_status(status: ReferralStatus) -> Localized {
    match status {
        ReferralStatus::Made => Localized::new("Nosūtīts", "Made", "Направлен"),
        ReferralStatus::Contacted => Localized::new("Sazinājās", "Contacted", "Связались"),
        ReferralStatus::Accepted => Localized::new("Pieņemts", "Accepted", "Принят"),
        ReferralStatus::Declined => Localized::new("Atteikts", "Declined", "Отказано"),
        ReferralStatus::NoAnswer => Localized::new("Neatbild", "No answer", "Не отвечает"),
    }
}

pub const TRAFFICKING_INDICATORS: [TraffickingIndicator; 7] = TraffickingIndicator::ALL;

/// An indicator group's name, as the call form's checklist words it.
pub fn trafficking_indicator(indicator: TraffickingIndicator) -> Localized {
    match indicator {
        TraffickingIndicator::DeceptionAboutWork => Localized::new(
            "Maldināšana par darbu",
            "Deception about work",
            "Обман о работе",
        ),
        TraffickingIndicator::DocumentsWithheld => Localized::new(
            "Aizturēti dokumenti",
            "Documents withheld",
            "Удержание документов",
        ),
        TraffickingIndicator::Debt => Localized::new("Parāds", "Debt", "Долг"),
        TraffickingIndicator::RestrictedMovement => Localized::new(
            "Ierobežota pārvietošanās",
            "Restricted movement",
            "Ограничение передвижения",
        ),
        TraffickingIndicator::ThreatsOrViolence => Localized::new(
            "Draudi vai vardarbība",
            "Threats or violence",
            "Угрозы или насилие",
        ),
        TraffickingIndicator::Isolation => Localized::new("Izolācija", "Isolation", "Изоляция"),
        TraffickingIndicator::PoorConditions => Localized::new(
            "Slikti dzīves vai darba apstākļi",
            "Poor living or working conditions",
            "Плохие условия жизни или труда",
        ),
    }
}
