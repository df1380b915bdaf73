//! Scopes: whose key seals a record, and so which devices may receive it.

use serde::{Deserialize, Serialize};

use crate::error::ProtocolError;
use crate::region::Region;
use crate::role::Role;

/// Whose key seals a record: the organisation's (the directory and the staff
/// list, held by every device) or one region's (its calls).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    Organisation,
    Region(Region),
    /// Only supervisors' devices hold this key: it seals their audit
    /// entries, which consultants' devices never need.
    Supervisors,
}

impl Scope {
    pub fn code(self) -> String {
        match self {
            Self::Organisation => "org".to_owned(),
            Self::Region(region) => format!("region:{}", region.code()),
            Self::Supervisors => "supervisors".to_owned(),
        }
    }

    /// Every scope an organisation has.
    pub fn all() -> impl Iterator<Item = Self> {
        std::iter::once(Self::Organisation)
            .chain(Region::ALL.map(Self::Region))
            .chain(std::iter::once(Self::Supervisors))
    }

    /// Whether a device of `role` in `region` holds this scope's key and may
    /// receive its envelopes: a consultant's, the organisation's and its own
    /// region's; a supervisor's, all of them. The devices' keys and the
    /// server's filtering follow this one rule.
    pub fn readable_by(self, role: Role, region: Region) -> bool {
        match (role, self) {
            (Role::Supervisor, _) | (_, Self::Organisation) => true,
            (Role::Consultant, Self::Region(own)) => own == region,
            (Role::Consultant, Self::Supervisors) => false,
        }
    }

    /// The scope whose code is exactly `code`.
    pub fn parse(code: &str) -> Result<Self, ProtocolError> {
        match code {
            "org" => return Ok(Self::Organisation),
            "supervisors" => return Ok(Self::Supervisors),
            _ => {}
        }
        code.strip_prefix("region:")
            .and_then(Region::from_code)
            .map(Self::Region)
            .ok_or_else(|| ProtocolError::UnknownScope(code.chars().take(40).collect()))
    }
}

impl Serialize for Scope {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.code())
    }
}

impl<'de> Deserialize<'de> for Scope {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        Self::parse(&code).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_scope_reads_back_from_its_code_and_only_the_canonical_one() {
        for scope in Scope::all() {
            assert_eq!(Scope::parse(&scope.code()), Ok(scope));
        }
        for refused in [
            "region:Rīga",
            "region:RIGA",
            "Org",
            "region:",
            "region:tallinn",
        ] {
            assert!(Scope::parse(refused).is_err(), "{refused}");
        }
    }

    #[test]
    fn a_consultant_reads_the_organisation_and_its_own_region_only() {
        let readable: Vec<Scope> = Scope::all()
            .filter(|scope| scope.readable_by(Role::Consultant, Region::Latgale))
            .collect();
        assert_eq!(
            readable,
            [Scope::Organisation, Scope::Region(Region::Latgale)]
        );
        assert!(Scope::all().all(|scope| scope.readable_by(Role::Supervisor, Region::Riga)));
    }
}
