//! What a device's account may do: a consultant works one region, a
//! supervisor sees every region.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Role {
    Consultant,
    Supervisor,
}

impl Role {
    pub const ALL: [Role; 2] = [Role::Consultant, Role::Supervisor];

    pub fn code(self) -> &'static str {
        match self {
            Role::Consultant => "consultant",
            Role::Supervisor => "supervisor",
        }
    }

    /// The role whose code is exactly `code`.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|role| role.code() == code)
    }
}
