import CSQLite

/// A minimal owner of one `sqlite3*` connection (SQLite's C API), not thread-safe on its own:
/// `ConsentStore` serialises every call behind its lock.
///
/// Statements are prepared per call and finalised before returning; bound text is copied by
/// SQLite (`SQLITE_TRANSIENT`). Errors carry SQLite's message.
final class SQLiteConnection {
    private var db: OpaquePointer?
    let path: String

    /// A column value read back from a row.
    enum Value: Equatable {
        case null
        case int(Int64)
        case text(String)
    }

    init(path: String) throws(ConsentStoreError) {
        self.path = path
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &handle, flags, nil)
        guard rc == SQLITE_OK, let handle else {
            let msg = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "code \(rc)"
            sqlite3_close(handle)
            throw ConsentStoreError(.sqlite, "open \(path)", found: msg)
        }
        db = handle
        sqlite3_busy_timeout(handle, 5_000)
    }

    deinit { sqlite3_close(db) }

    /// Runs SQL without results (several statements allowed).
    func execute(_ sql: String) throws(ConsentStoreError) {
        var err: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(db, sql, nil, nil, &err)
        if rc != SQLITE_OK {
            let msg = err.map { String(cString: $0) } ?? "code \(rc)"
            sqlite3_free(err)
            throw ConsentStoreError(.sqlite, "exec \(sql.prefix(60))", found: msg)
        }
    }

    /// Runs one statement with bound parameters, returning every row.
    @discardableResult
    func query(_ sql: String, _ params: [Value] = []) throws(ConsentStoreError) -> [[Value]] {
        var stmt: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &stmt, nil) == SQLITE_OK, let stmt else {
            throw ConsentStoreError(.sqlite, "prepare \(sql.prefix(60))", found: message)
        }
        defer { sqlite3_finalize(stmt) }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (i, p) in params.enumerated() {
            let idx = Int32(i + 1)
            let rc: Int32
            switch p {
            case .null: rc = sqlite3_bind_null(stmt, idx)
            case .int(let v): rc = sqlite3_bind_int64(stmt, idx, v)
            case .text(let s): rc = sqlite3_bind_text(stmt, idx, s, -1, transient)
            }
            guard rc == SQLITE_OK else { throw ConsentStoreError(.sqlite, "bind \(idx) of \(sql.prefix(60))", found: message) }
        }
        var rows: [[Value]] = []
        while true {
            let rc = sqlite3_step(stmt)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw ConsentStoreError(.sqlite, "step \(sql.prefix(60))", found: message) }
            var row: [Value] = []
            for c in 0..<sqlite3_column_count(stmt) {
                switch sqlite3_column_type(stmt, c) {
                case SQLITE_NULL: row.append(.null)
                case SQLITE_INTEGER: row.append(.int(sqlite3_column_int64(stmt, c)))
                default:
                    if let t = sqlite3_column_text(stmt, c) { row.append(.text(String(cString: t))) } else { row.append(.null) }
                }
            }
            rows.append(row)
        }
        return rows
    }

    /// Rows changed by the last INSERT/UPDATE/DELETE.
    var changes: Int { Int(sqlite3_changes(db)) }

    /// Row id of the last successful INSERT.
    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(db) }

    private var message: String { String(cString: sqlite3_errmsg(db)) }
}
