import Primitives
@testable import Wire

/// An owned copy of what the decoder delivered (the real payload is borrowed during the call only).
struct Seen: Equatable, CustomStringConvertible {
    var isTCP: Bool
    var source: String
    var destination: String
    var sequenceNumber: UInt32 = 0
    var flags: UInt16 = 0
    var payload: [UInt8]
    var packetIndex: UInt64

    var description: String { "\(isTCP ? "tcp" : "udp") \(source) > \(destination) len \(payload.count)" }
}

/// Decodes `bytes` as one packet and returns owned copies of every delivery.
func decode(_ decoder: inout PacketDecoder, _ bytes: [UInt8], _ linkType: LinkType, index: UInt64 = 0,
            seconds: Int64 = 1_700_000_000) -> [Seen] {
    var seen: [Seen] = []
    let packet = PacketRef(time: Timestamp(seconds: seconds, nanoseconds: 0), index: index)
    bytes.withUnsafeBytes { raw in
        decoder.decode(raw, linkType: linkType, packet: packet) { transport in
            switch transport {
            case .tcp(let s):
                seen.append(Seen(isTCP: true, source: s.source.description, destination: s.destination.description,
                                 sequenceNumber: s.sequenceNumber, flags: s.flags.rawValue, payload: Array(s.payload),
                                 packetIndex: s.packet.index))
            case .udp(let d):
                seen.append(Seen(isTCP: false, source: d.source.description, destination: d.destination.description,
                                 payload: Array(d.payload), packetIndex: d.packet.index))
            }
        }
    }
    return seen
}

/// One-shot decode with a fresh decoder: deliveries and the counters afterwards.
func decodeFresh(_ bytes: [UInt8], _ linkType: LinkType, limits: DecoderLimits = DecoderLimits())
    -> (seen: [Seen], counters: CounterSet) {
    var decoder = PacketDecoder(limits: limits)
    let seen = decode(&decoder, bytes, linkType)
    return (seen, decoder.counters)
}

enum Vectors {
    static let hello: [UInt8] = Array("HELLO".utf8)

    /// IPv4 + TCP, 45 bytes: 192.168.1.10:50000 -> 93.184.216.34:80, seq 1000, PSH|ACK, "HELLO".
    static let ipv4TCP: [UInt8] = [
        0x45, 0x00, 0x00, 0x2D,             // version 4, IHL 5; TOS; total length 45
        0x12, 0x34, 0x40, 0x00,             // identification 0x1234; DF, offset 0
        0x40, 0x06, 0x00, 0x00,             // TTL 64, protocol 6 (TCP), checksum (not verified)
        0xC0, 0xA8, 0x01, 0x0A,             // source 192.168.1.10
        0x5D, 0xB8, 0xD8, 0x22,             // destination 93.184.216.34
        0xC3, 0x50, 0x00, 0x50,             // TCP source port 50000, destination port 80
        0x00, 0x00, 0x03, 0xE8,             // sequence number 1000
        0x00, 0x00, 0x07, 0xD0,             // acknowledgment number 2000
        0x50, 0x18, 0x01, 0x00,             // data offset 5 (20 bytes), flags PSH|ACK, window 256
        0x00, 0x00, 0x00, 0x00,             // checksum, urgent pointer
    ] + hello
    static let ipv4TCPSource = "192.168.1.10:50000"
    static let ipv4TCPDestination = "93.184.216.34:80"

    /// IPv6 + TCP, 65 bytes: [2001:db8::1]:50000 -> [2001:db8::2]:443, seq 1000, PSH|ACK, "HELLO".
    static let ipv6TCP: [UInt8] = [
        0x60, 0x00, 0x00, 0x00,             // version 6, traffic class 0, flow label 0
        0x00, 0x19, 0x06, 0x40,             // payload length 25, next header 6 (TCP), hop limit 64
        0x20, 0x01, 0x0D, 0xB8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,   // source 2001:db8::1
        0x20, 0x01, 0x0D, 0xB8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02,   // destination 2001:db8::2
        0xC3, 0x50, 0x01, 0xBB,             // TCP 50000 -> 443
        0x00, 0x00, 0x03, 0xE8,             // sequence number 1000
        0x00, 0x00, 0x07, 0xD0,             // acknowledgment number 2000
        0x50, 0x18, 0x01, 0x00,             // data offset 5, PSH|ACK, window 256
        0x00, 0x00, 0x00, 0x00,             // checksum, urgent pointer
    ] + hello
    static let ipv6TCPSource = "[2001:db8::1]:50000"
    static let ipv6TCPDestination = "[2001:db8::2]:443"

    /// Ethernet II header carrying IPv4: dst 02:00:00:00:00:02, src 02:00:00:00:00:01.
    static let ethernetIPv4: [UInt8] = [0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, 0x08, 0x00]
    /// Same addresses, EtherType IPv6.
    static let ethernetIPv6: [UInt8] = [0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, 0x86, 0xDD]
    /// Ethernet header without EtherType (the 12 address bytes), for building tagged frames.
    static let macs: [UInt8] = [0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01]

    /// Builds an IPv4 header (IHL 5, checksum 0) for `payload`.
    static func ipv4(source: [UInt8] = [10, 0, 0, 1], destination: [UInt8] = [10, 0, 0, 2], protocolNumber: UInt8,
                     identification: UInt16 = 0x0BAD, fragmentOffset: Int = 0, moreFragments: Bool = false,
                     payload: [UInt8]) -> [UInt8] {
        let total = 20 + payload.count
        let flagsOffset = UInt16(fragmentOffset / 8) | (moreFragments ? 0x2000 : 0)
        return [0x45, 0x00, UInt8(total >> 8), UInt8(total & 0xFF),
                UInt8(identification >> 8), UInt8(identification & 0xFF), UInt8(flagsOffset >> 8), UInt8(flagsOffset & 0xFF),
                0x40, protocolNumber, 0x00, 0x00] + source + destination + payload
    }

    /// Builds a UDP header for `payload`.
    static func udp(sourcePort: UInt16, destinationPort: UInt16, payload: [UInt8]) -> [UInt8] {
        let length = 8 + payload.count
        return [UInt8(sourcePort >> 8), UInt8(sourcePort & 0xFF), UInt8(destinationPort >> 8),
                UInt8(destinationPort & 0xFF), UInt8(length >> 8), UInt8(length & 0xFF), 0x00, 0x00] + payload
    }

    /// The TCP part (header + "HELLO") of `ipv4TCP`, 25 bytes.
    static var tcpSegment: [UInt8] { Array(ipv4TCP[20...]) }
}
