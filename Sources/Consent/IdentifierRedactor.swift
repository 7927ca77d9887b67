/// Renders subject identifiers for output as keyed hashes: `kind:` + the first 16 hex digits of
/// HMAC-SHA-256(key, canonical lookup key).
///
/// The canonical key is the normalised, SHA-256'd form (`IdentifierKeys`), so a raw e-mail from
/// the feed and the Meta `em` hash of the same address redact to the same value, while nobody
/// without the key can test a guessed address against the output. The key is borrowed from the
/// configuration (its bytes are copied); an empty key is allowed but only pseudonymises.
package struct IdentifierRedactor: Sendable {
    private let key: [UInt8]

    package init(key: [UInt8]) { self.key = key }

    package func redact(_ id: SubjectIdentifier) -> String {
        let canonical = IdentifierKeys.keys(for: id).first ?? (id.kind.rawValue + ":" + id.value)
        let kind = canonical.split(separator: ":", maxSplits: 1).first.map(String.init) ?? id.kind.rawValue
        return kind + ":" + String(SHA256Hex.hmac(key: key, canonical).prefix(16))
    }
}
