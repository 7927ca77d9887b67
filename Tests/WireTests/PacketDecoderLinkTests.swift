import Primitives
import Testing
@testable import Wire

/// Every link type and layer-2 encapsulation, each with a commented header before a known packet.
@Suite("PacketDecoder: link layers")
struct PacketDecoderLinkTests {
    private func expectHello(_ bytes: [UInt8], _ linkType: LinkType, ipv6: Bool = false,
                             sourceLocation: SourceLocation = #_sourceLocation) {
        let (seen, counters) = decodeFresh(bytes, linkType)
        #expect(seen.count == 1, "counters: \(counters.nonZero)", sourceLocation: sourceLocation)
        guard let s = seen.first else { return }
        #expect(s.isTCP, sourceLocation: sourceLocation)
        #expect(s.source == (ipv6 ? Vectors.ipv6TCPSource : Vectors.ipv4TCPSource), sourceLocation: sourceLocation)
        #expect(s.destination == (ipv6 ? Vectors.ipv6TCPDestination : Vectors.ipv4TCPDestination),
                sourceLocation: sourceLocation)
        #expect(s.sequenceNumber == 1000, sourceLocation: sourceLocation)
        #expect(s.flags == TCPFlags([.psh, .ack]).rawValue, sourceLocation: sourceLocation)
        #expect(s.payload == Vectors.hello, sourceLocation: sourceLocation)
        #expect(counters["tcp_segments"] == 1, sourceLocation: sourceLocation)
    }

    @Test("Ethernet II with IPv4 and IPv6")
    func ethernet() {
        expectHello(Vectors.ethernetIPv4 + Vectors.ipv4TCP, .ethernet)
        expectHello(Vectors.ethernetIPv6 + Vectors.ipv6TCP, .ethernet, ipv6: true)
    }

    @Test("Ethernet padding after the IP total length is not TCP payload")
    func ethernetPadding() {
        // 14 + 45 = 59 bytes; a NIC pads to 60 and some capture 4 more bytes of trailer (FCS-like).
        expectHello(Vectors.ethernetIPv4 + Vectors.ipv4TCP + [0x00, 0xDE, 0xAD, 0xBE, 0xEF], .ethernet)
    }

    @Test("802.3 length frames are counted and skipped")
    func ieee8023() {
        // Type/length 0x0026 = 38 bytes of LLC data: DSAP 0x42, SSAP 0x42 (spanning tree), control 0x03.
        let frame = Vectors.macs + [0x00, 0x26, 0x42, 0x42, 0x03] + [UInt8](repeating: 0, count: 35)
        let (seen, counters) = decodeFresh(frame, .ethernet)
        #expect(seen.isEmpty)
        #expect(counters["ethernet_length_frame"] == 1)
    }

    @Test("non-IP EtherTypes are counted, not anomalies")
    func arp() {
        // EtherType 0x0806 (ARP), hardware type 1, protocol 0x0800, sizes 6/4, op 1 (request), addresses.
        let frame = Vectors.macs + [0x08, 0x06, 0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x01]
            + [UInt8](repeating: 0, count: 20)
        let (seen, counters) = decodeFresh(frame, .ethernet)
        #expect(seen.isEmpty)
        #expect(counters["non_ip_ethertype"] == 1)
    }

    @Test("802.1Q VLAN tag")
    func vlan() {
        // TPID 0x8100, TCI 0x0064 (PCP 0, DEI 0, VID 100), then EtherType IPv4.
        expectHello(Vectors.macs + [0x81, 0x00, 0x00, 0x64, 0x08, 0x00] + Vectors.ipv4TCP, .ethernet)
    }

    @Test("QinQ: 802.1ad S-tag over a C-tag, and the legacy 0x9100 TPID")
    func qinq() {
        // S-tag 0x88A8 VID 200, C-tag 0x8100 VID 100, IPv4.
        expectHello(Vectors.macs + [0x88, 0xA8, 0x00, 0xC8, 0x81, 0x00, 0x00, 0x64, 0x08, 0x00] + Vectors.ipv4TCP,
                    .ethernet)
        // Pre-standard 0x9100 outer tag VID 300 over 0x8100 VID 100, IPv6.
        expectHello(Vectors.macs + [0x91, 0x00, 0x01, 0x2C, 0x81, 0x00, 0x00, 0x64, 0x86, 0xDD] + Vectors.ipv6TCP,
                    .ethernet, ipv6: true)
    }

    @Test("too many VLAN tags is a counted drop")
    func vlanCap() {
        var frame = Vectors.macs
        for _ in 0..<9 { frame += [0x81, 0x00, 0x00, 0x01] }   // nine stacked tags, default cap 8
        frame += [0x08, 0x00] + Vectors.ipv4TCP
        let (seen, counters) = decodeFresh(frame, .ethernet)
        #expect(seen.isEmpty)
        #expect(counters["vlan_too_many_tags"] == 1)
    }

    @Test("MPLS label stack to IPv4 and IPv6 by version nibble, also under a VLAN tag")
    func mpls() {
        // Label 16 (TC 0, S 0, TTL 64) = 00 01 00 40; label 17 bottom of stack = 00 01 11 40.
        let labels: [UInt8] = [0x00, 0x01, 0x00, 0x40, 0x00, 0x01, 0x11, 0x40]
        expectHello(Vectors.macs + [0x88, 0x47] + labels + Vectors.ipv4TCP, .ethernet)
        expectHello(Vectors.macs + [0x88, 0x47] + labels + Vectors.ipv6TCP, .ethernet, ipv6: true)
        expectHello(Vectors.macs + [0x81, 0x00, 0x00, 0x0A, 0x88, 0x47] + labels + Vectors.ipv4TCP, .ethernet)
        // Bottom of stack followed by a pseudowire control word (first nibble 0): not IP.
        let (seen, counters) = decodeFresh(Vectors.macs + [0x88, 0x47] + labels + [0, 0, 0, 0] + Vectors.ipv4TCP,
                                           .ethernet)
        #expect(seen.isEmpty)
        #expect(counters["mpls_unknown_payload"] == 1)
    }

    @Test("PPPoE session with PPP IPv4 (0x0021) and IPv6 (0x0057)")
    func pppoe() {
        // 0x8864; ver/type 0x11, code 0x00 (session data), session 0x002D, length 2 + 45, PPP protocol.
        expectHello(Vectors.macs + [0x88, 0x64, 0x11, 0x00, 0x00, 0x2D, 0x00, 0x2F, 0x00, 0x21] + Vectors.ipv4TCP,
                    .ethernet)
        expectHello(Vectors.macs + [0x88, 0x64, 0x11, 0x00, 0x00, 0x2D, 0x00, 0x43, 0x00, 0x57] + Vectors.ipv6TCP,
                    .ethernet, ipv6: true)
        // Protocol field compression (RFC 1661 §6.5), as in the real capture l2-pppoe-http: 0x21 alone.
        expectHello(Vectors.macs + [0x88, 0x64, 0x11, 0x00, 0x00, 0x2D, 0x00, 0x2E, 0x21] + Vectors.ipv4TCP,
                    .ethernet)
        // PPP LCP (0xC021) is counted as non-IP.
        let lcp = Vectors.macs + [0x88, 0x64, 0x11, 0x00, 0x00, 0x2D, 0x00, 0x06, 0xC0, 0x21, 0x09, 0x01, 0x00, 0x04]
        #expect(decodeFresh(lcp, .ethernet).counters["pppoe_non_ip"] == 1)
    }

    @Test("Linux cooked capture v1 (113)")
    func sll() {
        // packet type 0 (to us), ARPHRD_ETHER 1, address length 6, address padded to 8, protocol IPv4.
        let header: [UInt8] = [0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x02, 0, 0, 0, 0, 0x01, 0x00, 0x00, 0x08, 0x00]
        expectHello(header + Vectors.ipv4TCP, .linuxSLL)
        // Protocol 0x8100 in SLL: the VLAN tag is in the payload.
        let tagged: [UInt8] = [0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x02, 0, 0, 0, 0, 0x01, 0x00, 0x00, 0x81, 0x00]
        expectHello(tagged + [0x00, 0x64, 0x86, 0xDD] + Vectors.ipv6TCP, .linuxSLL, ipv6: true)
        // Protocol 0x0004 (802.2 LLC pseudo-protocol) is not IP.
        let llc: [UInt8] = [0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x02, 0, 0, 0, 0, 0x01, 0x00, 0x00, 0x00, 0x04]
        #expect(decodeFresh(llc + [0x42, 0x42, 0x03], .linuxSLL).counters["sll_non_ip_protocol"] == 1)
    }

    @Test("Linux cooked capture v2 (276)")
    func sll2() {
        // protocol IPv4, reserved, interface index 2, ARPHRD_ETHER, packet type 4 (outgoing),
        // address length 6, address padded to 8.
        let header: [UInt8] = [0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01, 0x04, 0x06,
                               0x02, 0, 0, 0, 0, 0x01, 0x00, 0x00]
        expectHello(header + Vectors.ipv4TCP, .linuxSLL2)
    }

    @Test("BSD NULL in either host byte order, and LOOP in network order")
    func loopback() {
        expectHello([0x02, 0x00, 0x00, 0x00] + Vectors.ipv4TCP, .null)                  // AF_INET, little-endian host
        expectHello([0x1E, 0x00, 0x00, 0x00] + Vectors.ipv6TCP, .null, ipv6: true)      // AF_INET6 30 (macOS)
        expectHello([0x1C, 0x00, 0x00, 0x00] + Vectors.ipv6TCP, .null, ipv6: true)      // AF_INET6 28 (FreeBSD)
        expectHello([0x00, 0x00, 0x00, 0x18] + Vectors.ipv6TCP, .null, ipv6: true)      // 24, big-endian host
        expectHello([0x00, 0x00, 0x00, 0x02] + Vectors.ipv4TCP, .loop)                  // LOOP: network order
        #expect(decodeFresh([0x07, 0x00, 0x00, 0x00] + Vectors.ipv4TCP, .null).counters["null_unknown_family"] == 1)
    }

    @Test("Linux NFLOG (239): the packet is TLV type 9")
    func nflog() {
        let packet: [UInt8] = [
            0x02, 0x00, 0x00, 0x00,             // family AF_INET, version 0, resource id 0
            0x08, 0x00, 0x01, 0x00,             // TLV length 8 (little-endian host), type 1 NFULA_PACKET_HDR
            0x08, 0x00, 0x03, 0x00,             // hw_protocol 0x0800, hook 3, pad
            0x0A, 0x00, 0x0A, 0x00,             // TLV length 10, type 10 NFULA_PREFIX
            0x74, 0x61, 0x70, 0x30, 0x31, 0x00, // value "tap01\0" (6 bytes)
            0x00, 0x00,                         // padding to a 4-byte boundary
            0x31, 0x00, 0x09, 0x00,             // TLV length 49 (4 + 45), type 9 NFULA_PAYLOAD
        ] + Vectors.ipv4TCP + [0x00, 0x00, 0x00]   // value padded to 4 bytes
        expectHello(packet, .nflog)
        // The same TLVs written by a big-endian host.
        let bigEndian: [UInt8] = [0x02, 0x00, 0x00, 0x00, 0x00, 0x31, 0x00, 0x09] + Vectors.ipv4TCP
        expectHello(bigEndian, .nflog)
        // No payload TLV at all.
        #expect(decodeFresh([0x02, 0x00, 0x00, 0x00, 0x08, 0x00, 0x01, 0x00, 0x08, 0x00, 0x03, 0x00], .nflog)
            .counters["nflog_no_payload"] == 1)
    }

    @Test("raw IP link types 101, 228 and 229")
    func rawIP() {
        expectHello(Vectors.ipv4TCP, .raw)
        expectHello(Vectors.ipv6TCP, .raw, ipv6: true)
        expectHello(Vectors.ipv4TCP, .ipv4)
        expectHello(Vectors.ipv6TCP, .ipv6, ipv6: true)
        // 229 declares IPv6: an IPv4 packet there is a bad version, not a crash.
        #expect(decodeFresh(Vectors.ipv4TCP, .ipv6).counters["ip_bad_version"] == 1)
    }

    @Test("unsupported link types are counted")
    func unsupported() {
        let (seen, counters) = decodeFresh(Vectors.ipv4TCP, LinkType(rawValue: 147))
        #expect(seen.isEmpty)
        #expect(counters["unsupported_link_type"] == 1)
        #expect(counters["packets"] == 1)
    }
}
