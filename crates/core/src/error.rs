//! Two tiers of errors: a rich [`Error`] inside the crate, and the small
//! [`PublicError`] that crosses the IPC and CLI boundary with a stable code and a
//! message a consultant can act on, in Latvian, English and Russian.
//!
//! No variant carries personal data: logins, names, notes and passphrases never
//! appear in an error, so an error can be logged or shown anywhere.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::i18n::Localized;
use hotline_protocol::identity::CertificateError;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("this device is not set up yet")]
    NotSetUp,
    #[error("this device is already set up")]
    AlreadySetUp,
    #[error("a database from an unfinished set-up exists at {0}")]
    UnfinishedSetUp(PathBuf),
    #[error("the login or passphrase is wrong")]
    WrongCredentials,
    #[error("too many failed unlock attempts; retry in {retry_after_seconds} s")]
    Throttled { retry_after_seconds: u64 },
    #[error("only a supervisor may do this")]
    SupervisorOnly,
    #[error("invalid {field}: {reason}")]
    InvalidInput {
        field: &'static str,
        reason: InvalidReason,
    },
    #[error("an account with this login already exists")]
    LoginTaken,
    #[error("no account with this login")]
    UnknownAccount,
    #[error("no such call, or not one this account may see")]
    CallNotFound,
    #[error("the call is finished; edit it instead")]
    CallAlreadyFinished,
    #[error("the call is still a draft; finish it first")]
    CallNotFinal,
    #[error("the JSON is not valid at {path}: {detail}")]
    InvalidJson { path: String, detail: String },
    #[error("no such referral directory entry")]
    ReferralNotFound,
    #[error("another directory entry already has this key")]
    ReferralKeyTaken,
    #[error("the file was not imported: {} problem(s)", .0.len())]
    ImportRejected(Vec<ImportProblem>),
    #[error("the database is damaged: {0}")]
    DatabaseCorrupt(String),
    #[error("the key file {path} is damaged: {reason}")]
    KeyFileCorrupt { path: PathBuf, reason: String },
    #[error("the database is newer than this app (schema version {found}, app knows {known})")]
    DatabaseTooNew { found: usize, known: usize },
    #[error("cannot read or write {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("database migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("no platform data directory: set HOTLINE_DATA_DIR or pass --data-dir")]
    NoDataDir,
    #[error("the app is locked")]
    Locked,
    #[error("this device is not connected to a sync server")]
    SyncNotConfigured,
    #[error("this device is already connected to a sync server")]
    AlreadyConnected,
    #[error("the sync round was stopped on request")]
    SyncCancelled,
    #[error("the long work was stopped on request; nothing was changed or kept")]
    LongWorkCancelled,
    #[error("cannot reach the sync server: {0}")]
    ServerUnreachable(String),
    #[error("the sync server asks this device to wait {retry_after_seconds} s")]
    ServerBusy { retry_after_seconds: u64 },
    #[error("the sync server's certificate is not trusted: {0}")]
    ServerCertificateUntrusted(String),
    #[error("the sync server does not accept this device (revoked or unknown)")]
    DeviceNotAuthorised,
    #[error("the sync server refused the request ({status}): {message}")]
    ServerRejected { status: u16, message: String },
    #[error("the sync server's answer is not valid: {0}")]
    SyncProtocol(String),
    #[error("a synced record failed its integrity check")]
    EnvelopeTampered,
    #[error("the text is not a valid enrolment package")]
    EnrolmentPackageInvalid,
    #[error("the enrolment code does not open this package")]
    EnrolmentCodeWrong,
    #[error("the enrolment package has expired")]
    EnrolmentExpired,
    #[error("the enrolment package has already joined another computer")]
    EnrolmentAlreadyUsed,
    /// A synced record its signing device was not allowed to write; it is
    /// quarantined, never shown as an error on its own.
    #[error("a synced record was written by a device not allowed to write it")]
    RecordNotPermitted,
    #[error("the call was anonymised after the retention period and can no longer change")]
    CallRemoved,
    #[error("this account was disabled by a supervisor")]
    AccountDisabled,
    #[error("a supervisor may not change their own role or disable their own account")]
    OwnAccountChange,
    #[error("a category with this code already exists")]
    CategoryCodeTaken,
    #[error("{calls} call(s) have this category; retire it instead")]
    CategoryInUse { calls: u64 },
    #[error("no such category")]
    CategoryNotFound,
    #[error("the file is not a usable backup: {0}")]
    BackupInvalid(String),
    #[error("the backup belongs to another organisation than this device's")]
    BackupOtherOrganisation,
    #[error("the system random number generator failed")]
    Random,
    #[error("a background task stopped before it finished")]
    BackgroundTaskFailed,
    #[error("the update was not offered: {0:?}")]
    UpdateRefused(UpdateRefusal),
    #[error("no update is offered to install")]
    NoUpdateOffered,
    #[error("the update could not be installed: {0}")]
    UpdateNotInstalled(String),
    #[error("a call form is open")]
    CallFormOpen,
}

/// Why an input was rejected; the UI highlights `field` and shows the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum InvalidReason {
    Empty,
    TooLong,
    TooShort,
    BadCharacters,
    Unknown,
    Mismatch,
    OutOfRange,
    BadPhone,
    BadHours,
    BadEmail,
    BadWeb,
    BadKey,
    NotYourRegion,
    BadServerUrl,
    BadCertificate,
    AlreadyDone,
    AssigneeNotInRegion,
    BadCode,
    Retired,
    /// What may be passed on to a referral, or when the caller agreed, was
    /// given without the caller's consent.
    ConsentMissing,
    /// Publication mode's k outside 3..=1000: below 3 it hides nothing,
    /// above 1000 nearly everything.
    MinCellOutOfRange,
}

