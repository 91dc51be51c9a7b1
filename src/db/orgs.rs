//! SQL for organisations, their names and tags.

use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter, types::Value};

use crate::error::{Context, Error, Result};
use crate::model::org::{Org, OrgKind, OrgRef, OrgStatus};
use crate::text::{self, fold, similarity};

use super::{from_json_list, parse_word, search, to_json_list};

const SELECT: &str = "SELECT o.id, o.handle, o.name, o.native_name,
    (SELECT json_group_array(value) FROM (SELECT value FROM org_names WHERE org_id = o.id AND kind = 'alias' ORDER BY key)),
    o.country, o.region, o.kind, o.status, o.since, o.languages, o.website, o.email,
    (SELECT json_group_array(tag) FROM (SELECT tag FROM org_tags WHERE org_id = o.id ORDER BY tag)),
    o.notes, o.sensitivity, o.created_at, o.updated_at, o.region_overridden, o.last_contact, o.name_fa,
    (SELECT json_group_array(name) FROM (SELECT g.name FROM org_groups m JOIN groups g ON g.id = m.group_id
      WHERE m.org_id = o.id ORDER BY g.name_key))
  FROM organisations o";

fn from_row(r: &Row) -> rusqlite::Result<Org> {
    Ok(Org {
        id: r.get(0)?,
        handle: r.get(1)?,
        name: r.get(2)?,
        native_name: r.get(3)?,
        name_fa: r.get(20)?,
        aliases: from_json_list(r, 4)?,
        country: r.get(5)?,
        region: r.get(6)?,
        kind: parse_word(r, 7)?,
        status: parse_word(r, 8)?,
        since: r.get(9)?,
        languages: from_json_list(r, 10)?,
        website: r.get(11)?,
        email: r.get(12)?,
        tags: from_json_list(r, 13)?,
        groups: from_json_list(r, 21)?,
        notes: r.get(14)?,
        sensitivity: parse_word(r, 15)?,
        created_at: r.get(16)?,
        updated_at: r.get(17)?,
        region_overridden: r.get(18)?,
        last_contact: r.get(19)?,
    })
}

const SELECT_REF: &str = "SELECT o.id, o.handle, o.name, o.country FROM organisations o";

fn ref_from_row(r: &Row) -> rusqlite::Result<OrgRef> {
    Ok(OrgRef {
        id: r.get(0)?,
        handle: r.get(1)?,
        name: r.get(2)?,
        country: r.get(3)?,
    })
}

/// Inserts a new organisation with its names, tags and search entry.
pub fn insert(conn: &Connection, o: &Org) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO organisations (id, handle, name, native_name, country, region, region_overridden,
            kind, status, since, languages, website, email, notes, sensitivity, sort_key, created_at, updated_at, name_fa)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
    )
    .and_then(|mut stmt| {
        stmt.execute(params![
            o.id,
            o.handle,
            o.name,
            o.native_name,
            o.country,
            o.region,
            o.region_overridden,
            o.kind.as_str(),
            o.status.as_str(),
            o.since,
            to_json_list(&o.languages),
            o.website,
            o.email,
            o.notes,
            o.sensitivity.as_str(),
            fold(&o.name),
            o.created_at,
            o.updated_at,
            o.name_fa,
        ])
    })
    .context("inserting organisation")?;
    write_names_tags_index(conn, o)
}

