/// The link-layer header type of captured packets, numbered as the pcap `LINKTYPE_*` registry
/// (tcpdump.org/linktypes.html), not the platform's `DLT_*` values. Open: unknown values are kept.
package struct LinkType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    package var rawValue: UInt32
    package init(rawValue: UInt32) { self.rawValue = rawValue }

    package static let null = LinkType(rawValue: 0)            // BSD loopback, host-order family
    package static let ethernet = LinkType(rawValue: 1)
    package static let raw = LinkType(rawValue: 101)           // raw IPv4 or IPv6
    package static let loop = LinkType(rawValue: 108)          // OpenBSD loopback, network-order family
    package static let linuxSLL = LinkType(rawValue: 113)
    package static let nflog = LinkType(rawValue: 239)
    package static let ipv4 = LinkType(rawValue: 228)
    package static let ipv6 = LinkType(rawValue: 229)
    package static let linuxSLL2 = LinkType(rawValue: 276)

    package var description: String { "linktype \(rawValue)" }
}

/// TCP control bits (RFC 9293 §3.1).
package struct TCPFlags: OptionSet, Hashable, Sendable {
    package var rawValue: UInt16
    @inlinable package init(rawValue: UInt16) { self.rawValue = rawValue }
    package static let fin = TCPFlags(rawValue: 0x001)
    package static let syn = TCPFlags(rawValue: 0x002)
    package static let rst = TCPFlags(rawValue: 0x004)
    package static let psh = TCPFlags(rawValue: 0x008)
    package static let ack = TCPFlags(rawValue: 0x010)
    package static let urg = TCPFlags(rawValue: 0x020)
    package static let ece = TCPFlags(rawValue: 0x040)
    package static let cwr = TCPFlags(rawValue: 0x080)
}

/// One TCP segment as decoded from a packet: the semantic record that `Wire` gives `Streams`.
///
/// `payload` is borrowed: valid only during the call that hands the segment over.
package struct TCPSegment {
    package var source: Endpoint
    package var destination: Endpoint
    package var sequenceNumber: UInt32
    package var acknowledgmentNumber: UInt32
    package var flags: TCPFlags
    package var window: UInt16
    package var payload: UnsafeRawBufferPointer
    package var packet: PacketRef

    @inlinable
    package init(source: Endpoint, destination: Endpoint, sequenceNumber: UInt32, acknowledgmentNumber: UInt32,
                 flags: TCPFlags, window: UInt16, payload: UnsafeRawBufferPointer, packet: PacketRef) {
        self.source = source
        self.destination = destination
        self.sequenceNumber = sequenceNumber
        self.acknowledgmentNumber = acknowledgmentNumber
        self.flags = flags
        self.window = window
        self.payload = payload
        self.packet = packet
    }
}

/// One UDP datagram as decoded from a packet (DNS answers feed host learning). `payload` is borrowed.
package struct UDPDatagram {
    package var source: Endpoint
    package var destination: Endpoint
    package var payload: UnsafeRawBufferPointer
    package var packet: PacketRef

    @inlinable
    package init(source: Endpoint, destination: Endpoint, payload: UnsafeRawBufferPointer, packet: PacketRef) {
        self.source = source
        self.destination = destination
        self.payload = payload
        self.packet = packet
    }
}

/// What the packet decoder hands on: the transport layer of an (inner, reassembled) IP packet.
package enum TransportPacket {
    case tcp(TCPSegment)
    case udp(UDPDatagram)
}
