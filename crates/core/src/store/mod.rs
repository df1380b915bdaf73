//! The encrypted store: the data directory, the key hierarchy, the SQLCipher
//! connection and its migrations, this device's settings and the row
//! helpers every table reader uses.

pub(crate) mod checkpointer;
pub mod connection;
pub mod crypto;
pub mod data_dir;
pub(crate) mod files;
pub(crate) mod fts;
pub mod keyring;
pub(crate) mod readers;
pub(crate) mod rows;
pub(crate) mod savepoint;
pub mod schema;
pub(crate) mod secrets;
pub(crate) mod settings;
pub mod throttle;

pub use data_dir::DataDir;
pub use files::{write_atomically, ChosenFile};
