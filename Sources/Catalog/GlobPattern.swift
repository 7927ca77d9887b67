/// A host or path pattern from the catalog, matched on ASCII bytes without regular expressions.
///
/// Host patterns: `*` stands for any characters inside one DNS label (`*.stape.io`,
/// `rest.iad-0*.braze.com`); matching is case-insensitive. Path patterns: `*` stands for any
/// characters inside one path segment, `**` for anything (slashes included); a pattern may end with
/// `?name&name...`, query parameters the request must carry (`/i?e&p&tv`: a generic path known by the
/// parameters of one protocol).
package struct GlobPattern: Sendable, Hashable, CustomStringConvertible {
    package let text: String
    private let bytes: [UInt8]
    private let separator: UInt8
    package let isLiteral: Bool
    /// Names of the query parameters a path must come with (path patterns only).
    private let requiredParameters: [[UInt8]]

    package init(host: String) {
        text = host.lowercased()
        bytes = Array(text.utf8)
        separator = UInt8(ascii: ".")
        isLiteral = !text.contains("*")
        requiredParameters = []
    }

    package init(path: String) {
        text = path
        let parts = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        bytes = Array(parts[0].utf8)
        separator = UInt8(ascii: "/")
        isLiteral = !parts[0].contains("*")
        requiredParameters = parts.count > 1 ? parts[1].split(separator: "&").map { Array($0.utf8) } : []
    }

    /// The pattern's path part (without required parameters).
    package var pathText: Substring { text.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0] }

    package var description: String { text }

    /// Matches `subject` (a host, lowercased by the caller, or a path without its query).
    package func matches(_ subject: [UInt8]) -> Bool { matches(subject[...]) }

    /// Matches a request target (`path?query`): its path, and the required parameters in its query
    /// (names compared exactly, each `name` or `name=...` between `&`s).
    package func matches(target: ArraySlice<UInt8>) -> Bool {
        let q = target.firstIndex(of: UInt8(ascii: "?"))
        guard matches(target[..<(q ?? target.endIndex)]) else { return false }
        guard !requiredParameters.isEmpty else { return true }
        guard let q else { return false }
        let names = target[(q + 1)...].split(separator: UInt8(ascii: "&")).map { $0.prefix { $0 != UInt8(ascii: "=") } }
        return requiredParameters.allSatisfy { required in names.contains { $0.elementsEqual(required) } }
    }

    package func matches(_ subject: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { p in
            subject.withUnsafeBufferPointer { s in GlobPattern.match(p, 0, s, 0, separator: separator) }
        }
    }

    /// Matches `p[pi...]` against `s[si...]` (indices into borrowed buffers: no copies, no retains).
    private static func match(_ p: UnsafeBufferPointer<UInt8>, _ pi: Int, _ s: UnsafeBufferPointer<UInt8>, _ si: Int,
                              separator: UInt8) -> Bool {
        var pi = pi, si = si
        while pi < p.count {
            let c = p[pi]
            if c == UInt8(ascii: "*") {
                let doubleStar = pi + 1 < p.count && p[pi + 1] == UInt8(ascii: "*")
                let rest = pi + (doubleStar ? 2 : 1)
                // Try every split point; `*` may not cross the separator, `**` may.
                var candidate = si
                while true {
                    if match(p, rest, s, candidate, separator: separator) { return true }
                    guard candidate < s.count, doubleStar || s[candidate] != separator else { return false }
                    candidate += 1
                }
            }
            guard si < s.count, c == s[si] else { return false }
            pi += 1
            si += 1
        }
        return si == s.count
    }
}
