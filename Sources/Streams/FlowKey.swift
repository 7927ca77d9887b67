import Primitives

/// The canonical 4-tuple of a TCP connection: the same key for both directions.
///
/// `a` is the endpoint that sorts first (IPv4 before IPv6, then address, then port), so hashing the
/// key is symmetric by construction. A connection from an endpoint to itself maps both directions to
/// `a` (not distinguished; such captures are treated as one direction).
struct FlowKey: Hashable {
    var a: Endpoint
    var b: Endpoint

    /// The key of a segment from `source` to `destination`, and whether `source` is `a`.
    @inline(__always)
    static func make(source: Endpoint, destination: Endpoint) -> (key: FlowKey, sourceIsA: Bool) {
        if FlowKey.precedes(destination, source) {
            return (FlowKey(a: destination, b: source), false)
        }
        return (FlowKey(a: source, b: destination), true)
    }

    @inline(__always)
    private static func precedes(_ x: Endpoint, _ y: Endpoint) -> Bool {
        switch (x.address, y.address) {
        case (.v4(let p), .v4(let q)):
            return p != q ? p < q : x.port < y.port
        case (.v4, .v6):
            return true
        case (.v6, .v4):
            return false
        case (.v6(let ph, let pl), .v6(let qh, let ql)):
            if ph != qh { return ph < qh }
            if pl != ql { return pl < ql }
            return x.port < y.port
        }
    }

    func hash(into hasher: inout Hasher) {
        switch (a.address, b.address) {
        case (.v4(let p), .v4(let q)):
            hasher.combine(UInt64(p) << 32 | UInt64(q))
        case (.v4(let p), .v6(let qh, let ql)):
            hasher.combine(UInt64(p)); hasher.combine(qh); hasher.combine(ql)
        case (.v6(let ph, let pl), .v4(let q)):
            hasher.combine(ph); hasher.combine(pl); hasher.combine(UInt64(q))
        case (.v6(let ph, let pl), .v6(let qh, let ql)):
            hasher.combine(ph); hasher.combine(pl); hasher.combine(qh); hasher.combine(ql)
        }
        hasher.combine(UInt32(a.port) << 16 | UInt32(b.port))
    }
}
