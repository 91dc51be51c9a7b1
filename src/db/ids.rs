//! Row identities: the random `id` every copy shares, and the local `rid`
//! that links a row to its full-text index entry.

use rusqlite::{Connection, OptionalExtension};

use crate::error::{Context, Result};

/// A new random identifier: 32 lower-case hex digits.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// Fresh IDs for `n` new rows, in ascending order: the i-th is random
/// within the i-th of `n` equal slices of the ID space. Rows inserted in
/// that order append to the indexes keyed by ID instead of touching a
/// random page each, which is what slows a million-row import; each ID
/// still carries over a hundred random bits. Past `n`, IDs are plain
/// random ones.
pub struct AscendingIds {
    n: u128,
    next: u128,
    width: u128,
}

impl AscendingIds {
    pub fn new(n: u64) -> AscendingIds {
        let n = u128::from(n.max(1));
        AscendingIds {
            n,
            next: 0,
            width: u128::MAX / n,
        }
    }

    pub fn next_id(&mut self) -> String {
        if self.next >= self.n {
            return new_id();
        }
        let offset = uuid::Uuid::new_v4().as_u128() % self.width;
        let id = self.next * self.width + offset;
        self.next += 1;
        format!("{id:032x}")
    }
}

/// The `rid` the row of `table` with this ID is stored as, if there is one.
/// Table names come from the program, never from input.
pub fn rid_of(conn: &Connection, table: &str, id: &str) -> Result<Option<i64>> {
    conn.prepare_cached(&format!("SELECT rid FROM {table} WHERE id = ?1"))
        .and_then(|mut stmt| stmt.query_row([id], |r| r.get(0)).optional())
        .context("reading the database")
}

/// The ID of the row of `table` stored as `rid`, if there is one.
pub fn id_of(conn: &Connection, table: &str, rid: i64) -> Result<Option<String>> {
    conn.prepare_cached(&format!("SELECT id FROM {table} WHERE rid = ?1"))
        .and_then(|mut stmt| stmt.query_row([rid], |r| r.get(0)).optional())
        .context("reading the database")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_random_hex() {
        let a = new_id();
        assert_eq!(a.len(), 32);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, new_id());
    }
}
