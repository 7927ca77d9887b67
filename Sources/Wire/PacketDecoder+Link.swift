import Primitives

/// Link layers: Ethernet with VLAN/MPLS/PPPoE, Linux cooked v1/v2, BSD NULL/LOOP, NFLOG.
extension PacketDecoder {
    mutating func decodeEthernet(_ bytes: UnsafeRawBufferPointer, _ context: inout Context,
                                 _ deliver: (TransportPacket) -> Void) {
        let frame: EthernetFrameView
        do { frame = try EthernetFrameView(validating: bytes) } catch { return record(error) }
        decodeEtherType(frame.etherType, frame.payload, &context, deliver)
    }

    /// Dispatches on an EtherType, peeling VLAN tags, MPLS labels and PPPoE on the way.
    mutating func decodeEtherType(_ etherType: UInt16, _ bytes: UnsafeRawBufferPointer, _ context: inout Context,
                                  _ deliver: (TransportPacket) -> Void) {
        var type = etherType
        var rest = bytes
        var tags = 0
        while true {
            switch type {
            case EtherType.ipv4: return decodeIPv4(rest, &context, deliver)
            case EtherType.ipv6: return decodeIPv6(rest, &context, deliver)
            case EtherType.vlan, EtherType.qinq, EtherType.qinqLegacy:
                // 802.1Q tag: TCI (PCP, DEI, VID) then the next EtherType.
                guard rest.count >= 4 else { return stats.add(.vlanTruncated) }
                tags += 1
                guard tags <= limits.maxVLANTags else { return stats.add(.vlanTooManyTags) }
                type = rest.loadBigEndianUInt16(at: 2)
                rest = rest.wireSlice(from: 4)
            case EtherType.mplsUnicast, EtherType.mplsMulticast:
                return decodeMPLS(rest, &context, deliver)
            case EtherType.pppoeSession:
                return decodePPPoE(rest, &context, deliver)
            case ..<0x0600:
                return stats.add(.ethernetLengthFrame)   // 802.3 length + LLC: not IP
            default:
                return stats.add(.nonIPEtherType)
            }
        }
    }

    /// MPLS label stack (RFC 3032): 4-byte entries until bottom-of-stack, then IP by version nibble.
    private mutating func decodeMPLS(_ bytes: UnsafeRawBufferPointer, _ context: inout Context,
                                     _ deliver: (TransportPacket) -> Void) {
        var offset = 0
        var labels = 0
        while true {
            guard offset + 4 <= bytes.count else { return stats.add(.mplsTruncated) }
            labels += 1
            guard labels <= limits.maxMPLSLabels else { return stats.add(.mplsTooManyLabels) }
            let bottomOfStack = bytes[offset + 2] & 0x01 != 0
            offset += 4
            if bottomOfStack { break }
        }
        let payload = bytes.wireSlice(from: offset)
        guard let first = payload.first else { return stats.add(.mplsTruncated) }
        switch first >> 4 {
        case 4: decodeIPv4(payload, &context, deliver)
        case 6: decodeIPv6(payload, &context, deliver)
        default: stats.add(.mplsUnknownPayload)   // pseudowire control word, Ethernet PW...
        }
    }

    /// PPPoE session stage (RFC 2516 §4): ver/type 0x11, code 0, session id, length, then the PPP
    /// protocol (0x0021 IPv4, 0x0057 IPv6), one byte only when compressed (RFC 1661 §6.5: an odd
    /// first byte). The PPPoE length bounds the payload.
    private mutating func decodePPPoE(_ bytes: UnsafeRawBufferPointer, _ context: inout Context,
                                      _ deliver: (TransportPacket) -> Void) {
        guard bytes.count >= 7 else { return stats.add(.pppoeTruncated) }
        guard bytes[0] == 0x11, bytes[1] == 0x00 else { return stats.add(.pppoeBadHeader) }
        let compressed = bytes[6] & 0x01 != 0
        let headerLength = compressed ? 7 : 8
        guard bytes.count >= headerLength else { return stats.add(.pppoeTruncated) }
        let length = Int(bytes.loadBigEndianUInt16(at: 4))
        guard length >= headerLength - 6 else { return stats.add(.pppoeBadHeader) }
        let end = min(6 + length, bytes.count)   // a longer length is a snaplen cut: IP counts it
        let payload = bytes.wireSlice(headerLength, end)
        let pppProtocol = compressed ? UInt16(bytes[6]) : bytes.loadBigEndianUInt16(at: 6)
        switch pppProtocol {
        case 0x0021: decodeIPv4(payload, &context, deliver)
        case 0x0057: decodeIPv6(payload, &context, deliver)
        default: stats.add(.pppoeNonIP)   // LCP, IPCP, CHAP...
        }
    }

