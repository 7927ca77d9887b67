import Primitives

/// Fixed-size tunnel headers that sit between an outer transport and an inner frame. Each
/// `innerOffset` function validates the header and returns where the inner frame starts, or
/// throws with evidence. All take borrowed bytes and read nothing past `bytes.count`.
enum TunnelHeaders {
    static let vxlanPort: UInt16 = 4789
    static let genevePort: UInt16 = 6081

    /// VXLAN (RFC 7348 §5): flags (I bit 0x08 must be set), 24 reserved bits, VNI, reserved; an
    /// Ethernet frame follows the 8 bytes.
    static func vxlanInnerOffset(_ bytes: UnsafeRawBufferPointer) throws(WireError) -> Int {
        guard bytes.count >= 8 else { throw WireError(.vxlanTruncated, offset: 0, expected: 8, found: bytes.count) }
        guard bytes[0] & 0x08 != 0 else {
            throw WireError(.vxlanBadFlags, offset: 0, expected: 0x08, found: Int(bytes[0]))
        }
        return 8
    }

    /// GENEVE (RFC 8926 §3.4): version (2 bits, must be 0), option length in 4-byte words (6 bits),
    /// flags, protocol type, VNI, reserved, then options. Returns the inner offset and protocol type.
    static func geneveInner(_ bytes: UnsafeRawBufferPointer) throws(WireError) -> (offset: Int, protocolType: UInt16) {
        guard bytes.count >= 8 else { throw WireError(.geneveTruncated, offset: 0, expected: 8, found: bytes.count) }
        let version = Int(bytes[0] >> 6)
        guard version == 0 else { throw WireError(.geneveBadVersion, offset: 0, expected: 0, found: version) }
        let length = 8 + Int(bytes[0] & 0x3F) * 4
        guard length <= bytes.count else {
            throw WireError(.geneveTruncated, offset: 0, expected: length, found: bytes.count)
        }
        return (length, bytes.loadBigEndianUInt16(at: 2))
    }

    /// ERSPAN type II (draft-foschiano-erspan §4.1): 8 bytes, version nibble 1, then Ethernet.
    static func erspanIIInnerOffset(_ bytes: UnsafeRawBufferPointer) throws(WireError) -> Int {
        guard bytes.count >= 8 else { throw WireError(.erspanTruncated, offset: 0, expected: 8, found: bytes.count) }
        let version = Int(bytes[0] >> 4)
        guard version == 1 else { throw WireError(.erspanBadVersion, offset: 0, expected: 1, found: version) }
        return 8
    }

    /// ERSPAN type III (draft-foschiano-erspan §4.2): 12 bytes, version nibble 2; when the O bit
    /// (lowest bit of byte 11) is set an 8-byte platform-specific subheader follows; then Ethernet.
    static func erspanIIIInnerOffset(_ bytes: UnsafeRawBufferPointer) throws(WireError) -> Int {
        guard bytes.count >= 12 else { throw WireError(.erspanTruncated, offset: 0, expected: 12, found: bytes.count) }
        let version = Int(bytes[0] >> 4)
        guard version == 2 else { throw WireError(.erspanBadVersion, offset: 0, expected: 2, found: version) }
        let length = bytes[11] & 0x01 != 0 ? 20 : 12
        guard length <= bytes.count else {
            throw WireError(.erspanTruncated, offset: 11, expected: length, found: bytes.count)
        }
        return length
    }
}
