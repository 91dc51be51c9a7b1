//! SQL for people.

use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter, types::Value};

use crate::error::{Context, Error, Result};
use crate::model::person::{Person, PersonRef};
use crate::text::fold;

use super::{from_json_list, parse_word, search, to_json_list};

const SELECT: &str = "SELECT p.id, p.name, p.native_name, o.handle, p.role, p.email, p.phone, p.messaging,
    p.languages, p.notes, p.do_not_contact, p.sensitivity, p.created_at, p.updated_at, p.org_id, p.name_fa
  FROM people p LEFT JOIN organisations o ON o.id = p.org_id";

fn from_row(r: &Row) -> rusqlite::Result<Person> {
    Ok(Person {
        id: r.get(0)?,
        name: r.get(1)?,
        native_name: r.get(2)?,
        organisation: r.get(3)?,
        role: r.get(4)?,
        email: r.get(5)?,
        phone: r.get(6)?,
        messaging: from_json_list(r, 7)?,
        languages: from_json_list(r, 8)?,
        notes: r.get(9)?,
        do_not_contact: r.get(10)?,
        sensitivity: parse_word(r, 11)?,
        created_at: r.get(12)?,
        updated_at: r.get(13)?,
        org_id: r.get(14)?,
        name_fa: r.get(15)?,
    })
}

const SELECT_REF: &str =
    "SELECT p.id, p.name, o.handle FROM people p LEFT JOIN organisations o ON o.id = p.org_id";

fn ref_from_row(r: &Row) -> rusqlite::Result<PersonRef> {
    Ok(PersonRef {
        id: r.get(0)?,
        name: r.get(1)?,
        organisation: r.get(2)?,
    })
}

/// Inserts a new person and their search entry.
pub fn insert(conn: &Connection, p: &Person) -> Result<()> {
    conn.execute(
        "INSERT INTO people (id, name, native_name, org_id, role, email, phone, messaging, languages, notes,
            do_not_contact, sensitivity, sort_key, native_key, created_at, updated_at, name_fa)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
        params![
            p.id,
            p.name,
            p.native_name,
            p.org_id,
            p.role,
            p.email,
            p.phone,
            to_json_list(&p.messaging),
            to_json_list(&p.languages),
            p.notes,
            p.do_not_contact,
            p.sensitivity.as_str(),
            fold(&p.name),
            fold(p.native_name.as_deref().unwrap_or("")),
            p.created_at,
            p.updated_at,
            p.name_fa,
        ],
    )
    .context("inserting person")?;
    index(conn, p)
}

/// Rewrites a person's fields and search entry.
pub fn update(conn: &Connection, p: &Person) -> Result<()> {
    conn.execute(
        "UPDATE people SET name = ?2, native_name = ?3, org_id = ?4, role = ?5, email = ?6, phone = ?7,
            messaging = ?8, languages = ?9, notes = ?10, do_not_contact = ?11, sensitivity = ?12,
            sort_key = ?13, native_key = ?14, updated_at = ?15, name_fa = ?16
         WHERE id = ?1",
        params![
            p.id,
            p.name,
            p.native_name,
            p.org_id,
            p.role,
            p.email,
            p.phone,
            to_json_list(&p.messaging),
            to_json_list(&p.languages),
            p.notes,
            p.do_not_contact,
            p.sensitivity.as_str(),
            fold(&p.name),
            fold(p.native_name.as_deref().unwrap_or("")),
            p.updated_at,
            p.name_fa,
        ],
    )
    .context("updating person")?;
    index(conn, p)
}

/// Rewrites the search entry of the person stored as `rid` (or drops it
/// when there is no such row any more): after an undo.
pub fn reindex(conn: &Connection, rid: i64) -> Result<()> {
    search::reindex_entry(conn, "people", "person_fts", rid, |id| {
        Ok(get(conn, id)?.as_ref().map(search_entry))
    })
}

fn index(conn: &Connection, p: &Person) -> Result<()> {
    let rid = super::rid_of(conn, "people", &p.id)?
        .ok_or_else(|| Error::internal(format!("person {} is not stored", p.id)))?;
    search::put_entry(conn, "person_fts", rid, Some(&search_entry(p)))
}

/// What the search index holds for a person: their folded names (the
/// Persian one too), role and
/// notes, and their names' Latin and consonant keys.
fn search_entry(p: &Person) -> search::Entry {
    let mut names = vec![p.name.as_str()];
    names.extend(p.native_name.as_deref());
    names.extend(p.name_fa.as_deref());
    let mut text = names.clone();
    text.extend(p.role.as_deref());
    text.extend(p.notes.as_deref());
    search::Entry::new(&text, &names)
}

/// Loads one person by full ID.
pub fn get(conn: &Connection, id: &str) -> Result<Option<Person>> {
    conn.prepare_cached(&format!("{SELECT} WHERE p.id = ?1"))
        .and_then(|mut stmt| stmt.query_row([id], from_row).optional())
        .context("reading person")
}

/// Live people whose ID starts with `prefix`.
pub fn by_id_prefix(conn: &Connection, prefix: &str) -> Result<Vec<PersonRef>> {
    refs(
        conn,
        &format!(
            "{SELECT_REF} WHERE p.deleted_at IS NULL AND p.id GLOB ?1 || '*' ORDER BY p.sort_key LIMIT 50"
        ),
        [prefix],
    )
}

