//! The office every integration test starts from: a device set up on a real
//! SQLCipher file with a supervisor and two consultants in different regions.

#![allow(dead_code)] // each test binary uses its own part of it

use chrono::{DateTime, Utc};
use hotline_core::accounts::NewAccount;
use hotline_core::{DataDir, Device, FirstRunSetup, Region, Role, Session};

pub const SUPERVISOR: (&str, &str) = ("anna", "supervizora parole");
pub const LATGALE: (&str, &str) = ("janis", "Jāņa garā parole");
pub const RIGA: (&str, &str) = ("ilze", "Ilzes garā parole");

/// 23.11.2026 10:00 in Rīga (UTC+2).
pub fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-23T08:00:00Z")
        .expect("time")
        .with_timezone(&Utc)
}

pub struct Office {
    _temp: tempfile::TempDir,
    pub device: Device,
}

impl Office {
    pub fn new() -> Self {
        let temp = tempfile::tempdir().expect("tempdir");
        let device = Device::new(DataDir::at(temp.path().join("data")));
        let mut supervisor = device
            .set_up(
                FirstRunSetup {
                    organisation_name: "Drošā māja".into(),
                    login: SUPERVISOR.0.into(),
                    display_name: "Anna".into(),
                    home_region: Region::Riga,
                },
                SUPERVISOR.1,
                now(),
            )
            .expect("set up");
        for ((login, passphrase), region) in [(LATGALE, Region::Latgale), (RIGA, Region::Riga)] {
            supervisor
                .add_account(
                    NewAccount {
                        login: login.into(),
                        display_name: login.into(),
                        role: Role::Consultant,
                        home_region: region,
                    },
                    passphrase,
                    now(),
                )
                .expect("add consultant");
        }
        Self {
            _temp: temp,
            device,
        }
    }

    pub fn sign_in(&self, (login, passphrase): (&str, &str)) -> Session {
        self.device
            .unlock(login, passphrase, now())
            .expect("unlock")
    }
}
