import Primitives

/// A TCP header and payload over borrowed bytes (RFC 9293 §3.1).
///
/// ```
///  0               16              31
///  |  source port  |   dest port   |
///  |        sequence number        |
///  |     acknowledgment number     |
///  |off|rsv|flags  |    window     |
///  |   checksum    |  urgent ptr   |
///  |   options (off > 5) ...       |
/// ```
/// `init(validating:)` takes exactly the IP payload (padding already cut) and checks 20 bytes,
/// 5 <= data offset and data offset * 4 bytes present: a header extending past the bytes is
/// `tcp_truncated` (the decoder re-labels it `tcp_bad_data_offset` when the IP packet was complete).
/// Options are walked once: `optionsWellFormed` is false when a length runs past the header (the
/// segment is still delivered; the decoder counts `tcp_bad_options`). Checksums are not verified.
struct TCPHeaderView {
    enum Field {
        static let sourcePort = 0
        static let destinationPort = 2
        static let sequenceNumber = 4
        static let acknowledgmentNumber = 8
        static let dataOffsetFlags = 12
        static let window = 14
        static let minimumLength = 20
    }

    /// Header and payload, borrowed for the current packet only.
    let bytes: UnsafeRawBufferPointer
    let optionsWellFormed: Bool

    init(validating bytes: UnsafeRawBufferPointer) throws(WireError) {
        guard bytes.count >= Field.minimumLength else {
            throw WireError(.tcpTruncated, offset: 0, expected: Field.minimumLength, found: bytes.count)
        }
        let headerLength = Int(bytes[Field.dataOffsetFlags] >> 4) * 4
        guard headerLength >= Field.minimumLength else {
            throw WireError(.tcpBadDataOffset, offset: Field.dataOffsetFlags, expected: Field.minimumLength,
                            found: headerLength)
        }
        guard headerLength <= bytes.count else {
            throw WireError(.tcpTruncated, offset: Field.dataOffsetFlags, expected: headerLength, found: bytes.count)
        }
        self.bytes = bytes
        self.optionsWellFormed = HeaderOptions.wellFormed(bytes.wireSlice(Field.minimumLength, headerLength))
    }

    var sourcePort: UInt16 { bytes.loadBigEndianUInt16(at: Field.sourcePort) }
    var destinationPort: UInt16 { bytes.loadBigEndianUInt16(at: Field.destinationPort) }
    var sequenceNumber: UInt32 { bytes.loadBigEndianUInt32(at: Field.sequenceNumber) }
    var acknowledgmentNumber: UInt32 { bytes.loadBigEndianUInt32(at: Field.acknowledgmentNumber) }
    var headerLength: Int { Int(bytes[Field.dataOffsetFlags] >> 4) * 4 }
    /// The nine control bits (NS..FIN), as `TCPFlags` raw values.
    var flags: TCPFlags { TCPFlags(rawValue: bytes.loadBigEndianUInt16(at: Field.dataOffsetFlags) & 0x01FF) }
    var window: UInt16 { bytes.loadBigEndianUInt16(at: Field.window) }
    var payload: UnsafeRawBufferPointer { bytes.wireSlice(from: headerLength) }
}
