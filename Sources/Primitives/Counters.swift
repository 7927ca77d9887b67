/// A named set of event counters (drops, anomalies, malformed input), reported in run summaries.
///
/// Names are stable snake_case (`ipv4_bad_header_length`, `tcp_flow_cap_evicted`), like Zeek's weird
/// names. Modules keep their hot counters as plain stored properties and export them here for
/// reporting, so the hot path never hashes a string.
public struct CounterSet: Sendable, Equatable {
    public private(set) var values: [String: UInt64] = [:]

    public init() {}

    public mutating func add(_ name: String, _ amount: UInt64 = 1) {
        values[name, default: 0] &+= amount
    }

    public mutating func merge(_ other: CounterSet) {
        for (k, v) in other.values { values[k, default: 0] &+= v }
    }

    public subscript(_ name: String) -> UInt64 { values[name] ?? 0 }

    /// Non-zero counters, sorted by name.
    public var nonZero: [(name: String, value: UInt64)] {
        values.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
    }
}