    /// Linux cooked capture v1 (LINKTYPE_LINUX_SLL): 16 bytes, protocol at offset 14.
    mutating func decodeSLL(_ bytes: UnsafeRawBufferPointer, _ context: inout Context,
                            _ deliver: (TransportPacket) -> Void) {
        guard bytes.count >= 16 else { return stats.add(.sllTruncated) }
        decodeCookedProtocol(bytes.loadBigEndianUInt16(at: 14), bytes.wireSlice(from: 16), &context, deliver)
    }

    /// Linux cooked capture v2 (LINKTYPE_LINUX_SLL2): 20 bytes, protocol at offset 0.
    mutating func decodeSLL2(_ bytes: UnsafeRawBufferPointer, _ context: inout Context,
                             _ deliver: (TransportPacket) -> Void) {
        guard bytes.count >= 20 else { return stats.add(.sll2Truncated) }
        decodeCookedProtocol(bytes.loadBigEndianUInt16(at: 0), bytes.wireSlice(from: 20), &context, deliver)
    }

    /// Cooked captures carry an EtherType, except values below 0x0600 which name a Linux
    /// pseudo-protocol (802.3 raw, 802.2 LLC, CAN...): those are not IP.
    private mutating func decodeCookedProtocol(_ type: UInt16, _ payload: UnsafeRawBufferPointer,
                                               _ context: inout Context, _ deliver: (TransportPacket) -> Void) {
        guard type >= 0x0600 else { return stats.add(.sllNonIPProtocol) }
        decodeEtherType(type, payload, &context, deliver)
    }

    /// BSD loopback: a 4-byte address family, host order of the capturing machine for NULL (so
    /// both byte orders are accepted), network order for LOOP. AF_INET is 2 everywhere; AF_INET6 is
    /// 24 (NetBSD/OpenBSD), 28 (FreeBSD) or 30 (macOS); Linux's 10 is accepted too.
    mutating func decodeLoopback(_ bytes: UnsafeRawBufferPointer, networkOrder: Bool, _ context: inout Context,
                                 _ deliver: (TransportPacket) -> Void) {
        guard bytes.count >= 4 else { return stats.add(.nullTruncated) }
        var family = networkOrder ? bytes.loadBigEndianUInt32(at: 0) : bytes.loadLittleEndianUInt32(at: 0)
        if family > 0xFFFF { family = family.byteSwapped }   // written by a big-endian host
        let payload = bytes.wireSlice(from: 4)
        switch family {
        case 2: decodeIPv4(payload, &context, deliver)
        case 10, 24, 28, 30: decodeIPv6(payload, &context, deliver)
        default: stats.add(.nullUnknownFamily)
        }
    }

    /// Linux NFLOG (LINKTYPE_NFLOG): family, version, resource id, then TLVs (length including the
    /// 4-byte TLV header, type; both in the capturing host's byte order; padded to 4 bytes). The
    /// packet is the value of TLV type 9 (NFULA_PAYLOAD).
    mutating func decodeNFLOG(_ bytes: UnsafeRawBufferPointer, _ context: inout Context,
                              _ deliver: (TransportPacket) -> Void) {
        guard bytes.count >= 4 else { return stats.add(.nflogTruncated) }
        let family = bytes[0]
        var offset = 4
        while offset < bytes.count {
            guard offset + 4 <= bytes.count else { return stats.add(.nflogTruncated) }
            var length = Int(bytes.loadLittleEndianUInt16(at: offset))
            var type = bytes.loadLittleEndianUInt16(at: offset + 2)
            if length < 4 || offset + length > bytes.count {
                let swapped = Int(bytes.loadBigEndianUInt16(at: offset))
                if swapped >= 4, offset + swapped <= bytes.count {
                    length = swapped
                    type = bytes.loadBigEndianUInt16(at: offset + 2)
                }
            }
            guard length >= 4 else { return stats.add(.nflogBadTLV) }
            guard offset + length <= bytes.count else { return stats.add(.nflogTruncated) }
            if type & 0x3FFF == 9 {
                let payload = bytes.wireSlice(offset + 4, offset + length)
                switch family {
                case 2: return decodeIPv4(payload, &context, deliver)
                case 10: return decodeIPv6(payload, &context, deliver)
                default: return decodeIPByVersion(payload, &context, deliver)
                }
            }
            offset += (length + 3) & ~3
        }
        stats.add(.nflogNoPayload)
    }

    /// Raw IP (LINKTYPE_RAW): the version nibble says which.
    mutating func decodeIPByVersion(_ bytes: UnsafeRawBufferPointer, _ context: inout Context,
                                    _ deliver: (TransportPacket) -> Void) {
        guard let first = bytes.first else { return stats.add(.ipv4Truncated) }
        switch first >> 4 {
        case 4: decodeIPv4(bytes, &context, deliver)
        case 6: decodeIPv6(bytes, &context, deliver)
        default: stats.add(.ipBadVersion)
        }
    }
}
