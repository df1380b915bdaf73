//! A report file's cover: who made it, when, for which period and regions,
//! in which publication mode, and the totals; the same in every format. The
//! writers (CSV, XLSX, PDF) are handed a [`Cover`] and render it.

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Riga;

use super::model::Report;
use crate::i18n::{Language, Localized};

/// Who made the file and when, for its cover.
#[derive(Debug)]
pub(crate) struct Cover<'a> {
    pub report: &'a Report,
    pub organisation: &'a str,
    pub exported_by: String,
    pub exported_at: DateTime<Utc>,
    pub language: Language,
}

impl Cover<'_> {
    pub fn text(&self, text: &Localized) -> String {
        text.get(self.language).to_owned()
    }

    /// The cover's lines (heading, value), the same in every format: who,
    /// what and how, then the totals.
    pub fn lines(&self) -> Vec<(String, String)> {
        let mut lines = self.details();
        lines.extend(self.totals());
        lines
    }

    /// Organisation, period, regions, who exported it and when, and the
    /// publication mode spelled out.
    pub fn details(&self) -> Vec<(String, String)> {
        let report = self.report;
        let regions: Vec<String> = report
            .regions
            .iter()
            .map(|region| self.text(&crate::region::label(*region)))
            .collect();
        let publication = match report.publication {
            Some(publication) => Localized::owned(
                format!(
                    "IESLĒGTS (k = {k}): skaitļi no 1 līdz {max} rādīti kā „<{k}”; „x” ir skaitlis, kas slēpts, lai mazo nevarētu aprēķināt no kopsummas.",
                    k = publication.min_cell,
                    max = publication.min_cell - 1,
                ),
                format!(
                    "ON (k = {k}): counts from 1 to {max} are shown as \"<{k}\"; \"x\" is a count withheld so that a small one cannot be worked out from the total.",
                    k = publication.min_cell,
                    max = publication.min_cell - 1,
                ),
                format!(
                    "ВКЛЮЧЁН (k = {k}): числа от 1 до {max} показаны как «<{k}»; «x» — число, скрытое, чтобы по итогу нельзя было вычислить малое значение.",
                    k = publication.min_cell,
                    max = publication.min_cell - 1,
                ),
            ),
            None => Localized::new(
                "Izslēgts: iekšēja atskaite ar precīziem skaitļiem, nav paredzēta publicēšanai.",
                "Off: an internal report with exact numbers, not for publication.",
                "Выключен: внутренний отчёт с точными числами, не для публикации.",
            ),
        };
        [
            (
                Localized::new("Organizācija", "Organisation", "Организация"),
                self.organisation.to_owned(),
            ),
            (Localized::new("Periods", "Period", "Период"), self.period()),
            (
                Localized::new("Reģioni", "Regions", "Регионы"),
                regions.join(", "),
            ),
            (
                Localized::new("Eksportēja", "Exported by", "Экспортировал(а)"),
                self.exported_by.clone(),
            ),
            (
                Localized::new(
                    "Eksportēts (Rīgas laiks)",
                    "Exported at (Rīga time)",
                    "Время экспорта (по Риге)",
                ),
                self.exported_at
                    .with_timezone(&Riga)
                    .format("%d.%m.%Y %H:%M")
                    .to_string(),
            ),
            (
                Localized::new(
                    "Publicēšanas režīms",
                    "Publication mode",
                    "Режим публикации",
                ),
                self.text(&publication),
            ),
        ]
        .into_iter()
        .map(|(heading, value)| (self.text(&heading), value))
        .collect()
    }

    /// The report's calls and distinct cases.
    pub fn totals(&self) -> [(String, String); 2] {
        [
            (self.text(&CALLS), self.report.total.calls.to_string()),
            (self.text(&CASES), self.report.total.cases.to_string()),
        ]
    }

    /// "01.10.2026–30.11.2026".
    pub fn period(&self) -> String {
        format!(
            "{}–{}",
            self.report.from.format("%d.%m.%Y"),
            self.report.to.format("%d.%m.%Y")
        )
    }

    /// The mode in a few words, for a subtitle or a page footer.
    pub fn mode(&self) -> String {
        match self.report.publication {
            Some(publication) => self.text(&Localized::owned(
                format!("publicēšanas režīms, k = {}", publication.min_cell),
                format!("publication mode, k = {}", publication.min_cell),
                format!("режим публикации, k = {}", publication.min_cell),
            )),
            None => self.text(&Localized::new(
                "iekšēja atskaite",
                "internal report",
                "внутренний отчёт",
            )),
        }
    }
}

pub(crate) const TITLE: Localized = Localized::new(
    "Uzticības tālruņa atskaite",
    "Hotline report",
    "Отчёт телефона доверия",
);
pub(crate) const CALLS: Localized = Localized::new("Zvani", "Calls", "Звонки");
pub(crate) const CASES: Localized = Localized::new("Lietas", "Cases", "Дела");
pub(crate) const TOTAL: Localized = Localized::new("Kopā", "Total", "Итого");