/// Rewrites an organisation's fields, names, tags and search entry.
pub fn update(conn: &Connection, o: &Org) -> Result<()> {
    conn.prepare_cached(
        "UPDATE organisations SET handle = ?2, name = ?3, native_name = ?4, country = ?5, region = ?6,
            region_overridden = ?7, kind = ?8, status = ?9, since = ?10, languages = ?11, website = ?12,
            email = ?13, notes = ?14, sensitivity = ?15, sort_key = ?16, updated_at = ?17, name_fa = ?18
         WHERE id = ?1",
    )
    .and_then(|mut stmt| {
        stmt.execute(params![
            o.id,
            o.handle,
            o.name,
            o.native_name,
            o.country,
            o.region,
            o.region_overridden,
            o.kind.as_str(),
            o.status.as_str(),
            o.since,
            to_json_list(&o.languages),
            o.website,
            o.email,
            o.notes,
            o.sensitivity.as_str(),
            fold(&o.name),
            o.updated_at,
            o.name_fa,
        ])
    })
    .context("updating organisation")?;
    conn.prepare_cached("DELETE FROM org_names WHERE org_id = ?1")
        .and_then(|mut stmt| stmt.execute([&o.id]))
        .context("updating organisation names")?;
    conn.prepare_cached("DELETE FROM org_tags WHERE org_id = ?1")
        .and_then(|mut stmt| stmt.execute([&o.id]))
        .context("updating organisation tags")?;
    conn.prepare_cached("DELETE FROM org_groups WHERE org_id = ?1")
        .and_then(|mut stmt| stmt.execute([&o.id]))
        .context("updating organisation groups")?;
    write_names_tags_index(conn, o)
}

fn write_names_tags_index(conn: &Connection, o: &Org) -> Result<()> {
    let mut names = conn
        .prepare_cached("INSERT OR IGNORE INTO org_names (org_id, kind, value, key) VALUES (?1, ?2, ?3, ?4)")
        .context("saving organisation names")?;
    for (kind, value) in o.all_names() {
        names
            .execute(params![o.id, kind, value, fold(value)])
            .context("saving organisation names")?;
    }
    let mut tags = conn
        .prepare_cached("INSERT OR IGNORE INTO org_tags (org_id, tag) VALUES (?1, ?2)")
        .context("saving organisation tags")?;
    for t in &o.tags {
        tags.execute(params![o.id, t])
            .context("saving organisation tags")?;
    }
    let mut groups = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO org_groups (org_id, group_id) SELECT ?1, id FROM groups WHERE name = ?2",
        )
        .context("saving organisation groups")?;
    for g in &o.groups {
        if groups
            .execute(params![o.id, g])
            .context("saving organisation groups")?
            == 0
        {
            return Err(Error::internal(format!("no group named {g}")));
        }
    }
    index(conn, o)
}

/// Rewrites the search entry of the organisation stored as `rid` (or drops
/// it when there is no such row any more): after an undo.
pub fn reindex(conn: &Connection, rid: i64) -> Result<()> {
    search::reindex_entry(conn, "organisations", "org_fts", rid, |id| {
        Ok(get(conn, id)?.as_ref().map(search_entry))
    })
}

fn index(conn: &Connection, o: &Org) -> Result<()> {
    let rid = super::rid_of(conn, "organisations", &o.id)?
        .ok_or_else(|| Error::internal(format!("organisation {} is not stored", o.id)))?;
    search::put_entry(conn, "org_fts", rid, Some(&search_entry(o)))
}

/// What the search index holds for an organisation: its folded handle,
/// names, tags and notes, and its names' Latin and consonant keys.
fn search_entry(o: &Org) -> search::Entry {
    let names: Vec<&str> = o.all_names().into_iter().map(|(_, n)| n).collect();
    let mut text = vec![o.handle.as_str()];
    text.extend(names.iter().copied());
    text.extend(o.tags.iter().map(String::as_str));
    text.extend(o.notes.as_deref());
    search::Entry::new(&text, &names)
}

/// Loads one organisation by its full ID (deleted ones included).
pub fn get(conn: &Connection, id: &str) -> Result<Option<Org>> {
    conn.prepare_cached(&format!("{SELECT} WHERE o.id = ?1"))
        .and_then(|mut stmt| stmt.query_row([id], from_row).optional())
        .context("reading organisation")
}

/// The organisation holding `handle`, and whether it is deleted.
pub fn by_handle(conn: &Connection, handle: &str) -> Result<Option<(OrgRef, bool)>> {
    conn.prepare_cached(
        "SELECT o.id, o.handle, o.name, o.country, o.deleted_at IS NOT NULL FROM organisations o WHERE o.handle = ?1",
    )
    .and_then(|mut stmt| stmt.query_row([handle], |r| Ok((ref_from_row(r)?, r.get(4)?))).optional())
    .context("looking up handle")
}

