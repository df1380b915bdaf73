//! Command-line options of the desktop app, and which running app a second
//! start hands over to.

use std::path::{Path, PathBuf};

use ring::digest::{digest, SHA256};

#[derive(Debug, Default, PartialEq, Eq)]
pub struct LaunchOptions {
    /// `--data-dir DIR`: a portable install or a test's own directory.
    pub data_dir: Option<PathBuf>,
}

impl LaunchOptions {
    pub fn from_args(args: impl IntoIterator<Item = String>) -> Result<Self, String> {
        let mut options = Self::default();
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            if let Some(value) = arg.strip_prefix("--data-dir=") {
                options.data_dir = Some(PathBuf::from(value));
            } else if arg == "--data-dir" {
                let value = args.next().ok_or("--data-dir needs a directory")?;
                options.data_dir = Some(PathBuf::from(value));
            } else {
                return Err(format!(
                    "unknown option {arg:?}; the only option is --data-dir DIR"
                ));
            }
        }
        Ok(options)
    }
}

/// The name under which one running app per data directory is found (a
/// D-Bus name on Linux, given to the single-instance plugin): starting the
/// app again on the same store brings its window back instead of opening the
/// store twice, while a test's or a portable install's own directory runs
/// apart. The directory is named by a digest, so the bus does not see the path.
pub fn instance_id(identifier: &str, data_dir: &Path) -> String {
    let path = digest(&SHA256, data_dir.as_os_str().as_encoded_bytes());
    let short: String = path.as_ref()[..8]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    format!("{identifier}.store_{short}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_instance_per_data_directory() {
        let here = instance_id(
            "lv.hotlinedesk.desktop",
            Path::new("/home/anna/.local/share/hotline-desk"),
        );
        let again = instance_id(
            "lv.hotlinedesk.desktop",
            Path::new("/home/anna/.local/share/hotline-desk"),
        );
        let elsewhere = instance_id("lv.hotlinedesk.desktop", Path::new("/tmp/test-laptop"));
        assert_eq!(here, again);
        assert_ne!(here, elsewhere);
        // A D-Bus name: dot-separated elements of letters, digits, `_` and
        // `-`, none starting with a digit, no path in it.
        assert!(here.starts_with("lv.hotlinedesk.desktop.store_"));
        assert!(!here.contains("anna"));
        for element in here.split('.') {
            assert!(!element.is_empty() && !element.starts_with(|c: char| c.is_ascii_digit()));
            assert!(element
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'));
        }
    }

    fn parse(args: &[&str]) -> Result<LaunchOptions, String> {
        LaunchOptions::from_args(args.iter().map(|arg| (*arg).to_owned()))
    }

    #[test]
    fn data_dir_in_both_spellings() {
        assert_eq!(
            parse(&["--data-dir", "/tmp/a"]).expect("ok").data_dir,
            Some("/tmp/a".into())
        );
        assert_eq!(
            parse(&["--data-dir=/tmp/b"]).expect("ok").data_dir,
            Some("/tmp/b".into())
        );
        assert_eq!(parse(&[]).expect("ok").data_dir, None);
    }

    #[test]
    fn unknown_or_incomplete_options_are_errors() {
        assert!(parse(&["--data-dir"]).is_err());
        assert!(parse(&["--verbose"])
            .expect_err("unknown")
            .contains("--data-dir"));
    }
}
