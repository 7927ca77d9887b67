import Yams

/// Why a catalog file was refused: where, and what was wrong.
package struct CatalogError: Error, CustomStringConvertible, Sendable, Equatable {
    package var source: String
    package var line: Int
    package var reason: String
    package var description: String { "\(source):\(line): \(reason)" }
}

/// Reads catalog files (YAML, format in docs/CATALOG.md) with line-precise errors.
package enum CatalogParser {
    /// The catalog shipped inside the binary.
    package static func embedded() -> VendorCatalog {
        let text = String(decoding: PackageResources.catalog_yaml, as: UTF8.self)
        do {
            return VendorCatalog(vendors: try parse(text, source: "embedded catalog"))
        } catch {
            preconditionFailure("the embedded catalog is invalid: \(error)")  // caught by the tests
        }
    }

    /// Parses one catalog document into vendors.
    package static func parse(_ text: String, source: String) throws(CatalogError) -> [Vendor] {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw CatalogError(source: source, line: 1, reason: "the file is empty")
            }
            root = node
        } catch let error as CatalogError {
            throw error
        } catch let error as YamlError {
            throw CatalogError(source: source, line: YamlErrorLine.of(error), reason: "not valid YAML: \(YamlErrorLine.problem(error))")
        } catch {
            throw CatalogError(source: source, line: 1, reason: "not valid YAML: \(error)")
        }
        let reader = NodeReader(source: source)
        let top = try reader.mapping(root, "the catalog")
        try reader.allowOnly(["version", "vendors"], in: top)
        if let version = top["version"] {
            guard version.int == 1 else { throw reader.error(version, "unsupported catalog version '\(version.string ?? "?")' (expected 1)") }
        }
        guard let list = top["vendors"] else { throw reader.error(root, "missing 'vendors' list") }
        guard let seq = list.sequence else { throw reader.error(list, "'vendors' must be a list") }
        var vendors: [Vendor] = []
        var seen: Set<String> = []
        for entry in seq {
            let v = try reader.vendor(entry)
            guard seen.insert(v.id).inserted else { throw reader.error(entry, "duplicate vendor id '\(v.id)'") }
            vendors.append(v)
        }
        return vendors
    }
}

/// Typed reads of YAML nodes with errors that carry the node's line.
private struct NodeReader {
    let source: String

    func error(_ node: Node, _ reason: String) -> CatalogError {
        CatalogError(source: source, line: node.mark?.line ?? 1, reason: reason)
    }

    func mapping(_ node: Node, _ what: String) throws(CatalogError) -> Node.Mapping {
        guard let m = node.mapping else { throw error(node, "\(what) must be a mapping") }
        return m
    }

    func allowOnly(_ keys: Set<String>, in mapping: Node.Mapping) throws(CatalogError) {
        for key in mapping.keys {
            guard let name = key.string, keys.contains(name) else {
                throw error(key, "unknown key '\(key.string ?? "?")' (allowed: \(keys.sorted().joined(separator: ", ")))")
            }
        }
    }

    func string(_ m: Node.Mapping, _ key: String, required: Bool, owner: Node) throws(CatalogError) -> String? {
        guard let node = m[key] else {
            if required { throw error(owner, "missing '\(key)'") }
            return nil
        }
        guard let s = node.scalar?.string, !s.isEmpty else { throw error(node, "'\(key)' must be a non-empty string") }
        return s
    }

    func strings(_ m: Node.Mapping, _ key: String, owner: Node) throws(CatalogError) -> [(String, Node)] {
        guard let node = m[key] else { return [] }
        guard let seq = node.sequence else { throw error(node, "'\(key)' must be a list") }
        var out: [(String, Node)] = []
        for item in seq {
            guard let s = item.scalar?.string, !s.isEmpty else { throw error(item, "'\(key)' entries must be non-empty strings") }
            out.append((s, item))
        }
        return out
    }