/// Live organisations with a name, native name or alias whose folded key
/// equals `key`.
pub fn by_name_key(conn: &Connection, key: &str) -> Result<Vec<OrgRef>> {
    refs(
        conn,
        &format!(
            "{SELECT_REF} WHERE o.deleted_at IS NULL AND o.id IN (SELECT org_id FROM org_names WHERE key = ?1) ORDER BY o.sort_key"
        ),
        [key],
    )
}

/// Every folded name (name, native name, alias) of the live organisations
/// of a country, with the organisation it names.
pub fn names_in_country(conn: &Connection, country: &str) -> Result<Vec<(OrgRef, String)>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT o.id, o.handle, o.name, o.country, n.key FROM organisations o
               JOIN org_names n ON n.org_id = o.id
              WHERE o.country = ?1 AND o.deleted_at IS NULL",
        )
        .context("finding organisations of a country")?;
    let rows = stmt
        .query_map([country], |r| Ok((ref_from_row(r)?, r.get(4)?)))
        .context("finding organisations of a country")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("finding organisations of a country")
}

/// Live organisations whose ID starts with `prefix` (lower-case hex).
pub fn by_id_prefix(conn: &Connection, prefix: &str) -> Result<Vec<OrgRef>> {
    refs(
        conn,
        &format!(
            "{SELECT_REF} WHERE o.deleted_at IS NULL AND o.id GLOB ?1 || '*' ORDER BY o.sort_key LIMIT 50"
        ),
        [prefix],
    )
}

/// Live organisations with a name containing `key` (folded), at most `limit`.
pub fn by_name_part(conn: &Connection, key: &str, limit: usize) -> Result<Vec<OrgRef>> {
    refs(
        conn,
        &format!(
            "{SELECT_REF} WHERE o.deleted_at IS NULL
               AND o.id IN (SELECT org_id FROM org_names WHERE instr(key, ?1) > 0)
             ORDER BY o.sort_key LIMIT ?2"
        ),
        params![key, limit as i64],
    )
}

/// Up to three live organisations with a name most like the folded `key`,
/// read name by name (only the likely ones are kept).
pub fn closest(conn: &Connection, key: &str) -> Result<Vec<OrgRef>> {
    if !text::comparable(key) {
        return Ok(Vec::new());
    }
    let mut stmt = conn
        .prepare_cached(
            "SELECT o.id, o.handle, o.name, o.country, n.key FROM organisations o
               JOIN org_names n ON n.org_id = o.id WHERE o.deleted_at IS NULL",
        )
        .context("reading organisation names")?;
    let mut rows = stmt.query([]).context("reading organisation names")?;
    let mut likely = Vec::new();
    while let Some(r) = rows.next().context("reading organisation names")? {
        let name: String = r.get(4).context("reading organisation names")?;
        if similarity(&name, key) >= 0.5 {
            likely.push((name, ref_from_row(r).context("reading organisation names")?));
        }
    }
    Ok(text::closest(likely, key))
}

fn refs<P: rusqlite::Params>(conn: &Connection, sql: &str, p: P) -> Result<Vec<OrgRef>> {
    let mut stmt = conn.prepare_cached(sql).context("finding organisation")?;
    let rows = stmt.query_map(p, ref_from_row).context("finding organisation")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("finding organisation")
}

/// Which organisations `org list` shows.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub countries: Vec<String>,
    pub region: Option<String>,
    pub kind: Option<OrgKind>,
    pub status: Option<OrgStatus>,
    pub tag: Option<String>,
    /// Only organisations in this group (its ID).
    pub group: Option<String>,
    /// Only organisations with no contact since this date (or never).
    pub silent_since: Option<chrono::NaiveDate>,
    pub sort: Sort,
}

/// The order of `org list`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Name,
    Country,
    /// Longest silence first; never contacted before all.
    LastContact,
}

