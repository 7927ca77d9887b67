/// The request an alert is about, with secrets and personal data masked: host, method, and the
/// path with every query value replaced by `***` except a few harmless keys (`v`, `tid`,
/// `measurement_id`, `en`), and any path segment that holds an `@`, or is 24 characters or longer
/// (tokens, keys, hashes), replaced by `***`. The fragment is dropped.
package struct RequestSummary: Equatable, Sendable {
    package var host: String
    package var method: String
    package var path: String

    private static let keptQueryKeys: Set<String> = ["v", "tid", "measurement_id", "en"]

    /// Masks `target` (a request target: path plus optional query).
    package init(host: String, method: String, target: String) {
        self.host = host
        self.method = method
        self.path = Self.mask(target)
    }

    package static func mask(_ target: String) -> String {
        var t = Substring(target)
        if let hash = t.firstIndex(of: "#") { t = t[..<hash] }
        let pieces = t.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = pieces[0].split(separator: "/", omittingEmptySubsequences: false).map { seg -> String in
            seg.contains("@") || seg.count >= 24 || seg.contains("%40") ? "***" : String(seg)
        }.joined(separator: "/")
        guard pieces.count == 2 else { return path }
        let query = pieces[1].split(separator: "&", omittingEmptySubsequences: true).map { pair -> String in
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(kv[0])
            guard kv.count == 2 else { return key }
            return keptQueryKeys.contains(key) && !kv[1].contains("@") ? "\(key)=\(kv[1])" : "\(key)=***"
        }.joined(separator: "&")
        return path + "?" + query
    }
}