    func vendor(_ node: Node) throws(CatalogError) -> Vendor {
        let m = try mapping(node, "a vendor entry")
        try allowOnly(["id", "name", "purpose", "tcf_vendor_id", "hosts", "any_host", "paths", "fields", "secrets"], in: m)
        let id = try string(m, "id", required: true, owner: node)!
        guard id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else {
            throw error(m["id"]!, "vendor id '\(id)' may hold only letters, digits, '_' and '-'")
        }
        let name = try string(m, "name", required: false, owner: node) ?? id
        let purposeText = try string(m, "purpose", required: true, owner: node)!
        guard let purpose = VendorPurpose(rawValue: purposeText) else {
            throw error(m["purpose"]!, "unknown purpose '\(purposeText)' (one of: \(VendorPurpose.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        var tcf: Int?
        if let t = m["tcf_vendor_id"], t.null == nil {
            guard let n = t.int, n > 0 else { throw error(t, "'tcf_vendor_id' must be a positive integer or null") }
            tcf = n
        }
        var anyHost = false
        if let a = m["any_host"] {
            guard let b = a.bool else { throw error(a, "'any_host' must be true or false") }
            anyHost = b
        }
        let hosts = try strings(m, "hosts", owner: node)
        guard !hosts.isEmpty || anyHost else { throw error(node, "vendor '\(id)' needs at least one host in 'hosts'") }
        var hostPatterns: [GlobPattern] = []
        for (h, n) in hosts {
            guard h.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "/") }), !h.hasPrefix("."), !h.contains("..") else {
                throw error(n, "host pattern '\(h)' is not a host name (letters, digits, '-', '.', '*')")
            }
            hostPatterns.append(GlobPattern(host: h))
        }
        var pathPatterns: [GlobPattern] = []
        for (p, n) in try strings(m, "paths", owner: node) {
            guard p.hasPrefix("/") else { throw error(n, "path pattern '\(p)' must start with '/'") }
            if let q = p.firstIndex(of: "?") {
                let names = p[p.index(after: q)...].split(separator: "&", omittingEmptySubsequences: false)
                guard names.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "=") && $0 != UInt8(ascii: "?") } }) else {
                    throw error(n, "path pattern '\(p)': after '?' come the names of required query parameters, separated by '&'")
                }
            }
            pathPatterns.append(GlobPattern(path: p))
        }
        if anyHost, pathPatterns.isEmpty || pathPatterns.contains(where: { $0.pathText.hasPrefix("/*") || $0.pathText == "/" }) {
            throw error(node, "vendor '\(id)' has 'any_host': its paths must name its endpoints (no leading '*')")
        }
        var fields: [FieldSemantic] = []
        if let f = m["fields"] {
            guard let seq = f.sequence else { throw error(f, "'fields' must be a list") }
            for item in seq {
                let fm = try mapping(item, "a field entry")
                try allowOnly(["path", "category", "hashed"], in: fm)
                let path = try string(fm, "path", required: true, owner: item)!
                let category = try string(fm, "category", required: true, owner: item)!
                guard FieldCategories.known.contains(category) else {
                    throw error(fm["category"]!, "unknown category '\(category)'")
                }
                let hashed = try string(fm, "hashed", required: false, owner: item)
                if let hashed, !["sha256", "sha1", "md5"].contains(hashed) {
                    throw error(fm["hashed"]!, "unknown hash '\(hashed)' (sha256, sha1 or md5)")
                }
                fields.append(FieldSemantic(path: path, category: category, hashed: hashed))
            }
        }
        let secrets = try strings(m, "secrets", owner: node).map(\.0)
        return Vendor(id: id, name: name, purpose: purpose, tcfVendorID: tcf, hosts: hostPatterns, paths: pathPatterns,
                      fields: fields, secrets: secrets, line: node.mark?.line ?? 1, anyHost: anyHost)
    }
}

/// The personal-data taxonomy names a catalog may use, and `none` for a field the vendor documents
/// as not personal (an event id, a site id).
package enum FieldCategories {
    package static let known: Set<String> = [
        "none", "email", "email_sha256", "phone", "phone_sha256", "name_first", "name_last", "name_full", "street_address",
        "city", "postal_code", "region", "country", "date_of_birth", "gender", "ip_address", "user_agent", "user_id",
        "device_id", "cookie_id", "click_id", "geolocation", "credit_card", "iban", "national_id",
    ]
}

private enum YamlErrorLine {
    static func of(_ error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return 1
        }
    }

    static func problem(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): return problem
        default: return "\(error)"
        }
    }
}
