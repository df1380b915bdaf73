//! The office every integration test starts from: a device set up on a real
//! SQLCipher file with a supervisor and two consultants in different regions.

#![allow(dead_code)] // each test binary uses its own part of it

use chrono::{DateTime, Utc};
use hotline_core::accounts::NewAccount;
use hotline_core::referrals::{Area, ReferralInput, ServiceType, Texts};
use hotline_core::{DataDir, Device, Region, Role, Session};

pub use hotline_core::testkit::SUPERVISOR;
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

/// Sets up `device` for the organisation with its supervisor, signed in.
pub fn set_up_supervisor(device: &Device) -> Session {
    hotline_core::testkit::set_up_supervisor(device, now()).expect("set up")
}

/// A valid directory entry with the given key and nothing optional.
pub fn referral_input(key: &str) -> ReferralInput {
    let texts = |text: &str| Texts {
        lv: text.into(),
        en: text.into(),
        ru: String::new(),
    };
    ReferralInput {
        key: key.into(),
        organisation: texts("Patvērums"),
        service: texts("Krīzes patversme"),
        service_types: vec![ServiceType::Shelter],
        areas: vec![Area::Nationwide],
        ..ReferralInput::default()
    }
}

impl Office {
    pub fn new() -> Self {
        let temp = tempfile::tempdir().expect("tempdir");
        let device = Device::new(DataDir::at(temp.path().join("data")));
        let mut supervisor = set_up_supervisor(&device);
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
