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
        // HMAC of `kind:body`, fed in parts: the canonical key is never built as one string.
        var (kind, body) = IdentifierKeys.canonicalParts(for: id) ?? (id.kind.rawValue, id.value)
        let digits = kind.withUTF8 { k in
            body.withUTF8 { b in
                withUnsafeBytes(of: UInt8(ascii: ":")) { colon in
                    hmac.hex(UnsafeRawBufferPointer(k), colon, UnsafeRawBufferPointer(b), hexDigits: 16)
                }
            }
        }
        var out = kind
        out.reserveCapacity(kind.utf8.count + 17)
        out += ":"
        out += digits
        return out
    }
}
