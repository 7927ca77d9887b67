import Primitives
import Testing
@testable import Wire

/// Cloud traffic-mirroring tunnels: VXLAN, GENEVE, GRE, ERSPAN II/III, IP-in-IP, and the depth bound.
@Suite("PacketDecoder: tunnels")
struct PacketDecoderTunnelTests {
    /// The inner frame every tunnel carries: Ethernet + IPv4 + TCP "HELLO".
    private let innerFrame = Vectors.ethernetIPv4 + Vectors.ipv4TCP

    /// Outer Ethernet + IPv4 (10.0.0.1 -> 10.0.0.2) around `payload` with protocol `protocolNumber`.
    private func outer(_ protocolNumber: UInt8, _ payload: [UInt8]) -> [UInt8] {
        Vectors.ethernetIPv4 + Vectors.ipv4(protocolNumber: protocolNumber, payload: payload)
    }

    private func expectInner(_ packet: [UInt8], counter: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let (seen, counters) = decodeFresh(packet, .ethernet)
        #expect(seen.count == 1, "\(counters.nonZero)", sourceLocation: sourceLocation)
        #expect(seen.first?.isTCP == true, sourceLocation: sourceLocation)
        #expect(seen.first?.source == Vectors.ipv4TCPSource, sourceLocation: sourceLocation)
        #expect(seen.first?.destination == Vectors.ipv4TCPDestination, sourceLocation: sourceLocation)
        #expect(seen.first?.payload == Vectors.hello, sourceLocation: sourceLocation)
        #expect(counters[counter] == 1, "\(counters.nonZero)", sourceLocation: sourceLocation)
        #expect(counters["udp_datagrams"] == 0, sourceLocation: sourceLocation)
    }

    @Test("VXLAN on UDP 4789 decapsulates to the inner Ethernet frame")
    func vxlan() {
        // flags 0x08 (I: VNI valid), reserved, VNI 100, reserved.
        let header: [UInt8] = [0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x64, 0x00]
        expectInner(outer(17, Vectors.udp(sourcePort: 49152, destinationPort: 4789, payload: header + innerFrame)),
                    counter: "vxlan_decapsulated")
    }

    @Test("a datagram to port 4789 without the VXLAN I flag is delivered as plain UDP")
    func vxlanBadFlags() {
        let payload: [UInt8] = [0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x64, 0x00] + innerFrame
        let (seen, counters) = decodeFresh(outer(17, Vectors.udp(sourcePort: 1, destinationPort: 4789, payload: payload)),
                                           .ethernet)
        #expect(seen.count == 1)
        #expect(seen.first?.isTCP == false)
        #expect(counters["vxlan_bad_flags"] == 1)
    }

    @Test("GENEVE with Ethernet (0x6558) and with IPv4 (0x0800) after options")
    func geneve() {
        // version 0, option length 0; flags 0; protocol 0x6558; VNI 100; reserved.
        let ethernet: [UInt8] = [0x00, 0x00, 0x65, 0x58, 0x00, 0x00, 0x64, 0x00]
        expectInner(outer(17, Vectors.udp(sourcePort: 49152, destinationPort: 6081, payload: ethernet + innerFrame)),
                    counter: "geneve_decapsulated")
        // option length 2 (8 bytes); protocol IPv4; then one option: class 0x0102, type 0x80, length 1 word.
        let ip: [UInt8] = [0x02, 0x00, 0x08, 0x00, 0x00, 0x00, 0x64, 0x00,
                           0x01, 0x02, 0x80, 0x01, 0xDE, 0xAD, 0xBE, 0xEF]
        expectInner(outer(17, Vectors.udp(sourcePort: 49152, destinationPort: 6081, payload: ip + Vectors.ipv4TCP)),
                    counter: "geneve_decapsulated")
    }

    @Test("GRE carrying IPv4, with checksum, key and sequence words, and IPv6")
    func gre() {
        expectInner(outer(47, [0x00, 0x00, 0x08, 0x00] + Vectors.ipv4TCP), counter: "gre_decapsulated")
        // C|K|S set (0xB000), protocol IPv4, checksum+reserved, key 0x0000002A, sequence 7.
        let full: [UInt8] = [0xB0, 0x00, 0x08, 0x00, 0x12, 0x34, 0x00, 0x00, 0x00, 0x00, 0x00, 0x2A, 0x00, 0x00, 0x00, 0x07]
        expectInner(outer(47, full + Vectors.ipv4TCP), counter: "gre_decapsulated")
        let (seen, _) = decodeFresh(outer(47, [0x00, 0x00, 0x86, 0xDD] + Vectors.ipv6TCP), .ethernet)
        #expect(seen.first?.source == Vectors.ipv6TCPSource)
    }

