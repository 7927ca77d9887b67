/// One content coding from a `Content-Encoding` header (RFC 9110 §8.4.1), open for unknown names.
///
/// `x-gzip` is read as `.gzip` (RFC 9110 §8.4.1.3); names compare case-insensitively.
package enum ContentCoding: Hashable, Sendable {
    case identity, gzip, deflate, brotli, zstd
    /// A coding we cannot decode, kept lowercased as sent.
    case unknown(String)

    /// The coding for one token of the header (already trimmed), case-insensitive.
    package init(token: String) {
        switch token.lowercased() {
        case "identity", "": self = .identity
        case "gzip", "x-gzip": self = .gzip
        case "deflate": self = .deflate
        case "br": self = .brotli
        case "zstd": self = .zstd
        case let other: self = .unknown(other)
        }
    }

    /// The codings of a header value in the order they were applied (`"gzip, br"`: gzip first, then br).
    ///
    /// Empty list elements are skipped (RFC 9110 §5.6.1); `identity` is kept so callers can see it
    /// (decoding skips it). Never fails.
    package static func parseList(_ headerValue: String) -> [ContentCoding] {
        headerValue.split(separator: ",").compactMap { part in
            let token = part.trimmingASCIIWhitespace()
            return token.isEmpty ? nil : ContentCoding(token: token)
        }
    }

    /// The token as it appears on the wire (`br` for Brotli).
    package var name: String {
        switch self {
        case .identity: "identity"
        case .gzip: "gzip"
        case .deflate: "deflate"
        case .brotli: "br"
        case .zstd: "zstd"
        case .unknown(let n): n
        }
    }
}

extension Substring {
    /// The text without leading and trailing spaces and horizontal tabs (HTTP OWS).
    fileprivate func trimmingASCIIWhitespace() -> String {
        var s = self[...]
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
