//! SQL for the office's groups and the organisations in them.

use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::error::{Context, Error, Result};
use crate::model::group::Group;
use crate::text::fold;

const SELECT: &str = "SELECT g.id, g.handle, g.name, g.name_fa, g.in_report, g.created_at, g.updated_at,
    (SELECT count(*) FROM org_groups m JOIN organisations o ON o.id = m.org_id
      WHERE m.group_id = g.id AND o.deleted_at IS NULL)
  FROM groups g";

fn from_row(r: &Row) -> rusqlite::Result<Group> {
    Ok(Group {
        id: r.get(0)?,
        handle: r.get(1)?,
        name: r.get(2)?,
        name_fa: r.get(3)?,
        in_report: r.get(4)?,
        created_at: r.get(5)?,
        updated_at: r.get(6)?,
        organisations: r.get(7)?,
    })
}

/// Every group, by name.
pub fn list(conn: &Connection) -> Result<Vec<Group>> {
    let mut stmt = conn
        .prepare_cached(&format!("{SELECT} ORDER BY g.name_key, g.handle"))
        .context("reading groups")?;
    let rows = stmt.query_map([], from_row).context("reading groups")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("reading groups")
}

/// The group with this handle, or whose English or Persian name folds to
/// the same as `query` (groups are few: they are read and compared here).
pub fn find(conn: &Connection, query: &str) -> Result<Option<Group>> {
    let handle = query.trim().to_lowercase();
    let key = fold(query);
    let all = list(conn)?;
    let by_handle = all.iter().position(|g| g.handle == handle);
    let by_name = || {
        all.iter()
            .position(|g| fold(&g.name) == key || g.name_fa.as_deref().is_some_and(|fa| fold(fa) == key))
    };
    Ok(by_handle.or_else(by_name).map(|i| all[i].clone()))
}

/// The group holding `handle`.
pub fn by_handle(conn: &Connection, handle: &str) -> Result<Option<Group>> {
    conn.prepare_cached(&format!("{SELECT} WHERE g.handle = ?1"))
        .and_then(|mut stmt| stmt.query_row([handle], from_row).optional())
        .context("finding group")
}

/// The group whose folded name is that of `name`.
pub fn by_name(conn: &Connection, name: &str) -> Result<Option<Group>> {
    conn.prepare_cached(&format!("{SELECT} WHERE g.name_key = ?1"))
        .and_then(|mut stmt| stmt.query_row([fold(name)], from_row).optional())
        .context("finding group")
}

/// Stores a new group.
pub fn insert(conn: &Connection, g: &Group) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO groups (id, handle, name, name_key, name_fa, in_report, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )
    .and_then(|mut stmt| {
        stmt.execute(params![
            g.id,
            g.handle,
            g.name,
            fold(&g.name),
            g.name_fa,
            g.in_report,
            g.created_at,
            g.updated_at
        ])
    })
    .context("adding group")?;
    Ok(())
}

/// Rewrites a group's fields.
pub fn update(conn: &Connection, g: &Group) -> Result<()> {
    conn.prepare_cached(
        "UPDATE groups SET handle = ?2, name = ?3, name_key = ?4, name_fa = ?5, in_report = ?6, updated_at = ?7
          WHERE id = ?1",
    )
    .and_then(|mut stmt| {
        stmt.execute(params![
            g.id,
            g.handle,
            g.name,
            fold(&g.name),
            g.name_fa,
            g.in_report,
            g.updated_at
        ])
    })
    .context("changing group")?;
    Ok(())
}

/// Deletes a group; its organisations stay, out of it.
pub fn delete(conn: &Connection, id: &str) -> Result<()> {
    // The memberships go first and one by one, so the history records
    // each and an undo puts them back.
    conn.execute("DELETE FROM org_groups WHERE group_id = ?1", [id])
        .context("deleting group")?;
    conn.execute("DELETE FROM groups WHERE id = ?1", [id])
        .context("deleting group")?;
    Ok(())
}

/// IDs of the live organisations in a group.
pub fn member_ids(conn: &Connection, group_id: &str) -> Result<Vec<String>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT m.org_id FROM org_groups m JOIN organisations o ON o.id = m.org_id
              WHERE m.group_id = ?1 AND o.deleted_at IS NULL ORDER BY o.sort_key",
        )
        .context("reading a group's organisations")?;
    let rows = stmt
        .query_map([group_id], |r| r.get(0))
        .context("reading a group's organisations")?;
    rows.collect::<rusqlite::Result<Vec<String>>>()
        .context("reading a group's organisations")
}

/// Every membership: (organisation ID, group ID).
pub fn memberships(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = conn
        .prepare_cached("SELECT org_id, group_id FROM org_groups")
        .context("reading groups")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .context("reading groups")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("reading groups")
}

/// The name's handle, numbered when taken; `group` when the name has no
/// Latin letters to make one from.
pub fn free_handle(conn: &Connection, name: &str) -> Result<String> {
    let mut base = crate::model::fields::handle_from_name(name);
    if crate::text::ascii_words(name).is_empty() {
        base = "group".to_string();
    }
    let tries = std::iter::once(base.clone()).chain((2..10_000).map(|n| format!("{base}-{n}")));
    for h in tries {
        if by_handle(conn, &h)?.is_none() {
            return Ok(h);
        }
    }
    Err(Error::user(format!("no free handle near `{base}`")).hint("choose one with --handle"))
}
