//! The app's commands, by domain. Each is a few lines: take state, call core,
//! map the error.

pub mod accounts;
pub mod audit;
pub mod backup;
pub mod calls;
pub mod device;
pub mod devices;
pub mod referrals;
pub mod reports;
pub mod retention;
pub mod sync;
