import Primitives
import Testing
@testable import Wire

/// IPv4 options, IPv6 extension headers, lengths (padding, snaplen cuts, malformed) and TCP/UDP.
@Suite("PacketDecoder: IP and transport")
struct PacketDecoderIPTests {
    @Test("IPv4 with options (IHL 6): the payload starts after them")
    func ipv4Options() {
        let packet: [UInt8] = [
            0x46, 0x00, 0x00, 0x31,             // version 4, IHL 6 (24 bytes); total length 49
            0x00, 0x01, 0x00, 0x00,             // identification 1, no flags
            0x01, 0x06, 0x00, 0x00,             // TTL 1, TCP
            0xC0, 0xA8, 0x01, 0x0A,             // 192.168.1.10
            0x5D, 0xB8, 0xD8, 0x22,             // 93.184.216.34
            0x94, 0x04, 0x00, 0x00,             // option: router alert (148), length 4, value 0
        ] + Vectors.tcpSegment
        let (seen, counters) = decodeFresh(packet, .ipv4)
        #expect(seen.count == 1)
        #expect(seen.first?.source == Vectors.ipv4TCPSource)
        #expect(seen.first?.payload == Vectors.hello)
        #expect(counters.nonZero.map(\.name) == ["packets", "tcp_segments"])
    }

    @Test("IPv4 options running past the header are flagged, the packet still decoded")
    func ipv4BadOptions() {
        // IHL 6; option 0x83 (loose source route) claiming 11 bytes in a 4-byte option area.
        let packet: [UInt8] = [0x46, 0x00, 0x00, 0x31, 0x00, 0x01, 0x00, 0x00, 0x40, 0x06, 0x00, 0x00,
                               0xC0, 0xA8, 0x01, 0x0A, 0x5D, 0xB8, 0xD8, 0x22, 0x83, 0x0B, 0x04, 0x00] + Vectors.tcpSegment
        let (seen, counters) = decodeFresh(packet, .ipv4)
        #expect(seen.first?.payload == Vectors.hello)
        #expect(counters["ipv4_bad_options"] == 1)
    }

    @Test("IPv6 hop-by-hop, destination options and AH before TCP")
    func ipv6ExtensionHeaders() {
        var packet: [UInt8] = [
            0x60, 0x00, 0x00, 0x00,             // version 6
            0x00, 0x41, 0x00, 0x40,             // payload length 65 = 8 + 8 + 24 + 25; next header 0 (hop-by-hop)
        ]
        packet += Array(Vectors.ipv6TCP[8..<40])   // the same addresses as `ipv6TCP`
        packet += [0x3C, 0x00, 0x01, 0x04, 0x00, 0x00, 0x00, 0x00]  // hop-by-hop: next 60, len 0 (8 bytes), PadN 4
        packet += [0x33, 0x00, 0x01, 0x04, 0x00, 0x00, 0x00, 0x00]  // dest options: next 51 (AH), PadN 4
        packet += [0x06, 0x04, 0x00, 0x00]                          // AH: next 6, payload len 4 -> (4+2)*4 = 24
        packet += [0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x01]  // SPI 0x1000, sequence 1
        packet += [UInt8](repeating: 0xAA, count: 12)              // ICV (HMAC-SHA1-96)
        packet += Vectors.tcpSegment.with(destinationPort: 443)
        let (seen, counters) = decodeFresh(packet, .ipv6)
        #expect(seen.count == 1, "\(counters.nonZero)")
        #expect(seen.first?.source == Vectors.ipv6TCPSource)
        #expect(seen.first?.destination == Vectors.ipv6TCPDestination)
        #expect(seen.first?.payload == Vectors.hello)
    }

    @Test("IPv6 stops at ESP and at no-next-header, and counts them")
    func ipv6Stops() {
        var esp = Vectors.ipv6TCP
        esp[6] = 50   // next header ESP: encrypted, nothing to decode
        #expect(decodeFresh(esp, .ipv6).counters["ipv6_esp_not_decoded"] == 1)
        var none = Vectors.ipv6TCP
        none[6] = 59
        #expect(decodeFresh(none, .ipv6).counters["ipv6_no_next_header"] == 1)
    }

    @Test("IPv6 extension header running past the payload is ipv6_ext_header_truncated")
    func ipv6ExtTruncated() {
        var packet: [UInt8] = [0x60, 0, 0, 0, 0x00, 0x08, 0x00, 0x40] + Array(Vectors.ipv6TCP[8..<40])
        packet += [0x06, 0x02, 0x01, 0x04, 0x00, 0x00, 0x00, 0x00]   // hop-by-hop claims (2+1)*8 = 24 bytes, has 8
        let (seen, counters) = decodeFresh(packet, .ipv6)
        #expect(seen.isEmpty)
        #expect(counters["ipv6_ext_header_truncated"] == 1)
    }

    @Test("IPv6 atomic fragment (offset 0, M = 0) is decoded directly")
    func atomicFragment() {
        var packet: [UInt8] = [0x60, 0, 0, 0, 0x00, 0x21, 0x2C, 0x40] + Array(Vectors.ipv6TCP[8..<40])
        packet += [0x06, 0x00, 0x00, 0x00, 0x12, 0x34, 0x56, 0x78]   // fragment: next TCP, offset 0, M 0, id
        packet += Vectors.tcpSegment.with(destinationPort: 443)
        let (seen, counters) = decodeFresh(packet, .ipv6)
        #expect(seen.first?.payload == Vectors.hello)
        #expect(counters["ipv6_atomic_fragment"] == 1)
        #expect(counters["fragments_received"] == 0)
    }

