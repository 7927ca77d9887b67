import Foundation
import Primitives
import Testing
@testable import Wire

/// Decodes every packet of the real captures in `../shared/captures/external` (pcap, and pcapng
/// through the test reader's simple subset) and compares with the tshark expectations beside them:
/// packet count, TCP connection count, and the endpoints of every HTTP request.
@Suite("PacketDecoder: real captures")
struct CaptureCorpusTests {
    /// `<package root>/../shared/captures/external`, found from this file's path.
    static let corpus: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/captures/external")

    static var pcapNames: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []
        return names.filter { $0.hasSuffix(".pcap") || $0.hasSuffix(".pcapng") }.sorted()
    }

    struct Decoded {
        var segments: [Seen] = []
        var counters = CounterSet()
        var packetCount = 0
        var expect: [String: Any] = [:]
    }

    static func decodeCapture(_ name: String) throws -> Decoded {
        let file = try TestPcapFile(contentsOf: corpus.appendingPathComponent(name))
        let expectData = try Data(contentsOf: corpus.appendingPathComponent(name + ".expect.json"))
        var result = Decoded()
        result.expect = try #require(try JSONSerialization.jsonObject(with: expectData) as? [String: Any])
        var decoder = PacketDecoder()
        for (i, record) in file.records.enumerated() {
            result.segments += decode(&decoder, record.bytes, record.linkType, index: UInt64(i),
                                      seconds: record.time.seconds)
        }
        result.packetCount = file.records.count
        result.counters = decoder.counters
        return result
    }

    @Test("the corpus is present")
    func corpusPresent() {
        #expect(Self.pcapNames.count >= 40, "no captures under \(Self.corpus.path)")
        for name in ["l2-qinq-http.pcap", "l2-sll2-http.pcap", "l2-null-ipv6-http.pcap", "l2-pppoe-http.pcap",
                     "l2-vlan-mpls-mixed.pcap", "ipv4-fragmented-tcp.pcap", "ipv6-frag-tcp-rawip6.pcap",
                     "tcp-http-padding-port27272.pcap"] {
            #expect(Self.pcapNames.contains(name), "missing \(name) under \(Self.corpus.path)")
        }
    }

    @Test("every capture: packet count, TCP connections and HTTP endpoints match tshark",
          arguments: pcapNames)
    func capture(_ name: String) throws {
        let d = try Self.decodeCapture(name)
        #expect(d.packetCount == d.expect["packet_count"] as? Int)
        // Connections as unordered endpoint pairs; tshark's tcp.stream counts the same here.
        let connections = Set(d.segments.filter(\.isTCP).map { [$0.source, $0.destination].sorted().joined(separator: " ") })
        #expect(connections.count == d.expect["tcp_stream_count"] as? Int, "\(connections.sorted())")
        let requests = d.expect["http_requests"] as? [[String: Any]] ?? []
        for request in requests {
            let client = try #require(request["client"] as? String)
            let server = try #require(request["server"] as? String)
            #expect(d.segments.contains { $0.isTCP && $0.source == client && $0.destination == server && !$0.payload.isEmpty },
                    "no data segment \(client) -> \(server)")
        }
        // Real traffic: nothing malformed, nothing unsupported.
        let unexpected = d.counters.nonZero.map(\.name).filter { !Self.expectedCounters.contains($0) }
        #expect(unexpected.isEmpty, "\(d.counters.nonZero)")
    }

    static let expectedCounters: Set<String> = [
        "packets", "tcp_segments", "udp_datagrams", "non_ip_ethertype", "ethernet_length_frame", "ip_protocol_not_decoded",
        "fragments_received", "fragments_reassembled", "fragment_overlap", "fragment_overlap_conflict", "pppoe_non_ip",
    ]

    @Test("ipv4-fragmented-tcp: four overlapping fragments become one TCP segment, first data wins")
    func ipv4Fragments() throws {
        let d = try Self.decodeCapture("ipv4-fragmented-tcp.pcap")
        #expect(d.counters["fragments_received"] == 4)
        #expect(d.counters["fragments_reassembled"] == 1)
        #expect(d.counters["fragment_overlap"] == 1)
        let data = d.segments.filter { !$0.payload.isEmpty }
        try #require(data.count == 1)
        let segment = data[0]
        #expect(segment.source == "128.32.46.142:7790")
        #expect(segment.destination == "10.0.0.1:80")
        #expect(segment.sequenceNumber == 14_715_173)
        #expect(segment.packetIndex == 4, "delivered with the last fragment to arrive")
        // 89 bytes of IP payload - 20 of TCP header; the FIN that follows has sequence 14715242 = 14715173 + 69.
        #expect(segment.payload.count == 69)
        #expect(segment.payload.starts(with: Array("GET /msadc/".utf8)))
        #expect(segment.payload.suffix(18) == ArraySlice("cmd.exe?/c+dir+c:\\".utf8 + [0x0A]).suffix(18))
    }

    @Test("ipv6-frag-tcp-rawip6: three IPv6 fragments become one 1000-byte TCP segment")
    func ipv6Fragments() throws {
        let d = try Self.decodeCapture("ipv6-frag-tcp-rawip6.pcap")
        #expect(d.counters["fragments_received"] == 3)
        #expect(d.counters["fragments_reassembled"] == 1)
        try #require(d.segments.count == 1)
        #expect(d.segments[0].source == "[::1]:12345")
        #expect(d.segments[0].destination == "[::1]:8080")
        #expect(d.segments[0].payload.count == 464 + 464 + 92 - 20)
        #expect(d.segments[0].packetIndex == 2)
    }

    @Test("tcp-http-padding: Ethernet padding never reaches the TCP payload")
    func padding() throws {
        let d = try Self.decodeCapture("tcp-http-padding-port27272.pcap")
        // Packet 5 is 69 bytes captured for a 67-byte frame (14 + IP total length 53): one payload byte.
        let fifth = try #require(d.segments.first { $0.packetIndex == 5 })
        #expect(fifth.payload == Array("E".utf8))
        let first = try #require(d.segments.first { $0.packetIndex == 0 })
        #expect(first.payload.isEmpty)   // the SYN, 2 bytes of padding after its options
    }

    @Test("layer-2 captures: every packet gives one TCP segment",
          arguments: ["l2-qinq-http.pcap", "l2-sll2-http.pcap", "l2-null-ipv6-http.pcap", "l2-pppoe-http.pcap",
                      "l2-vlan-http.pcap", "http-expect-100-cl0.pcap"])
    func everyPacket(_ name: String) throws {
        let d = try Self.decodeCapture(name)
        #expect(d.packetCount > 0)
        #expect(d.segments.count == d.packetCount, "\(d.counters.nonZero)")
        #expect(d.segments.allSatisfy { $0.isTCP })
    }

    @Test("l2-vlan-mpls-mixed: both the MPLS and the VLAN connections are decoded")
    func mixed() throws {
        let d = try Self.decodeCapture("l2-vlan-mpls-mixed.pcap")
        #expect(d.segments.count == d.packetCount, "\(d.counters.nonZero)")
        #expect(d.segments.contains { $0.source == "10.1.2.1:11001" && $0.destination == "10.34.0.1:23" })
    }
}

