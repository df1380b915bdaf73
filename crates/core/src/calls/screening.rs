//! The trafficking-indicator checklist a consultant goes through during a
//! call: the indicator groups common to the ILO's operational indicators and
//! IOM's screening tools, coarse enough to ask about on the phone. A call
//! keeps the groups observed; reports count them and the CTDC export maps
//! them to HTCDS means of control (`docs/ctdc-mapping.md`).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One group of trafficking indicators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum TraffickingIndicator {
    /// Deceived about the work, its pay or conditions, or the employer.
    DeceptionAboutWork,
    /// Passport or identity documents taken or withheld.
    DocumentsWithheld,
    /// A debt to the employer or recruiter that cannot be paid off.
    Debt,
    /// Not free to leave the workplace or housing, or watched.
    RestrictedMovement,
    /// Threats against the person or their family, or violence.
    ThreatsOrViolence,
    /// Cut off from family, language or help; no contact allowed.
    Isolation,
    /// Degrading living or working conditions, excessive hours, no pay.
    PoorConditions,
}

impl TraffickingIndicator {
    /// Every group, in the order the checklist asks them.
    pub const ALL: [Self; 7] = [
        Self::DeceptionAboutWork,
        Self::DocumentsWithheld,
        Self::Debt,
        Self::RestrictedMovement,
        Self::ThreatsOrViolence,
        Self::Isolation,
        Self::PoorConditions,
    ];
}
