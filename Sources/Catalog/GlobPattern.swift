/// A host or path pattern from the catalog, matched on ASCII bytes without regular expressions.
///
/// Host patterns: `*` stands for any characters inside one DNS label (`*.stape.io`,
/// `rest.iad-0*.braze.com`); matching is case-insensitive. Path patterns: `*` stands for any
/// characters inside one path segment, `**` for anything (slashes included).
package struct GlobPattern: Sendable, Hashable, CustomStringConvertible {
    package let text: String
    private let bytes: [UInt8]
    private let separator: UInt8
    package let isLiteral: Bool

    package init(host: String) {
        text = host.lowercased()
        bytes = Array(text.utf8)
        separator = UInt8(ascii: ".")
        isLiteral = !text.contains("*")
    }

    package init(path: String) {
        text = path
        bytes = Array(path.utf8)
        separator = UInt8(ascii: "/")
        isLiteral = !path.contains("*")
    }

    package var description: String { text }

    /// Matches `subject` (a host, lowercased by the caller, or a path without its query).
    package func matches(_ subject: [UInt8]) -> Bool { matches(subject[...]) }

    package func matches(_ subject: ArraySlice<UInt8>) -> Bool {
        GlobPattern.match(bytes[...], subject, separator: separator)
    }

    private static func match(_ p: ArraySlice<UInt8>, _ s: ArraySlice<UInt8>, separator: UInt8) -> Bool {
        var p = p, s = s
        while let c = p.first {
            if c == UInt8(ascii: "*") {
                let doubleStar = p.dropFirst().first == UInt8(ascii: "*")
                let rest = p.dropFirst(doubleStar ? 2 : 1)
                // Try every split point; `*` may not cross the separator, `**` may.
                var candidate = s
                while true {
                    if match(rest, candidate, separator: separator) { return true }
                    guard let next = candidate.first, doubleStar || next != separator else { return false }
                    candidate = candidate.dropFirst()
                }
            }
            guard let d = s.first, c == d else { return false }
            p = p.dropFirst()
            s = s.dropFirst()
        }
        return s.isEmpty
    }
}
