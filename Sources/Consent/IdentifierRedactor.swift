/// Renders subject identifiers for output as keyed hashes: `kind:` + the first 16 hex digits of
/// HMAC-SHA-256(key, canonical lookup key).
///
/// The canonical key is the normalised, SHA-256'd form (`IdentifierKeys`), so a raw e-mail from
/// the feed and the Meta `em` hash of the same address redact to the same value, while nobody
/// without the key can test a guessed address against the output. The key is borrowed from the
/// configuration (its bytes are copied); an empty key is allowed but only pseudonymises.
package struct IdentifierRedactor: Sendable {
    private let hmac: HMACSHA256

    package init(key: [UInt8]) { hmac = HMACSHA256(key: key) }

    package func redact(_ id: SubjectIdentifier) -> String {
        let canonical = IdentifierKeys.canonicalKey(for: id) ?? (id.kind.rawValue + ":" + id.value)
        let colon = canonical.utf8.firstIndex(of: UInt8(ascii: ":"))
        var out = colon.map { String(canonical[..<$0]) } ?? id.kind.rawValue
        out.reserveCapacity(out.utf8.count + 17)
        out += ":"
        out += hmac.hex(canonical, hexDigits: 16)
        return out
    }
}
