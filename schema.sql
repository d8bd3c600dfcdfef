-- litkb schema, version 13.
--
-- The one source of the schema: the binary embeds this file and makes every new database from it
-- (migration 1). It always shows the whole current schema; each later migration in
-- Sources/LitKBStore/Schema.swift brings a database made by an older version of this file to
-- the same state (2: abstract.source_format; 3: link_asserter partial; 4: unidentified_reference;
-- 5: work_fts settings; 6: source_file progress; 7: indexes for notices and publication types,
-- tally; 8: record ids repaired, no table changed; 9: trial_registration.position; 10:
-- citation_pair), and
-- PRAGMA user_version counts them.
--
-- Ownership rule: every link or flag that a record asserts carries the work whose record
-- asserted it and the format it came in (`asserted_by`, `source_format`), so a newer version of
-- that record replaces exactly what it said before, while what other records, or other formats
-- of the same record, said about it survives: a page's similar list outlives the XML record of
-- the same work, and links other works hold to it stay.

-- One row per bibliographic work: a full record, or a stub known only from someone's list.
CREATE TABLE work (
    id                INTEGER PRIMARY KEY,
    pmid              INTEGER,              -- unique: see work_pmid
    pmid_version      INTEGER,
    pmcid             TEXT,                 -- 'PMC' || digits; unique
    doi               TEXT,                 -- normalized: lower-case, no prefix, no trailing punctuation; unique
    -- Rank of the best source that gave this work's fields (pubmed-xml 50, medline 40,
    -- pmc-jats 30, page-text 20, list entry 10). A stub has only list-entry fields.
    source_rank       INTEGER NOT NULL,
    source_format     TEXT,                 -- format of that best source; NULL for stubs
    title             TEXT,
    vernacular_title  TEXT,
    journal_title     TEXT,
    journal_abbrev    TEXT,
    journal_issn      TEXT,
    year              INTEGER,
    month             INTEGER,
    day               INTEGER,
    date_text         TEXT,                 -- the source's wording when it is more than y/m/d
    epub_date         TEXT,                 -- ISO (partial) date of electronic publication
    volume            TEXT,
    issue             TEXT,
    pages             TEXT,
    url               TEXT,
    coi_statement     TEXT,
    -- Normalized title and year ('2022|prospective examination of ...'): how a work cited
    -- without any identifier is found again when its record, or another mention, arrives.
    title_key         TEXT,
    entrez_date       TEXT                  -- ISO date PubMed added the record (EDAT): "date added"
) STRICT;

-- Partial unique indexes: most stubs lack two of the three identifiers, and NULLs need no entry.
CREATE UNIQUE INDEX work_pmid ON work(pmid) WHERE pmid IS NOT NULL;
CREATE UNIQUE INDEX work_pmcid ON work(pmcid) WHERE pmcid IS NOT NULL;
CREATE UNIQUE INDEX work_doi ON work(doi) WHERE doi IS NOT NULL;
CREATE INDEX work_title_key ON work(title_key) WHERE title_key IS NOT NULL;

-- Further article ids a source gives (pii, mid, publisher ids), and DOIs a work could not
-- claim because another work already holds them.
CREATE TABLE article_id (
    work_id   INTEGER NOT NULL REFERENCES work(id) ON DELETE CASCADE,
    type      TEXT NOT NULL,
    value     TEXT NOT NULL,
    PRIMARY KEY (work_id, type, value)
) STRICT, WITHOUT ROWID;

