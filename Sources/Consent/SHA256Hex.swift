import COpenSSL

/// SHA-256 (libcrypto) rendered as lower-case hex.
enum SHA256Hex {
    static func digest(_ text: String) -> String {
        var text = text
        return text.withUTF8 { input in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { out in
                // The low-level calls: the one-shot `SHA256` fetches the algorithm on every call.
                var ctx = SHA256_CTX()
                let ok = SHA256_Init(&ctx) & SHA256_Update(&ctx, input.baseAddress, input.count)
                    & SHA256_Final(out.baseAddress, &ctx)
                precondition(ok == 1, "SHA-256 failed")
                return hex(UnsafeBufferPointer(out), digits: 64)
            }
        }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { hex($0, digits: 2 * $0.count) }
    }

    /// The first `digits` hex digits (lower case) of `bytes`, written straight into the string.
    static func hex(_ bytes: UnsafeBufferPointer<UInt8>, digits: Int) -> String {
        let n = max(0, min(digits, 2 * bytes.count))
        let table: StaticString = "0123456789abcdef"
        let t = table.utf8Start
        return String(unsafeUninitializedCapacity: n) { out in
            var i = 0
            while i + 1 < n {
                let b = bytes[i >> 1]
                out[i] = t[Int(b >> 4)]
                out[i + 1] = t[Int(b & 15)]
                i += 2
            }
            if i < n { out[i] = t[Int(bytes[i >> 1] >> 4)] }
            return n
        }
    }

    /// True for exactly 64 hex digits (either case).
    static func isHash(_ text: String) -> Bool {
        let u = text.utf8
        return u.count == 64 && u.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }
    }
}
