/// The link-layer header type of captured packets, numbered as the pcap `LINKTYPE_*` registry
/// (tcpdump.org/linktypes.html), not the platform's `DLT_*` values. Open: unknown values are kept.
public struct LinkType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let null = LinkType(rawValue: 0)            // BSD loopback, host-order family
    public static let ethernet = LinkType(rawValue: 1)
    public static let raw = LinkType(rawValue: 101)           // raw IPv4 or IPv6
    public static let loop = LinkType(rawValue: 108)          // OpenBSD loopback, network-order family
    public static let linuxSLL = LinkType(rawValue: 113)
    public static let nflog = LinkType(rawValue: 239)
    public static let ipv4 = LinkType(rawValue: 228)
    public static let ipv6 = LinkType(rawValue: 229)
    public static let linuxSLL2 = LinkType(rawValue: 276)

    public var description: String { "linktype \(rawValue)" }
}

/// TCP control bits (RFC 9293 §3.1).
public struct TCPFlags: OptionSet, Hashable, Sendable {
    public var rawValue: UInt16
    @inlinable public init(rawValue: UInt16) { self.rawValue = rawValue }
    public static let fin = TCPFlags(rawValue: 0x001)
    public static let syn = TCPFlags(rawValue: 0x002)
    public static let rst = TCPFlags(rawValue: 0x004)
    public static let psh = TCPFlags(rawValue: 0x008)
    public static let ack = TCPFlags(rawValue: 0x010)
    public static let urg = TCPFlags(rawValue: 0x020)
    public static let ece = TCPFlags(rawValue: 0x040)
    public static let cwr = TCPFlags(rawValue: 0x080)
}

/// One TCP segment as decoded from a packet: the semantic record that `Wire` gives `Streams`.
///
/// `payload` is borrowed: valid only during the call that hands the segment over.
public struct TCPSegment {
    public var source: Endpoint
    public var destination: Endpoint
    public var sequenceNumber: UInt32
    public var acknowledgmentNumber: UInt32
    public var flags: TCPFlags
    public var window: UInt16
    public var payload: UnsafeRawBufferPointer
    public var packet: PacketRef

    @inlinable
    public init(source: Endpoint, destination: Endpoint, sequenceNumber: UInt32, acknowledgmentNumber: UInt32,
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
public struct UDPDatagram {
    public var source: Endpoint
    public var destination: Endpoint
    public var payload: UnsafeRawBufferPointer
    public var packet: PacketRef

    @inlinable
    public init(source: Endpoint, destination: Endpoint, payload: UnsafeRawBufferPointer, packet: PacketRef) {
        self.source = source
        self.destination = destination
        self.payload = payload
        self.packet = packet
    }
}

/// What the packet decoder hands on: the transport layer of an (inner, reassembled) IP packet.
public enum TransportPacket {
    case tcp(TCPSegment)
    case udp(UDPDatagram)
}
