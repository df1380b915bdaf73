//! Text that the core hands to people, in Latvian (the default) and English.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A message in both of the app's complete languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Localized {
    #[ts(type = "string")]
    pub lv: Cow<'static, str>,
    #[ts(type = "string")]
    pub en: Cow<'static, str>,
}

impl Localized {
    pub const fn new(lv: &'static str, en: &'static str) -> Self {
        Self {
            lv: Cow::Borrowed(lv),
            en: Cow::Borrowed(en),
        }
    }

    pub fn owned(lv: String, en: String) -> Self {
        Self {
            lv: Cow::Owned(lv),
            en: Cow::Owned(en),
        }
    }

    pub fn get(&self, language: Language) -> &str {
        match language {
            Language::Lv => &self.lv,
            Language::En => &self.en,
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
}