    @Test("GRE transparent Ethernet bridging (0x6558)")
    func greEthernet() {
        expectInner(outer(47, [0x20, 0x00, 0x65, 0x58, 0x00, 0x00, 0x00, 0x01] + innerFrame), counter: "gre_decapsulated")
    }

    @Test("GRE version 1 (PPTP) and source routing are counted, not decoded")
    func greUnsupported() {
        #expect(decodeFresh(outer(47, [0x30, 0x81, 0x88, 0x0B, 0, 0, 0, 0, 0, 0, 0, 1]), .ethernet)
            .counters["gre_unsupported_version"] == 1)
        #expect(decodeFresh(outer(47, [0x40, 0x00, 0x08, 0x00, 0, 0, 0, 0] + Vectors.ipv4TCP), .ethernet)
            .counters["gre_routing_unsupported"] == 1)
    }

    @Test("ERSPAN type II (GRE 0x88BE with sequence number, 8-byte header)")
    func erspanII() {
        let gre: [UInt8] = [0x10, 0x00, 0x88, 0xBE, 0x00, 0x00, 0x00, 0x05]   // S bit, ERSPAN, sequence 5
        // version 1, VLAN 100; COS 0, En 0, T 0, session 1; reserved, index 0.
        let erspan: [UInt8] = [0x10, 0x64, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00]
        expectInner(outer(47, gre + erspan + innerFrame), counter: "erspan_decapsulated")
        // Without the sequence number it is type I: the Ethernet frame follows GRE directly.
        expectInner(outer(47, [0x00, 0x00, 0x88, 0xBE] + innerFrame), counter: "erspan_decapsulated")
        // A type II header with version 2 is rejected with evidence.
        let wrong: [UInt8] = [0x20, 0x64, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00]
        #expect(decodeFresh(outer(47, gre + wrong + innerFrame), .ethernet).counters["erspan_bad_version"] == 1)
    }

    @Test("ERSPAN type III (GRE 0x22EB), 12-byte header, plus the 8-byte platform subheader when O is set")
    func erspanIII() {
        let gre: [UInt8] = [0x10, 0x00, 0x22, 0xEB, 0x00, 0x00, 0x00, 0x09]   // S bit, ERSPAN III, sequence 9
        let header: [UInt8] = [
            0x20, 0x64, 0x00, 0x01,             // version 2, VLAN 100, COS/BSO/T 0, session 1
            0x5E, 0x00, 0x00, 0x01,             // timestamp
            0x00, 0x00, 0x00, 0x00,             // SGT 0, P 0, FT 0, HW ID 0, D 0, Gra 0, O 0
        ]
        expectInner(outer(47, gre + header + innerFrame), counter: "erspan_decapsulated")
        var withPlatform = header
        withPlatform[11] = 0x01   // O bit: platform-specific subheader follows
        let platform: [UInt8] = [0x0C, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]   // platform id 3
        expectInner(outer(47, gre + withPlatform + platform + innerFrame), counter: "erspan_decapsulated")
    }

    @Test("IPv4-in-IPv4 and IPv6-in-IPv4")
    func ipInIP() {
        expectInner(outer(4, Vectors.ipv4TCP), counter: "ip_in_ip_decapsulated")
        let (seen, counters) = decodeFresh(outer(41, Vectors.ipv6TCP), .ethernet)
        #expect(seen.first?.destination == Vectors.ipv6TCPDestination)
        #expect(counters["ip_in_ip_decapsulated"] == 1)
    }

    @Test("tunnel nesting deeper than maxTunnelDepth is dropped and counted")
    func depth() {
        var packet = Vectors.ipv4TCP
        for _ in 0..<5 { packet = Vectors.ipv4(protocolNumber: 47, payload: [0x00, 0x00, 0x08, 0x00] + packet) }
        let (seen, counters) = decodeFresh(packet, .ipv4)   // five GRE layers, default limit 4
        #expect(seen.isEmpty)
        #expect(counters["tunnel_depth_exceeded"] == 1)
        var limits = DecoderLimits()
        limits.maxTunnelDepth = 5
        let deeper = decodeFresh(packet, .ipv4, limits: limits)
        #expect(deeper.seen.first?.payload == Vectors.hello)
        #expect(deeper.counters["gre_decapsulated"] == 5)
    }

    @Test("VXLAN inside GRE inside a VLAN: layers compose")
    func composed() {
        let vxlan = Vectors.udp(sourcePort: 1, destinationPort: 4789,
                                payload: [0x08, 0, 0, 0, 0, 0, 0x01, 0] + innerFrame)
        let gre = [0x00, 0x00, 0x08, 0x00] + Vectors.ipv4(protocolNumber: 17, payload: vxlan)
        let frame = Vectors.macs + [0x81, 0x00, 0x00, 0x05, 0x08, 0x00] + Vectors.ipv4(protocolNumber: 47, payload: gre)
        expectInner(frame, counter: "vxlan_decapsulated")
    }
}
