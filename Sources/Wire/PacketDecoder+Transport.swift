import Primitives

/// Transport layer and the tunnels found there: TCP, UDP (VXLAN, GENEVE), GRE (ERSPAN), IP-in-IP.
extension PacketDecoder {
    /// `payload` is exactly the IP payload (padding cut); `truncated` says the capture cut it short.
    mutating func decodeTransport(_ protocolNumber: UInt8, _ payload: UnsafeRawBufferPointer,
                                  _ addresses: (IPAddress, IPAddress), truncated: Bool, _ context: inout Context,
                                  _ deliver: (TransportPacket) -> Void) {
        switch protocolNumber {
        case IPProtocol.tcp: decodeTCP(payload, addresses, truncated: truncated, context, deliver)
        case IPProtocol.udp: decodeUDP(payload, addresses, truncated: truncated, &context, deliver)
        case IPProtocol.gre: decodeGRE(payload, &context, deliver)
        case IPProtocol.ipInIP:
            guard enterTunnel(&context, .ipInIPDecapsulated) else { return }
            decodeIPv4(payload, &context, deliver)
        case IPProtocol.ipv6InIP:
            guard enterTunnel(&context, .ipInIPDecapsulated) else { return }
            decodeIPv6(payload, &context, deliver)
        default: stats.add(.ipProtocolNotDecoded)
        }
    }

    private mutating func decodeTCP(_ bytes: UnsafeRawBufferPointer, _ addresses: (IPAddress, IPAddress),
                                    truncated: Bool, _ context: Context, _ deliver: (TransportPacket) -> Void) {
        let tcp: TCPHeaderView
        do { tcp = try TCPHeaderView(validating: bytes) } catch {
            // A header running past a complete IP payload is a lie of the header, not a snaplen cut.
            return stats.add(error.reason == .tcpTruncated && !truncated ? .tcpBadDataOffset : error.reason)
        }
        if !tcp.optionsWellFormed { stats.add(.tcpBadOptions) }
        if truncated { stats.add(.tcpPayloadTruncatedBySnaplen) }
        stats.add(.tcpSegments)
        deliver(.tcp(TCPSegment(
            source: Endpoint(address: addresses.0, port: tcp.sourcePort),
            destination: Endpoint(address: addresses.1, port: tcp.destinationPort),
            sequenceNumber: tcp.sequenceNumber, acknowledgmentNumber: tcp.acknowledgmentNumber,
            flags: tcp.flags, window: tcp.window, payload: tcp.payload, packet: context.packet)))
    }

    /// UDP: the length field bounds the payload. Datagrams to the VXLAN or GENEVE port whose header
    /// checks out are decapsulated (the outer datagram is not delivered); others are delivered.
    private mutating func decodeUDP(_ bytes: UnsafeRawBufferPointer, _ addresses: (IPAddress, IPAddress),
                                    truncated: Bool, _ context: inout Context, _ deliver: (TransportPacket) -> Void) {
        let udp: UDPHeaderView
        do { udp = try UDPHeaderView(validating: bytes) } catch { return record(error) }
        var end = udp.length
        var cut = false
        if end == 0, addresses.0.isIPv6 {
            end = bytes.count   // RFC 2675 jumbogram: the IPv6 length rules
        } else if end < UDPHeaderView.Field.headerLength {
            return stats.add(.udpBadLength)
        } else if end > bytes.count {
            guard truncated else { return stats.add(.udpBadLength) }
            cut = true
            end = bytes.count
        }
        let payload = bytes.wireSlice(UDPHeaderView.Field.headerLength, end)
        if decodeUDPTunnel(udp.destinationPort, payload, &context, deliver) { return }
        if cut { stats.add(.udpPayloadTruncatedBySnaplen) }
        stats.add(.udpDatagrams)
        deliver(.udp(UDPDatagram(source: Endpoint(address: addresses.0, port: udp.sourcePort),
                                 destination: Endpoint(address: addresses.1, port: udp.destinationPort),
                                 payload: payload, packet: context.packet)))
    }

    /// Returns true when the datagram was a tunnel and has been handled (decapsulated or dropped).
    private mutating func decodeUDPTunnel(_ port: UInt16, _ payload: UnsafeRawBufferPointer, _ context: inout Context,
                                          _ deliver: (TransportPacket) -> Void) -> Bool {
        switch port {
        case TunnelHeaders.vxlanPort:
            let offset: Int
            do { offset = try TunnelHeaders.vxlanInnerOffset(payload) } catch {
                record(error)
                return false
            }
            guard enterTunnel(&context, .vxlanDecapsulated) else { return true }
            decodeEthernet(payload.wireSlice(from: offset), &context, deliver)
            return true
        case TunnelHeaders.genevePort:
            let inner: (offset: Int, protocolType: UInt16)
            do { inner = try TunnelHeaders.geneveInner(payload) } catch {
                record(error)
                return false
            }
            guard enterTunnel(&context, .geneveDecapsulated) else { return true }
            decodeTunnelPayload(inner.protocolType, payload.wireSlice(from: inner.offset), &context, deliver)
            return true
        default:
            return false
        }
    }

    /// GRE: transparent Ethernet bridging, ERSPAN I/II/III, or any EtherType (IPv4, IPv6, MPLS...).
    private mutating func decodeGRE(_ bytes: UnsafeRawBufferPointer, _ context: inout Context,
                                    _ deliver: (TransportPacket) -> Void) {
        let gre: GREHeaderView
        do { gre = try GREHeaderView(validating: bytes) } catch { return record(error) }
        guard enterTunnel(&context, .greDecapsulated) else { return }
        let payload = gre.payload
        switch gre.protocolType {
        case EtherType.erspanII:
            // Type I has no ERSPAN header and no GRE sequence number; type II has both.
            guard gre.hasSequenceNumber else {
                stats.add(.erspanDecapsulated)
                return decodeEthernet(payload, &context, deliver)
            }
            do {
                let offset = try TunnelHeaders.erspanIIInnerOffset(payload)
                stats.add(.erspanDecapsulated)
                decodeEthernet(payload.wireSlice(from: offset), &context, deliver)
            } catch { record(error) }
        case EtherType.erspanIII:
            do {
                let offset = try TunnelHeaders.erspanIIIInnerOffset(payload)
                stats.add(.erspanDecapsulated)
                decodeEthernet(payload.wireSlice(from: offset), &context, deliver)
            } catch { record(error) }
        default:
            decodeTunnelPayload(gre.protocolType, payload, &context, deliver)
        }
    }

    /// A protocol type naming the inner packet: 0x6558 is an Ethernet frame, others are EtherTypes.
    private mutating func decodeTunnelPayload(_ protocolType: UInt16, _ payload: UnsafeRawBufferPointer,
                                              _ context: inout Context, _ deliver: (TransportPacket) -> Void) {
        if protocolType == EtherType.transparentEthernet {
            decodeEthernet(payload, &context, deliver)
        } else {
            decodeEtherType(protocolType, payload, &context, deliver)
        }
    }
}
