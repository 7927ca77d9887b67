import Primitives

/// A UDP header over borrowed bytes (RFC 768).
///
/// ```
///  0               16              31
///  |  source port  |   dest port   |
///  |    length     |   checksum    |
/// ```
/// `init(validating:)` checks the 8 header bytes only; the decoder compares the length field with
/// the bytes present (padding is cut, a snaplen cut is counted, a length < 8 is malformed).
struct UDPHeaderView {
    enum Field {
        static let sourcePort = 0
        static let destinationPort = 2
        static let length = 4
        static let headerLength = 8
    }

    /// Header and payload, borrowed for the current packet only.
    let bytes: UnsafeRawBufferPointer

    init(validating bytes: UnsafeRawBufferPointer) throws(WireError) {
        guard bytes.count >= Field.headerLength else {
            throw WireError(.udpTruncated, offset: 0, expected: Field.headerLength, found: bytes.count)
        }
        self.bytes = bytes
    }

    var sourcePort: UInt16 { bytes.loadBigEndianUInt16(at: Field.sourcePort) }
    var destinationPort: UInt16 { bytes.loadBigEndianUInt16(at: Field.destinationPort) }
    var length: Int { Int(bytes.loadBigEndianUInt16(at: Field.length)) }
}