impl std::fmt::Display for InvalidReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl InvalidReason {
    fn message(self) -> Localized {
        match self {
            Self::Empty => Localized::new(
                "Lauks ir jāaizpilda.",
                "This field is required.",
                "Поле нужно заполнить.",
            ),
            Self::TooLong => Localized::new(
                "Teksts ir par garu.",
                "The text is too long.",
                "Текст слишком длинный.",
            ),
            Self::TooShort => Localized::new(
                "Parole ir par īsu: vajag vismaz 10 rakstzīmes.",
                "The passphrase is too short: use at least 10 characters.",
                "Пароль слишком короткий: нужно не менее 10 символов.",
            ),
            Self::BadCharacters => Localized::new(
                "Lietotājvārdā drīkst būt tikai mazie latīņu burti, cipari, punkts, domuzīme un pasvītra (2–32 rakstzīmes).",
                "A login may only contain lowercase Latin letters, digits, dot, hyphen and underscore (2–32 characters).",
                "Имя пользователя может содержать только строчные латинские буквы, цифры, точку, дефис и подчёркивание (2–32 символа).",
            ),
            Self::Unknown => Localized::new(
                "Nezināma vērtība: izvēlieties no saraksta.",
                "Unknown value: choose one from the list.",
                "Неизвестное значение: выберите из списка.",
            ),
            Self::Mismatch => Localized::new(
                "Paroles nesakrīt: ievadiet to pašu paroli abos laukos.",
                "The passphrases do not match: type the same one in both fields.",
                "Пароли не совпадают: введите один и тот же пароль в оба поля.",
            ),
            Self::OutOfRange => Localized::new(
                "Vērtība ir ārpus atļautā diapazona.",
                "The value is outside the allowed range.",
                "Значение вне допустимого диапазона.",
            ),
            Self::BadPhone => Localized::new(
                "Nederīgs tālruņa numurs: rakstiet +371 67898343, 8 ciparu Latvijas numuru vai īso numuru (112).",
                "Invalid phone number: write +371 67898343, an 8-digit Latvian number or a short number (112).",
                "Неверный номер телефона: укажите +371 67898343, латвийский номер из 8 цифр или короткий номер (112).",
            ),
            Self::BadHours => Localized::new(
                "Nesaprotams darba laiks: rakstiet, piem., \"Mon-Fri 09:00-17:00; Sat 10:00-14:00; 2026-12-24 closed\" vai \"24/7\".",
                "Opening hours not understood: write e.g. \"Mon-Fri 09:00-17:00; Sat 10:00-14:00; 2026-12-24 closed\" or \"24/7\".",
                "Часы работы не распознаны: укажите, напр., \"Mon-Fri 09:00-17:00; Sat 10:00-14:00; 2026-12-24 closed\" или \"24/7\".",
            ),
            Self::BadEmail => Localized::new(
                "Nederīga e-pasta adrese: rakstiet, piem., info@example.lv.",
                "Invalid e-mail address: write e.g. info@example.lv.",
                "Неверный адрес эл. почты: укажите, напр., info@example.lv.",
            ),
            Self::BadWeb => Localized::new(
                "Nederīga tīmekļa adrese: tai jāsākas ar https:// vai http://.",
                "Invalid web address: it must start with https:// or http://.",
                "Неверный адрес сайта: он должен начинаться с https:// или http://.",
            ),
            Self::NotYourRegion => Localized::new(
                "Konsultants reģistrē tikai sava reģiona zvanus. Izvēlieties savu reģionu vai lūdziet supervizoru.",
                "A consultant records calls of their own region only. Choose your region or ask a supervisor.",
                "Консультант регистрирует звонки только своего региона. Выберите свой регион или обратитесь к супервизору.",
            ),
            Self::BadServerUrl => Localized::new(
                "Nederīga servera adrese: rakstiet https://serveris.example.lv (http:// der tikai šim datoram, piem., http://127.0.0.1:8443).",
                "Invalid server address: write https://server.example.lv (http:// only for this computer, e.g. http://127.0.0.1:8443).",
                "Неверный адрес сервера: укажите https://server.example.lv (http:// допустим только для этого компьютера, напр., http://127.0.0.1:8443).",
            ),
            Self::AlreadyDone => Localized::new(
                "Šī turpmākā darbība jau ir atzīmēta kā izdarīta.",
                "This follow-up is already marked done.",
                "Это дальнейшее действие уже отмечено как выполненное.",
            ),
            Self::AssigneeNotInRegion => Localized::new(
                "Turpmāko darbību var uzticēt tikai šī zvana reģiona kolēģim vai supervizoram.",
                "A follow-up can go only to a colleague of the call's region or to a supervisor.",
                "Дальнейшее действие можно поручить только коллеге из региона звонка или супервизору.",
            ),
            Self::BadCertificate => Localized::new(
                "Nederīgs sertifikāts: vajag PEM failu, kas sākas ar -----BEGIN CERTIFICATE-----.",
                "Invalid certificate: a PEM file starting with -----BEGIN CERTIFICATE----- is needed.",
                "Неверный сертификат: нужен файл PEM, начинающийся с -----BEGIN CERTIFICATE-----.",
            ),
            Self::BadCode => Localized::new(
                "Kodā drīkst būt tikai latīņu burti un cipari, tas sākas ar mazo burtu (piem., forcedLabour), 2–40 rakstzīmes.",
                "A code may only contain Latin letters and digits and starts with a lowercase letter (e.g. forcedLabour), 2–40 characters.",
                "Код может содержать только латинские буквы и цифры и начинается со строчной буквы (напр., forcedLabour), 2–40 символов.",
            ),
            Self::Retired => Localized::new(
                "Supervizors šo tēmu ir slēdzis: izvēlieties citu.",
                "A supervisor has retired this subject: choose another.",
                "Супервизор вывел эту тему из использования: выберите другую.",
            ),
            Self::ConsentMissing => Localized::new(
                "Ko drīkst nodot, var atzīmēt tikai tad, ja zvanītājs piekrita nosūtījumam: atzīmējiet piekrišanu.",
                "What may be passed on can be recorded only when the caller agreed to the referral: tick the consent.",
                "Что можно передать, отмечается только если звонящий согласился на направление: отметьте согласие.",
            ),
            Self::BadKey => Localized::new(
                "Atslēgā drīkst būt tikai mazie latīņu burti, cipari un domuzīme (piem., drosa-maja-riga).",
                "A key may only contain lowercase Latin letters, digits and hyphens (e.g. drosa-maja-riga).",
                "Ключ может содержать только строчные латинские буквы, цифры и дефисы (напр., drosa-maja-riga).",
            ),
            Self::MinCellOutOfRange => Localized::new(
                "Publicēšanas režīma k jābūt veselam skaitlim no 3 līdz 1000. Izlabojiet to un palaidiet atskaiti vēlreiz.",
                "Publication mode's k must be a whole number from 3 to 1000. Correct it and run the report again.",
                "k в режиме публикации должно быть целым числом от 3 до 1000. Исправьте его и сформируйте отчёт ещё раз.",
            ),
        }
    }
}

/// A routing field or stamp off the wire that is not in its canonical form.
impl From<hotline_protocol::ProtocolError> for Error {
    fn from(error: hotline_protocol::ProtocolError) -> Self {
        Self::SyncProtocol(error.to_string())
    }
}

impl Error {
    pub fn invalid(field: &'static str, reason: InvalidReason) -> Self {
        Self::InvalidInput { field, reason }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Io {
            path: path.into(),
            source,
        }
    }

