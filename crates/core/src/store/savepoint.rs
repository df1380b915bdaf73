//! A savepoint with cached statements, for the one place that opens one per
//! record: applying a pulled page. rusqlite's `Savepoint` parses its
//! `SAVEPOINT`, `RELEASE` and `ROLLBACK TO` text anew each time, which cost
//! about a tenth of applying a pulled record (profile in docs/benchmarks.md).

use rusqlite::Connection;

use crate::error::Result;

/// Runs `work` inside a savepoint of the caller's transaction: kept when it
/// succeeds, undone (and only it) when it fails, whose error is returned.
pub(crate) fn undo_on_error<T>(
    connection: &Connection,
    work: impl FnOnce() -> Result<T>,
) -> Result<T> {
    connection
        .prepare_cached("SAVEPOINT undo_on_error")?
        .execute([])?;
    match work() {
        Ok(value) => {
            connection
                .prepare_cached("RELEASE undo_on_error")?
                .execute([])?;
            Ok(value)
        }
        Err(error) => {
            connection
                .prepare_cached("ROLLBACK TO undo_on_error")?
                .execute([])?;
            connection
                .prepare_cached("RELEASE undo_on_error")?
                .execute([])?;
            Err(error)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    fn count(connection: &Connection) -> i64 {
        connection
            .query_row("SELECT count(*) FROM kept", [], |row| row.get(0))
            .expect("count")
    }

    #[test]
    fn a_failed_step_undoes_only_its_own_writes() {
        let mut connection = Connection::open_in_memory().expect("open");
        connection
            .execute_batch("CREATE TABLE kept (n INTEGER)")
            .expect("table");
        let transaction = connection.transaction().expect("transaction");
        transaction
            .execute("INSERT INTO kept VALUES (1)", [])
            .expect("before");
        undo_on_error(&transaction, || {
            transaction.execute("INSERT INTO kept VALUES (2)", [])?;
            Ok(())
        })
        .expect("kept step");
        let failed = undo_on_error(&transaction, || -> Result<()> {
            transaction.execute("INSERT INTO kept VALUES (3)", [])?;
            Err(Error::RecordNotPermitted)
        });
        assert!(matches!(failed, Err(Error::RecordNotPermitted)));
        assert_eq!(count(&transaction), 2);
        transaction.commit().expect("commit");
        assert_eq!(count(&connection), 2);
    }
}
