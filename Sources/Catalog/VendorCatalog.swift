import Primitives

/// What a vendor uses forwarded data for; decides which consent purposes a forward needs.
package enum VendorPurpose: String, Sendable, CaseIterable {
    case advertising, analytics, marketing, cdp, personalization, functional
}

/// The meaning a vendor gives one payload field (e.g. Meta's `data[].user_data.em` is a SHA-256 email).
package struct FieldSemantic: Sendable, Equatable {
    /// Field path in the catalog notation: `[]` for any index (`data[].user_data.em`).
    package let path: String
    /// A category of the personal-data taxonomy (`email_sha256`, `phone`, `cookie_id`...).
    package var category: String
    /// The hash the vendor requires on this field, if any (`sha256`).
    package var hashed: String?
    /// `path` without indices, as bytes (computed once; matching runs per extracted field).
    package let strippedPath: [UInt8]

    package init(path: String, category: String, hashed: String?) {
        self.path = path
        self.category = category
        self.hashed = hashed
        strippedPath = Vendor.stripIndices(path)
    }
}

/// One recipient of server-side forwards.
package struct Vendor: Sendable {
    package var id: String
    package var name: String
    package var purpose: VendorPurpose
    package var tcfVendorID: Int?
    package var hosts: [GlobPattern]
    package var paths: [GlobPattern]
    package var fields: [FieldSemantic]
    /// Query/body parameter names that hold credentials (masked in outputs).
    package var secrets: [String]
    /// Line of the vendor's entry in its catalog file (for messages).
    package var line: Int
    /// A collector its customers run under their own host names (Snowplow, self-hosted Matomo):
    /// recognised by an endpoint path alone when the host is no catalog vendor's.
    package var anyHost = false
}

/// A request matched to a vendor.
package struct CatalogMatch: Sendable {
    package var vendor: Vendor
    /// True when the path matched one of the vendor's endpoint patterns (false: host only).
    package var endpointMatched: Bool
}

/// The tracker catalog: vendors, their hosts, endpoints and field semantics.
///
/// Lookup: exact host names through a dictionary, wildcard hosts by a scan of the few patterns.
/// When several vendors share a host (Google's collection hosts), the one whose path pattern matches
/// wins; otherwise the first listed.
package struct VendorCatalog: Sendable {
    package private(set) var vendors: [Vendor] = []
    private var exactHosts: [String: [Int]] = [:]
    private var wildcardHosts: [(GlobPattern, Int)] = []
    private var anyHostVendors: [Int] = []

    package init(vendors: [Vendor] = []) {
        for v in vendors { add(v) }
    }

    /// Adds a vendor; a vendor with the same id replaces the earlier one (user catalogs override).
    package mutating func add(_ vendor: Vendor) {
        if let i = vendors.firstIndex(where: { $0.id == vendor.id }) {
            vendors[i] = vendor
            rebuildIndex()
        } else {
            vendors.append(vendor)
            index(vendors.count - 1)
        }
    }

    /// Vendors whose host patterns match `host` (port and trailing dot ignored, case-insensitive).
    package func vendors(forHost host: String) -> [Vendor] {
        let name = VendorCatalog.normalise(host: host)
        var found = exactHosts[name] ?? []
        let bytes = Array(name.utf8)
        for (pattern, i) in wildcardHosts where pattern.matches(bytes) && !found.contains(i) { found.append(i) }
        return found.sorted().map { vendors[$0] }
    }

    /// The vendor receiving a request to `host` + `path` (path may carry a query: only a pattern's
    /// required parameters are looked for in it).
    package func match(host: String, path: String) -> CatalogMatch? {
        VendorCatalog.match(path: path, among: vendors(forHost: host)) ?? match(anyHostPath: path)
    }

    /// The `any_host` vendor one of whose endpoint paths `path` is (for a host that is no vendor's).
    package func match(anyHostPath path: String) -> CatalogMatch? {
        guard !anyHostVendors.isEmpty else { return nil }
        let target = Array(path.utf8)[...]
        for i in anyHostVendors where vendors[i].paths.contains(where: { $0.matches(target: target) }) {
            return CatalogMatch(vendor: vendors[i], endpointMatched: true)
        }
        return nil
    }

    /// The vendor among `candidates` (the vendors of one host, in catalog order) receiving `path`.
    package static func match(path: String, among candidates: [Vendor]) -> CatalogMatch? {
        guard !candidates.isEmpty else { return nil }
        let target = Array(path.utf8)[...]
        for v in candidates where v.paths.contains(where: { $0.matches(target: target) }) {
            return CatalogMatch(vendor: v, endpointMatched: true)
        }
        return CatalogMatch(vendor: candidates[0], endpointMatched: false)
    }

    package func vendor(id: String) -> Vendor? { vendors.first { $0.id == id } }

    /// Lowercases, drops a port and a trailing dot, and IPv6 brackets.
    package static func normalise(host: String) -> String {
        var h = Substring(host.lowercased())
        if h.hasPrefix("[") {
            if let close = h.firstIndex(of: "]") { h = h[h.index(after: h.startIndex)..<close] }
        } else if let colon = h.lastIndex(of: ":"), h.firstIndex(of: ":") == colon {
            h = h[..<colon]
        }
        if h.hasSuffix(".") { h = h.dropLast() }
        return String(h)
    }

    private mutating func index(_ i: Int) {
        for pattern in vendors[i].hosts {
            if pattern.isLiteral { exactHosts[pattern.text, default: []].append(i) } else { wildcardHosts.append((pattern, i)) }
        }
        if vendors[i].anyHost { anyHostVendors.append(i) }
    }

    private mutating func rebuildIndex() {
        exactHosts = [:]
        wildcardHosts = []
        anyHostVendors = []
        for i in vendors.indices { index(i) }
    }
}

extension Vendor {
    /// The semantic of a field path as extracted (`data[0].user_data.em[0]`), if the vendor defines one.
    ///
    /// Indices are ignored, a trailing index too (an array of values), and a catalog path also matches
    /// at the end of a longer path (batch envelopes such as Segment's `batch[0].traits.email`).
    package func semantic(forFieldPath path: String) -> FieldSemantic? {
        guard !fields.isEmpty else { return nil }
        let normalised = Vendor.stripIndices(path)
        for field in fields {
            let f = field.strippedPath
            if normalised.count == f.count {
                if normalised == f { return field }
            } else if normalised.count > f.count, normalised[normalised.count - f.count - 1] == UInt8(ascii: "."),
                      normalised[(normalised.count - f.count)...].elementsEqual(f) {
                return field
            }
        }
        return nil
    }

    /// `data[0].user_data.em[1]` -> `data.user_data.em`, as bytes; `#b64`/`#json` layer marks are kept.
    static func stripIndices(_ path: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(path.utf8.count)
        var depth = 0
        for b in path.utf8 {
            if b == UInt8(ascii: "[") { depth += 1; continue }
            if b == UInt8(ascii: "]") { depth = max(0, depth - 1); continue }
            if depth == 0 { out.append(b) }
        }
        return out
    }
}
