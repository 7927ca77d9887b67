import Testing
import Foundation
import Primitives
@testable import Streams

/// Replays real captures from `../shared/captures` through the reassembler.
///
/// A minimal test-only reader: classic little-endian pcap, Ethernet or raw IPv4 (228), IPv4 without
/// fragments, TCP.
/// (The real decoder is the `Wire` target's; this one only exists so Streams can be tested alone.)
@Suite("TCPReassembler on real captures")
struct CaptureReplayTests {
    static let capturesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/captures/external")

    /// Feeds every TCP/IPv4 packet of a pcap file to `reassembler`; returns the packet count.
    /// SYN and FIN sequence numbers per sending endpoint pair, read straight from the packets: the
    /// length of a complete direction is `fin - syn - 1`, an independent check of the reassembly.
    struct Edges { var syn: [String: UInt32] = [:]; var fin: [String: UInt32] = [:] }

    static func replay(_ name: String, into reassembler: inout TCPReassembler<RecordingHandler>) throws -> Int {
        var edges = Edges()
        return try replay(name, into: &reassembler, edges: &edges)
    }

    static func replay(_ name: String, into reassembler: inout TCPReassembler<RecordingHandler>,
                       edges: inout Edges) throws -> Int {
        let url = capturesDirectory.appendingPathComponent(name)
        let data = try #require(try? Data(contentsOf: url), "missing shared capture \(url.path)")
        return try data.withUnsafeBytes { (file: UnsafeRawBufferPointer) -> Int in
            try #require(file.count >= 24 && file.loadLittleEndianUInt32(at: 0) == 0xA1B2_C3D4, "not a LE µs pcap")
            let linkType = file.loadLittleEndianUInt32(at: 20)
            try #require(linkType == 1 || linkType == 228, "\(name): link type \(linkType) not handled here")
            var offset = 24, index: UInt64 = 0, last = Timestamp.zero
            while offset + 16 <= file.count {
                let seconds = Int64(file.loadLittleEndianUInt32(at: offset))
                let micros = Int64(file.loadLittleEndianUInt32(at: offset + 4))
                let caplen = Int(file.loadLittleEndianUInt32(at: offset + 8))
                let start = offset + 16
                offset = start + caplen
                guard offset <= file.count else { break }
                let p = UnsafeRawBufferPointer(rebasing: file[start..<offset])
                last = Timestamp(seconds: seconds, nanoseconds: micros * 1000)
                defer { index += 1 }
                let ip = linkType == 1 ? 14 : 0
                guard p.count >= ip + 20, linkType != 1 || p.loadBigEndianUInt16(at: 12) == 0x0800,
                      p[ip] >> 4 == 4 else { continue }
                let ihl = Int(p[ip] & 0x0F) * 4
                guard p[ip + 9] == 6, p.count >= ip + ihl + 20 else { continue }
                let total = Int(p.loadBigEndianUInt16(at: ip + 2))
                let tcp = ip + ihl, dataOffset = Int(p[tcp + 12] >> 4) * 4
                let end = min(p.count, ip + total)
                guard tcp + dataOffset <= end else { continue }
                let src = Endpoint(address: .v4(p.loadBigEndianUInt32(at: ip + 12)), port: p.loadBigEndianUInt16(at: tcp))
                let dst = Endpoint(address: .v4(p.loadBigEndianUInt32(at: ip + 16)), port: p.loadBigEndianUInt16(at: tcp + 2))
                let flags = p.loadBigEndianUInt16(at: tcp + 12) & 0x01FF
                let seq = p.loadBigEndianUInt32(at: tcp + 4), pair = "\(src)>\(dst)"
                if flags & 0x02 != 0 { edges.syn[pair] = seq }
                if flags & 0x01 != 0 { edges.fin[pair] = seq &+ UInt32(end - tcp - dataOffset) }
                reassembler.process(TCPSegment(
                    source: src, destination: dst, sequenceNumber: p.loadBigEndianUInt32(at: tcp + 4),
                    acknowledgmentNumber: p.loadBigEndianUInt32(at: tcp + 8),
                    flags: TCPFlags(rawValue: p.loadBigEndianUInt16(at: tcp + 12) & 0x01FF),
                    window: p.loadBigEndianUInt16(at: tcp + 14),
                    payload: UnsafeRawBufferPointer(rebasing: p[(tcp + dataOffset)..<end]),
                    packet: PacketRef(time: last, index: index)))
            }
            reassembler.finish(now: last)
            return Int(index)
        }
    }

    @Test("tcp-start-from-response.pcap: server data first, roles from port 80, FIN close")
    func startFromResponse() throws {
        // tshark (expect.json): 8 packets, one stream, client 172.16.9.181:38498, server 172.16.9.189:80;
        // tcpdump: server sends 328 + 445 bytes, the client one 344-byte GET /favicon.ico, then FINs.
        var r = TCPReassembler(handler: RecordingHandler())
        let packets = try Self.replay("tcp-start-from-response.pcap", into: &r)
        #expect(packets == 8)
        let flow = try #require(r.handler.opened.first)
        #expect(r.handler.opened.count == 1)
        #expect(flow.client.description == "172.16.9.181:38498")
        #expect(flow.server.description == "172.16.9.189:80")
        #expect(flow.roleEvidence == .portHeuristic)
        let request = r.handler.stream(1, .clientToServer), response = r.handler.stream(1, .serverToClient)
        #expect(request.count == 344)
        #expect(request.starts(with: Array("GET /favicon.ico HTTP/1.1\r\n".utf8)))
        #expect(response.count == 328 + 445)
        #expect(response.starts(with: Array("HTTP/1.1 200 OK\r\n".utf8)))
        #expect(r.handler.gaps(1, .clientToServer) == [Int.max])
        #expect(r.handler.gaps(1, .serverToClient) == [Int.max])
        #expect(r.handler.closed.map(\.reason) == [.fin])
        #expect(r.counters["tcp_gap"] == 0)
    }

    @Test("every external HTTP/1 capture reassembles without gaps or conflicts")
    func externalHTTP1Captures() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.capturesDirectory.path)
            .filter { $0.hasPrefix("http-") && $0.hasSuffix(".pcap") }.sorted()
        try #require(names.count >= 10, "expected the shared http-*.pcap captures in \(Self.capturesDirectory.path)")
        var checked = 0
        for name in names {
            var r = TCPReassembler(handler: RecordingHandler())
            var edges = Edges()
            _ = try Self.replay(name, into: &r, edges: &edges)
            #expect(!r.handler.opened.isEmpty, "\(name): no flow")
            #expect(r.counters["tcp_overlap_conflict"] == 0, "\(name)")
            #expect(r.handler.closed.count == r.handler.opened.count, "\(name)")
            // Where both the SYN and the FIN of a direction were captured, its length is known.
            for flow in r.handler.opened {
                for (direction, from, to) in [(Direction.clientToServer, flow.client, flow.server),
                                              (.serverToClient, flow.server, flow.client)] {
                    guard let syn = edges.syn["\(from)>\(to)"], let fin = edges.fin["\(from)>\(to)"] else { continue }
                    #expect(r.handler.stream(flow.id, direction).count == Int(fin &- syn &- 1), "\(name) flow \(flow.id)")
                    checked += 1
                }
            }
            #expect(r.counters["tcp_gap"] == 0, "\(name): \(r.counters.nonZero)")
        }
        #expect(checked >= 100, "directions with both SYN and FIN captured: \(checked)")
    }
}
