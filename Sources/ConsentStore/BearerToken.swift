import COpenSSL

/// The endpoint's shared secret, compared in constant time.
///
/// Only the SHA-256 of the configured token is kept; a presented token is hashed the same way and
/// the two 32-byte digests are compared with an XOR accumulator, so the comparison time depends on
/// neither the content nor the length of the presented token.
package struct BearerToken: Sendable {
    private let digest: [UInt8]

    /// nil for an empty token (the endpoint refuses to run without one).
    package init?(_ token: String) {
        guard !token.isEmpty else { return nil }
        digest = Self.sha256(Array(token.utf8))
    }

    /// Whether an `Authorization` header value is `Bearer <this token>` (scheme case-insensitive).
    package func accepts(authorization: String?) -> Bool {
        guard let authorization else { return false }
        let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return false }
        let presented = Self.sha256(Array(parts[1].utf8.drop { $0 == 0x20 }))
        var diff: UInt8 = 0
        for i in 0..<32 { diff |= presented[i] ^ digest[i] }
        return diff == 0
    }

    private static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        var input = bytes
        let ok = input.withUnsafeMutableBytes { inBuf in
            out.withUnsafeMutableBytes { outBuf in
                EVP_Digest(inBuf.baseAddress, inBuf.count, outBuf.baseAddress?.assumingMemoryBound(to: UInt8.self),
                           &length, EVP_sha256(), nil)
            }
        }
        precondition(ok == 1 && length == 32, "EVP_Digest(SHA-256) failed")
        return out
    }
}
