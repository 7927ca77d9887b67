import Synchronization
import Foundation
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

        /// True when the vendor documents the field as not personal data (`category: none`).
        let documentedNotPersonal: Bool

        init(name: FieldClassifier.Name, semantic: FieldSemantic?) {
            self.name = name
            documentedNotPersonal = semantic?.category == PIICategory.none.rawValue
            category = semantic.flatMap { PIICategory(rawValue: $0.category) }.flatMap { $0 == .none ? nil : $0 }
            hashed = semantic?.hashed.flatMap(HashKind.init(rawValue:))
        }
    }

    /// The field facts of one vendor (or of no vendor), by field path bytes as extracted, the path
    /// bytes kept in one shared buffer: a lookup reads the slot table and that buffer, nothing else.
    /// Locked once per request, not per field (`withEntries`): a lock is a full memory barrier,
    /// costly right after extraction's writes.
    final class FieldTable: Sendable {
        private let entries: Mutex<Entries>

        init(capacity: Int) { entries = Mutex(Entries(capacity: capacity)) }

        /// Runs `body` with the table locked.
        func withEntries<R>(_ body: (inout Entries) -> R) -> R { entries.withLock { body(&$0) } }

        /// An open-addressing table (linear probing, power-of-two size, at most half full) keyed by
        /// the path bytes, compared in full: no `Hasher` per lookup, no generic byte comparison.
        struct Entries: Sendable {
            private struct Slot {
                var hash: UInt64
                var start: Int
                var count: Int
                var facts: FieldFacts?
            }

            private var slots: [Slot]
            private var used = 0
            private var paths: [UInt8] = []
            private let capacity: Int

            init(capacity: Int) {
                self.capacity = capacity
                slots = Array(repeating: Slot(hash: 0, start: 0, count: 0, facts: nil), count: 64)
            }

            func facts(_ path: ArraySlice<UInt8>) -> FieldFacts? {
                path.withUnsafeBufferPointer { p in
                    let found = slot(for: p, hash: Entries.hash(p))
                    return found.occupied ? slots[found.index].facts : nil
                }
            }

            mutating func remember(_ path: ArraySlice<UInt8>, _ facts: FieldFacts) {
                if used >= capacity {
                    for i in slots.indices { slots[i].facts = nil }
                    used = 0
                    paths.removeAll(keepingCapacity: true)
                }
                if 2 * (used + 1) > slots.count { grow() }
                path.withUnsafeBufferPointer { p in
                    let h = Entries.hash(p)
                    let found = slot(for: p, hash: h)
                    if found.occupied { slots[found.index].facts = facts; return }
                    slots[found.index] = Slot(hash: h, start: paths.count, count: p.count, facts: facts)
                    paths.append(contentsOf: p)
                    used += 1
                }
            }

            /// The slot that holds `p` (`occupied`), or else the empty slot where it goes.
            private func slot(for p: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> (index: Int, occupied: Bool) {
                let mask = slots.count - 1
                var i = Int(truncatingIfNeeded: h) & mask
                return slots.withUnsafeBufferPointer { table in
                    paths.withUnsafeBufferPointer { stored in
                        while table[i].facts != nil {
                            if table[i].hash == h, table[i].count == p.count,
                               p.count == 0 || memcmp(stored.baseAddress! + table[i].start, p.baseAddress!, p.count) == 0 {
                                return (i, true)
                            }
                            i = (i + 1) & mask
                        }
                        return (i, false)
                    }
                }
            }

            private mutating func grow() {
                let old = slots
                slots = Array(repeating: Slot(hash: 0, start: 0, count: 0, facts: nil), count: 2 * old.count)
                let mask = slots.count - 1
                for slot in old where slot.facts != nil {
                    var i = Int(truncatingIfNeeded: slot.hash) & mask
                    while slots[i].facts != nil { i = (i + 1) & mask }
                    slots[i] = slot
                }
            }

            /// FNV-1a over 8-byte words then the tail bytes, mixed at the end (a table index needs its low bits).
            private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
                var h: UInt64 = 0xcbf2_9ce4_8422_2325
                var i = 0
                if let base = bytes.baseAddress {
                    let raw = UnsafeRawPointer(base)
                    while i + 8 <= bytes.count {
                        h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x0000_0100_0000_01B3
                        i += 8
                    }
                }
                while i < bytes.count { h = (h ^ UInt64(bytes[i])) &* 0x0000_0100_0000_01B3; i += 1 }
                h ^= h >> 33
                h = h &* 0xff51_afd7_ed55_8ccd
                h ^= h >> 33
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
