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

    /// Facts about one field path under one vendor.
    struct FieldFacts: Sendable {
        var name: FieldClassifier.Name
        var semantic: FieldSemantic?
    }

    private struct FieldKey: Hashable {
        var vendor: String
        var path: String
    }

    private let hosts = Mutex<[String: HostFacts]>([:])
    private let fields = Mutex<[FieldKey: FieldFacts]>([:])
    private let capacity: Int

    init(capacity: Int = 16_384) { self.capacity = capacity }

    func host(_ name: String, compute: (String) -> HostFacts) -> HostFacts {
        if let hit = hosts.withLock({ $0[name] }) { return hit }
        let facts = compute(name)
        hosts.withLock { table in
            if table.count >= capacity { table.removeAll(keepingCapacity: true) }
            table[name] = facts
        }
        return facts
    }

    func field(path: String, vendor: String, compute: () -> FieldFacts) -> FieldFacts {
        let key = FieldKey(vendor: vendor, path: path)
        if let hit = fields.withLock({ $0[key] }) { return hit }
        let facts = compute()
        fields.withLock { table in
            if table.count >= capacity { table.removeAll(keepingCapacity: true) }
            table[key] = facts
        }
        return facts
    }
}
