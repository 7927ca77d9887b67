import Primitives

/// The fixed IPv6 header over borrowed bytes (RFC 8200 §3).
///
/// ```
///  0       4               12                                   31
///  |version| traffic class |             flow label             |
///  |        payload length        |  next header  |  hop limit  |
///  |                 source address (16 bytes)                  |
///  |              destination address (16 bytes)                |
/// ```
/// `init(validating:)` checks 40 bytes and version 6; accessors cannot fail afterwards. Extension
/// headers are walked by the decoder (`IPv6ExtensionWalk`), not here.
struct IPv6HeaderView {
    enum Field {
        static let payloadLength = 4
        static let nextHeader = 6
        static let hopLimit = 7
        static let source = 8
        static let destination = 24
        static let headerLength = 40
    }

    /// The header and whatever follows it, borrowed for the current packet only.
    let bytes: UnsafeRawBufferPointer

    init(validating bytes: UnsafeRawBufferPointer) throws(WireError) {
        guard bytes.count >= Field.headerLength else {
            throw WireError(.ipv6Truncated, offset: 0, expected: Field.headerLength, found: bytes.count)
        }
        let version = Int(bytes[0] >> 4)
        guard version == 6 else { throw WireError(.ipBadVersion, offset: 0, expected: 6, found: version) }
        self.bytes = bytes
    }

    var payloadLength: Int { Int(bytes.loadBigEndianUInt16(at: Field.payloadLength)) }
    var nextHeader: UInt8 { bytes[Field.nextHeader] }
    var hopLimit: UInt8 { bytes[Field.hopLimit] }
    var source: IPAddress {
        .v6(high: bytes.loadBigEndianUInt64(at: Field.source), low: bytes.loadBigEndianUInt64(at: Field.source + 8))
    }
    var destination: IPAddress {
        .v6(high: bytes.loadBigEndianUInt64(at: Field.destination),
            low: bytes.loadBigEndianUInt64(at: Field.destination + 8))
    }
}