    /// The stable code the UI and scripts branch on.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::NotSetUp => ErrorCode::NotSetUp,
            Self::AlreadySetUp => ErrorCode::AlreadySetUp,
            Self::UnfinishedSetUp(_) => ErrorCode::UnfinishedSetUp,
            Self::WrongCredentials => ErrorCode::WrongCredentials,
            Self::Throttled { .. } => ErrorCode::Throttled,
            Self::SupervisorOnly => ErrorCode::SupervisorOnly,
            Self::InvalidInput { .. } => ErrorCode::InvalidInput,
            Self::LoginTaken => ErrorCode::LoginTaken,
            Self::UnknownAccount => ErrorCode::UnknownAccount,
            Self::CallNotFound => ErrorCode::CallNotFound,
            Self::CallAlreadyFinished => ErrorCode::CallAlreadyFinished,
            Self::CallNotFinal => ErrorCode::CallNotFinal,
            Self::InvalidJson { .. } => ErrorCode::InvalidInput,
            Self::ReferralNotFound => ErrorCode::ReferralNotFound,
            Self::ReferralKeyTaken => ErrorCode::ReferralKeyTaken,
            Self::ImportRejected(_) => ErrorCode::ImportRejected,
            Self::DatabaseCorrupt(_) => ErrorCode::DatabaseCorrupt,
            Self::KeyFileCorrupt { .. } => ErrorCode::KeyFileCorrupt,
            Self::DatabaseTooNew { .. } => ErrorCode::DatabaseTooNew,
            Self::Io { .. } | Self::NoDataDir => ErrorCode::Storage,
            Self::Sqlite(_) | Self::Migration(_) | Self::Random | Self::BackgroundTaskFailed => {
                ErrorCode::Internal
            }
            Self::Locked => ErrorCode::Locked,
            Self::SyncNotConfigured => ErrorCode::SyncNotConfigured,
            Self::AlreadyConnected => ErrorCode::AlreadyConnected,
            Self::SyncCancelled => ErrorCode::SyncCancelled,
            Self::LongWorkCancelled => ErrorCode::LongWorkCancelled,
            Self::ServerUnreachable(_) => ErrorCode::ServerUnreachable,
            Self::ServerBusy { .. } => ErrorCode::ServerBusy,
            Self::DeviceNotAuthorised => ErrorCode::DeviceNotAuthorised,
            Self::ServerCertificateUntrusted(_) => ErrorCode::ServerCertificateUntrusted,
            Self::ServerRejected { .. } | Self::SyncProtocol(_) => ErrorCode::SyncFailed,
            Self::EnvelopeTampered | Self::RecordNotPermitted => ErrorCode::EnvelopeTampered,
            Self::EnrolmentPackageInvalid | Self::EnrolmentExpired | Self::EnrolmentAlreadyUsed => {
                ErrorCode::EnrolmentInvalid
            }
            Self::EnrolmentCodeWrong => ErrorCode::EnrolmentCodeWrong,
            Self::BackupInvalid(_) => ErrorCode::BackupInvalid,
            Self::BackupOtherOrganisation => ErrorCode::BackupOtherOrganisation,
            Self::CallRemoved => ErrorCode::CallRemoved,
            Self::AccountDisabled => ErrorCode::AccountDisabled,
            Self::OwnAccountChange => ErrorCode::OwnAccountChange,
            Self::CategoryCodeTaken => ErrorCode::CategoryCodeTaken,
            Self::CategoryInUse { .. } => ErrorCode::CategoryInUse,
            Self::CategoryNotFound => ErrorCode::CategoryNotFound,
            Self::UpdateRefused(_) => ErrorCode::UpdateRefused,
            Self::NoUpdateOffered => ErrorCode::NoUpdateOffered,
            Self::UpdateNotInstalled(_) => ErrorCode::UpdateNotInstalled,
            Self::CallFormOpen => ErrorCode::CallFormOpen,
        }
    }

    /// The error as the UI and the CLI show it.
    pub fn to_public(&self) -> PublicError {
        let (field, retry_after_seconds) = match self {
            Self::InvalidInput { field, .. } => (Some((*field).to_owned()), None),
            Self::InvalidJson { path, .. } => (Some(path.clone()), None),
            Self::Throttled {
                retry_after_seconds,
            }
            | Self::ServerBusy {
                retry_after_seconds,
            } => (None, Some(*retry_after_seconds)),
            _ => (None, None),
        };
        PublicError {
            code: self.code(),
            message: Box::new(self.message()),
            field,
            retry_after_seconds,
            problems: match self {
                Self::ImportRejected(problems) => Some(problems.clone()),
                _ => None,
            },
        }
    }

    fn message(&self) -> Localized {
        match self {
            Self::NotSetUp => Localized::new(
                "Šī ierīce vēl nav iestatīta: vispirms izveidojiet organizāciju un pirmo supervizoru.",
                "This device is not set up yet: first create the organisation and the first supervisor.",
                "Это устройство ещё не настроено: сначала создайте организацию и первого супервизора.",
            ),
            Self::AlreadySetUp => Localized::new(
                "Šī ierīce jau ir iestatīta: piesakieties ar savu lietotājvārdu.",
                "This device is already set up: sign in with your login.",
                "Это устройство уже настроено: войдите под своим именем пользователя.",
            ),
            Self::UnfinishedSetUp(path) => Localized::owned(
                format!(
                    "Atrasta nepabeigtas iestatīšanas datubāze ({}). Pārvietojiet to citur un mēģiniet vēlreiz.",
                    path.display(),
                ),
                format!(
                    "A database from an unfinished set-up was found ({}). Move it elsewhere and try again.",
                    path.display(),
                ),
                format!(
                    "Найдена база данных незавершённой настройки ({}). Переместите её в другое место и повторите попытку.",
                    path.display(),
                ),
            ),
            Self::WrongCredentials => Localized::new(
                "Nepareizs lietotājvārds vai parole. Pārbaudiet tastatūras valodu un Caps Lock un mēģiniet vēlreiz.",
                "Wrong login or passphrase. Check the keyboard language and Caps Lock, then try again.",
                "Неверное имя пользователя или пароль. Проверьте раскладку клавиатуры и Caps Lock и повторите попытку.",
            ),
            Self::Throttled {
                retry_after_seconds,
            } => Localized::owned(
                format!("Pārāk daudz neveiksmīgu mēģinājumu. Mēģiniet vēlreiz pēc {retry_after_seconds} s."),
                format!("Too many failed attempts. Try again in {retry_after_seconds} s."),
                format!("Слишком много неудачных попыток. Повторите через {retry_after_seconds} с."),
            ),
            Self::SupervisorOnly => Localized::new(
                "To drīkst darīt tikai supervizors. Lūdziet supervizoram palīdzību.",
                "Only a supervisor may do this. Ask a supervisor for help.",
                "Это может сделать только супервизор. Обратитесь за помощью к супервизору.",
            ),
            Self::InvalidInput { reason, .. } => reason.message(),
            Self::LoginTaken => Localized::new(
                "Šāds lietotājvārds jau ir. Izvēlieties citu.",
                "This login is already taken. Choose another one.",
                "Такое имя пользователя уже занято. Выберите другое.",
            ),
            Self::UnknownAccount => Localized::new(
                "Šādas lietotāja kontas nav. Pārbaudiet lietotājvārdu.",
                "There is no account with this login. Check the login.",
                "Учётной записи с таким именем пользователя нет. Проверьте имя пользователя.",
            ),
            Self::CallNotFound => Localized::new(
                "Šāds zvans nav atrasts vai nav pieejams jūsu reģionam. Atjaunojiet sarakstu.",
                "This call was not found or is not available to your region. Refresh the list.",
                "Звонок не найден или недоступен для вашего региона. Обновите список.",
            ),
            Self::CallAlreadyFinished => Localized::new(
                "Zvans jau ir pabeigts. Atveriet to no saraksta un labojiet.",
                "The call is already finished. Open it from the list to edit it.",
                "Звонок уже завершён. Откройте его из списка, чтобы исправить.",
            ),
            Self::CallNotFinal => Localized::new(
                "Zvans vēl ir melnraksts. Vispirms pabeidziet to.",
                "The call is still a draft. Finish it first.",
                "Звонок ещё является черновиком. Сначала завершите его.",
            ),
            Self::InvalidJson { path, detail } => Localized::owned(
                format!("JSON nav derīgs laukā \"{path}\": {detail}. Paraugu dod `hotline call example`."),
                format!("The JSON is not valid at \"{path}\": {detail}. `hotline call example` prints a valid one."),
                format!("JSON недействителен в поле \"{path}\": {detail}. Образец выводит `hotline call example`."),
            ),
            Self::ReferralNotFound => Localized::new(
                "Šāds kontakts katalogā nav atrasts. Atjaunojiet meklēšanu.",
                "This directory entry was not found. Search again.",
                "Запись справочника не найдена. Повторите поиск.",
            ),
            Self::ReferralKeyTaken => Localized::new(
                "Šāda atslēga katalogā jau ir. Izvēlieties citu vai labojiet esošo ierakstu.",
                "Another directory entry already has this key. Choose another or edit that entry.",
                "Запись справочника с таким ключом уже есть. Выберите другой ключ или исправьте ту запись.",
            ),
            Self::ImportRejected(problems) => Localized::owned(
                format!(
                    "Fails netika importēts: {} kļūda(s). Nekas netika mainīts: izlabojiet norādītās rindas un importējiet vēlreiz.",
                    problems.len(),
                ),
                format!(
                    "The file was not imported: {} problem(s). Nothing was changed: fix the rows listed and import again.",
                    problems.len(),
                ),
                format!(
                    "Файл не импортирован: ошибок — {}. Ничего не изменено: исправьте указанные строки и импортируйте снова.",
                    problems.len(),
                ),
            ),
            Self::DatabaseCorrupt(_) => Localized::new(
                "Datubāze ir bojāta, un dati netiek rādīti. Neko nedzēsiet: sazinieties ar supervizoru un atjaunojiet datus no rezerves kopijas.",
                "The database is damaged, so no data is shown. Do not delete anything: contact a supervisor and restore from a backup.",
                "База данных повреждена, поэтому данные не показываются. Ничего не удаляйте: обратитесь к супервизору и восстановите данные из резервной копии.",
            ),
            Self::KeyFileCorrupt { path, .. } => Localized::owned(
                format!(
                    "Atslēgu fails {} ir bojāts. Neko nedzēsiet: atjaunojiet to no rezerves kopijas.",
                    path.display(),
                ),
                format!(
                    "The key file {} is damaged. Do not delete anything: restore it from a backup.",
                    path.display(),
                ),
                format!(
                    "Файл ключей {} повреждён. Ничего не удаляйте: восстановите его из резервной копии.",
                    path.display(),
                ),
            ),
            Self::DatabaseTooNew { .. } => Localized::new(
                "Datubāzi ir izveidojusi jaunāka lietotnes versija. Atjauniniet lietotni.",
                "The database was written by a newer version of the app. Update the app.",
                "База данных создана более новой версией приложения. Обновите приложение.",
            ),
            Self::Io { path, source } => Localized::owned(
                format!(
                    "Nevar nolasīt vai ierakstīt {} ({source}). Pārbaudiet diska vietu un piekļuves tiesības.",
                    path.display(),
                ),
                format!(
                    "Cannot read or write {} ({source}). Check free disk space and permissions.",
                    path.display(),
                ),
                format!(
                    "Не удаётся прочитать или записать {} ({source}). Проверьте свободное место на диске и права доступа.",
                    path.display(),
                ),
            ),
            Self::NoDataDir => Localized::new(
                "Nav atrasta datu mape. Norādiet to ar HOTLINE_DATA_DIR vai --data-dir.",
                "No data directory found. Set one with HOTLINE_DATA_DIR or --data-dir.",
                "Папка данных не найдена. Укажите её с помощью HOTLINE_DATA_DIR или --data-dir.",
            ),
            Self::Locked => Localized::new(
                "Lietotne ir bloķēta: piesakieties vēlreiz.",
                "The app is locked: sign in again.",
                "Приложение заблокировано: войдите снова.",
            ),
            Self::SyncNotConfigured => Localized::new(
                "Šī ierīce nav pieslēgta sinhronizācijas serverim. Supervizors pirmo ierīci pieslēdz sadaļā “Sinhronizācija” (komandrindā: `hotline sync register`), bet citām ierīcēm tur izsniedz pieslēgšanās failu.",
                "This device is not connected to a sync server. A supervisor connects the first device in the Sync section (on the command line: `hotline sync register`) and issues the other devices their enrolment packages there.",
                "Это устройство не подключено к серверу синхронизации. Супервизор подключает первое устройство в разделе «Синхронизация» (в командной строке: `hotline sync register`) и там же выдаёт остальным устройствам файлы подключения.",
            ),
            Self::AlreadyConnected => Localized::new(
                "Šī ierīce jau ir pieslēgta sinhronizācijas serverim.",
                "This device is already connected to a sync server.",
                "Это устройство уже подключено к серверу синхронизации.",
            ),
            Self::SyncCancelled => Localized::new(
                "Sinhronizācija apturēta. Saņemtais ir saglabāts; nākamā sinhronizācija turpinās no vietas, kur tā apstājās.",
                "Sync was stopped. What was received is kept; the next sync goes on from where it stopped.",
                "Синхронизация остановлена. Полученное сохранено; следующая синхронизация продолжится с того места, где она остановилась.",
            ),
            Self::LongWorkCancelled => Localized::new(
                "Darbs apturēts. Nekas nav mainīts, un daļēji uzrakstīts fails nav atstāts; sāciet no jauna, kad vajag.",
                "The work was stopped. Nothing was changed and no partly written file was left; start it again when you need it.",
                "Работа остановлена. Ничего не изменено, и частично записанный файл не оставлен; начните заново, когда понадобится.",
            ),
            Self::ServerBusy {
                retry_after_seconds,
            } => Localized::owned(
                format!("Sinhronizācijas serveris lūdz šo ierīci pagaidīt {retry_after_seconds} s: tā nosūtījusi pārāk daudz pieprasījumu. Darbs turpinās; sinhronizācija mēģinās vēlreiz."),
                format!("The sync server asks this device to wait {retry_after_seconds} s: it sent too many requests. Work goes on; sync tries again."),
                format!("Сервер синхронизации просит это устройство подождать {retry_after_seconds} с: оно отправило слишком много запросов. Работа продолжается; синхронизация повторится."),
            ),
            Self::ServerUnreachable(reason) => Localized::owned(
                format!("Nevar sasniegt sinhronizācijas serveri ({reason}). Darbs turpinās bezsaistē; izmaiņas tiks nosūtītas, kad savienojums atjaunosies."),
                format!("Cannot reach the sync server ({reason}). Work continues offline; changes are sent when the connection returns."),
                format!("Сервер синхронизации недоступен ({reason}). Работа продолжается без сети; изменения будут отправлены, когда связь восстановится."),
            ),
            Self::CallRemoved => Localized::new(
                "Šis zvans pēc glabāšanas termiņa ir anonimizēts, un to vairs nevar mainīt. Statistikā tas joprojām tiek skaitīts.",
                "This call was anonymised after the retention period and can no longer be changed. It still counts in the statistics.",
                "Этот звонок обезличен по истечении срока хранения, и изменить его больше нельзя. В статистике он по-прежнему учитывается.",
            ),
            Self::AccountDisabled => Localized::new(
                "Šis konts ir atslēgts, un ar to vairs nevar ieiet nevienā datorā. Ja tā ir kļūda, vērsieties pie supervizora.",
                "This account has been disabled and can no longer unlock any laptop. If this is a mistake, ask a supervisor.",
                "Эта учётная запись отключена, и с ней больше нельзя войти ни на одном компьютере. Если это ошибка, обратитесь к супервизору.",
            ),
            Self::OwnAccountChange => Localized::new(
                "Savu lomu nevar mainīt, un savu kontu nevar atslēgt. To var izdarīt cits supervizors.",
                "You cannot change your own role or disable your own account. Another supervisor can.",
                "Нельзя изменить свою роль или отключить свою учётную запись. Это может сделать другой супервизор.",
            ),
            Self::CategoryCodeTaken => Localized::new(
                "Tēma ar šo kodu jau ir. Izvēlieties citu kodu.",
                "A subject with this code already exists. Choose another code.",
                "Тема с таким кодом уже есть. Выберите другой код.",
            ),
            Self::CategoryInUse { calls } => Localized::owned(
                format!("Šī tēma ir {calls} zvanam(-iem), tāpēc to nevar dzēst. Slēdziet to: jauniem zvaniem to vairs nepiedāvās, vecie paliks nemainīti."),
                format!("{calls} call(s) have this subject, so it cannot be deleted. Retire it instead: new calls will not offer it, old calls stay as they are."),
                format!("Звонков с этой темой: {calls}, поэтому её нельзя удалить. Выведите её из использования: новым звонкам она не будет предлагаться, прежние звонки останутся без изменений."),
            ),
            Self::CategoryNotFound => Localized::new(
                "Tādas tēmas nav. Atjaunojiet sarakstu.",
                "There is no such subject. Refresh the list.",
                "Такой темы нет. Обновите список.",
            ),
            Self::UpdateRefused(refusal) => update_refusal_message(*refusal),
            Self::NoUpdateOffered => Localized::new(
                "Atjauninājums vairs netiek piedāvāts (pēdējā pārbaude to neatrada). Nekas netika mainīts; pārbaudiet atjauninājumus vēlreiz.",
                "The update is no longer offered (the last check did not find it). Nothing was changed; check for updates again.",
                "Обновление больше не предлагается (последняя проверка его не нашла). Ничего не изменено; проверьте обновления ещё раз.",
            ),
            Self::CallFormOpen => Localized::new(
                "Ir atvērts nepabeigts zvans. Atjauninājums pārstartē lietotni, tāpēc to uzstāda tikai tad, kad zvans ir pabeigts vai aizvērts; tad mēģiniet vēlreiz.",
                "A call is open and not finished. Installing the update restarts the app, so it waits until the call is finished or closed; then try again.",
                "Открыт незавершённый звонок. Установка обновления перезапускает приложение, поэтому она ждёт, пока звонок не будет завершён или закрыт; затем попробуйте снова.",
            ),
            Self::UpdateNotInstalled(reason) => Localized::owned(
                format!("Atjauninājumu neizdevās uzstādīt ({reason}). Šī versija darbojas tālāk, dati nav skarti; mēģiniet vēlāk vai ziņojiet IT atbalstam."),
                format!("The update could not be installed ({reason}). This version keeps working and no data was touched; try later or tell IT support."),
                format!("Не удалось установить обновление ({reason}). Эта версия продолжает работать, данные не затронуты; попробуйте позже или сообщите в ИТ-поддержку."),
            ),
            Self::BackupOtherOrganisation => Localized::new(
                "Šī rezerves kopija pieder citai organizācijai, nevis šīs ierīces organizācijai. Nekas netika mainīts; atjaunojiet to jaunā, tukšā ierīcē.",
                "This backup belongs to another organisation than this device's. Nothing was changed; restore it onto a new, empty device.",
                "Эта резервная копия принадлежит другой организации, а не организации этого устройства. Ничего не изменено; восстановите её на новом, пустом устройстве.",
            ),
            Self::BackupInvalid(reason) => Localized::owned(
                format!("Šo failu nevar atjaunot kā rezerves kopiju ({reason}). Nekas netika mainīts; izvēlieties citu rezerves kopiju."),
                format!("This file cannot be restored as a backup ({reason}). Nothing was changed; choose another backup."),
                format!("Этот файл нельзя восстановить как резервную копию ({reason}). Ничего не изменено; выберите другую резервную копию."),
            ),
            Self::ServerCertificateUntrusted(reason) => Localized::owned(
                format!("Sinhronizācijas servera sertifikāts nav uzticams ({reason}). Izmaiņas gaida šajā ierīcē. Supervizors, pieslēdzot serveri, izvēlas organizācijas sertifikātu (PEM failu); pieslēgtā ierīcē lūdziet supervizoram jaunu pieslēgšanas paketi ar šo sertifikātu."),
                format!("The sync server's certificate is not trusted ({reason}). Changes wait on this device. A supervisor connecting the server chooses the organisation's certificate (a PEM file); on an enrolled device, ask a supervisor for a new enrolment package with that certificate."),
                format!("Сертификат сервера синхронизации не является доверенным ({reason}). Изменения ждут на этом устройстве. Супервизор при подключении сервера выбирает сертификат организации (файл PEM); на уже подключённом устройстве попросите у супервизора новый файл подключения с этим сертификатом."),
            ),
            Self::DeviceNotAuthorised => Localized::new(
                "Sinhronizācijas serveris šo ierīci vairs nepieņem (tā ir atsaukta). Dati šajā ierīcē ir saglabāti; sazinieties ar supervizoru.",
                "The sync server no longer accepts this device (it was revoked). The data on this device is kept; contact a supervisor.",
                "Сервер синхронизации больше не принимает это устройство (его доступ отозван). Данные на этом устройстве сохранены; обратитесь к супервизору.",
            ),
            Self::ServerRejected { status, message } => Localized::owned(
                format!("Sinhronizācijas serveris atteica pieprasījumu ({status}: {message}). Izmaiņas gaida šajā ierīcē; mēģiniet vēlreiz vēlāk vai ziņojiet supervizoram."),
                format!("The sync server refused the request ({status}: {message}). Changes wait on this device; try again later or tell a supervisor."),
                format!("Сервер синхронизации отклонил запрос ({status}: {message}). Изменения ждут на этом устройстве; повторите попытку позже или сообщите супервизору."),
            ),
            Self::SyncProtocol(reason) => Localized::owned(
                format!("Sinhronizācijas servera atbilde nav derīga ({reason}). Izmaiņas gaida šajā ierīcē; ziņojiet supervizoram."),
                format!("The sync server's answer is not valid ({reason}). Changes wait on this device; tell a supervisor."),
                format!("Ответ сервера синхронизации недействителен ({reason}). Изменения ждут на этом устройстве; сообщите супервизору."),
            ),
            Self::EnvelopeTampered => Localized::new(
                "Sinhronizēts ieraksts neizturēja integritātes pārbaudi un netika pieņemts. Pārējie ieraksti tiek sinhronizēti; ziņojiet supervizoram.",
                "A synced record failed its integrity check and was refused. The other records keep syncing; tell a supervisor.",
                "Синхронизированная запись не прошла проверку целостности и не была принята. Остальные записи синхронизируются; сообщите супервизору.",
            ),
            Self::EnrolmentPackageInvalid => Localized::new(
                "Tas nav derīgs pieslēgšanas pakets. Izvēlieties (vai iekopējiet) tieši to failu, ko deva supervizors, nemainītu.",
                "This is not a valid enrolment package. Choose (or paste) exactly the file the supervisor gave you, unchanged.",
                "Это недействительный файл подключения. Выберите (или вставьте) именно тот файл, который дал супервизор, без изменений.",
            ),
            Self::EnrolmentCodeWrong => Localized::new(
                "Kods neatver šo pieslēgšanas paketi. Pārbaudiet kodu, ko nolasīja supervizors, un mēģiniet vēlreiz.",
                "The code does not open this enrolment package. Check the code the supervisor read out and try again.",
                "Код не подходит к этому файлу подключения. Проверьте код, который продиктовал супервизор, и повторите попытку.",
            ),
            Self::EnrolmentExpired => Localized::new(
                "Pieslēgšanas pakets ir novecojis. Lūdziet supervizoram jaunu.",
                "The enrolment package has expired. Ask a supervisor for a new one.",
                "Срок действия файла подключения истёк. Попросите у супервизора новый.",
            ),
            Self::EnrolmentAlreadyUsed => Localized::new(
                "Ar šo pieslēgšanas paketi jau ir pieslēgts cits dators (vai supervizors to atsauca). Lūdziet supervizoram pieslēgt šo datoru no jauna.",
                "This enrolment package has already joined another computer (or a supervisor revoked it). Ask a supervisor to enrol this computer again.",
                "С этим файлом подключения уже подключён другой компьютер (или супервизор его отозвал). Попросите супервизора подключить этот компьютер заново.",
            ),
            Self::RecordNotPermitted => Localized::new(
                "Sinhronizētu ierakstu uzrakstīja ierīce, kurai to nav atļauts darīt; tas netika pieņemts. Pārējie ieraksti tiek sinhronizēti; ziņojiet supervizoram.",
                "A synced record was written by a device not allowed to write it and was not applied. The other records keep syncing; tell a supervisor.",
                "Синхронизированную запись создало устройство, которому это не разрешено; она не принята. Остальные записи синхронизируются; сообщите супервизору.",
            ),
            Self::Sqlite(_) | Self::Migration(_) | Self::Random | Self::BackgroundTaskFailed => {
                Localized::new(
                    "Radās iekšēja kļūda; dati nav mainīti. Mēģiniet vēlreiz; ja atkārtojas, ziņojiet supervizoram.",
                    "An internal error occurred; no data was changed. Try again; if it happens again, tell a supervisor.",
                    "Произошла внутренняя ошибка; данные не изменены. Повторите попытку; если ошибка повторится, сообщите супервизору.",
                )
            }
        }
    }
}

