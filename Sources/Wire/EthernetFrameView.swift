import Primitives

/// An Ethernet II / 802.3 header over borrowed bytes (IEEE 802.3 §3.2).
///
/// ```
///  0                   6                  12        14
///  | destination MAC   | source MAC       | type/len | payload...
/// ```
/// `init(validating:)` checks the 14 header bytes are present; afterwards no accessor can fail.
/// A type/length value below 0x0600 is an 802.3 length (LLC follows), not an EtherType.
struct EthernetFrameView {
    enum Field {
        static let destination = 0..<6
        static let source = 6..<12
        static let etherType = 12
        static let headerLength = 14
    }

    /// The whole frame, borrowed for the current packet only.
    let bytes: UnsafeRawBufferPointer

    init(validating bytes: UnsafeRawBufferPointer) throws(WireError) {
        guard bytes.count >= Field.headerLength else {
            throw WireError(.ethernetTruncated, offset: 0, expected: Field.headerLength, found: bytes.count)
        }
        self.bytes = bytes
    }

    var etherType: UInt16 { bytes.loadBigEndianUInt16(at: Field.etherType) }
    /// True when the type field is an 802.3 length (< 0x0600) rather than an EtherType.
    var isLengthFrame: Bool { etherType < 0x0600 }
    var payload: UnsafeRawBufferPointer { bytes.wireSlice(from: Field.headerLength) }
}
