import Primitives

/// Network layer: IPv4, IPv6 with extension headers, and handing fragments to the reassembler.
extension PacketDecoder {
    /// IPv4: the total length bounds the payload (cutting Ethernet padding). A zero total length is
    /// taken as "as captured" (TSO/GSO captures on the sending host); a length beyond the capture is
    /// a snaplen cut.
    mutating func decodeIPv4(_ bytes: UnsafeRawBufferPointer, _ context: inout Context,
                             _ deliver: (TransportPacket) -> Void) {
        let header: IPv4HeaderView
        do { header = try IPv4HeaderView(validating: bytes) } catch { return record(error) }
        if !header.optionsWellFormed { stats.add(.ipv4BadOptions) }
        let headerLength = header.headerLength
        var end = header.totalLength
        var truncated = false
        if end == 0 {
            stats.add(.ipv4TotalLengthZero)
            end = bytes.count
        } else if end < headerLength {
            return stats.add(.ipv4BadTotalLength)
        } else if end > bytes.count {
            stats.add(.ipv4TotalLengthExceedsCapture)
            truncated = true
            end = bytes.count
        }
        let payload = bytes.wireSlice(headerLength, end)
        let addresses = (header.source, header.destination)
        guard header.isFragment else {
            return decodeTransport(header.protocolNumber, payload, addresses, truncated: truncated, &context, deliver)
        }
        guard !truncated else { return stats.add(.fragmentTruncatedDropped) }
        let key = FragmentReassembler.Key(source: header.source, destination: header.destination,
                                          identification: UInt32(header.identification),
                                          protocolNumber: header.protocolNumber, isIPv6: false)
        let outcome = fragments.insert(key: key, offset: header.fragmentOffset, fragment: payload,
                                       moreFragments: header.moreFragments, nextProtocol: header.protocolNumber,
                                       time: context.packet.time, limits: limits, counters: &stats)
        if case .complete(let next, let datagram) = outcome {
            datagram.withUnsafeBytes { reassembled in
                decodeTransport(next, reassembled, addresses, truncated: false, &context, deliver)
            }
        }
    }

    /// IPv6: the payload length bounds the payload; zero with a hop-by-hop header is a jumbogram
    /// (RFC 2675), taken as captured.
    mutating func decodeIPv6(_ bytes: UnsafeRawBufferPointer, _ context: inout Context,
                             _ deliver: (TransportPacket) -> Void) {
        let header: IPv6HeaderView
        do { header = try IPv6HeaderView(validating: bytes) } catch { return record(error) }
        var end = IPv6HeaderView.Field.headerLength + header.payloadLength
        var truncated = false
        if header.payloadLength == 0, header.nextHeader == IPProtocol.hopByHop {
            stats.add(.ipv6Jumbogram)
            end = bytes.count
        } else if end > bytes.count {
            stats.add(.ipv6PayloadLengthExceedsCapture)
            truncated = true
            end = bytes.count
        }
        walkIPv6(header.nextHeader, bytes.wireSlice(IPv6HeaderView.Field.headerLength, end),
                 (header.source, header.destination), truncated: truncated, reassembled: false, &context, deliver)
    }

    /// Walks IPv6 extension headers (RFC 8200 §4) from `next`: hop-by-hop, routing and destination
    /// options ((len + 1) * 8 bytes), AH ((len + 2) * 4 bytes), fragment (8 bytes; the rest goes to
    /// the reassembler, and the headers after it are walked once reassembled). Stops at ESP and
    /// no-next-header (counted); anything else is the transport.
    private mutating func walkIPv6(_ next: UInt8, _ bytes: UnsafeRawBufferPointer, _ addresses: (IPAddress, IPAddress),
                                   truncated: Bool, reassembled: Bool, _ context: inout Context,
                                   _ deliver: (TransportPacket) -> Void) {
        var next = next
        var offset = 0
        var headers = 0
        while true {
            let length: Int
            switch next {
            case IPProtocol.hopByHop, IPProtocol.routing, IPProtocol.destinationOptions, IPProtocol.ah:
                guard offset + 2 <= bytes.count else { return stats.add(.ipv6ExtHeaderTruncated) }
                let units = Int(bytes[offset + 1])
                length = next == IPProtocol.ah ? (units + 2) * 4 : (units + 1) * 8
            case IPProtocol.fragment:
                guard offset + 8 <= bytes.count else { return stats.add(.ipv6ExtHeaderTruncated) }
                let fragmentOffset = Int(bytes.loadBigEndianUInt16(at: offset + 2) & 0xFFF8)
                let moreFragments = bytes[offset + 3] & 0x01 != 0
                if fragmentOffset == 0, !moreFragments {
                    stats.add(.ipv6AtomicFragment)   // RFC 6946: a whole packet with a fragment header
                    length = 8
                    break
                }
                guard !reassembled else { return stats.add(.ipv6NestedFragment) }
                guard !truncated else { return stats.add(.fragmentTruncatedDropped) }
                let key = FragmentReassembler.Key(source: addresses.0, destination: addresses.1,
                                                  identification: bytes.loadBigEndianUInt32(at: offset + 4),
                                                  protocolNumber: 0, isIPv6: true)
                let outcome = fragments.insert(key: key, offset: fragmentOffset, fragment: bytes.wireSlice(from: offset + 8),
                                               moreFragments: moreFragments, nextProtocol: bytes[offset],
                                               time: context.packet.time, limits: limits, counters: &stats)
                if case .complete(let first, let datagram) = outcome {
                    datagram.withUnsafeBytes { whole in
                        walkIPv6(first, whole, addresses, truncated: false, reassembled: true, &context, deliver)
                    }
                }
                return
            case IPProtocol.esp:
                return stats.add(.ipv6ESPNotDecoded)
            case IPProtocol.noNextHeader:
                return stats.add(.ipv6NoNextHeader)
            default:
                return decodeTransport(next, bytes.wireSlice(from: offset), addresses, truncated: truncated,
                                       &context, deliver)
            }
            guard offset + length <= bytes.count else { return stats.add(.ipv6ExtHeaderTruncated) }
            headers += 1
            guard headers <= limits.maxIPv6ExtensionHeaders else { return stats.add(.ipv6TooManyExtHeaders) }
            next = bytes[offset]
            offset += length
        }
    }
}