/// Why a fetched update is not offered. Codes only, shown with their message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum UpdateRefusal {
    /// Not a manifest this app can read.
    NotAManifest,
    /// Its signature does not match: changed after a supervisor signed it.
    Tampered,
    /// Signed for another organisation.
    OtherOrganisation,
    /// Signed by a device no certificate this laptop trusts names.
    UnknownSigner,
    /// Signed by a device that is not a supervisor's.
    NotSupervisor,
    /// Signed by a device revoked before it signed.
    SignerRevoked,
    /// The release has no package for this computer's system.
    NoPackageForThisComputer,
}

impl UpdateRefusal {
    pub(crate) fn of(problem: CertificateError) -> Self {
        match problem {
            CertificateError::BadSignature | CertificateError::UnsoundKey => Self::Tampered,
            CertificateError::OtherOrganisation => Self::OtherOrganisation,
            CertificateError::UnknownIssuer | CertificateError::NotRoot => Self::NotSupervisor,
            CertificateError::Revoked | CertificateError::IssuerRevoked => Self::SignerRevoked,
            CertificateError::UnknownDevice
            | CertificateError::AlreadyJoined
            | CertificateError::GrantMismatch
            | CertificateError::GrantExpired => Self::UnknownSigner,
        }
    }
}

/// Each refusal says what was wrong with the update and that nothing was
/// installed; a tampered or foreign manifest is worth a supervisor's look.
fn update_refusal_message(refusal: UpdateRefusal) -> Localized {
    match refusal {
        UpdateRefusal::NotAManifest => Localized::new(
            "Atjauninājuma apraksts nav nolasāms (tas nav Hotline Desk parakstīts atjauninājuma apraksts). Nekas netika uzstādīts; ziņojiet vadītājam vai IT atbalstam.",
            "The update description cannot be read (it is not a signed Hotline Desk update description). Nothing was installed; tell your supervisor or IT support.",
            "Описание обновления невозможно прочитать (это не подписанное описание обновления Hotline Desk). Ничего не установлено; сообщите руководителю или в ИТ-поддержку.",
        ),
        UpdateRefusal::Tampered => Localized::new(
            "Atjauninājuma apraksts neatbilst vadītāja parakstam: tas ir mainīts pēc parakstīšanas. Atjauninājums netiek piedāvāts un nekas netika uzstādīts; ziņojiet vadītājam vai IT atbalstam.",
            "The update description does not match the supervisor's signature: it was changed after it was signed. The update is not offered and nothing was installed; tell your supervisor or IT support.",
            "Описание обновления не совпадает с подписью руководителя: его изменили после подписания. Обновление не предлагается, ничего не установлено; сообщите руководителю или в ИТ-поддержку.",
        ),
        UpdateRefusal::OtherOrganisation => Localized::new(
            "Atjauninājuma aprakstu parakstījusi cita organizācija. Atjauninājums netiek piedāvāts; ziņojiet IT atbalstam, ka serveris izplata svešu aprakstu.",
            "The update description was signed for another organisation. The update is not offered; tell IT support that the server serves a foreign description.",
            "Описание обновления подписано для другой организации. Обновление не предлагается; сообщите в ИТ-поддержку, что сервер раздаёт чужое описание.",
        ),
        UpdateRefusal::UnknownSigner => Localized::new(
            "Atjauninājuma aprakstu parakstījusi ierīce, kuru šis dators vēl nepazīst. Sinhronizējiet un pārbaudiet atjauninājumus vēlreiz; ja tas atkārtojas, ziņojiet vadītājam.",
            "The update description was signed by a device this computer does not know yet. Sync, then check for updates again; if it happens again, tell your supervisor.",
            "Описание обновления подписано устройством, которое этот компьютер ещё не знает. Синхронизируйте и проверьте обновления ещё раз; если это повторится, сообщите руководителю.",
        ),
        UpdateRefusal::NotSupervisor => Localized::new(
            "Atjauninājuma aprakstu parakstījusi ierīce, kas nav vadītāja ierīce; uzstādīt ļauj tikai vadītāja paraksts. Atjauninājums netiek piedāvāts; ziņojiet vadītājam.",
            "The update description was signed by a device that is not a supervisor's; only a supervisor's signature allows an install. The update is not offered; tell your supervisor.",
            "Описание обновления подписано устройством, которое не принадлежит руководителю; установку разрешает только подпись руководителя. Обновление не предлагается; сообщите руководителю.",
        ),
        UpdateRefusal::SignerRevoked => Localized::new(
            "Atjauninājuma aprakstu parakstījusi atsaukta ierīce. Atjauninājums netiek piedāvāts; ziņojiet vadītājam.",
            "The update description was signed by a revoked device. The update is not offered; tell your supervisor.",
            "Описание обновления подписано отозванным устройством. Обновление не предлагается; сообщите руководителю.",
        ),
        UpdateRefusal::NoPackageForThisComputer => Localized::new(
            "Piedāvātajam atjauninājumam nav pakotnes šī datora sistēmai. Šī versija darbojas tālāk; ziņojiet IT atbalstam.",
            "The offered update has no package for this computer's system. This version keeps working; tell IT support.",
            "У предложенного обновления нет пакета для системы этого компьютера. Эта версия продолжает работать; сообщите в ИТ-поддержку.",
        ),
    }
}

