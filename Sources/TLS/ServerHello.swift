/// The fields of a ServerHello or HelloRetryRequest (RFC 8446 §4.1.3-4, RFC 5246 §7.4.1.3).
///
/// Built from a complete handshake message body; owns its values. Throws when the fixed fields are
/// truncated; unparseable extension contents are skipped and counted in `malformedExtensions`; when
/// the extension framing itself breaks, the extensions before the break are kept and
/// `extensionsTruncated` is set (as for `ClientHello`).
package struct ServerHello: Sendable, Equatable {
    /// SHA-256("HelloRetryRequest"), the random that marks a HelloRetryRequest (RFC 8446 §4.1.3).
    package static let helloRetryRequestRandom: [UInt8] = [
        0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
        0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C,
    ]

    package var legacyVersion: UInt16
    package var random: [UInt8]
    package var sessionID: [UInt8]
    package var cipherSuite: CipherSuite
    package var extensionTypes: [UInt16]
    /// `supported_versions` selected_version (TLS 1.3 and later), if present.
    package var selectedVersion: UInt16?
    /// ALPN protocol chosen in the ServerHello (TLS 1.2; TLS 1.3 puts it in EncryptedExtensions).
    package var alpn: String?
    /// Group of the server's key share (or the group requested by a HelloRetryRequest).
    package var keyShareGroup: UInt16?
    /// `encrypt_then_mac` (RFC 7366) accepted.
    package var encryptThenMAC: Bool
    package var malformedExtensions: Int
    /// The extension list's framing broke: `extensionTypes` holds only the extensions before the break.
    package var extensionsTruncated: Bool

    /// The negotiated version: `selectedVersion` if present, else the legacy field.
    package var version: UInt16 { selectedVersion ?? legacyVersion }

    package var isHelloRetryRequest: Bool { random == ServerHello.helloRetryRequestRandom }

    package init(body: UnsafeRawBufferPointer) throws(TLSError) {
        var c = ByteCursor(body)
        legacyVersion = try c.u16()
        random = try c.bytes(32)
        var session = try c.vector(lengthBytes: 1)
        sessionID = try session.bytes(session.remaining)
        cipherSuite = CipherSuite(rawValue: try c.u16())
        _ = try c.u8()  // compression method
        extensionTypes = []
        selectedVersion = nil
        alpn = nil
        keyShareGroup = nil
        encryptThenMAC = false
        malformedExtensions = 0
        extensionsTruncated = false
        if c.isAtEnd { return }
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
                switch type {
                case 0x002b: selectedVersion = try data.u16()
                case 0x0010: alpn = try ServerHello.parseALPN(&data)
                case 0x0033: keyShareGroup = try data.u16()
                case 0x0016: encryptThenMAC = true
                default: break
                }
            } catch {
                malformedExtensions += 1
            }
        }
    }

    /// The single protocol of a server's ALPN extension (RFC 7301 §3.1).
    static func parseALPN(_ data: inout ByteCursor) throws(TLSError) -> String {
        var list = try data.vector(lengthBytes: 2)
        var name = try list.vector(lengthBytes: 1)
        return String(decoding: try name.bytes(name.remaining), as: UTF8.self)
    }

    /// ALPN from a TLS 1.3 EncryptedExtensions body (RFC 8446 §4.3.1), nil if absent.
    package static func alpn(encryptedExtensions body: UnsafeRawBufferPointer) throws(TLSError) -> String? {
        var c = ByteCursor(body)
        var extensions = try c.vector(lengthBytes: 2)
        while !extensions.isAtEnd {
            let type = try extensions.u16()
            var data = try extensions.vector(lengthBytes: 2)
            if type == 0x0010 { return try parseALPN(&data) }
        }
        return nil
    }
}
