/// What one TLS connection revealed, with or without keys (issue 3 point 1).
///
/// `decrypted` is true once at least one encrypted record was opened with logged keys.
/// `notDecryptedReason` names the first obstacle met (`no_key`, `unsupported_suite`, `decrypt_error`,
/// `gap`) and may accompany `decrypted == true` when decryption stopped part way (e.g. a later gap).
package struct TLSMetadata: Sendable, Equatable {
    /// `server_name` from the ClientHello.
    package var sni: String?
    /// Negotiated version: "1.3", "1.2", "1.1", "1.0", "ssl3"; nil before a ServerHello.
    package var version: String?
    /// IANA name of the chosen cipher suite (hex like `0xC0FF` when unknown); nil before a ServerHello.
    package var cipher: String?
    /// ALPN protocols offered by the client, in order.
    package var alpnOffered: [String] = []
    /// ALPN protocol chosen: from the ServerHello (TLS 1.2) or EncryptedExtensions (TLS 1.3, decrypted only).
    package var alpn: String?
    /// JA4 fingerprint of the (first) ClientHello.
    package var ja4: String?
    package var decrypted: Bool = false
    package var notDecryptedReason: String?
    /// The server sent a HelloRetryRequest.
    package var helloRetryRequest: Bool = false
    /// An abbreviated handshake: TLS 1.3 ServerHello with `pre_shared_key`, or a TLS 1.2 ServerHello
    /// echoing the client's non-empty session id (session id or ticket resumption, RFC 5077 §3.4).
    package var resumed: Bool = false
    /// TCP payload bytes fed in each direction (TLS framing included).
    package var bytesClientToServer: Int = 0
    package var bytesServerToClient: Int = 0

    package init() {}

    static func versionName(_ v: UInt16) -> String {
        switch v {
        case 0x0304: "1.3"
        case 0x0303: "1.2"
        case 0x0302: "1.1"
        case 0x0301: "1.0"
        case 0x0300: "ssl3"
        default: "0x" + String(v, radix: 16)
        }
    }
}

extension TLSMetadata: Codable {}