/// Live organisations matching `f`.
pub fn list(conn: &Connection, f: &Filter) -> Result<Vec<Org>> {
    let mut sql = format!("{SELECT} WHERE o.deleted_at IS NULL");
    let mut args: Vec<Value> = Vec::new();
    if !f.countries.is_empty() {
        sql.push_str(" AND o.country IN (SELECT value FROM json_each(?))");
        args.push(Value::Text(to_json_list(&f.countries)));
    }
    if let Some(region) = &f.region {
        sql.push_str(" AND o.region = ?");
        args.push(Value::Text(region.clone()));
    }
    if let Some(kind) = f.kind {
        sql.push_str(" AND o.kind = ?");
        args.push(Value::Text(kind.as_str().into()));
    }
    if let Some(status) = f.status {
        sql.push_str(" AND o.status = ?");
        args.push(Value::Text(status.as_str().into()));
    }
    if let Some(tag) = &f.tag {
        sql.push_str(" AND EXISTS (SELECT 1 FROM org_tags t WHERE t.org_id = o.id AND t.tag = ?)");
        args.push(Value::Text(tag.clone()));
    }
    if let Some(group) = &f.group {
        sql.push_str(" AND EXISTS (SELECT 1 FROM org_groups m WHERE m.org_id = o.id AND m.group_id = ?)");
        args.push(Value::Text(group.clone()));
    }
    if let Some(d) = f.silent_since {
        sql.push_str(" AND coalesce(o.last_contact, '') < ?");
        args.push(Value::Text(d.to_string()));
    }
    sql.push_str(match f.sort {
        Sort::Name => " ORDER BY o.sort_key, o.handle",
        Sort::Country => " ORDER BY o.country, o.sort_key, o.handle",
        Sort::LastContact => " ORDER BY o.last_contact, o.sort_key, o.handle",
    });
    let mut stmt = conn.prepare(&sql).context("listing organisations")?;
    let rows = stmt
        .query_map(params_from_iter(args), from_row)
        .context("listing organisations")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("listing organisations")
}

/// Marks an organisation deleted; it keeps its rows so it can be restored.
pub fn soft_delete(conn: &Connection, id: &str, now: &str) -> Result<()> {
    conn.execute(
        "UPDATE organisations SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
        params![id, now],
    )
    .context("deleting organisation")?;
    Ok(())
}

/// Clears the deleted mark of an organisation.
pub fn restore(conn: &Connection, id: &str, now: &str) -> Result<()> {
    conn.execute(
        "UPDATE organisations SET deleted_at = NULL, updated_at = ?2 WHERE id = ?1",
        params![id, now],
    )
    .context("restoring organisation")?;
    Ok(())
}

/// Removes an organisation for good, with its names, tags, search entry
/// and every trace in the change history (see
/// [`super::changes::forget_record`]); returns the commands whose recorded
/// line the caller should rewrite. What is removed is overwritten in the
/// file, not only unlinked.
pub fn purge(conn: &Connection, id: &str) -> Result<Vec<(i64, String)>> {
    let names = match get(conn, id)? {
        Some(o) => o.all_names().into_iter().map(|(_, n)| n.to_string()).collect(),
        None => Vec::new(),
    };
    super::changes::overwrite_deleted(conn)?;
    conn.execute(
        "DELETE FROM org_fts WHERE rowid = (SELECT rid FROM organisations WHERE id = ?1)",
        [id],
    )
    .context("purging organisation")?;
    conn.execute("DELETE FROM organisations WHERE id = ?1", [id])
        .context("purging organisation")?;
    let lines = super::changes::forget_record(conn, "organisations", id, &names)?;
    super::changes::compact_index(conn, "org_fts")?;
    Ok(lines)
}

/// Soft-deleted organisations, most recently deleted first.
pub fn deleted(conn: &Connection) -> Result<Vec<OrgRef>> {
    refs(
        conn,
        &format!("{SELECT_REF} WHERE o.deleted_at IS NOT NULL ORDER BY o.deleted_at DESC"),
        [],
    )
}