/// Stable error codes: the UI branches on these, never on message text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ErrorCode {
    NotSetUp,
    AlreadySetUp,
    UnfinishedSetUp,
    WrongCredentials,
    Throttled,
    SupervisorOnly,
    InvalidInput,
    LoginTaken,
    UnknownAccount,
    CallNotFound,
    CallAlreadyFinished,
    CallNotFinal,
    ReferralNotFound,
    ReferralKeyTaken,
    ImportRejected,
    DatabaseCorrupt,
    KeyFileCorrupt,
    DatabaseTooNew,
    Storage,
    Internal,
    SyncNotConfigured,
    AlreadyConnected,
    /// A sync round stopped on request; it resumes at the next round.
    SyncCancelled,
    /// A backup, restore, export or import stopped on request; it changed
    /// nothing and left no partial file.
    LongWorkCancelled,
    ServerUnreachable,
    /// The sync server limits this device's requests for a while.
    ServerBusy,
    DeviceNotAuthorised,
    SyncFailed,
    /// The server's TLS certificate is not one this device trusts.
    ServerCertificateUntrusted,
    EnvelopeTampered,
    EnrolmentInvalid,
    EnrolmentCodeWrong,
    BackupInvalid,
    /// A restore onto a device of another organisation.
    BackupOtherOrganisation,
    CallRemoved,
    /// A supervisor disabled the account; it unlocks no laptop.
    AccountDisabled,
    /// A supervisor tried to demote or disable their own account.
    OwnAccountChange,
    CategoryCodeTaken,
    /// A category calls name is deleted; it can only be retired.
    CategoryInUse,
    CategoryNotFound,
    /// The app is locked; raised by the shell when a command needs a session.
    Locked,
    /// A fetched update manifest was not believed or not usable.
    UpdateRefused,
    /// An install was asked for but no checked update is offered.
    NoUpdateOffered,
    /// Downloading or installing an offered update failed.
    UpdateNotInstalled,
    /// Installing an update waits while a call form is open.
    CallFormOpen,
}

