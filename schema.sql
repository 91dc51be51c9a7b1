-- The liaison database schema: the single source of truth.
--
-- Each block headed `-- migration N: title` is one upgrade step. The binary
-- applies the steps a database lacks in order, all in one transaction (a
-- killed upgrade leaves the file as it was), and records the last one in
-- PRAGMA user_version. A block that has shipped
-- is never edited: changes are new blocks appended at the end.
--
-- Identity: every row has a random 128-bit `id` (32 hex digits), unique
-- across independent copies of the database. The integer `rid` is local to
-- one file and only links a row to its full-text index entry.
-- Times are RFC 3339 UTC; dates are ISO 8601; lists are JSON arrays.

-- migration 1: organisations and people
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE organisations (
    rid               INTEGER PRIMARY KEY,
    id                TEXT NOT NULL UNIQUE,
    handle            TEXT NOT NULL UNIQUE,
    name              TEXT NOT NULL CHECK (name <> ''),
    native_name       TEXT,
    country           TEXT NOT NULL CHECK (length(country) = 2),
    region            TEXT NOT NULL,
    region_overridden INTEGER NOT NULL DEFAULT 0,
    kind              TEXT NOT NULL CHECK (kind IN ('party', 'union', 'movement', 'organisation', 'media', 'other')),
    status            TEXT NOT NULL CHECK (status IN ('partner', 'contact', 'prospect', 'dormant', 'ended')),
    since             TEXT,
    languages         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(languages)),
    website           TEXT,
    email             TEXT,
    notes             TEXT,
    sensitivity       TEXT NOT NULL DEFAULT 'normal' CHECK (sensitivity IN ('normal', 'confidential', 'secret')),
    sort_key          TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    deleted_at        TEXT
) STRICT;
CREATE INDEX organisations_sort ON organisations (sort_key);
CREATE INDEX organisations_country ON organisations (country);

-- Every name an organisation is known by, folded for lookup.
CREATE TABLE org_names (
    org_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE ON UPDATE CASCADE,
    kind   TEXT NOT NULL CHECK (kind IN ('name', 'native', 'alias')),
    value  TEXT NOT NULL,
    key    TEXT NOT NULL,
    PRIMARY KEY (org_id, kind, value)
) STRICT, WITHOUT ROWID;
CREATE INDEX org_names_key ON org_names (key);

CREATE TABLE org_tags (
    org_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE ON UPDATE CASCADE,
    tag    TEXT NOT NULL,
    PRIMARY KEY (org_id, tag)
) STRICT, WITHOUT ROWID;
CREATE INDEX org_tags_tag ON org_tags (tag);

CREATE TABLE people (
    rid            INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL CHECK (name <> ''),
    native_name    TEXT,
    org_id         TEXT REFERENCES organisations (id) ON DELETE SET NULL ON UPDATE CASCADE,
    role           TEXT,
    email          TEXT,
    phone          TEXT,
    messaging      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(messaging)),
    languages      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(languages)),
    notes          TEXT,
    do_not_contact INTEGER NOT NULL DEFAULT 0,
    sensitivity    TEXT NOT NULL DEFAULT 'normal' CHECK (sensitivity IN ('normal', 'confidential', 'secret')),
    sort_key       TEXT NOT NULL,
    native_key     TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT
) STRICT;
CREATE INDEX people_org ON people (org_id);
CREATE INDEX people_sort ON people (sort_key);
CREATE INDEX people_native ON people (native_key);

-- Full-text indexes over folded text; rowid = the entity's rid.
CREATE VIRTUAL TABLE org_fts USING fts5 (text, tokenize = 'unicode61 remove_diacritics 0');
CREATE VIRTUAL TABLE person_fts USING fts5 (text, tokenize = 'unicode61 remove_diacritics 0');

-- migration 2: contact log and follow-up tasks
CREATE TABLE interactions (
    rid        INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    date       TEXT NOT NULL,
    time       TEXT,
    channel    TEXT NOT NULL CHECK (channel IN ('meeting', 'call', 'video', 'email', 'letter', 'message', 'event', 'other')),
    direction  TEXT NOT NULL CHECK (direction IN ('in', 'out', 'both')),
    subject    TEXT,
    summary    TEXT NOT NULL CHECK (summary <> ''),
    logged_by  TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
) STRICT;
CREATE INDEX interactions_date ON interactions (date);