/// Live organisations with the same folded name in the same country.
pub fn same_name_and_country(conn: &Connection, name: &str, country: &str) -> Result<Vec<OrgRef>> {
    refs(
        conn,
        &format!(
            // `+` keeps SQLite from walking the country's organisations
            // (hundreds) instead of the name index (one or two).
            "{SELECT_REF} WHERE o.deleted_at IS NULL AND +o.country = ?2
               AND o.id IN (SELECT org_id FROM org_names WHERE key = ?1)"
        ),
        params![fold(name), country],
    )
}

/// The first free handle among the name's proposal, the proposal with the
/// country code, then numbered ones (deleted organisations keep theirs).
pub fn free_handle(conn: &Connection, name: &str, country: &str) -> Result<String> {
    let country_name = crate::model::country::by_code(country)
        .map(|c| c.name)
        .unwrap_or_default();
    let base = crate::model::fields::handle_from_name_in(name, &country_name);
    let tries = std::iter::once(base.clone())
        .chain(std::iter::once(format!(
            "{base}-{}",
            country.to_ascii_lowercase()
        )))
        .chain((2..100_000).map(|n| format!("{base}-{n}")));
    for h in tries {
        if by_handle(conn, &h)?.is_none() {
            return Ok(h);
        }
    }
    Err(crate::error::Error::user(format!("no free handle near `{base}`")).hint("choose one with --handle"))
}

/// The handle an acronym makes when it is free; held by another
/// organisation, the acronym with the country code (`pcb-br`). `None` when
/// the acronym makes no handle or both are taken. The second value is the
/// organisation that holds the plain acronym, when the country code was
/// added.
pub fn acronym_handle(
    conn: &Connection,
    acronym: &str,
    country: &str,
) -> Result<Option<(String, Option<OrgRef>)>> {
    let Some(base) = crate::model::fields::handle_from_acronym(acronym) else {
        return Ok(None);
    };
    let Some((holder, _)) = by_handle(conn, &base)? else {
        return Ok(Some((base, None)));
    };
    let with_country = format!("{base}-{}", country.to_ascii_lowercase());
    if by_handle(conn, &with_country)?.is_none() {
        return Ok(Some((with_country, Some(holder))));
    }
    Ok(None)
}

/// IDs of organisations with no log entry at all.
pub fn never_contacted(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn
        .prepare("SELECT id FROM organisations WHERE last_contact IS NULL")
        .context("reading organisations")?;
    let rows = stmt
        .query_map([], |r| r.get(0))
        .context("reading organisations")?;
    rows.collect::<rusqlite::Result<Vec<String>>>()
        .context("reading organisations")
}

/// Moves an organisation's part in events and briefings, the documents it wrote and the
/// copies sent to it over to another (for merges); returns how many rows
/// moved.
pub fn move_activity(conn: &Connection, from: &str, to: &str) -> Result<usize> {
    let mut moved = 0;
    for (update, leftover) in [
        (
            "UPDATE OR IGNORE event_orgs SET org_id = ?2 WHERE org_id = ?1",
            "DELETE FROM event_orgs WHERE org_id = ?1",
        ),
        (
            "UPDATE OR IGNORE briefing_orgs SET org_id = ?2 WHERE org_id = ?1",
            "DELETE FROM briefing_orgs WHERE org_id = ?1",
        ),
        (
            "UPDATE OR IGNORE distributions SET org_id = ?2 WHERE org_id = ?1",
            "DELETE FROM distributions WHERE org_id = ?1",
        ),
        (
            "UPDATE documents SET author_org_id = ?2 WHERE author_org_id = ?1",
            "",
        ),
    ] {
        moved += conn
            .execute(update, params![from, to])
            .context("moving events and documents")?;
        if !leftover.is_empty() {
            // Rows the survivor already had (same event, or same copy on the same day).
            conn.execute(leftover, [from])
                .context("moving events and documents")?;
        }
    }
    Ok(moved)
}
