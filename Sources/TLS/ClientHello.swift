/// The fields of a ClientHello (RFC 8446 §4.1.2, RFC 5246 §7.4.1.2) that metadata, JA4 and decryption use.
///
/// Built from a complete handshake message body (without the 4-byte handshake header); owns its
/// values. An observer keeps what it can: extension contents that fail to parse are skipped and
/// counted in `malformedExtensions`, and when the extension framing itself breaks (a length running
/// past the message, as some clients and generators write) the extensions read before the break are
/// kept and `extensionsTruncated` is set (Wireshark reads such hellos the same way). A body that ends
/// before the fixed fields throws.
package struct ClientHello: Sendable, Equatable {
    package var legacyVersion: UInt16
    package var random: [UInt8]
    package var sessionID: [UInt8]
    /// Cipher suites in wire order, GREASE included.
    package var cipherSuites: [UInt16]
    /// Extension types in wire order, GREASE included.
    package var extensionTypes: [UInt16]
    /// `server_name` host_name (RFC 6066 §3), if present. Not validated beyond UTF-8 decoding.
    package var serverName: String?
    /// ALPN protocol names offered (RFC 7301), in order, as raw bytes.
    package var alpnProtocols: [[UInt8]]
    /// `supported_versions` (RFC 8446 §4.2.1), in order, GREASE included.
    package var supportedVersions: [UInt16]
    /// Groups of the key shares offered (RFC 8446 §4.2.8).
    package var keyShareGroups: [UInt16]
    /// `signature_algorithms` (RFC 8446 §4.2.3), in wire order.
    package var signatureAlgorithms: [UInt16]
    /// A non-empty `session_ticket` (RFC 5077) was offered: TLS 1.2 resumption attempt.
    package var offersSessionTicket: Bool
    /// `pre_shared_key` (RFC 8446 §4.2.11) was offered: TLS 1.3 resumption attempt.
    package var offersPreSharedKey: Bool
    /// `early_data` (RFC 8446 §4.2.10) was offered.
    package var offersEarlyData: Bool
    /// `encrypt_then_mac` (RFC 7366) was offered.
    package var offersEncryptThenMAC: Bool
    /// Extensions whose content did not parse (their type is still in `extensionTypes`).
    package var malformedExtensions: Int
    /// The extension list's framing broke: `extensionTypes` holds only the extensions before the break.
    package var extensionsTruncated: Bool

    package static func isGREASE(_ v: UInt16) -> Bool { v & 0x0f0f == 0x0a0a && v >> 8 == v & 0xff }

    package init(body: UnsafeRawBufferPointer) throws(TLSError) {
        var c = ByteCursor(body)
        legacyVersion = try c.u16()
        random = try c.bytes(32)
        var session = try c.vector(lengthBytes: 1)
        sessionID = try session.bytes(session.remaining)
        var suites = try c.vector(lengthBytes: 2)
        guard suites.remaining % 2 == 0 else {
            throw .malformed(offset: suites.offset, field: "cipher_suites length", found: suites.remaining)
        }
        cipherSuites = []
        while !suites.isAtEnd { cipherSuites.append(try suites.u16()) }
        _ = try c.vector(lengthBytes: 1)  // compression methods
        extensionTypes = []
        serverName = nil
        alpnProtocols = []
        supportedVersions = []
        keyShareGroups = []
        signatureAlgorithms = []
        offersSessionTicket = false
        offersPreSharedKey = false
        offersEarlyData = false
        offersEncryptThenMAC = false
        malformedExtensions = 0
        extensionsTruncated = false
        if c.isAtEnd { return }  // pre-extension ClientHello (SSL 3.0 style)
        var (extensions, cut) = try c.extensionList()
        extensionsTruncated = cut
        while !extensions.isAtEnd {
            guard let (type, found) = extensions.nextExtension() else {
                extensionsTruncated = true
                return
            }
            var data = found
            extensionTypes.append(type)
            do throws(TLSError) {
                try parseExtension(type, &data)
            } catch {
                malformedExtensions += 1
            }
        }
    }

    private mutating func parseExtension(_ type: UInt16, _ data: inout ByteCursor) throws(TLSError) {
        switch type {
        case 0x0000:  // server_name
            var list = try data.vector(lengthBytes: 2)
            while !list.isAtEnd {
                let nameType = try list.u8()
                var name = try list.vector(lengthBytes: 2)
                if nameType == 0, serverName == nil {
                    serverName = String(decoding: try name.bytes(name.remaining), as: UTF8.self)
                }
            }
        case 0x0010:  // application_layer_protocol_negotiation
            var list = try data.vector(lengthBytes: 2)
            var names: [[UInt8]] = []   // all or nothing: a list that breaks midway is skipped whole
            while !list.isAtEnd {
                var name = try list.vector(lengthBytes: 1)
                names.append(try name.bytes(name.remaining))
            }
            alpnProtocols = names
        case 0x002b:  // supported_versions
            var list = try data.vector(lengthBytes: 1)
            while list.remaining >= 2 { supportedVersions.append(try list.u16()) }
        case 0x0033:  // key_share
            var list = try data.vector(lengthBytes: 2)
            var groups: [UInt16] = []
            while !list.isAtEnd {
                groups.append(try list.u16())
                _ = try list.vector(lengthBytes: 2)
            }
            keyShareGroups = groups
        case 0x000d:  // signature_algorithms
            var list = try data.vector(lengthBytes: 2)
            while list.remaining >= 2 { signatureAlgorithms.append(try list.u16()) }
        case 0x0023: offersSessionTicket = data.remaining > 0
        case 0x0029: offersPreSharedKey = true
        case 0x002a: offersEarlyData = true
        case 0x0016: offersEncryptThenMAC = true
        default: break
        }
    }

    /// ALPN protocol names as text (ALPN ids are registered ASCII tokens).
    package var alpnNames: [String] { alpnProtocols.map { String(decoding: $0, as: UTF8.self) } }
}
