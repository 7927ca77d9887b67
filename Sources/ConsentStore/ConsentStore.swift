import Consent
import Foundation
import Primitives

/// The persistent consent state: an append-only SQLite table of canonical feed lines, mirrored in
/// memory as a `ConsentTimeline`, shared safely between the HTTP endpoint thread, the file
/// follower and the workers (every method takes one lock).
///
/// Table `consent_record(id, ts_ns, feed_line UNIQUE, source, channel, received_at_ns)`, where
/// `feed_line` is `ConsentRecord.feedLine` (canonical, round-trips through the parser): history is
/// kept (records are never updated or deleted); the same record twice (same canonical line) is
/// stored once and counted as a duplicate. `source` is the record's own `source` key, `channel`
/// where it arrived (`file:NAME`, `http`). At `init` every row is parsed back into the timeline, in
/// insertion order (a record's `line` becomes its row id), so consent survives restarts; rows that
/// no longer parse are skipped and listed in `loadProblems`. A new database file is created with
/// mode 0600 (it holds raw identifiers). Time is injected (`receivedAt`), never read here.
package final class ConsentStore: @unchecked Sendable {
    /// What one `ingest` did.
    package struct IngestResult: Equatable, Sendable {
        package var inserted: Int
        package var duplicates: Int

        package init(inserted: Int, duplicates: Int) {
            self.inserted = inserted
            self.duplicates = duplicates
        }
    }

    package let path: String
    private let lock = NSLock()
    private let db: SQLiteConnection
    private var timeline: ConsentTimeline
    private var storeCounters = CounterSet()
    package private(set) var loadProblems: [IngestProblem] = []

    /// Opens (creating if needed) the database at `path` (`":memory:"` for a throw-away store) and
    /// loads its history.
    package init(path: String, maxRecords: Int = ConsentTimeline.defaultMaxRecords) throws(ConsentStoreError) {
        self.path = path
        if path != ":memory:" && !FileManager.default.fileExists(atPath: path) {
            let fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw ConsentStoreError(.io, "create \(path)", found: String(cString: strerror(errno))) }
            close(fd)
        }
        db = try SQLiteConnection(path: path)
        try db.execute("""
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous=NORMAL;
            CREATE TABLE IF NOT EXISTS consent_record (
                id INTEGER PRIMARY KEY,
                ts_ns INTEGER NOT NULL,
                feed_line TEXT NOT NULL UNIQUE,
                source TEXT,
                channel TEXT NOT NULL,
                received_at_ns INTEGER NOT NULL
            );
            CREATE INDEX IF NOT EXISTS consent_record_ts ON consent_record(ts_ns);
            """)
        timeline = ConsentTimeline(maxRecords: maxRecords)
        for row in try db.query("SELECT id, feed_line FROM consent_record ORDER BY id") {
            guard row.count == 2, case .int(let id) = row[0], case .text(let line) = row[1] else {
                storeCounters.add("consent_store_corrupt_row")
                continue
            }
            let (entry, problems) = ConsentFeedEntry.parse(line: line, number: Int(id))
            if let entry {
                timeline.add(entry.record)
                storeCounters.add("consent_store_loaded")
            } else {
                storeCounters.add("consent_store_unparsable_row")
                loadProblems += problems.filter { $0.severity == .error }
            }
        }
    }

    /// Stores the entries (one transaction) and adds the new ones to the in-memory timeline.
    /// Duplicates (already stored, or repeated in `entries`) are not added again.
    @discardableResult
    package func ingest(_ entries: [ConsentFeedEntry], channel: String,
                        receivedAt: Timestamp) throws(ConsentStoreError) -> IngestResult {
        lock.lock()
        defer { lock.unlock() }
        var result = IngestResult(inserted: 0, duplicates: 0)
        guard !entries.isEmpty else { return result }
        try db.execute("BEGIN IMMEDIATE")
        var added: [ConsentRecord] = []
        do {
            for e in entries {
                try db.query("""
                    INSERT OR IGNORE INTO consent_record (ts_ns, feed_line, source, channel, received_at_ns)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                    [.int(e.record.ts.nanoseconds), .text(e.canonicalLine), e.record.source.map { .text($0) } ?? .null,
                     .text(channel), .int(receivedAt.nanoseconds)])
                if db.changes == 1 {
                    var r = e.record
                    r.line = Int(db.lastInsertRowID)
                    added.append(r)
                    result.inserted += 1
                } else {
                    result.duplicates += 1
                }
            }
            try db.execute("COMMIT")
        } catch {
            try? db.execute("ROLLBACK")
            throw error
        }
        for r in added { timeline.add(r) }
        storeCounters.add("consent_store_inserted", UInt64(result.inserted))
        storeCounters.add("consent_store_duplicates", UInt64(result.duplicates))
        return result
    }

    /// A copy of the whole timeline (copy-on-write: cheap until either side changes).
    package func snapshot() -> ConsentTimeline {
        lock.lock()
        defer { lock.unlock() }
        return timeline
    }

    /// How many records the in-memory timeline holds; pass it back to `apply(to:since:)`.
    package var generation: Int {
        lock.lock()
        defer { lock.unlock() }
        return timeline.records.count
    }

    /// Adds to a worker's own timeline the records stored after `generation`; returns the new
    /// generation. A worker starts from `snapshot()` and its `generation`, then calls this now and
    /// then.
    package func apply(to other: inout ConsentTimeline, since generation: Int) -> Int {
        lock.lock()
        let all = timeline.records
        lock.unlock()
        guard generation < all.count else { return all.count }
        for r in all[max(0, generation)...] { other.add(r) }
        return all.count
    }

    /// Rows in the table (history, duplicates excluded).
    package func storedCount() throws(ConsentStoreError) -> Int {
        lock.lock()
        defer { lock.unlock() }
        if case .int(let n)? = try db.query("SELECT count(*) FROM consent_record").first?.first { return Int(n) }
        return 0
    }

    /// Store counters merged with the timeline's.
    package var counters: CounterSet {
        lock.lock()
        defer { lock.unlock() }
        var c = storeCounters
        c.merge(timeline.counters)
        return c
    }
}
