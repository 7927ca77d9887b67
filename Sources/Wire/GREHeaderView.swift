import Primitives

/// A GRE header over borrowed bytes (RFC 2784 with the RFC 2890 key and sequence extensions).
///
/// ```
///  0 1 2 3           13  16                              31
///  |C|R|K|S| reserved0 |ver|        protocol type          |
///  |   checksum (if C or R)    |   offset (if C or R)      |
///  |                key (if K)                             |
///  |           sequence number (if S)                      |
/// ```
/// `init(validating:)` checks version 0, no RFC 1701 source routing (R), and that every optional
/// word is present; `payload` then starts after them.
struct GREHeaderView {
    enum Field {
        static let flags = 0
        static let protocolType = 2
        static let minimumLength = 4
    }
    enum Flag {
        static let checksum: UInt16 = 0x8000
        static let routing: UInt16 = 0x4000
        static let key: UInt16 = 0x2000
        static let sequence: UInt16 = 0x1000
        static let versionMask: UInt16 = 0x0007
    }

    /// Header and payload, borrowed for the current packet only.
    let bytes: UnsafeRawBufferPointer
    let headerLength: Int

    init(validating bytes: UnsafeRawBufferPointer) throws(WireError) {
        guard bytes.count >= Field.minimumLength else {
            throw WireError(.greTruncated, offset: 0, expected: Field.minimumLength, found: bytes.count)
        }
        let flags = bytes.loadBigEndianUInt16(at: Field.flags)
        let version = Int(flags & Flag.versionMask)
        guard version == 0 else { throw WireError(.greUnsupportedVersion, offset: 1, expected: 0, found: version) }
        guard flags & Flag.routing == 0 else {
            throw WireError(.greRoutingUnsupported, offset: 0, expected: 0, found: Int(flags >> 8))
        }
        var length = Field.minimumLength
        if flags & Flag.checksum != 0 { length += 4 }
        if flags & Flag.key != 0 { length += 4 }
        if flags & Flag.sequence != 0 { length += 4 }
        guard length <= bytes.count else {
            throw WireError(.greTruncated, offset: 0, expected: length, found: bytes.count)
        }
        self.bytes = bytes
        self.headerLength = length
    }

    var flags: UInt16 { bytes.loadBigEndianUInt16(at: Field.flags) }
    var hasSequenceNumber: Bool { flags & Flag.sequence != 0 }
    var protocolType: UInt16 { bytes.loadBigEndianUInt16(at: Field.protocolType) }
    var payload: UnsafeRawBufferPointer { bytes.wireSlice(from: headerLength) }
}
