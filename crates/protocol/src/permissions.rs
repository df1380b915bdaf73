//! Who may write what: the one permission table. The relay applies it to
//! every push by the pushing device's certificate, and every laptop applies
//! it again to every record it receives by the certificate of the device
//! that signed it, so neither a hostile laptop nor a hostile relay can make
//! a device apply what its author was not allowed to write.
//!
//! The table decides by kind and scope, which the relay can see. Two kinds
//! need one more check that only a laptop can make, inside the sealed record
//! ([`Authorship`]): an audit entry must be its signer's own, a consultant
//! device may publish only its own region's consultants, and only that its
//! own region's line was called.

use crate::envelope::RecordKind;
use crate::identity::DeviceCertificate;
use crate::region::Region;
use crate::role::Role;
use crate::scope::Scope;

/// What an author may write of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Supervisor devices, and devices of the region the record is sealed for.
    SupervisorOrSameRegion,
    /// Supervisor devices only.
    SupervisorOnly,
    /// Any device, of its own records (or its own region's) only
    /// ([`Authorship`]).
    OwnRecordsOnly,
    /// Supervisor devices; a consultant device only accounts of its own
    /// region's consultants that no other device has written ([`Authorship`]).
    SupervisorOrOwnConsultants,
}

/// The table.
pub const fn rule(kind: RecordKind) -> Rule {
    match kind {
        RecordKind::Call => Rule::SupervisorOrSameRegion,
        RecordKind::Referral
        | RecordKind::CallRemoval
        | RecordKind::KeyRotation
        | RecordKind::RetentionRule
        | RecordKind::Category => Rule::SupervisorOnly,
        RecordKind::AuditEntry | RecordKind::CallerSeen => Rule::OwnRecordsOnly,
        RecordKind::Account => Rule::SupervisorOrOwnConsultants,
    }
}

/// Whether a device of `role` in `region` may write a record of `kind`
/// sealed for `scope`, as far as kind and scope tell. A scope the author
/// may not read is never writable.
pub fn may_write(role: Role, region: Region, kind: RecordKind, scope: Scope) -> bool {
    if !scope.readable_by(role, region) {
        return false;
    }
    let supervisor = role == Role::Supervisor;
    match rule(kind) {
        Rule::SupervisorOrSameRegion => supervisor || scope == Scope::Region(region),
        Rule::SupervisorOnly => supervisor,
        Rule::OwnRecordsOnly | Rule::SupervisorOrOwnConsultants => true,
    }
}

/// What a laptop reads inside a record to finish the check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Authorship {
    /// An audit entry, naming the device whose log it belongs to.
    AuditEntry { device: uuid::Uuid },
    /// A staff account: the role and region it claims, and the device whose
    /// version of it this laptop holds (`None`: it is new here).
    Account {
        role: Role,
        region: Region,
        last_written_by: Option<uuid::Uuid>,
    },
    /// That a caller's number called a line of `region`.
    CallerSeen { region: Region },
}

/// The record-level half of the table, for the kinds that have one.
pub fn may_author(author: &DeviceCertificate, authorship: Authorship) -> bool {
    match authorship {
        Authorship::AuditEntry { device } => device == author.device_id,
        Authorship::Account {
            role,
            region,
            last_written_by,
        } => {
            author.role == Role::Supervisor
                || (role == Role::Consultant
                    && region == author.region
                    && last_written_by.is_none_or(|device| device == author.device_id))
        }
        Authorship::CallerSeen { region } => {
            author.role == Role::Supervisor || region == author.region
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::Utc;
    use uuid::Uuid;

    use super::*;

    fn device(role: Role, region: Region) -> DeviceCertificate {
        DeviceCertificate {
            organisation_id: Uuid::from_u128(1),
            device_id: Uuid::from_u128(2),
            role,
            region,
            signing_key: vec![0; 32],
            agreement_key: vec![0; 32],
            issued_at: Utc::now(),
            grant: None,
            signature: vec![0; 64],
        }
    }

    #[test]
    fn a_consultant_writes_its_own_regions_calls_only() {
        let latgale = device(Role::Consultant, Region::Latgale);
        assert!(may_write(
            latgale.role,
            latgale.region,
            RecordKind::Call,
            Scope::Region(Region::Latgale)
        ));
        assert!(!may_write(
            latgale.role,
            latgale.region,
            RecordKind::Call,
            Scope::Region(Region::Riga)
        ));
        assert!(!may_write(
            latgale.role,
            latgale.region,
            RecordKind::Call,
            Scope::Organisation
        ));
        let supervisor = device(Role::Supervisor, Region::Riga);
        assert!(may_write(
            supervisor.role,
            supervisor.region,
            RecordKind::Call,
            Scope::Region(Region::Latgale)
        ));
    }

    #[test]
    fn the_directory_and_removals_are_supervisors_only() {
        let latgale = device(Role::Consultant, Region::Latgale);
        let supervisor = device(Role::Supervisor, Region::Riga);
        assert!(!may_write(
            latgale.role,
            latgale.region,
            RecordKind::Referral,
            Scope::Organisation
        ));
        assert!(!may_write(
            latgale.role,
            latgale.region,
            RecordKind::CallRemoval,
            Scope::Region(Region::Latgale)
        ));
        assert!(may_write(
            supervisor.role,
            supervisor.region,
            RecordKind::Referral,
            Scope::Organisation
        ));
        assert!(may_write(
            supervisor.role,
            supervisor.region,
            RecordKind::CallRemoval,
            Scope::Region(Region::Latgale)
        ));
        assert!(!may_write(
            latgale.role,
            latgale.region,
            RecordKind::AuditEntry,
            Scope::Supervisors
        ));
    }

    #[test]
    fn audit_entries_and_consultant_accounts_are_their_authors_own() {
        let latgale = device(Role::Consultant, Region::Latgale);
        let own = Authorship::AuditEntry {
            device: latgale.device_id,
        };
        assert!(may_author(&latgale, own));
        assert!(!may_author(
            &latgale,
            Authorship::AuditEntry {
                device: Uuid::from_u128(9)
            }
        ));
        let account = |role, region, last_written_by| Authorship::Account {
            role,
            region,
            last_written_by,
        };
        assert!(may_author(
            &latgale,
            account(Role::Consultant, Region::Latgale, None)
        ));
        assert!(may_author(
            &latgale,
            account(Role::Consultant, Region::Latgale, Some(latgale.device_id))
        ));
        assert!(!may_author(
            &latgale,
            account(Role::Supervisor, Region::Latgale, None)
        ));
        assert!(!may_author(
            &latgale,
            account(Role::Consultant, Region::Riga, None)
        ));
        assert!(!may_author(
            &latgale,
            account(Role::Consultant, Region::Latgale, Some(Uuid::from_u128(9)))
        ));
        let supervisor = device(Role::Supervisor, Region::Riga);
        assert!(may_author(
            &supervisor,
            account(Role::Supervisor, Region::Riga, Some(Uuid::from_u128(9)))
        ));
    }

    #[test]
    fn a_consultant_tells_only_of_its_own_regions_line_being_called() {
        let latgale = device(Role::Consultant, Region::Latgale);
        let seen = |region| Authorship::CallerSeen { region };
        assert!(may_write(
            latgale.role,
            latgale.region,
            RecordKind::CallerSeen,
            Scope::Organisation
        ));
        assert!(may_author(&latgale, seen(Region::Latgale)));
        assert!(!may_author(&latgale, seen(Region::Riga)));
        let supervisor = device(Role::Supervisor, Region::Riga);
        assert!(may_author(&supervisor, seen(Region::Latgale)));
    }
}
