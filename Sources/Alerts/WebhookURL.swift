/// A webhook target `http://host[:port][/path][?query]`: host is a name, an IPv4 literal or a
/// bracketed IPv6 literal; port defaults to 80; path to `/`. `https://` is refused with a clear
/// message (not supported: point the webhook at a local TLS relay). User info is refused (put
/// credentials in the signature secret, not the URL).
package struct WebhookURL: Equatable, Sendable, CustomStringConvertible {
    package var host: String
    package var port: UInt16
    package var target: String

    package init(parsing text: String) throws(AlertsError) {
        if text.lowercased().hasPrefix("https://") {
            throw AlertsError(.badSpec, "webhook URL '\(text)': https is not supported; use http:// (e.g. to a local relay)")
        }
        guard text.lowercased().hasPrefix("http://") else {
            throw AlertsError(.badSpec, "webhook URL '\(text)' must start with http://")
        }
        let rest = text.dropFirst("http://".count)
        let slash = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<slash]
        var target = String(rest[slash...])
        if target.isEmpty { target = "/" }
        if target.hasPrefix("?") { target = "/" + target }
        if let hash = target.firstIndex(of: "#") { target = String(target[..<hash]) }
        guard !authority.contains("@") else { throw AlertsError(.badSpec, "webhook URL must not contain user info") }
        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw AlertsError(.badSpec, "webhook URL '\(text)': unclosed '['") }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty {
                throw AlertsError(.badSpec, "webhook URL '\(text)': junk after ']'")
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
        }
        guard !host.isEmpty, host.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
            throw AlertsError(.badSpec, "webhook URL '\(text)' has no valid host")
        }
        var port: UInt16 = 80
        if let portText {
            guard let p = UInt16(portText), p > 0 else { throw AlertsError(.badSpec, "webhook URL '\(text)' has an invalid port") }
            port = p
        }
        self.host = String(host)
        self.port = port
        self.target = target
    }

    /// The `Host` header value.
    package var hostHeader: String {
        let h = host.contains(":") ? "[\(host)]" : host
        return port == 80 ? h : "\(h):\(port)"
    }

    /// The URL with query values masked (`?token=***`), for logs and sink names.
    package var description: String { "http://\(hostHeader)\(RequestSummary.mask(target))" }
}