/// Live people whose name or native name folds to `key`.
pub fn by_name_key(conn: &Connection, key: &str) -> Result<Vec<PersonRef>> {
    refs(
        conn,
        &format!(
            "{SELECT_REF} WHERE p.deleted_at IS NULL AND (p.sort_key = ?1 OR p.native_key = ?1) ORDER BY p.sort_key"
        ),
        [key],
    )
}

/// Live people whose name contains `key` (folded).
pub fn by_name_part(conn: &Connection, key: &str, limit: usize) -> Result<Vec<PersonRef>> {
    refs(
        conn,
        &format!(
            "{SELECT_REF} WHERE p.deleted_at IS NULL AND (instr(p.sort_key, ?1) > 0 OR instr(p.native_key, ?1) > 0)
             ORDER BY p.sort_key LIMIT ?2"
        ),
        params![key, limit as i64],
    )
}

/// Every folded name of every live person, for "did you mean".
pub fn all_name_keys(conn: &Connection) -> Result<Vec<(String, PersonRef)>> {
    let mut stmt = conn
        .prepare(
            "SELECT p.id, p.name, o.handle, k.value FROM people p LEFT JOIN organisations o ON o.id = p.org_id,
               json_each(json_array(p.sort_key, p.native_key)) k
             WHERE p.deleted_at IS NULL AND k.value <> ''",
        )
        .context("reading names of people")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(3)?, ref_from_row(r)?)))
        .context("reading names of people")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("reading names of people")
}

fn refs<P: rusqlite::Params>(conn: &Connection, sql: &str, p: P) -> Result<Vec<PersonRef>> {
    let mut stmt = conn.prepare_cached(sql).context("finding person")?;
    let rows = stmt.query_map(p, ref_from_row).context("finding person")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("finding person")
}

/// Which people `person list` shows.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub org_id: Option<String>,
    pub countries: Vec<String>,
    /// At most this many, the first by name.
    pub limit: Option<usize>,
}

impl Filter {
    /// The WHERE clause (for `p` and its organisation `o`) and its arguments.
    fn condition(&self) -> (String, Vec<Value>) {
        let mut sql = String::from(" WHERE p.deleted_at IS NULL");
        let mut args: Vec<Value> = Vec::new();
        if let Some(org) = &self.org_id {
            sql.push_str(" AND p.org_id = ?");
            args.push(Value::Text(org.clone()));
        }
        if !self.countries.is_empty() {
            sql.push_str(" AND o.country IN (SELECT value FROM json_each(?))");
            args.push(Value::Text(to_json_list(&self.countries)));
        }
        (sql, args)
    }
}

/// Live people matching `f`, by name.
pub fn list(conn: &Connection, f: &Filter) -> Result<Vec<Person>> {
    let (condition, args) = f.condition();
    let mut sql = format!("{SELECT}{condition} ORDER BY p.sort_key, p.id");
    if let Some(n) = f.limit {
        sql.push_str(&format!(" LIMIT {n}"));
    }
    let mut stmt = conn.prepare(&sql).context("listing people")?;
    let rows = stmt
        .query_map(params_from_iter(args), from_row)
        .context("listing people")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("listing people")
}

/// The first people matching `f` (up to its limit) and how many match in all.
pub fn page(conn: &Connection, f: &Filter) -> Result<(Vec<Person>, usize)> {
    let people = list(conn, f)?;
    let total = super::page_total(people.len(), f.limit, || {
        let (condition, args) = f.condition();
        let n: i64 = conn
            .prepare(&format!(
                "SELECT count(*) FROM people p LEFT JOIN organisations o ON o.id = p.org_id{condition}"
            ))
            .and_then(|mut stmt| stmt.query_row(params_from_iter(args), |r| r.get(0)))
            .context("counting people")?;
        Ok(usize::try_from(n).unwrap_or_default())
    })?;
    Ok((people, total))
}

/// Marks a person deleted.
pub fn soft_delete(conn: &Connection, id: &str, now: &str) -> Result<()> {
    conn.execute(
        "UPDATE people SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
        params![id, now],
    )
    .context("deleting person")?;
    Ok(())
}

/// Removes a person for good, with their search entry and every trace in
/// the change history (see [`super::changes::forget_record`]); returns the
/// commands whose recorded line the caller should rewrite. What is removed
/// is overwritten in the file, not only unlinked.
pub fn purge(conn: &Connection, id: &str) -> Result<Vec<(i64, String)>> {
    let names = match get(conn, id)? {
        Some(p) => std::iter::once(p.name).chain(p.native_name).collect(),
        None => Vec::new(),
    };
    super::changes::overwrite_deleted(conn)?;
    conn.execute(
        "DELETE FROM person_fts WHERE rowid = (SELECT rid FROM people WHERE id = ?1)",
        [id],
    )
    .context("purging person")?;
    conn.execute("DELETE FROM people WHERE id = ?1", [id])
        .context("purging person")?;
    let lines = super::changes::forget_record(conn, "people", id, &names)?;
    super::changes::compact_index(conn, "person_fts")?;
    Ok(lines)
}

/// Moves every person of one organisation to another.
pub fn move_to_org(conn: &Connection, from: &str, to: &str, now: &str) -> Result<usize> {
    conn.execute(
        "UPDATE people SET org_id = ?2, updated_at = ?3 WHERE org_id = ?1",
        params![from, to, now],
    )
    .context("moving people")
}
