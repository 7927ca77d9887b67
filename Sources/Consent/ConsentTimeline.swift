import Primitives

/// Consent records indexed by every subject identifier, answering "which record was in force for
/// this person at this time".
///
/// Identifiers become keys through `IdentifierKeys` (raw and hashed forms meet, so a Meta `em`
/// hash finds the person's e-mail). A record is in force from its `ts` until a later record that
/// shares a key with the query; at an exact `ts` the new record already applies; for equal `ts`
/// the one added later wins. History is kept (records are never replaced). Memory: one entry per
/// record plus one per key; `maxRecords` bounds it (further records are dropped and counted in
/// `counters["consent_timeline_record_cap_dropped"]`).
package struct ConsentTimeline: Sendable {
    package static let defaultMaxRecords = 5_000_000

    package private(set) var records: [ConsentRecord] = []
    package private(set) var counters = CounterSet()
    private var index: [String: [Int]] = [:]
    private let maxRecords: Int

    package init(records: [ConsentRecord] = [], maxRecords: Int = ConsentTimeline.defaultMaxRecords) {
        self.maxRecords = maxRecords
        for r in records { add(r) }
    }

    /// Adds one record (in any time order).
    package mutating func add(_ record: ConsentRecord) {
        guard records.count < maxRecords else {
            counters.add("consent_timeline_record_cap_dropped")
            return
        }
        let n = records.count
        records.append(record)
        var seen = Set<String>()
        for id in record.identifiers {
            for key in IdentifierKeys.keys(for: id) where seen.insert(key).inserted {
                index[key, default: []].append(n)
            }
        }
        counters.add("consent_timeline_records")
    }

    /// The answer for one subject at one time.
    package struct State: Sendable {
        /// The record in force, nil when no record for these identifiers is dated at or before `at`.
        package var record: ConsentRecord?
        /// Which of the query's identifier kinds matched any record (also earlier/later ones).
        package var matchedKinds: [SubjectIdentifier.Kind]
        /// Whether records exist for the subject at all (possibly only after `at`).
        package var hasAnyRecord: Bool
        /// The next record after `at`, if any (useful for "changed their mind" reasons).
        package var nextRecord: ConsentRecord?
    }

    /// The record in force for the subject known by `identifiers` at time `at`.
    package func state(for identifiers: [SubjectIdentifier], at: Timestamp) -> State {
        var candidates = Set<Int>()
        var kinds: [SubjectIdentifier.Kind] = []
        for id in identifiers {
            var matched = false
            for key in IdentifierKeys.keys(for: id) {
                if let list = index[key] {
                    candidates.formUnion(list)
                    matched = true
                }
            }
            if matched && !kinds.contains(id.kind) { kinds.append(id.kind) }
        }
        var best: Int?
        var next: Int?
        for i in candidates {
            let r = records[i]
            if r.ts <= at {
                if let b = best, (records[b].ts, b) > (r.ts, i) { continue }
                best = i
            } else {
                if let x = next, (records[x].ts, x) < (r.ts, i) { continue }
                next = i
            }
        }
        return State(record: best.map { records[$0] }, matchedKinds: kinds, hasAnyRecord: !candidates.isEmpty,
                     nextRecord: next.map { records[$0] })
    }

    /// All records for the subject, oldest first (history).
    package func history(for identifiers: [SubjectIdentifier]) -> [ConsentRecord] {
        var candidates = Set<Int>()
        for id in identifiers {
            for key in IdentifierKeys.keys(for: id) { candidates.formUnion(index[key] ?? []) }
        }
        return candidates.sorted { (records[$0].ts, $0) < (records[$1].ts, $1) }.map { records[$0] }
    }
}
