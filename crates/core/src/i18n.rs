//! Text that the core hands to people, in Latvian (the default), English and
//! Russian.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A message in each of the app's languages: every one the core writes is
/// complete in all three, so a person never meets another language's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Localized {
    #[ts(type = "string")]
    pub lv: Cow<'static, str>,
    #[ts(type = "string")]
    pub en: Cow<'static, str>,
    #[ts(type = "string")]
    pub ru: Cow<'static, str>,
}

impl Localized {
    pub const fn new(lv: &'static str, en: &'static str, ru: &'static str) -> Self {
        Self {
            lv: Cow::Borrowed(lv),
            en: Cow::Borrowed(en),
            ru: Cow::Borrowed(ru),
        }
    }

    pub fn owned(lv: String, en: String, ru: String) -> Self {
        Self {
            lv: Cow::Owned(lv),
            en: Cow::Owned(en),
            ru: Cow::Owned(ru),
        }
    }

    /// The same text in every language: a name, a code or a number that has
    /// no translation.
    pub fn untranslated(text: &str) -> Self {
        Self::owned(text.to_owned(), text.to_owned(), text.to_owned())
    }

    pub fn get(&self, language: Language) -> &str {
        match language {
            Language::Lv => &self.lv,
            Language::En => &self.en,
            Language::Ru => &self.ru,
        }
    }
}

/// The languages a person can choose; Latvian is the default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Language {
    #[default]
    Lv,
    En,
    Ru,
}

/// Lowercase ASCII spelling of Latvian text ("Rēzeknes novads" → "rezeknes
/// novads"), for matching what people type without diacritics.
pub fn fold_latvian(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .map(|letter| match letter {
            'ā' => 'a',
            'č' => 'c',
            'ē' => 'e',
            'ģ' => 'g',
            'ī' => 'i',
            'ķ' => 'k',
            'ļ' => 'l',
            'ņ' => 'n',
            'ō' => 'o',
            'ŗ' => 'r',
            'š' => 's',
            'ū' => 'u',
            'ž' => 'z',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_latvian_diacritics_and_case() {
        assert_eq!(fold_latvian(" Ķekavas Novads "), "kekavas novads");
        assert_eq!(fold_latvian("Drošā māja, Līvāni"), "drosa maja, livani");
    }
}

/// Text in Latvian, with optional English and Russian; empty means absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Texts {
    pub lv: String,
    #[serde(default)]
    pub en: String,
    #[serde(default)]
    pub ru: String,
}

impl Texts {
    pub fn lv(text: &str) -> Self {
        Self {
            lv: text.to_owned(),
            ..Self::default()
        }
    }

    /// The text in each language, Latvian (the one always given) where a
    /// translation is absent, as the screens show it.
    pub fn to_localized(&self) -> Localized {
        let or_latvian = |text: &str| {
            if text.trim().is_empty() {
                self.lv.clone()
            } else {
                text.to_owned()
            }
        };
        Localized::owned(self.lv.clone(), or_latvian(&self.en), or_latvian(&self.ru))
    }
}