impl ErrorCode {
    /// The code as it appears in JSON and CLI output.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotSetUp => "notSetUp",
            Self::AlreadySetUp => "alreadySetUp",
            Self::UnfinishedSetUp => "unfinishedSetUp",
            Self::WrongCredentials => "wrongCredentials",
            Self::Throttled => "throttled",
            Self::SupervisorOnly => "supervisorOnly",
            Self::InvalidInput => "invalidInput",
            Self::LoginTaken => "loginTaken",
            Self::UnknownAccount => "unknownAccount",
            Self::CallNotFound => "callNotFound",
            Self::CallAlreadyFinished => "callAlreadyFinished",
            Self::CallNotFinal => "callNotFinal",
            Self::ReferralNotFound => "referralNotFound",
            Self::ReferralKeyTaken => "referralKeyTaken",
            Self::ImportRejected => "importRejected",
            Self::DatabaseCorrupt => "databaseCorrupt",
            Self::KeyFileCorrupt => "keyFileCorrupt",
            Self::DatabaseTooNew => "databaseTooNew",
            Self::Storage => "storage",
            Self::Internal => "internal",
            Self::SyncNotConfigured => "syncNotConfigured",
            Self::AlreadyConnected => "alreadyConnected",
            Self::SyncCancelled => "syncCancelled",
            Self::LongWorkCancelled => "longWorkCancelled",
            Self::ServerUnreachable => "serverUnreachable",
            Self::ServerBusy => "serverBusy",
            Self::DeviceNotAuthorised => "deviceNotAuthorised",
            Self::SyncFailed => "syncFailed",
            Self::ServerCertificateUntrusted => "serverCertificateUntrusted",
            Self::EnvelopeTampered => "envelopeTampered",
            Self::EnrolmentInvalid => "enrolmentInvalid",
            Self::EnrolmentCodeWrong => "enrolmentCodeWrong",
            Self::BackupInvalid => "backupInvalid",
            Self::BackupOtherOrganisation => "backupOtherOrganisation",
            Self::CallRemoved => "callRemoved",
            Self::AccountDisabled => "accountDisabled",
            Self::OwnAccountChange => "ownAccountChange",
            Self::CategoryCodeTaken => "categoryCodeTaken",
            Self::CategoryInUse => "categoryInUse",
            Self::CategoryNotFound => "categoryNotFound",
            Self::Locked => "locked",
            Self::UpdateRefused => "updateRefused",
            Self::NoUpdateOffered => "noUpdateOffered",
            Self::UpdateNotInstalled => "updateNotInstalled",
            Self::CallFormOpen => "callFormOpen",
        }
    }
}