-- The organisations of an entry; `date` is copied from the entry so that
-- one organisation's timeline and last contact are an index range.
CREATE TABLE interaction_orgs (
    interaction_id TEXT NOT NULL REFERENCES interactions (id) ON DELETE CASCADE,
    org_id         TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE ON UPDATE CASCADE,
    date           TEXT NOT NULL,
    PRIMARY KEY (interaction_id, org_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX interaction_orgs_org_date ON interaction_orgs (org_id, date);

-- The date of the latest live entry with each organisation, kept by the
-- program on every log write, so "going cold" is one index range instead of
-- a lookup per partner.
ALTER TABLE organisations ADD COLUMN last_contact TEXT;
CREATE INDEX organisations_status_last_contact ON organisations (status, last_contact);

CREATE TABLE interaction_people (
    interaction_id TEXT NOT NULL REFERENCES interactions (id) ON DELETE CASCADE,
    person_id      TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE ON UPDATE CASCADE,
    PRIMARY KEY (interaction_id, person_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX interaction_people_person ON interaction_people (person_id);

CREATE TABLE interaction_tags (
    interaction_id TEXT NOT NULL REFERENCES interactions (id) ON DELETE CASCADE,
    tag            TEXT NOT NULL,
    PRIMARY KEY (interaction_id, tag)
) STRICT, WITHOUT ROWID;
CREATE INDEX interaction_tags_tag ON interaction_tags (tag);

-- Contentless: the folded text is only indexed, not stored a second time
-- (excerpts are cut from the entry itself).
CREATE VIRTUAL TABLE interaction_fts USING fts5 (
    text, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0'
);

CREATE TABLE tasks (
    rid            INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    title          TEXT NOT NULL CHECK (title <> ''),
    org_id         TEXT REFERENCES organisations (id) ON DELETE SET NULL ON UPDATE CASCADE,
    interaction_id TEXT REFERENCES interactions (id) ON DELETE SET NULL,
    due            TEXT,
    priority       TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('high', 'normal', 'low')),
    assignee       TEXT,
    status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
    done_on        TEXT,
    notes          TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT
) STRICT;
CREATE INDEX tasks_status_due ON tasks (status, due);
CREATE INDEX tasks_org ON tasks (org_id, status);

-- The numbers of the last task list shown (as taskwarrior's working set):
-- `task done 3` means the third task of that list until the list is shown
-- again.
CREATE TABLE task_numbers (
    number  INTEGER PRIMARY KEY,
    task_id TEXT NOT NULL UNIQUE REFERENCES tasks (id) ON DELETE CASCADE
) STRICT;

-- migration 3: covering indexes for the quarterly report
-- A quarter's figures read these indexes alone instead of visiting every
-- entry of the period. interaction_orgs holds the links of live entries
-- only: removing an entry from the log removes its links.
CREATE INDEX interactions_date_channel ON interactions (date, deleted_at, channel, direction);
CREATE INDEX interaction_orgs_date ON interaction_orgs (date, org_id, interaction_id);
CREATE INDEX organisations_id_place ON organisations (id, region, country, status);
CREATE INDEX tasks_status_done_on ON tasks (status, done_on);
CREATE INDEX tasks_created_at ON tasks (created_at);

-- migration 4: objectives, events, documents and their distribution
-- The mandates the office works to; log entries, events and documents
-- name the ones they serve. `number` is how users name them (1, 2, …).
CREATE TABLE objectives (
    rid         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    number      INTEGER NOT NULL UNIQUE,
    title       TEXT NOT NULL CHECK (title <> ''),
    description TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;

CREATE TABLE interaction_objectives (
    interaction_id TEXT NOT NULL REFERENCES interactions (id) ON DELETE CASCADE,
    objective_id   TEXT NOT NULL REFERENCES objectives (id) ON DELETE CASCADE ON UPDATE CASCADE,
    PRIMARY KEY (interaction_id, objective_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX interaction_objectives_objective ON interaction_objectives (objective_id);

CREATE TABLE events (
    rid        INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL CHECK (name <> ''),
    kind       TEXT NOT NULL CHECK (kind IN ('seminar', 'conference', 'congress', 'strike', 'demonstration', 'action',
                                            'joint seminar', 'meeting', 'other')),
    starts     TEXT NOT NULL,
    ends       TEXT,
    city       TEXT,
    country    TEXT,
    our_role   TEXT NOT NULL DEFAULT 'none' CHECK (our_role IN ('none', 'observer', 'participant', 'speaker',
                                                               'co-organiser', 'organiser')),
    outcome    TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    CHECK (ends IS NULL OR ends >= starts)
) STRICT;
CREATE INDEX events_starts ON events (starts);

CREATE TABLE event_orgs (
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    org_id   TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE ON UPDATE CASCADE,
    role     TEXT NOT NULL CHECK (role IN ('organiser', 'co-organiser', 'participant', 'signatory')),
    PRIMARY KEY (event_id, org_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX event_orgs_org ON event_orgs (org_id);

CREATE TABLE event_people (
    event_id  TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE ON UPDATE CASCADE,
    PRIMARY KEY (event_id, person_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE event_objectives (
    event_id     TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    objective_id TEXT NOT NULL REFERENCES objectives (id) ON DELETE CASCADE ON UPDATE CASCADE,
    PRIMARY KEY (event_id, objective_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE documents (
    rid                INTEGER PRIMARY KEY,
    id                 TEXT NOT NULL UNIQUE,
    title              TEXT NOT NULL CHECK (title <> ''),
    kind               TEXT NOT NULL CHECK (kind IN ('statement', 'article', 'resolution', 'report', 'letter', 'news', 'other')),
    date               TEXT NOT NULL,
    language           TEXT NOT NULL,
    direction          TEXT NOT NULL CHECK (direction IN ('ours', 'received')),
    author_org_id      TEXT REFERENCES organisations (id) ON DELETE SET NULL ON UPDATE CASCADE,
    translation_of     TEXT REFERENCES documents (id) ON UPDATE CASCADE,
    translation_status TEXT CHECK (translation_status IN ('planned', 'in progress', 'done', 'published')),
    link               TEXT,
    notes              TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    deleted_at         TEXT,
    CHECK ((translation_of IS NULL) = (translation_status IS NULL))
) STRICT;
CREATE INDEX documents_date ON documents (date);
CREATE INDEX documents_translation_of ON documents (translation_of);

CREATE TABLE document_objectives (
    document_id  TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    objective_id TEXT NOT NULL REFERENCES objectives (id) ON DELETE CASCADE ON UPDATE CASCADE,
    PRIMARY KEY (document_id, objective_id)
) STRICT, WITHOUT ROWID;

-- Who received which document (or translation), when and how.
CREATE TABLE distributions (
    rid         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    org_id      TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE ON UPDATE CASCADE,
    person_id   TEXT REFERENCES people (id) ON DELETE SET NULL ON UPDATE CASCADE,
    date        TEXT NOT NULL,
    channel     TEXT NOT NULL CHECK (channel IN ('email', 'letter', 'message', 'meeting', 'website', 'other')),
    created_at  TEXT NOT NULL,
    UNIQUE (document_id, org_id, date)
) STRICT;
CREATE INDEX distributions_org ON distributions (org_id, date);
CREATE INDEX distributions_date ON distributions (date);

-- migration 5: change history
-- One row per command that changed something: who, when, what was typed.
-- `reverts` marks an undo (or a redo, which reverts an undo); `undone_by`
-- is the undo or redo that reverted the command.
CREATE TABLE commands (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    user      TEXT NOT NULL,
    line      TEXT NOT NULL,
    reverts   TEXT CHECK (reverts IN ('undo', 'redo')),
    undone_by INTEGER REFERENCES commands (seq)
) STRICT;

-- Every row a command inserted, updated or deleted, in order, with its
-- values before and after as JSON objects (NULL for an insert's before and
-- a delete's after). `key` holds the row's primary key as a JSON object;
-- `record` is the entity the row belongs to (an organisation, log entry…)
-- and `org_id` the organisation it concerns, for `liaison changes ORG`.
-- Rows are written by triggers the program creates on each connection.
CREATE TABLE changes (
    seq     INTEGER PRIMARY KEY,
    command INTEGER NOT NULL REFERENCES commands (seq) ON DELETE CASCADE,
    tbl     TEXT NOT NULL,
    op      TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    key     TEXT NOT NULL,
    record  TEXT,
    org_id  TEXT,
    before  TEXT,
    after   TEXT
) STRICT;
CREATE INDEX changes_command ON changes (command);
CREATE INDEX changes_record ON changes (record);
CREATE INDEX changes_org ON changes (org_id) WHERE org_id IS NOT NULL;

-- migration 6: indexes for large offices
-- An import checks each task against the organisation's tasks due the
-- same day; by organisation alone it read all of a busy partner's tasks.
CREATE INDEX tasks_org_due ON tasks (org_id, due);
-- The agenda's partners going cold, silent longest first: read in this
-- order, the first page needs no sort of every partner, and counting them
-- needs no row.
CREATE INDEX organisations_cold ON organisations (status, last_contact, sort_key)
    WHERE deleted_at IS NULL;

-- migration 7: follow-ups by their log entry; a document sent is a contact
-- A follow-up made from a log entry opens on the entry's date: the report
-- counts a period's follow-ups from its entries. (Removing an entry for
-- good also finds its follow-ups here instead of reading every task.)
CREATE INDEX tasks_interaction ON tasks (interaction_id) WHERE interaction_id IS NOT NULL;

-- Sending a copy of a document to an organisation is outgoing contact:
-- its last contact is the latest of its log entries and the copies sent
-- to it. Databases from before kept only the log's.
UPDATE organisations SET last_contact = nullif(max(coalesce(last_contact, ''),
        coalesce((SELECT max(d.date) FROM distributions d WHERE d.org_id = organisations.id), '')), '')
 WHERE EXISTS (SELECT 1 FROM distributions d WHERE d.org_id = organisations.id);

-- migration 8: Persian names of organisations and titles of objectives
-- The Persian report names each organisation and mandate in Persian when
-- it has a Persian name; the English report keeps the English one.
ALTER TABLE organisations ADD COLUMN name_fa TEXT;
ALTER TABLE objectives ADD COLUMN title_fa TEXT;

-- Mandate 6: a document (ours or received), in its language, published on
-- the organisation's own website on this day (its link says where).
ALTER TABLE documents ADD COLUMN published_on TEXT;
CREATE INDEX documents_published_on ON documents (published_on) WHERE published_on IS NOT NULL;

-- A Persian name is one of an organisation's names, found as the others are.
CREATE TABLE org_names_new (
    org_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE ON UPDATE CASCADE,
    kind   TEXT NOT NULL CHECK (kind IN ('name', 'native', 'fa', 'alias')),
    value  TEXT NOT NULL,
    key    TEXT NOT NULL,
    PRIMARY KEY (org_id, kind, value)
) STRICT, WITHOUT ROWID;
INSERT INTO org_names_new (org_id, kind, value, key) SELECT org_id, kind, value, key FROM org_names;
DROP TABLE org_names;
ALTER TABLE org_names_new RENAME TO org_names;
CREATE INDEX org_names_key ON org_names (key);

-- The seven mandates `init` stored keep their English titles and gain the
-- resolution's Persian ones; a mandate retitled by the office is left alone.
UPDATE objectives SET title_fa = CASE title
        WHEN 'Widen ties' THEN 'گسترش ارتباطات و همکاری‌های بین‌المللی'
        WHEN 'Inform abroad' THEN 'اطلاع‌رسانی به جنبش کارگری و احزاب کشورهای دیگر'
        WHEN 'Regional ties' THEN 'ارتباط ویژه با کشورهای همسایه و منطقه'
        WHEN 'Take part abroad' THEN 'شرکت در سمینارها و مبارزات کشورهای دیگر'
        WHEN 'Follow partners' THEN 'پیگیری مواضع احزاب و رساندن آن به اعضا'
        WHEN 'Translate and distribute' THEN 'انتشار مقالات رسیده، ترجمه و پخش اسناد'
        WHEN 'Joint seminars' THEN 'برگزاری سمینارهای مشترک'
    END
 WHERE title_fa IS NULL AND title IN ('Widen ties', 'Inform abroad', 'Regional ties',
        'Take part abroad', 'Follow partners', 'Translate and distribute', 'Joint seminars');

-- migration 9: names found in any script
-- Folding now also reads Turkish `ı`, Kurdish Arabic-script letters and
-- Central Asian Cyrillic letters as their bases: every folded key is made
-- again. The search indexes of organisations and people gain two columns:
-- `latin`, the Latin and lookalike spellings of names in other scripts,
-- and `sound`, the consonants of names in Arabic script. Log entries whose
-- text folds differently now are indexed again. The liaison_* functions
-- are the program's own (src/matching.rs, src/text.rs, src/db/log.rs).
UPDATE org_names SET key = liaison_fold(value) WHERE key <> liaison_fold(value);
UPDATE organisations SET sort_key = liaison_fold(name) WHERE sort_key <> liaison_fold(name);
UPDATE people SET sort_key = liaison_fold(name), native_key = liaison_fold(native_name)
 WHERE sort_key <> liaison_fold(name) OR native_key <> liaison_fold(native_name);

DROP TABLE org_fts;
CREATE VIRTUAL TABLE org_fts USING fts5 (text, latin, sound, tokenize = 'unicode61 remove_diacritics 0');
INSERT INTO org_fts (rowid, text, latin, sound)
WITH named AS (
    SELECT o.rid, o.id, o.handle, o.notes,
           o.name || char(10) || coalesce(o.native_name, '') || char(10)
           || coalesce((SELECT group_concat(value, char(10)) FROM org_names
                         WHERE org_id = o.id AND kind IN ('fa', 'alias')), '') AS names
      FROM organisations o)
SELECT rid,
       liaison_fold(handle || char(10) || names || char(10)
           || coalesce((SELECT group_concat(tag, char(10)) FROM org_tags WHERE org_id = named.id), '')
           || char(10) || coalesce(notes, '')),
       liaison_latin(names), liaison_sound(names)
  FROM named;

DROP TABLE person_fts;
CREATE VIRTUAL TABLE person_fts USING fts5 (text, latin, sound, tokenize = 'unicode61 remove_diacritics 0');
INSERT INTO person_fts (rowid, text, latin, sound)
SELECT p.rid,
       liaison_fold(p.name || char(10) || coalesce(p.native_name, '') || char(10) || coalesce(p.role, '')
           || char(10) || coalesce(p.notes, '')),
       liaison_latin(p.name || char(10) || coalesce(p.native_name, '')),
       liaison_sound(p.name || char(10) || coalesce(p.native_name, ''))
  FROM people p;

DELETE FROM interaction_fts WHERE rowid IN (
    SELECT i.rid FROM interactions i
     WHERE liaison_newly_folded(i.summary) OR liaison_newly_folded(i.subject)
        OR EXISTS (SELECT 1 FROM interaction_tags t WHERE t.interaction_id = i.id AND liaison_newly_folded(t.tag)));
INSERT INTO interaction_fts (rowid, text)
SELECT i.rid, liaison_index_text(i.summary, i.subject,
           (SELECT group_concat(t.tag, char(10)) FROM interaction_tags t WHERE t.interaction_id = i.id))
  FROM interactions i
 WHERE liaison_newly_folded(i.summary) OR liaison_newly_folded(i.subject)
    OR EXISTS (SELECT 1 FROM interaction_tags t WHERE t.interaction_id = i.id AND liaison_newly_folded(t.tag));

-- migration 10: the office's own groups
-- Groups the office names itself (its neighbours, Kurdistan, the Gulf),
-- which cross the UN sub-regions. An organisation may be in several; a
-- group marked `in_report` has its own section in the quarterly report.
CREATE TABLE groups (
    rid        INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    handle     TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL CHECK (name <> ''),
    -- The folded name: two groups are never named alike.
    name_key   TEXT NOT NULL UNIQUE,
    name_fa    TEXT,
    in_report  INTEGER NOT NULL DEFAULT 0 CHECK (in_report IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE org_groups (
    org_id   TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE ON UPDATE CASCADE,
    group_id TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE ON UPDATE CASCADE,
    PRIMARY KEY (org_id, group_id)
) STRICT, WITHOUT ROWID;
-- `org list --group` and the report read a group's organisations.
CREATE INDEX org_groups_group ON org_groups (group_id);

-- migration 11: member briefings, and the support an event won
-- A briefing of our members (a branch, a committee, the bulletin) on what
-- partners said or did: mandate 5 brings partners' positions to our
-- members. It is internal, so it is no contact with the partners it is
-- about and never moves their last contact.
CREATE TABLE briefings (
    rid          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    date         TEXT NOT NULL,
    title        TEXT NOT NULL CHECK (title <> ''),
    summary      TEXT,
    audience     TEXT,
    link         TEXT,
    objective_id TEXT REFERENCES objectives (id) ON DELETE SET NULL ON UPDATE CASCADE,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
) STRICT;
CREATE INDEX briefings_date ON briefings (date);

CREATE TABLE briefing_orgs (
    briefing_id TEXT NOT NULL REFERENCES briefings (id) ON DELETE CASCADE,
    org_id      TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE ON UPDATE CASCADE,
    PRIMARY KEY (briefing_id, org_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX briefing_orgs_org ON briefing_orgs (org_id);

-- What support an event won ("joint statement signed by 12 parties"),
-- beside what came of it.
ALTER TABLE events ADD COLUMN support_won TEXT;

-- A person's name in Persian, for the Persian report; found by search as
-- their other names are.
ALTER TABLE people ADD COLUMN name_fa TEXT;
