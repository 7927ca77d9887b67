import Primitives

/// An IPv4 header over borrowed bytes (RFC 791 §3.1).
///
/// ```
///  0       4       8              16    19                      31
///  |version|  IHL  |    TOS       |        total length         |
///  |        identification        |flags|    fragment offset    |
///  |    TTL        |  protocol    |       header checksum       |
///  |                       source address                       |
///  |                    destination address                     |
///  |                 options (IHL > 5) ...                      |
/// ```
/// `init(validating:)` checks: at least 20 bytes, version 4, IHL >= 5 and IHL*4 bytes present. The
/// total length is not checked here (the decoder decides between padding, snaplen cut and
/// malformed). Options are not interpreted; `optionsWellFormed` says whether their type-length
/// list (RFC 791 §3.1) fits the header (the packet is decoded either way; the decoder counts
/// `ipv4_bad_options`). The checksum is not verified (offload).
struct IPv4HeaderView {
    enum Field {
        static let versionIHL = 0
        static let totalLength = 2
        static let identification = 4
        static let flagsFragment = 6
        static let ttl = 8
        static let proto = 9
        static let source = 12
        static let destination = 16
        static let minimumLength = 20
    }

    /// The header and whatever follows it, borrowed for the current packet only.
    let bytes: UnsafeRawBufferPointer

    init(validating bytes: UnsafeRawBufferPointer) throws(WireError) {
        guard bytes.count >= Field.minimumLength else {
            throw WireError(.ipv4Truncated, offset: 0, expected: Field.minimumLength, found: bytes.count)
        }
        let version = Int(bytes[Field.versionIHL] >> 4)
        guard version == 4 else { throw WireError(.ipBadVersion, offset: 0, expected: 4, found: version) }
        let headerLength = Int(bytes[Field.versionIHL] & 0x0F) * 4
        guard headerLength >= Field.minimumLength else {
            throw WireError(.ipv4BadHeaderLength, offset: 0, expected: Field.minimumLength, found: headerLength)
        }
        guard headerLength <= bytes.count else {
            throw WireError(.ipv4Truncated, offset: 0, expected: headerLength, found: bytes.count)
        }
        self.bytes = bytes
        self.optionsWellFormed = HeaderOptions.wellFormed(bytes.wireSlice(Field.minimumLength, headerLength))
    }

    let optionsWellFormed: Bool

    var headerLength: Int { Int(bytes[Field.versionIHL] & 0x0F) * 4 }
    var totalLength: Int { Int(bytes.loadBigEndianUInt16(at: Field.totalLength)) }
    var identification: UInt16 { bytes.loadBigEndianUInt16(at: Field.identification) }
    var dontFragment: Bool { bytes[Field.flagsFragment] & 0x40 != 0 }
    var moreFragments: Bool { bytes[Field.flagsFragment] & 0x20 != 0 }
    /// Fragment offset in bytes (the field counts 8-byte units).
    var fragmentOffset: Int { Int(bytes.loadBigEndianUInt16(at: Field.flagsFragment) & 0x1FFF) * 8 }
    var isFragment: Bool { moreFragments || fragmentOffset != 0 }
    var ttl: UInt8 { bytes[Field.ttl] }
    var protocolNumber: UInt8 { bytes[Field.proto] }
    var source: IPAddress { .v4(bytes.loadBigEndianUInt32(at: Field.source)) }
    var destination: IPAddress { .v4(bytes.loadBigEndianUInt32(at: Field.destination)) }
}
