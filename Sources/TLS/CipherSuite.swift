/// Bulk record protection algorithms this module can decrypt.
package enum BulkCipher: Sendable, Hashable {
    case aes128GCM, aes256GCM, chacha20Poly1305, aes128CBC, aes256CBC

    package var keyLength: Int {
        switch self {
        case .aes128GCM, .aes128CBC: 16
        case .aes256GCM, .aes256CBC, .chacha20Poly1305: 32
        }
    }

    package var isAEAD: Bool {
        switch self {
        case .aes128GCM, .aes256GCM, .chacha20Poly1305: true
        case .aes128CBC, .aes256CBC: false
        }
    }
}

/// A TLS cipher suite (IANA registry number), with the parameters needed to decrypt it when known.
///
/// Open like the registry: an unassigned or unsupported number is still a value with a hex name and
/// `parameters == nil`.
package struct CipherSuite: Hashable, Sendable {
    /// What decryption needs: the bulk cipher, the record MAC hash (CBC only), the PRF / HKDF hash.
    package struct Parameters: Hashable, Sendable {
        package var isTLS13: Bool
        package var bulk: BulkCipher
        package var mac: TLSHash?
        package var prfHash: TLSHash
    }

    package var rawValue: UInt16

    package init(rawValue: UInt16) { self.rawValue = rawValue }

    /// IANA name, e.g. `TLS_AES_128_GCM_SHA256`; `0xC0FF` style for numbers not in the table.
    package var name: String {
        if let entry = CipherSuite.table[rawValue] { return entry.name }
        let hex = String(rawValue, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: 4 - hex.count) + hex
    }

    /// Decryption parameters, or nil when this module cannot decrypt the suite.
    package var parameters: Parameters? { CipherSuite.table[rawValue]?.parameters }

    private struct Entry {
        var name: String
        var parameters: Parameters?
    }

    private static func tls13(_ name: String, _ bulk: BulkCipher, _ hash: TLSHash) -> Entry {
        Entry(name: name, parameters: Parameters(isTLS13: true, bulk: bulk, mac: nil, prfHash: hash))
    }

    private static func tls12(_ name: String, _ bulk: BulkCipher, mac: TLSHash?, prf: TLSHash) -> Entry {
        Entry(name: name, parameters: Parameters(isTLS13: false, bulk: bulk, mac: mac, prfHash: prf))
    }

    private static let table: [UInt16: Entry] = {
        var t: [UInt16: Entry] = [:]
        t[0x1301] = tls13("TLS_AES_128_GCM_SHA256", .aes128GCM, .sha256)
        t[0x1302] = tls13("TLS_AES_256_GCM_SHA384", .aes256GCM, .sha384)
        t[0x1303] = tls13("TLS_CHACHA20_POLY1305_SHA256", .chacha20Poly1305, .sha256)
        t[0x1304] = Entry(name: "TLS_AES_128_CCM_SHA256", parameters: nil)
        t[0x1305] = Entry(name: "TLS_AES_128_CCM_8_SHA256", parameters: nil)
        // TLS 1.2 AEAD (RFC 5288, RFC 5289, RFC 7905)
        let aead: [(UInt16, String, BulkCipher, TLSHash)] = [
            (0x009C, "TLS_RSA_WITH_AES_128_GCM_SHA256", .aes128GCM, .sha256),
            (0x009D, "TLS_RSA_WITH_AES_256_GCM_SHA384", .aes256GCM, .sha384),
            (0x009E, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", .aes128GCM, .sha256),
            (0x009F, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", .aes256GCM, .sha384),
            (0xC02B, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", .aes128GCM, .sha256),
            (0xC02C, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", .aes256GCM, .sha384),
            (0xC02F, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", .aes128GCM, .sha256),
            (0xC030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", .aes256GCM, .sha384),
            (0xCCA8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", .chacha20Poly1305, .sha256),
            (0xCCA9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", .chacha20Poly1305, .sha256),
            (0xCCAA, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256", .chacha20Poly1305, .sha256),
        ]
        for (id, name, bulk, prf) in aead { t[id] = tls12(name, bulk, mac: nil, prf: prf) }
        // TLS 1.2 CBC (RFC 5246, RFC 4492, RFC 5289); the PRF is SHA-256 unless the suite names SHA384.
        let cbc: [(UInt16, String, BulkCipher, TLSHash)] = [
            (0x002F, "TLS_RSA_WITH_AES_128_CBC_SHA", .aes128CBC, .sha1),
            (0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA", .aes256CBC, .sha1),
            (0x003C, "TLS_RSA_WITH_AES_128_CBC_SHA256", .aes128CBC, .sha256),
            (0x003D, "TLS_RSA_WITH_AES_256_CBC_SHA256", .aes256CBC, .sha256),
            (0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA", .aes128CBC, .sha1),
            (0x0039, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA", .aes256CBC, .sha1),
            (0x0067, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256", .aes128CBC, .sha256),
            (0x006B, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256", .aes256CBC, .sha256),
            (0xC009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", .aes128CBC, .sha1),
            (0xC00A, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", .aes256CBC, .sha1),
            (0xC013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", .aes128CBC, .sha1),
            (0xC014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", .aes256CBC, .sha1),
            (0xC023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", .aes128CBC, .sha256),
            (0xC024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", .aes256CBC, .sha384),
            (0xC027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", .aes128CBC, .sha256),
            (0xC028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", .aes256CBC, .sha384),
        ]
        for (id, name, bulk, mac) in cbc {
            t[id] = tls12(name, bulk, mac: mac, prf: mac == .sha384 ? .sha384 : .sha256)
        }
        // Named but not decryptable here.
        t[0x000A] = Entry(name: "TLS_RSA_WITH_3DES_EDE_CBC_SHA", parameters: nil)
        t[0x00FF] = Entry(name: "TLS_EMPTY_RENEGOTIATION_INFO_SCSV", parameters: nil)
        return t
    }()
}