CREATE TABLE work_language (
    work_id   INTEGER NOT NULL REFERENCES work(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    language  TEXT NOT NULL,                -- ISO 639-2/B: eng, spa, ger, fre, ...
    PRIMARY KEY (work_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE author (
    work_id     INTEGER NOT NULL REFERENCES work(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    family      TEXT,
    given       TEXT,
    initials    TEXT,
    suffix      TEXT,
    collective  TEXT,                       -- a group author's name
    orcid       TEXT,
    family_key  TEXT,                       -- family folded (litkb_fold): [au]'s key
    PRIMARY KEY (work_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE affiliation (
    work_id          INTEGER NOT NULL REFERENCES work(id) ON DELETE CASCADE,
    author_position  INTEGER NOT NULL,
    position         INTEGER NOT NULL,
    affiliation      TEXT NOT NULL,
    PRIMARY KEY (work_id, author_position, position)
) STRICT, WITHOUT ROWID;

-- Any number of abstracts per work: main, publisher (other-language), plain-language summary, ...
CREATE TABLE abstract (
    id         INTEGER PRIMARY KEY,
    work_id    INTEGER NOT NULL REFERENCES work(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    language   TEXT,                        -- ISO 639-2/B
    kind       TEXT NOT NULL,               -- main | publisher | plain-language-summary | pip | ...
    copyright  TEXT,
    source_format  TEXT,                    -- the format of the record that gave it: its own to replace
    UNIQUE (work_id, position)
) STRICT;

CREATE TABLE abstract_section (
    abstract_id   INTEGER NOT NULL REFERENCES abstract(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    label         TEXT,
    nlm_category  TEXT,
    text          TEXT NOT NULL,
    PRIMARY KEY (abstract_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE keyword (
    work_id   INTEGER NOT NULL REFERENCES work(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    term      TEXT NOT NULL,
    language  TEXT,
    owner     TEXT,
    major     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (work_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE mesh_heading (
    work_id         INTEGER NOT NULL REFERENCES work(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    descriptor      TEXT NOT NULL,
    descriptor_ui   TEXT,
    major           INTEGER NOT NULL DEFAULT 0,
    descriptor_key  TEXT,                   -- descriptor folded (litkb_fold): [mh]'s key
    PRIMARY KEY (work_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE mesh_qualifier (
    work_id           INTEGER NOT NULL REFERENCES work(id) ON DELETE CASCADE,
    heading_position  INTEGER NOT NULL,
    position          INTEGER NOT NULL,
    qualifier         TEXT NOT NULL,
    qualifier_ui      TEXT,
    major             INTEGER NOT NULL DEFAULT 0,
    qualifier_key     TEXT,                 -- qualifier folded (litkb_fold): [sh]'s key
    PRIMARY KEY (work_id, heading_position, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE publication_type (
    work_id   INTEGER NOT NULL REFERENCES work(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    name      TEXT NOT NULL,
    name_key  TEXT,                         -- name folded (litkb_fold): [pt]'s key
    PRIMARY KEY (work_id, position)
) STRICT, WITHOUT ROWID;

-- Works by publication type ('Retracted Publication', 'Review'): a handful of rows per record.
CREATE INDEX publication_type_by_name ON publication_type(name, work_id);

CREATE TABLE substance (
    work_id          INTEGER NOT NULL REFERENCES work(id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    name             TEXT NOT NULL,
    registry_number  TEXT,
    ui               TEXT,
    PRIMARY KEY (work_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE trial_registration (
    work_id    INTEGER NOT NULL REFERENCES work(id) ON DELETE CASCADE,
    registry   TEXT NOT NULL,               -- ClinicalTrials.gov, ISRCTN, ...
    accession  TEXT NOT NULL,               -- NCT00090064
    position   INTEGER,                     -- the record's order; NULL in rows of a version before 9
    PRIMARY KEY (work_id, registry, accession)
) STRICT, WITHOUT ROWID;

-- Flags a source printed for a work: 'Free PMC article', 'Retracted', 'No abstract available'.
-- Kept per asserting work: a list owner's 'Retracted.' outlives the retracted work's own record.
CREATE TABLE work_flag (
    work_id        INTEGER NOT NULL REFERENCES work(id) ON DELETE CASCADE,
    flag           TEXT NOT NULL,
    asserted_by    INTEGER NOT NULL REFERENCES work(id) ON DELETE CASCADE,
    source_format  TEXT NOT NULL,
    PRIMARY KEY (work_id, flag, asserted_by, source_format)
) STRICT, WITHOUT ROWID;

CREATE INDEX work_flag_by_flag ON work_flag(flag, work_id);
CREATE INDEX work_flag_by_asserter ON work_flag(asserted_by);

-- Directed links, read from `from_work`: A cites B; A similar B (rank); A retraction-in N
-- (N retracts A); N retraction-of A; erratum-in/for, comment-in/on,
-- expression-of-concern-in/for, update-in/of, republished-in/from, ... A page's "Cited by" list
-- is stored as `cites` links from each listed work, asserted by the page's work.
-- The same edge asserted by two records is two rows; queries read edges DISTINCT.
CREATE TABLE link (
    kind           TEXT NOT NULL,
    from_work      INTEGER NOT NULL REFERENCES work(id) ON DELETE CASCADE,
    to_work        INTEGER NOT NULL REFERENCES work(id) ON DELETE CASCADE,
    asserted_by    INTEGER NOT NULL REFERENCES work(id) ON DELETE CASCADE,
    source_format  TEXT NOT NULL,
    position       INTEGER NOT NULL,        -- order in the asserting record's list
    rank           INTEGER,                 -- similar: 1 = most similar
    score          REAL,
    citation       TEXT,                    -- the raw citation text the source gave
    -- Also the index for links read from their source work (from_work, kind).
    PRIMARY KEY (from_work, kind, to_work, asserted_by, source_format)
) STRICT, WITHOUT ROWID;

CREATE INDEX link_to ON link(to_work, kind);
-- What a record asserted about other works (a page's cited-by list, notices on its list
-- entries), found again when the record is replaced. Links a record asserts from its own work
-- (references, similar lists, its own notices: all of PubMed XML's) are found through the
-- primary key instead, so they take no entry here: 220,000 fewer on a reference-heavy file.
-- A query uses this index only when it repeats `asserted_by <> from_work`.
CREATE INDEX link_asserter ON link(asserted_by, source_format) WHERE asserted_by <> from_work;
-- Notices by kind (retraction-in/of, erratum-in/for, comment-in/on, ...): the few links that
-- are neither references nor similar-article lists, so that every retracted work is found
-- without reading the rest. A query uses it only when it repeats `kind NOT IN ('cites', 'similar')`.
CREATE INDEX link_notice ON link(kind, from_work, to_work) WHERE kind NOT IN ('cites', 'similar');

-- Citations the NIH Open Citation Collection gives: `cites` links of that source, PubMed to
-- PubMed, 870 million of them, so kept by PMID, the collection's own key, instead of as link rows.
-- A link row (five-column key, the tally's trigger, a second index by target) stored 100,000 a
-- second; a pair stores over a million a second, appended in the collection's own order (it is
-- sorted by citing PMID). Every PMID here has a work (a stub until its record comes), so a
-- pair reads back as a link through work_pmid; an edge a record's reference list also gives is
-- shown once. The source_file rows of format 'nih-occ' say which files gave them.
CREATE TABLE citation_pair (
    citing  INTEGER NOT NULL,               -- PMID of the citing work
    cited   INTEGER NOT NULL,               -- PMID of the work it cites
    PRIMARY KEY (citing, cited)
) STRICT, WITHOUT ROWID;

-- Who cites a PMID (the key (cited, citing)). A load large beside the table drops it and builds it
-- again at its end (CitationPairLoad), several times faster than inserting into it at random.
CREATE INDEX citation_pair_cited ON citation_pair(cited);

-- References a record lists with nothing but their citation text: no identifier, title or
-- date. No record can ever be matched to such a reference, so it is kept as the citing
-- record's text, not as a work of its own: 46 % of the references of a recent update file
-- (pubmed21n1298), which as stub works cost a tenth of its ingest's instructions. A text is
-- known by its folded words (`citation_key`, as a citation-key stub was): one row per text and
-- list, the first place it takes. `position` counts with the record's `cites` links, so a
-- reference list reads back in its order.
CREATE TABLE unidentified_reference (
    work_id        INTEGER NOT NULL REFERENCES work(id) ON DELETE CASCADE,
    source_format  TEXT NOT NULL,
    citation_key   TEXT NOT NULL,               -- 'c:' || 64-bit hash of the folded text
    position       INTEGER NOT NULL,
    citation       TEXT NOT NULL,
    PRIMARY KEY (work_id, source_format, citation_key)
) STRICT, WITHOUT ROWID;

-- Content a parser could not interpret: kept, reported, never silently dropped.
CREATE TABLE uninterpreted (
    work_id        INTEGER NOT NULL REFERENCES work(id) ON DELETE CASCADE,
    source_format  TEXT NOT NULL,
    section        TEXT NOT NULL,
    line     INTEGER,
    text     TEXT NOT NULL
) STRICT;

CREATE INDEX uninterpreted_work ON uninterpreted(work_id);

-- Provenance: which file gave what, and when.
-- A file counts as ingested only once `completed_at` is set, after the transaction that commits
-- its last record. Until then it is interrupted (killed, disk full, power cut): each transaction
-- that stores part of it also moves `stored_through` and `records`, so the next ingest of the
-- same content resumes after what was committed instead of calling the file unchanged.
CREATE TABLE source_file (
    id              INTEGER PRIMARY KEY,
    path            TEXT NOT NULL,
    sha256          TEXT NOT NULL,
    format          TEXT NOT NULL,
    size            INTEGER NOT NULL,
    records         INTEGER NOT NULL DEFAULT 0,  -- records read from it (so far, while incomplete)
    ingested_at     TEXT NOT NULL,               -- when its latest ingest started
    -- Items of the file (records, deletions, unreadable records, notes, in file order) whose
    -- effect is committed, and what the last of them was (`record 17012 PMID 33728380 line
    -- 401226`): a resumed ingest checks that the file still reads the same way up to there
    -- (another record limit or litkb version may count items differently) or reads it again.
    stored_through  INTEGER NOT NULL DEFAULT 0,
    stored_last     TEXT,
    completed_at    TEXT,                        -- NULL while the file is incomplete
    UNIQUE (sha256, format)
) STRICT;

-- A work's own records. What a file says about other works (its lists, references, notices)
-- is traced through the links, which name the asserting work and format.
CREATE TABLE work_source (
    work_id         INTEGER NOT NULL REFERENCES work(id) ON DELETE CASCADE,
    source_file_id  INTEGER NOT NULL REFERENCES source_file(id) ON DELETE CASCADE,
    record_ordinal  INTEGER,                -- the record's position in the file
    PRIMARY KEY (work_id, source_file_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX work_source_file ON work_source(source_file_id);

-- Retraction status is derived, never stored: every piece of evidence, with who gave it.
-- Each branch is an index search, whether the view is read for one work (`work_id = ?` reaches
-- every branch) or whole (work_flag_by_flag, link_notice, publication_type_by_name). A query
-- that needs only the yes/no for many works (a list's marks) asks the same four questions
-- through `Graph.retractedSQL`, as correlated EXISTS, because SQLite would materialise this
-- view for each row instead.
CREATE VIEW retraction_evidence (work_id, kind, detail, asserted_by) AS
    SELECT work_id, 'flag', 'Retracted.', asserted_by
      FROM work_flag WHERE flag = 'Retracted'
    UNION ALL
    SELECT from_work, 'retraction-notice', citation, asserted_by
      FROM link WHERE kind = 'retraction-in' AND kind NOT IN ('cites', 'similar')
    UNION ALL
    SELECT to_work, 'retraction-of', citation, from_work
      FROM link WHERE kind = 'retraction-of' AND kind NOT IN ('cites', 'similar')
    UNION ALL
    SELECT work_id, 'publication-type', name, work_id
      FROM publication_type WHERE name = 'Retracted Publication';


-- What `stats` reports, kept current by the triggers below on every write, so that it reads a
-- few rows instead of counting millions: 'works', 'stubs' (source_rank <= 10, known only
-- from lists), 'abstracts:LANG' ('und' without a language), 'links:KIND' (distinct edges:
-- the same edge asserted by two records counts once), 'unidentified-references' (one per
-- text and citing work) and 'citation-pairs' (the NIH OCC's, counted by the store as it loads
-- them). `litkb check` recounts them.
CREATE TABLE tally (
    name  TEXT PRIMARY KEY,
    n     INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO tally (name, n) VALUES ('works', 0), ('stubs', 0), ('unidentified-references', 0);

-- litkb writes these tables with INSERT/UPDATE OR FAIL (or OR IGNORE), never the default
-- ABORT, where it can. A statement on a table with a trigger of its kind keeps a statement
-- journal (a copy of every 16 KB page it touches) whenever it may abort, and a STRICT table's
-- type check may always abort: triggers on inserting or updating a work made each of the
-- hundreds of thousands of single-row work statements of a bulk ingest copy pages (+40 % of its
-- CPU). So the store counts the works it inserts, and the stubs that gain or lose a record, in
-- the transaction that writes them (RecordWriter's tally); deletions, rare, count here.
CREATE TRIGGER work_tally_delete AFTER DELETE ON work BEGIN
    UPDATE tally SET n = n - 1 WHERE name IN ('works', iif(OLD.source_rank <= 10, 'stubs', NULL));
END;

-- A count's row is made (at 0) the first time its language or link kind arrives, so that the
-- triggers run for every row only ever UPDATE: an UPSERT in each was 15 % of a bulk ingest's CPU.
CREATE TRIGGER abstract_tally_language_row BEFORE INSERT ON abstract
WHEN NOT EXISTS (SELECT 1 FROM tally WHERE name = 'abstracts:' || coalesce(NEW.language, 'und')) BEGIN
    INSERT INTO tally (name, n) VALUES ('abstracts:' || coalesce(NEW.language, 'und'), 0);
END;
CREATE TRIGGER abstract_tally_insert AFTER INSERT ON abstract BEGIN
    UPDATE tally SET n = n + 1 WHERE name = 'abstracts:' || coalesce(NEW.language, 'und');
END;
CREATE TRIGGER abstract_tally_delete AFTER DELETE ON abstract BEGIN
    UPDATE tally SET n = n - 1 WHERE name = 'abstracts:' || coalesce(OLD.language, 'und');
END;
CREATE TRIGGER abstract_tally_language AFTER UPDATE OF language ON abstract
WHEN OLD.language IS NOT NEW.language BEGIN
    UPDATE tally SET n = n - 1 WHERE name = 'abstracts:' || coalesce(OLD.language, 'und');
    INSERT INTO tally (name, n) VALUES ('abstracts:' || coalesce(NEW.language, 'und'), 1)
        ON CONFLICT (name) DO UPDATE SET n = n + 1;
END;

-- An edge is counted when its first row arrives and uncounted when its last row goes; the
-- check is a search of the primary key's (from_work, kind, to_work) prefix.
CREATE TRIGGER link_tally_kind_row BEFORE INSERT ON link
WHEN NOT EXISTS (SELECT 1 FROM tally WHERE name = 'links:' || NEW.kind) BEGIN
    INSERT INTO tally (name, n) VALUES ('links:' || NEW.kind, 0);
END;
CREATE TRIGGER link_tally_insert AFTER INSERT ON link
WHEN NOT EXISTS (SELECT 1 FROM link WHERE from_work = NEW.from_work AND kind = NEW.kind AND to_work = NEW.to_work
                 AND (asserted_by <> NEW.asserted_by OR source_format <> NEW.source_format)) BEGIN
    UPDATE tally SET n = n + 1 WHERE name = 'links:' || NEW.kind;
END;
CREATE TRIGGER link_tally_delete AFTER DELETE ON link
WHEN NOT EXISTS (SELECT 1 FROM link WHERE from_work = OLD.from_work AND kind = OLD.kind AND to_work = OLD.to_work) BEGIN
    UPDATE tally SET n = n - 1 WHERE name = 'links:' || OLD.kind;
END;
CREATE TRIGGER link_tally_update AFTER UPDATE OF from_work, to_work, kind ON link
WHEN OLD.from_work <> NEW.from_work OR OLD.to_work <> NEW.to_work OR OLD.kind <> NEW.kind BEGIN
    UPDATE tally SET n = n - 1 WHERE name = 'links:' || OLD.kind
        AND NOT EXISTS (SELECT 1 FROM link WHERE from_work = OLD.from_work AND kind = OLD.kind AND to_work = OLD.to_work);
    INSERT INTO tally (name, n) SELECT 'links:' || NEW.kind, 1
        WHERE NOT EXISTS (SELECT 1 FROM link WHERE from_work = NEW.from_work AND kind = NEW.kind AND to_work = NEW.to_work
                          AND (asserted_by <> NEW.asserted_by OR source_format <> NEW.source_format))
        ON CONFLICT (name) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER unidentified_reference_tally_insert AFTER INSERT ON unidentified_reference
WHEN NOT EXISTS (SELECT 1 FROM unidentified_reference WHERE work_id = NEW.work_id AND citation_key = NEW.citation_key
                 AND source_format <> NEW.source_format) BEGIN
    UPDATE tally SET n = n + 1 WHERE name = 'unidentified-references';
END;
CREATE TRIGGER unidentified_reference_tally_delete AFTER DELETE ON unidentified_reference
WHEN NOT EXISTS (SELECT 1 FROM unidentified_reference WHERE work_id = OLD.work_id AND citation_key = OLD.citation_key) BEGIN
    UPDATE tally SET n = n - 1 WHERE name = 'unidentified-references';
END;
CREATE TRIGGER unidentified_reference_tally_update AFTER UPDATE OF work_id, citation_key ON unidentified_reference
WHEN OLD.work_id <> NEW.work_id OR OLD.citation_key <> NEW.citation_key BEGIN
    UPDATE tally SET n = n - 1 WHERE name = 'unidentified-references'
        AND NOT EXISTS (SELECT 1 FROM unidentified_reference WHERE work_id = OLD.work_id AND citation_key = OLD.citation_key);
    UPDATE tally SET n = n + 1 WHERE name = 'unidentified-references'
        AND NOT EXISTS (SELECT 1 FROM unidentified_reference WHERE work_id = NEW.work_id AND citation_key = NEW.citation_key
                        AND source_format <> NEW.source_format);
END;

-- Full-text index, one row per work (rowid = work.id), rewritten whenever the work changes.
-- remove_diacritics 2 makes 'alianza terapeutica' match 'alianza terapéutica'.
CREATE VIRTUAL TABLE work_fts USING fts5(
    title,
    abstract,
    keywords,
    mesh,
    tokenize = 'unicode61 remove_diacritics 2'
);
-- Kept in work_fts_config. Terms pending in memory up to 4 MB (default 1 MB): a bulk ingest
-- transaction's documents then make one segment, not four; and a level's segments merged 8 at
-- a time (default 4), so each term is rewritten fewer times as the index grows. Together 27 %
-- fewer instructions to index pubmed21n1298's documents (BENCHMARKS.md); queries read a few
-- more segments.
INSERT INTO work_fts (work_fts, rank) VALUES ('hashsize', 4194304);
INSERT INTO work_fts (work_fts, rank) VALUES ('automerge', 8);

-- PubMed's fielded search ([au], [mh], [pt], [ta]) compares names, headings and journals with
-- case, diacritics and punctuation folded (`muller j[au]` finds Müller J). litkb_fold is that
-- folding (SearchFolding.fold), registered on every connection the store opens; each index
-- makes a term's works an index search instead of a scan calling it on every row. In the
-- WITHOUT ROWID tables the folded name is a column of its own (the writer stores it): SQLite
-- 3.40 reads the table row of every entry of an index on an expression there, a column's
-- index gives the work ids alone (Humans' 356,926 headings at 1M records: 24 ms, not 181).
-- The author index holds the initials too, so that `wang y[au]` reads no author row (57,120
-- Wangs at 1M records, one row search each: 75 ms); migration 16 adds them.
CREATE INDEX author_by_family ON author(family_key, initials);
CREATE INDEX mesh_heading_by_descriptor ON mesh_heading(descriptor_key);
CREATE INDEX publication_type_by_folded_name ON publication_type(name_key);
CREATE INDEX work_by_journal_abbrev ON work(litkb_fold(journal_abbrev));
CREATE INDEX work_by_journal_title ON work(litkb_fold(journal_title));
CREATE INDEX mesh_qualifier_by_name ON mesh_qualifier(qualifier_key);
CREATE INDEX work_language_by_language ON work_language(language);
-- [dp]: the publication date, printed else electronic, as yyyymmdd (DateRange.publication).
CREATE INDEX work_by_publication_date ON work((CASE WHEN year IS NOT NULL THEN year * 10000 + coalesce(month, 1) * 100 + coalesce(day, 1) ELSE CAST(substr(epub_date, 1, 4) AS INTEGER) * 10000 + coalesce(nullif(CAST(substr(epub_date, 6, 2) AS INTEGER), 0), 1) * 100 + coalesce(nullif(CAST(substr(epub_date, 9, 2) AS INTEGER), 0), 1) END));
-- [aid]: a work by any article id it gives (pii, publisher ids, a DOI another work holds).
CREATE INDEX article_id_by_value ON article_id(value COLLATE NOCASE);
-- End of the fielded-search indexes.

-- [edat] and search's date-added order (migration 13 adds the column and this index).
CREATE INDEX work_by_entrez_date ON work(entrez_date) WHERE entrez_date IS NOT NULL;

-- Every search, numbered as PubMed's Advanced page numbers them (#1, #2, ...): a systematic
-- review reports each with its date, translation and count (PRISMA-S), and `#3 AND #5`
-- combines earlier ones. The state names what was searched: the files ingested completely at
-- the time, and a fingerprint of their contents (the same files give the same fingerprint).
CREATE TABLE search_history (
    id           INTEGER PRIMARY KEY,
    searched_at  TEXT NOT NULL,              -- ISO 8601, UTC
    query        TEXT NOT NULL,              -- as typed, the options' filters added as PubMed terms
    translation  TEXT NOT NULL,              -- every #N expanded, every term tagged
    count        INTEGER NOT NULL,
    files        INTEGER NOT NULL,
    fingerprint  TEXT NOT NULL
) STRICT;

-- Each indexed work's length in tokens, as work_fts_docsize holds it, 4,096 works to a row:
-- block = rowid >> 12, lengths = 4,096 native-endian 16-bit lengths (65535: read docsize),
-- rows and tokens their count and sum. The row of block -1 holds the totals of all blocks.
-- Search's BM25 (litkb_bm25, FullTextRank.swift) reads a match's length here rather than with
-- a search of docsize per match, when the totals agree with FTS5's. Rewritten from docsize for
-- every block a batch changes the index in.
CREATE TABLE fts_length (
    block INTEGER PRIMARY KEY,
    rows INTEGER NOT NULL,
    tokens INTEGER NOT NULL,
    lengths BLOB NOT NULL
);
INSERT INTO fts_length (block, rows, tokens, lengths) VALUES (-1, 0, 0, x'');

-- The order of a search without words, newest first: each work's publication date as the
-- index work_by_publication_date has it (yyyymmdd, 4 bytes little-endian; 0 for none), 4,096
-- works a row, so that a search's works are put in date order without a search of the work
-- table each (WorkDates.swift). The triggers mark the blocks a change to a work's dates
-- touches; the batch rewrites them before it commits, and a search uses the blocks only while
-- none is marked. (Not INSERT OR IGNORE: the writer's INSERT OR FAIL into work would override
-- the trigger's IGNORE, and the second work of a block would fail.)
CREATE TABLE work_date (
    block INTEGER PRIMARY KEY,
    dates BLOB NOT NULL
) STRICT;

CREATE TABLE work_date_stale (block INTEGER PRIMARY KEY) STRICT;

CREATE TRIGGER work_date_insert AFTER INSERT ON work BEGIN
    INSERT INTO work_date_stale (block) SELECT new.id >> 12 WHERE NOT EXISTS (SELECT 1 FROM work_date_stale WHERE block = new.id >> 12);
END;
CREATE TRIGGER work_date_update AFTER UPDATE OF year, month, day, epub_date ON work
    WHEN new.year IS NOT old.year OR new.month IS NOT old.month OR new.day IS NOT old.day OR new.epub_date IS NOT old.epub_date BEGIN
    INSERT INTO work_date_stale (block) SELECT new.id >> 12 WHERE NOT EXISTS (SELECT 1 FROM work_date_stale WHERE block = new.id >> 12);
END;
CREATE TRIGGER work_date_delete AFTER DELETE ON work BEGIN
    INSERT INTO work_date_stale (block) SELECT old.id >> 12 WHERE NOT EXISTS (SELECT 1 FROM work_date_stale WHERE block = old.id >> 12);
END;
-- End of the work dates.

-- For each work, whether it has each of the most frequent headings, publication types and
-- languages, and an abstract (work_flag_term: the bit of each, chosen when the flags are built,
-- at least 20,000 works each, 63 at most): a 64-bit word per work, little-endian, 4,096 works a
-- row (WorkFlags.swift). A search tests such a term on another term's works here instead of
-- reading all of its own. Each batch rewrites the blocks of the works it wrote.
CREATE TABLE work_flag_term (
    bit   INTEGER PRIMARY KEY,
    field TEXT NOT NULL,
    key   TEXT NOT NULL,
    works INTEGER NOT NULL,                 -- how many works had it when it was chosen
    UNIQUE (field, key)
) STRICT;

CREATE TABLE work_flags (
    block INTEGER PRIMARY KEY,
    flags BLOB NOT NULL
) STRICT;

-- How many works there were when the terms were chosen: chosen again when they have doubled.
CREATE TABLE work_flag_choice (works INTEGER NOT NULL) STRICT;
-- End of the work flags.

-- [ad]: each work's affiliations folded (litkb_fold), distinct and sorted, joined by a
-- boundary token (U+E000) no phrase spans; rowid = work.id (AffiliationIndex.swift). The ascii
-- tokenizer splits folded text at its spaces alone, so the tokens are the folded words and a
-- phrase finds what a LIKE over the folded affiliation finds, from an index rather than a scan
-- of every affiliation (covid[ti] AND china[ad] at 1M records: 0.7 s). Contentless: a batch
-- deletes a work's row with the text it was indexed with, taken before it changes the rows.
CREATE VIRTUAL TABLE affiliation_fts USING fts5(
    words,
    content = '',
    columnsize = 0,
    tokenize = 'ascii'
);
-- Its tokens one row each, in order (no storage of its own): what check reads the indexed text back from.
CREATE VIRTUAL TABLE affiliation_token USING fts5vocab(affiliation_fts, instance);
-- End of the affiliation index.

-- The start of each work's first author's name (family, else the group's), 4 bytes with ASCII
-- letters lowered, big-endian (0xFFFFFFFF: none), 4,096 works a row, little-endian
-- (WorkAuthorKeys.swift): --sort first-author sorts only the works whose key can reach the
-- page rather than reading every match's first author. Rewritten with the flags' blocks.
CREATE TABLE work_author_key (
    block INTEGER PRIMARY KEY,
    keys  BLOB NOT NULL
) STRICT;
-- End of the first authors' keys.