/// The error as it crosses the IPC and CLI boundary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PublicError {
    pub code: ErrorCode,
    // Boxed so that a `Result` carrying the error stays small: the message
    // in three languages is most of its size.
    pub message: Box<Localized>,
    /// The input field to highlight, for `invalidInput`.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Seconds until the next unlock attempt is accepted, for `throttled`.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after_seconds: Option<u64>,
    /// Every problem found in a rejected import, by line and column.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problems: Option<Vec<ImportProblem>>,
}

/// One reason an import file was rejected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportProblem {
    /// 1-based line of the file (the header is line 1), or the 1-based record
    /// number in a JSON file.
    pub line: usize,
    /// The column or field that is wrong.
    pub column: String,
    pub message: Localized,
}

impl PublicError {
    /// The error the shell raises when a command needs an unlocked session.
    pub fn locked() -> Self {
        Error::Locked.to_public()
    }
}

impl From<Error> for PublicError {
    fn from(error: Error) -> Self {
        error.to_public()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Language;

    #[test]
    fn throttled_error_tells_when_to_retry_in_both_languages() {
        let public = Error::Throttled {
            retry_after_seconds: 8,
        }
        .to_public();
        assert_eq!(public.code, ErrorCode::Throttled);
        assert_eq!(public.retry_after_seconds, Some(8));
        assert!(public.message.lv.contains("8 s"));
        assert!(public.message.en.contains("8 s"));
    }

    #[test]
    fn public_error_serialises_with_stable_camel_case_code() {
        let json =
            serde_json::to_value(Error::invalid("login", InvalidReason::BadCharacters).to_public())
                .expect("serialise");
        assert_eq!(json["code"], "invalidInput");
        assert_eq!(json["field"], "login");
        assert!(json.get("retryAfterSeconds").is_none());
    }

    #[test]
    fn code_strings_match_the_serialised_codes() {
        for code in [
            ErrorCode::NotSetUp,
            ErrorCode::WrongCredentials,
            ErrorCode::Locked,
        ] {
            assert_eq!(
                serde_json::to_value(code).expect("serialise"),
                code.as_str()
            );
        }
    }

    /// One example of every variant; `variant_number` has no wildcard, so a
    /// new variant does not compile until it is numbered, and the test below
    /// fails until it has an example here.
    fn one_of_each_error() -> Vec<Error> {
        let mut errors = vec![
            Error::NotSetUp,
            Error::AlreadySetUp,
            Error::UnfinishedSetUp(PathBuf::from("/data/hotline.db")),
            Error::WrongCredentials,
            Error::Throttled {
                retry_after_seconds: 8,
            },
            Error::SupervisorOnly,
            Error::LoginTaken,
            Error::UnknownAccount,
            Error::CallNotFound,
            Error::CallAlreadyFinished,
            Error::CallNotFinal,
            Error::InvalidJson {
                path: "region".into(),
                detail: "expected a string".into(),
            },
            Error::ReferralNotFound,
            Error::ReferralKeyTaken,
            Error::ImportRejected(Vec::new()),
            Error::DatabaseCorrupt("file is not a database".into()),
            Error::KeyFileCorrupt {
                path: PathBuf::from("/data/keyring.json"),
                reason: "not JSON".into(),
            },
            Error::DatabaseTooNew { found: 9, known: 8 },
            Error::io("/data", std::io::Error::other("disk full")),
            Error::Sqlite(rusqlite::Error::InvalidQuery),
            Error::Migration(rusqlite_migration::Error::InvalidUserVersion),
            Error::NoDataDir,
            Error::Locked,
            Error::SyncNotConfigured,
            Error::AlreadyConnected,
            Error::ServerUnreachable("timed out".into()),
            Error::ServerBusy {
                retry_after_seconds: 30,
            },
            Error::ServerCertificateUntrusted("unknown issuer".into()),
            Error::DeviceNotAuthorised,
            Error::ServerRejected {
                status: 400,
                message: "bad request".into(),
            },
            Error::SyncProtocol("bad page".into()),
            Error::EnvelopeTampered,
            Error::EnrolmentPackageInvalid,
            Error::EnrolmentCodeWrong,
            Error::EnrolmentExpired,
            Error::EnrolmentAlreadyUsed,
            Error::RecordNotPermitted,
            Error::CallRemoved,
            Error::AccountDisabled,
            Error::OwnAccountChange,
            Error::CategoryCodeTaken,
            Error::CategoryInUse { calls: 3 },
            Error::CategoryNotFound,
            Error::BackupInvalid("not a backup".into()),
            Error::BackupOtherOrganisation,
            Error::Random,
            Error::BackgroundTaskFailed,
            Error::SyncCancelled,
            Error::NoUpdateOffered,
            Error::UpdateNotInstalled("signature does not match".into()),
            Error::CallFormOpen,
            Error::LongWorkCancelled,
        ];
        errors.extend(
            ALL_UPDATE_REFUSALS
                .iter()
                .map(|refusal| Error::UpdateRefused(*refusal)),
        );
        errors.extend(
            ALL_INVALID_REASONS
                .iter()
                .map(|reason| Error::invalid("field", *reason)),
        );
        errors
    }

    const ALL_INVALID_REASONS: [InvalidReason; 21] = [
        InvalidReason::Empty,
        InvalidReason::TooLong,
        InvalidReason::TooShort,
        InvalidReason::BadCharacters,
        InvalidReason::Unknown,
        InvalidReason::Mismatch,
        InvalidReason::OutOfRange,
        InvalidReason::BadPhone,
        InvalidReason::BadHours,
        InvalidReason::BadEmail,
        InvalidReason::BadWeb,
        InvalidReason::BadKey,
        InvalidReason::NotYourRegion,
        InvalidReason::BadServerUrl,
        InvalidReason::BadCertificate,
        InvalidReason::AlreadyDone,
        InvalidReason::AssigneeNotInRegion,
        InvalidReason::BadCode,
        InvalidReason::Retired,
        InvalidReason::ConsentMissing,
        InvalidReason::MinCellOutOfRange,
    ];

    const ALL_UPDATE_REFUSALS: [UpdateRefusal; 7] = [
        UpdateRefusal::NotAManifest,
        UpdateRefusal::Tampered,
        UpdateRefusal::OtherOrganisation,
        UpdateRefusal::UnknownSigner,
        UpdateRefusal::NotSupervisor,
        UpdateRefusal::SignerRevoked,
        UpdateRefusal::NoPackageForThisComputer,
    ];

    fn variant_number(error: &Error) -> usize {
        match error {
            Error::NotSetUp => 0,
            Error::AlreadySetUp => 1,
            Error::UnfinishedSetUp(_) => 2,
            Error::WrongCredentials => 3,
            Error::Throttled { .. } => 4,
            Error::SupervisorOnly => 5,
            Error::InvalidInput { .. } => 6,
            Error::LoginTaken => 7,
            Error::UnknownAccount => 8,
            Error::CallNotFound => 9,
            Error::CallAlreadyFinished => 10,
            Error::CallNotFinal => 11,
            Error::InvalidJson { .. } => 12,
            Error::ReferralNotFound => 13,
            Error::ReferralKeyTaken => 14,
            Error::ImportRejected(_) => 15,
            Error::DatabaseCorrupt(_) => 16,
            Error::KeyFileCorrupt { .. } => 17,
            Error::DatabaseTooNew { .. } => 18,
            Error::Io { .. } => 19,
            Error::Sqlite(_) => 20,
            Error::Migration(_) => 21,
            Error::NoDataDir => 22,
            Error::Locked => 23,
            Error::SyncNotConfigured => 24,
            Error::AlreadyConnected => 25,
            Error::ServerUnreachable(_) => 26,
            Error::ServerBusy { .. } => 27,
            Error::ServerCertificateUntrusted(_) => 28,
            Error::DeviceNotAuthorised => 29,
            Error::ServerRejected { .. } => 30,
            Error::SyncProtocol(_) => 31,
            Error::EnvelopeTampered => 32,
            Error::EnrolmentPackageInvalid => 33,
            Error::EnrolmentCodeWrong => 34,
            Error::EnrolmentExpired => 35,
            Error::EnrolmentAlreadyUsed => 36,
            Error::RecordNotPermitted => 37,
            Error::CallRemoved => 38,
            Error::AccountDisabled => 39,
            Error::OwnAccountChange => 40,
            Error::CategoryCodeTaken => 41,
            Error::CategoryInUse { .. } => 42,
            Error::CategoryNotFound => 43,
            Error::BackupInvalid(_) => 44,
            Error::BackupOtherOrganisation => 45,
            Error::Random => 46,
            Error::BackgroundTaskFailed => 47,
            Error::SyncCancelled => 48,
            Error::UpdateRefused(_) => 49,
            Error::NoUpdateOffered => 50,
            Error::UpdateNotInstalled(_) => 51,
            Error::CallFormOpen => 52,
            Error::LongWorkCancelled => 53,
        }
    }

    fn invalid_reason_number(reason: InvalidReason) -> usize {
        match reason {
            InvalidReason::Empty => 0,
            InvalidReason::TooLong => 1,
            InvalidReason::TooShort => 2,
            InvalidReason::BadCharacters => 3,
            InvalidReason::Unknown => 4,
            InvalidReason::Mismatch => 5,
            InvalidReason::OutOfRange => 6,
            InvalidReason::BadPhone => 7,
            InvalidReason::BadHours => 8,
            InvalidReason::BadEmail => 9,
            InvalidReason::BadWeb => 10,
            InvalidReason::BadKey => 11,
            InvalidReason::NotYourRegion => 12,
            InvalidReason::BadServerUrl => 13,
            InvalidReason::BadCertificate => 14,
            InvalidReason::AlreadyDone => 15,
            InvalidReason::AssigneeNotInRegion => 16,
            InvalidReason::BadCode => 17,
            InvalidReason::Retired => 18,
            InvalidReason::ConsentMissing => 19,
            InvalidReason::MinCellOutOfRange => 20,
        }
    }

    #[test]
    fn the_examples_cover_every_error_and_every_invalid_reason() {
        let mut numbers: Vec<usize> = one_of_each_error().iter().map(variant_number).collect();
        numbers.sort_unstable();
        numbers.dedup();
        assert_eq!(numbers, (0..54).collect::<Vec<_>>());
        let mut reasons: Vec<usize> = ALL_INVALID_REASONS
            .iter()
            .map(|reason| invalid_reason_number(*reason))
            .collect();
        reasons.sort_unstable();
        reasons.dedup();
        assert_eq!(reasons, (0..ALL_INVALID_REASONS.len()).collect::<Vec<_>>());
    }

    #[test]
    fn every_error_is_explained_in_russian_not_in_another_language() {
        let is_cyrillic = |letter: char| ('\u{0400}'..='\u{04FF}').contains(&letter);
        for error in one_of_each_error() {
            let message = error.to_public().message;
            let russian = message.ru.trim();
            assert!(!russian.is_empty(), "{error:?} has no Russian message");
            assert_ne!(russian, message.lv.trim(), "{error:?}: Latvian as Russian");
            assert_ne!(russian, message.en.trim(), "{error:?}: English as Russian");
            assert!(
                russian
                    .chars()
                    .filter(|letter| letter.is_alphabetic())
                    .any(is_cyrillic),
                "{error:?}: {russian}"
            );
            assert_eq!(message.get(Language::Ru), message.ru);
        }
    }

    #[test]
    fn russian_messages_keep_the_numbers_a_person_acts_on() {
        let throttled = Error::Throttled {
            retry_after_seconds: 8,
        }
        .to_public();
        assert!(
            throttled.message.ru.contains("8 с"),
            "{}",
            throttled.message.ru
        );
        let in_use = Error::CategoryInUse { calls: 3 }.to_public();
        assert!(in_use.message.ru.contains('3'));
    }

    #[test]
    fn wrong_credentials_does_not_say_which_part_was_wrong() {
        let message = Error::WrongCredentials.to_public().message;
        assert!(message.en.contains("login or passphrase"));
    }
}
