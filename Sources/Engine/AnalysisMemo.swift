import Synchronization
import Primitives
import Catalog
import Classify

/// What `ForwardAnalyzer` learns once per distinct host and per distinct (vendor, field path) and
/// would otherwise recompute for every request and every field: the host's catalog vendors and
/// first-party status, a field name's parse and signal and the vendor's documented meaning.
///
/// Bounded: each table is emptied when it reaches `capacity` entries (a cache, never a source
/// of truth: a miss recomputes the same answer). Safe to share between threads.
final class AnalysisMemo: Sendable {
    /// Facts about one Host/SNI/DNS name, as the request spelled it.
    struct HostFacts: Sendable {
        /// True when the name is an IP literal (not a recipient name).
        var isAddress: Bool
        var isFirstParty: Bool
        /// Vendors whose host patterns match, in catalog order.
        var vendors: [Vendor]
    }

    /// Facts about one field path under one vendor (a class: handed out without copying its parts).
    final class FieldFacts: Sendable {
        let name: FieldClassifier.Name
        /// The vendor's documented category for the field (catalog semantics), if it names one we know.
        let category: PIICategory?
        /// The hash the vendor requires on the field, if any.
        let hashed: HashKind?

        init(name: FieldClassifier.Name, semantic: FieldSemantic?) {
            self.name = name
            category = semantic.flatMap { PIICategory(rawValue: $0.category) }
            hashed = semantic?.hashed.flatMap(HashKind.init(rawValue:))
        }
    }

    /// The field facts of one vendor (or of no vendor), by field path bytes as extracted. One entry
    /// per 64-bit path hash, the path bytes kept in one shared buffer: a lookup reads the hash table
    /// and that buffer, nothing else. Two paths with the same hash share the entry: the later one
    /// replaces the earlier (a cache, never a source of truth). Locked once per request, not per
    /// field (`withEntries`): a lock is a full memory barrier, costly right after extraction's writes.
    final class FieldTable: Sendable {
        private let entries: Mutex<Entries>

        init(capacity: Int) { entries = Mutex(Entries(capacity: capacity)) }

        /// Runs `body` with the table locked.
        func withEntries<R>(_ body: (inout Entries) -> R) -> R { entries.withLock { body(&$0) } }

        struct Entries: Sendable {
            private struct Entry {
                var start: Int
                var count: Int
                var facts: FieldFacts
            }

            private var table: [UInt64: Entry] = [:]
            private var paths: [UInt8] = []
            private let capacity: Int

            init(capacity: Int) { self.capacity = capacity }

            func facts(_ path: ArraySlice<UInt8>) -> FieldFacts? {
                guard let e = table[Entries.hash(path)], e.count == path.count,
                      paths[e.start..<(e.start + e.count)].elementsEqual(path) else { return nil }
                return e.facts
            }

            mutating func remember(_ path: ArraySlice<UInt8>, _ facts: FieldFacts) {
                if table.count >= capacity {
                    table.removeAll(keepingCapacity: true)
                    paths.removeAll(keepingCapacity: true)
                }
                table[Entries.hash(path)] = Entry(start: paths.count, count: path.count, facts: facts)
                paths.append(contentsOf: path)
            }

            /// FNV-1a, 64 bits.
            private static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
                var h: UInt64 = 0xcbf2_9ce4_8422_2325
                for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
                return h
            }
        }
    }

    private let hosts = Mutex<[String: HostFacts]>([:])
    private let tables = Mutex<[String: FieldTable]>([:])
    private let capacity: Int

    init(capacity: Int = 16_384) { self.capacity = capacity }

    func host(_ name: String) -> HostFacts? { hosts.withLock { $0[name] } }

    func remember(host name: String, _ facts: HostFacts) {
        hosts.withLock { table in
            if table.count >= capacity { table.removeAll(keepingCapacity: true) }
            table[name] = facts
        }
    }

    /// The table of `vendor` (a catalog id, "" for none); there are as many as catalog vendors plus one.
    func fields(vendor: String) -> FieldTable {
        tables.withLock { tables in
            if let t = tables[vendor] { return t }
            let t = FieldTable(capacity: capacity)
            tables[vendor] = t
            return t
        }
    }
}
