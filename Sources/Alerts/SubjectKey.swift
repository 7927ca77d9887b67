import Consent

/// A subject as an alert may name it: `kind:hex`, a keyed (or at least one-way) hash, never a raw
/// identifier. The only ways to make one are `keyed(_:key:)`, which computes HMAC-SHA-256 over
/// the identifier's canonical lookup key, and `init?(redacted:)`, which accepts an already
/// redacted `kind:hex` string (8 to 64 lower-case hex digits, a known kind) and refuses anything
/// else, so a raw e-mail or phone number cannot end up in an alert.
package struct SubjectKey: Hashable, Sendable, CustomStringConvertible {
    package let value: String

    private init(unchecked value: String) { self.value = value }

    /// `IdentifierRedactor`'s form: `kind:` + the first 16 hex digits of HMAC-SHA-256(key,
    /// canonical identifier key), the same value `consenttap analyze` prints for the subject when
    /// given the same key. Raw and hashed forms of the same e-mail give the same key.
    package static func keyed(_ id: SubjectIdentifier, key: [UInt8]) -> SubjectKey {
        SubjectKey(unchecked: IdentifierRedactor(key: key).redact(id))
    }

    /// Accepts `kind:hex` only (as `SubjectVerdict.identifiers` gives them).
    package init?(redacted text: String) {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, SubjectIdentifier.Kind(rawValue: String(parts[0])) != nil else { return nil }
        let hex = parts[1].utf8
        guard (8...64).contains(hex.count),
              hex.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) else { return nil }
        value = text
    }

    package var description: String { value }
}