    @Test("snaplen cut: TCP delivered with the captured payload only, and counted")
    func snaplenCut() {
        let cut = Array((Vectors.ethernetIPv4 + Vectors.ipv4TCP).prefix(14 + 40 + 2))   // 2 of 5 payload bytes
        let (seen, counters) = decodeFresh(cut, .ethernet)
        #expect(seen.count == 1)
        #expect(seen.first?.payload == Array("HE".utf8))
        #expect(counters["ipv4_total_length_exceeds_capture"] == 1)
        #expect(counters["tcp_payload_truncated_by_snaplen"] == 1)
        // Cut inside the TCP header: nothing delivered, counted as truncated (not malformed).
        let header = Array((Vectors.ethernetIPv4 + Vectors.ipv4TCP).prefix(14 + 30))
        let second = decodeFresh(header, .ethernet)
        #expect(second.seen.isEmpty)
        #expect(second.counters["tcp_truncated"] == 1)
        #expect(second.counters["tcp_bad_data_offset"] == 0)
    }

    @Test("IPv6 snaplen cut keeps the captured payload")
    func ipv6SnaplenCut() {
        let (seen, counters) = decodeFresh(Array(Vectors.ipv6TCP.prefix(63)), .ipv6)
        #expect(seen.first?.payload == Array("HEL".utf8))
        #expect(counters["ipv6_payload_length_exceeds_capture"] == 1)
        #expect(counters["tcp_payload_truncated_by_snaplen"] == 1)
    }

    @Test("IPv4 total length zero (TSO capture) means as captured")
    func totalLengthZero() {
        var packet = Vectors.ipv4TCP
        packet[2] = 0; packet[3] = 0
        let (seen, counters) = decodeFresh(packet, .ipv4)
        #expect(seen.first?.payload == Vectors.hello)
        #expect(counters["ipv4_total_length_zero"] == 1)
    }

    @Test("malformed IPv4 headers are counted per reason with evidence")
    func malformedIPv4() {
        var badIHL = Vectors.ipv4TCP
        badIHL[0] = 0x44   // IHL 4 < 5
        #expect(decodeFresh(badIHL, .ipv4).counters["ipv4_bad_header_length"] == 1)
        #expect(throws: WireError(.ipv4BadHeaderLength, offset: 0, expected: 20, found: 16)) {
            try badIHL.withUnsafeBytes { _ = try IPv4HeaderView(validating: $0) }
        }
        var badTotal = Vectors.ipv4TCP
        badTotal[3] = 19   // total length 19 < header 20
        #expect(decodeFresh(badTotal, .ipv4).counters["ipv4_bad_total_length"] == 1)
        var badVersion = Vectors.ipv4TCP
        badVersion[0] = 0x55
        #expect(decodeFresh(badVersion, .raw).counters["ip_bad_version"] == 1)
    }

    @Test("TCP data offset beyond a complete IP payload is malformed, bad options are flagged")
    func malformedTCP() {
        var small = Vectors.ipv4TCP
        small[32] = 0x40   // data offset 4 (< 5)
        #expect(decodeFresh(small, .ipv4).counters["tcp_bad_data_offset"] == 1)
        var large = Vectors.ipv4TCP
        large[32] = 0xF0   // data offset 15 = 60 bytes, the IP payload has 25
        let result = decodeFresh(large, .ipv4)
        #expect(result.seen.isEmpty)
        #expect(result.counters["tcp_bad_data_offset"] == 1)
        #expect(result.counters["tcp_truncated"] == 0)
        // Data offset 6 with option bytes 02 08 (MSS claiming length 8 in a 4-byte option area).
        var options = Array(Vectors.ipv4TCP[0..<40]) + [0x02, 0x08, 0x05, 0xB4] + Vectors.hello
        options[3] = 49
        options[32] = 0x60
        let flagged = decodeFresh(options, .ipv4)
        #expect(flagged.seen.first?.payload == Vectors.hello)
        #expect(flagged.counters["tcp_bad_options"] == 1)
    }

    @Test("UDP: the length field bounds the payload; a length below 8 is malformed")
    func udp() {
        let datagram = Vectors.ipv4(protocolNumber: 17, payload: Vectors.udp(sourcePort: 5353, destinationPort: 53,
                                                                               payload: [1, 2, 3]))
        let (seen, counters) = decodeFresh(Vectors.ethernetIPv4 + datagram + [0, 0, 0, 0, 0, 0], .ethernet)
        #expect(seen == [Seen(isTCP: false, source: "10.0.0.1:5353", destination: "10.0.0.2:53", payload: [1, 2, 3],
                              packetIndex: 0)])
        #expect(counters["udp_datagrams"] == 1)
        var bad = datagram
        bad[25] = 7   // UDP length 7
        #expect(decodeFresh(bad, .ipv4).counters["udp_bad_length"] == 1)
    }

    @Test("unknown IP protocols are counted, not delivered")
    func otherProtocol() {
        let icmp = Vectors.ipv4(protocolNumber: 1, payload: [0x08, 0x00, 0xF7, 0xFF, 0, 0, 0, 0])
        let (seen, counters) = decodeFresh(icmp, .ipv4)
        #expect(seen.isEmpty)
        #expect(counters["ip_protocol_not_decoded"] == 1)
    }
}

extension Array where Element == UInt8 {
    /// A copy of a TCP or UDP header with another destination port.
    func with(destinationPort port: UInt16) -> [UInt8] {
        var copy = self
        copy[2] = UInt8(port >> 8)
        copy[3] = UInt8(port & 0xFF)
        return copy
    }
}