/// The SDK captures in `../shared/captures/sdk` (real client libraries against local servers): every
/// packet decodes to TCP, nothing is malformed, and every request in the truth file has its data.
@Suite("PacketDecoder: SDK captures")
struct SDKCaptureTests {
    static let directory = CaptureCorpusTests.corpus.deletingLastPathComponent().appendingPathComponent("sdk")

    static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".pcap") }.sorted()
    }

    @Test("the SDK captures are present")
    func present() {
        #expect(Self.names.count >= 6, "no captures under \(Self.directory.path)")
    }

    @Test("every SDK capture decodes fully and shows every truth request", arguments: names)
    func capture(_ name: String) throws {
        let file = try TestPcapFile(contentsOf: Self.directory.appendingPathComponent(name))
        var decoder = PacketDecoder()
        var seen: [Seen] = []
        for (i, record) in file.records.enumerated() {
            seen += decode(&decoder, record.bytes, record.linkType, index: UInt64(i), seconds: record.time.seconds)
        }
        #expect(!file.records.isEmpty)
        // Every packet is TCP except the ARP exchanges (non-IP, counted).
        #expect(seen.count + Int(decoder.counters["non_ip_ethertype"]) == file.records.count, "\(decoder.counters.nonZero)")
        #expect(seen.allSatisfy { $0.isTCP })
        let kinds = decoder.counters.nonZero.compactMap { WireCounter(name: $0.name)?.kind }
        #expect(kinds.allSatisfy { $0 == .seen }, "\(decoder.counters.nonZero)")
        let truth = try String(contentsOf: Self.directory.appendingPathComponent(
            name.replacingOccurrences(of: ".pcap", with: ".truth.jsonl")), encoding: .utf8)
        for line in truth.split(separator: "\n") {
            let row = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let client = try #require(row["client"] as? String)
            let server = try #require(row["server"] as? String)
            #expect(seen.contains { $0.source == client && $0.destination == server && !$0.payload.isEmpty },
                    "no data \(client) -> \(server)")
        }
    }
}
