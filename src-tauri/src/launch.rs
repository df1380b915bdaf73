//! Command-line options of the desktop app.

use std::path::PathBuf;

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

#[cfg(test)]
mod tests {
    use super::*;

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
