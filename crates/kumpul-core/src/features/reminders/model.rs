//! Validated values of reminders.

use crate::i18n::Msg;

/// Longest reminder text, in characters.
pub const REMINDER_TEXT_MAX: usize = 500;

coded_enum! {
    /// Where a reminder stands: `active` until its last occurrence was sent (`done`) or
    /// someone cancelled it.
    pub enum ReminderStatus {
        Active = "active",
        Done = "done",
        Cancelled = "cancelled",
    }
}

/// What to be reminded of: 1–500 characters. A leading "to"/"untuk" is dropped so
/// `remind me tomorrow to call mom` reads naturally.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderText(String);

impl ReminderText {
    pub fn parse(raw: &str) -> Result<ReminderText, Msg> {
        let mut text = raw.trim();
        for lead in ["to ", "To ", "untuk ", "Untuk "] {
            if let Some(rest) = text.strip_prefix(lead) {
                text = rest.trim_start();
                break;
            }
        }
        let chars = text.chars().count();
        if chars == 0 || chars > REMINDER_TEXT_MAX {
            return Err(Msg::new("remind-text-length").num("max", REMINDER_TEXT_MAX as i64));
        }
        if text.chars().any(|c| c.is_control() && c != '\n') {
            return Err(Msg::new("group-description-control"));
        }
        Ok(ReminderText(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reminder_statuses_round_trip_through_their_codes() {
        assert_codes_round_trip!(ReminderStatus);
    }

    #[test]
    fn a_leading_to_is_dropped_and_empty_text_rejected() {
        assert_eq!(
            ReminderText::parse("to call mom").unwrap().as_str(),
            "call mom"
        );
        assert_eq!(
            ReminderText::parse("untuk bayar iuran").unwrap().as_str(),
            "bayar iuran"
        );
        assert_eq!(
            ReminderText::parse("tomato soup").unwrap().as_str(),
            "tomato soup"
        );
        assert_eq!(
            ReminderText::parse("  ").unwrap_err().id,
            "remind-text-length"
        );
        assert_eq!(
            ReminderText::parse(&"x".repeat(501)).unwrap_err().id,
            "remind-text-length"
        );
    }
}
