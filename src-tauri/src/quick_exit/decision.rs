//! What one press of the quick-exit key (or the header's quick-exit button)
//! does, decided apart from Tauri so every case is tested here and the
//! adapter only carries it out.

use ring::digest::{digest, Digest, SHA256};

/// What the app itself last put on the clipboard, kept only as a SHA-256
/// digest: the quick exit must tell the app's own text from anything the
/// person copied elsewhere, and the shell should not hold a second copy of
/// the text to do it.
#[derive(Debug, Default)]
pub struct CopiedText {
    digest: Option<Digest>,
}

impl CopiedText {
    /// The app just wrote `text` to the clipboard.
    pub fn remember(&mut self, text: &str) {
        self.digest = Some(digest(&SHA256, text.as_bytes()));
    }

    /// Nothing of the app's is on the clipboard any more (cleared, or
    /// replaced by someone else's text).
    pub fn forget(&mut self) {
        self.digest = None;
    }

    /// Whether `clipboard`, what the clipboard holds now, is still the
    /// app's text.
    fn is_on(&self, clipboard: &str) -> bool {
        self.digest
            .as_ref()
            .is_some_and(|copied| copied.as_ref() == digest(&SHA256, clipboard.as_bytes()).as_ref())
    }
}

/// What a press does. Both lock: the session closes whether the window is
/// going or coming back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuickExit {
    /// The window is on screen: lock, take the window off the screen and out
    /// of the task switcher, and empty the clipboard when
    /// `clear_clipboard` (it still holds what the app copied; anything else
    /// there is the person's and stays).
    Leave { clear_clipboard: bool },
    /// The window is already hidden (the second press): bring it back,
    /// showing the unlock screen. With no tray, this and starting the app
    /// again are the ways back.
    Return,
}

/// Decides a press. `read_clipboard` gives the clipboard's text (`None`
/// when it holds no text or cannot be read, which never clears it); it is
/// asked only when the window is leaving and the app has copied something,
/// so the person's own clipboard is not read for nothing.
pub fn decide(
    window_visible: bool,
    copied: &CopiedText,
    read_clipboard: impl FnOnce() -> Option<String>,
) -> QuickExit {
    if !window_visible {
        return QuickExit::Return;
    }
    let clear_clipboard = copied.digest.is_some()
        && read_clipboard().is_some_and(|clipboard| copied.is_on(&clipboard));
    QuickExit::Leave { clear_clipboard }
}

/// Starting the app again while it runs: a window the quick exit hid comes
/// back as the second press brings it ([`QuickExit::Return`]); a window on
/// screen is only brought to the front (`None`), its session as it was.
pub fn start_again(window_visible: bool) -> Option<QuickExit> {
    (!window_visible).then_some(QuickExit::Return)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONTACT: &str = "Patversme \"Drošā māja\", tālr. 67898739";

    fn copied(text: &str) -> CopiedText {
        let mut copied = CopiedText::default();
        copied.remember(text);
        copied
    }

    #[test]
    fn a_visible_window_leaves_and_clears_the_apps_own_text() {
        let action = decide(true, &copied(CONTACT), || Some(CONTACT.to_owned()));
        assert_eq!(
            action,
            QuickExit::Leave {
                clear_clipboard: true
            }
        );
    }

    #[test]
    fn text_the_person_copied_elsewhere_stays_on_the_clipboard() {
        let action = decide(true, &copied(CONTACT), || Some("a recipe".to_owned()));
        assert_eq!(
            action,
            QuickExit::Leave {
                clear_clipboard: false
            }
        );
        // Nearly the same text is still not the app's.
        let edited = format!("{CONTACT} ");
        let action = decide(true, &copied(CONTACT), || Some(edited));
        assert_eq!(
            action,
            QuickExit::Leave {
                clear_clipboard: false
            }
        );
    }

    #[test]
    fn a_clipboard_without_text_is_left_alone() {
        let action = decide(true, &copied(CONTACT), || None);
        assert_eq!(
            action,
            QuickExit::Leave {
                clear_clipboard: false
            }
        );
    }

    #[test]
    fn the_clipboard_is_not_read_when_the_app_copied_nothing() {
        let action = decide(true, &CopiedText::default(), || {
            panic!("the person's clipboard was read")
        });
        assert_eq!(
            action,
            QuickExit::Leave {
                clear_clipboard: false
            }
        );
    }

    #[test]
    fn after_forgetting_the_same_text_is_no_longer_the_apps() {
        let mut copied = copied(CONTACT);
        copied.forget();
        let action = decide(true, &copied, || Some(CONTACT.to_owned()));
        assert_eq!(
            action,
            QuickExit::Leave {
                clear_clipboard: false
            }
        );
    }

    #[test]
    fn the_second_press_brings_the_hidden_window_back_without_reading_the_clipboard() {
        let action = decide(false, &copied(CONTACT), || {
            panic!("the clipboard was read for a window coming back")
        });
        assert_eq!(action, QuickExit::Return);
    }

    #[test]
    fn starting_again_brings_a_hidden_window_back_locked_and_leaves_a_shown_one_open() {
        assert_eq!(start_again(false), Some(QuickExit::Return));
        assert_eq!(start_again(true), None);
    }
}
