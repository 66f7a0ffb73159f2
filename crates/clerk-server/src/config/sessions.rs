//! `[sessions]`: how recent a session's first-factor verification must be for a sensitive
//! change (see [`crate::reverification`]).

use super::durations::seconds_to_ms;
use crate::error::AppError;
use serde::Deserialize;

/// `[sessions]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SessionSettings {
    /// The oldest first-factor verification (sign-in or re-verification) a sensitive change
    /// accepts, in seconds.
    pub reverification_max_age_secs: u64,
}

impl Default for SessionSettings {
    fn default() -> Self {
        Self {
            reverification_max_age_secs: 600,
        }
    }
}

impl SessionSettings {
    /// Refuses settings that cannot work.
    pub fn validate(&self) -> Result<(), AppError> {
        if self.reverification_max_age_secs == 0 {
            return Err(AppError::Config(
                "sessions.reverification_max_age_secs must be at least 1".into(),
            ));
        }
        seconds_to_ms(
            "sessions.reverification_max_age_secs",
            self.reverification_max_age_secs,
        )?;
        Ok(())
    }

    /// The largest age allowed, in milliseconds (in range once validated).
    pub fn max_age_ms(&self) -> i64 {
        super::durations::saturating_ms(self.reverification_max_age_secs)
    }
}

#[cfg(test)]
mod tests {
    use super::super::FileConfig;

    #[test]
    fn reverification_defaults_to_ten_minutes_and_refuses_zero() {
        let c = FileConfig::from_toml("").unwrap();
        assert_eq!(c.sessions.max_age_ms(), 600_000);
        let c = FileConfig::from_toml("[sessions]\nreverification_max_age_secs = 60").unwrap();
        assert_eq!(c.sessions.max_age_ms(), 60_000);
        assert!(FileConfig::from_toml("[sessions]\nreverification_max_age_secs = 0").is_err());
        assert!(FileConfig::from_toml("[sessions]\nmax_age = 5").is_err());
    }
}
