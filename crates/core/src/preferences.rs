//! Per-device preferences needed before anyone unlocks (the language of the
//! unlock screen). Nothing sensitive: kept in plain `preferences.json`.

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::i18n::Language;
use crate::store::files::{read_json, write_json_atomically};
use crate::store::DataDir;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Preferences {
    pub language: Language,
}

impl Preferences {
    /// Loads the preferences; a missing or damaged file gives the defaults.
    pub fn load(dir: &DataDir) -> Self {
        read_json(&dir.preferences())
            .ok()
            .flatten()
            .unwrap_or_default()
    }

    pub fn save(&self, dir: &DataDir) -> Result<()> {
        dir.ensure_exists()?;
        write_json_atomically(&dir.preferences(), self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_choice_is_remembered_and_latvian_is_the_default() {
        let temp = tempfile::tempdir().expect("tempdir");
        let dir = DataDir::at(temp.path().join("data"));
        assert_eq!(Preferences::load(&dir).language, Language::Lv);
        Preferences {
            language: Language::En,
        }
        .save(&dir)
        .expect("save");
        assert_eq!(Preferences::load(&dir).language, Language::En);
        std::fs::write(dir.preferences(), "{").expect("damage");
        assert_eq!(Preferences::load(&dir).language, Language::Lv);
    }

    #[test]
    fn russian_is_remembered_and_files_written_before_it_still_load() {
        let temp = tempfile::tempdir().expect("tempdir");
        let dir = DataDir::at(temp.path().join("data"));
        Preferences {
            language: Language::Ru,
        }
        .save(&dir)
        .expect("save");
        let written = std::fs::read_to_string(dir.preferences()).expect("read");
        assert!(written.contains(r#""ru""#), "{written}");
        assert_eq!(Preferences::load(&dir).language, Language::Ru);
        for (stored, language) in [("lv", Language::Lv), ("en", Language::En)] {
            std::fs::write(dir.preferences(), format!(r#"{{"language":"{stored}"}}"#))
                .expect("an older app's file");
            assert_eq!(Preferences::load(&dir).language, language);
        }
    }
}
