import Testing
import Primitives
@testable import Streams

/// Handshake, roles and mid-stream pickup.
@Suite("TCPReassembler handshake and roles")
struct TCPReassemblerHandshakeTests {
    static let request = [UInt8]("GET / HTTP/1.1\r\nHost: example.test\r\n\r\n")
    static let response = [UInt8]("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")

    @Test("handshake, data both ways, FIN close")
    func fullConnection() throws {
        var h = Harness()
        let c: UInt32 = 1000, s: UInt32 = 5000
        let req = Self.request, resp = Self.response
        h.send(true, seq: c, [.syn])
        h.send(false, seq: s, ack: c + 1, [.syn, .ack])
        h.send(true, seq: c + 1, ack: s + 1)
        h.send(true, seq: c + 1, ack: s + 1, [.ack, .psh], req)
        h.send(false, seq: s + 1, ack: c + 1 + UInt32(req.count), [.ack, .psh], resp)
        h.send(true, seq: c + 1 + UInt32(req.count), ack: s + 1 + UInt32(resp.count), [.fin, .ack])
        #expect(h.handler.closed.isEmpty)
        h.send(false, seq: s + 1 + UInt32(resp.count), ack: c + 2 + UInt32(req.count), [.fin, .ack])
        h.send(true, seq: c + 2 + UInt32(req.count), ack: s + 2 + UInt32(resp.count))

        let flow = try #require(h.handler.opened.first)
        #expect(h.handler.opened.count == 1)
        #expect(flow.id == 1)
        #expect(flow.client == h.client)
        #expect(flow.server == h.server)
        #expect(flow.roleEvidence == .syn)
        #expect(flow.firstPacket.index == 0)
        #expect(h.handler.stream(1, .clientToServer) == req)
        #expect(h.handler.stream(1, .serverToClient) == resp)
        #expect(h.handler.chunks.allSatisfy { $0.gapBefore == 0 })
        #expect(h.handler.chunks.map(\.firstPacket) == [3, 4])
        #expect(h.handler.closed.map(\.reason) == [.fin])
        #expect(h.handler.closed.first?.time == Int64(1_007_000_000))
        #expect(h.reassembler.activeFlowCount == 0)
        #expect(h.counters["tcp_gap"] == 0)
        #expect(h.counters["tcp_flows"] == 1)
        #expect(h.handler.stateMismatches == 0)
    }

    @Test("mid-stream pickup starting with server data: roles from the port, unknown gap first")
    func midStreamFromResponse() throws {
        // Like tcp-start-from-response.pcap: a pure ACK and a response from port 80, then a request.
        var h = Harness()
        let req = Self.request, resp = Self.response
        h.send(false, seq: 7000, ack: 4_114_495_371)
        h.send(false, seq: 7000, ack: 4_114_495_371, [.ack, .psh], resp)
        h.send(true, seq: 4_114_495_371, ack: 7000 + UInt32(resp.count), [.ack, .psh], req)
        h.send(true, seq: 4_114_495_371 + UInt32(req.count), ack: 7000 + UInt32(resp.count), [.ack, .psh], req)
        h.finish()

        let flow = try #require(h.handler.opened.first)
        #expect(flow.client == h.client)
        #expect(flow.server == h.server)
        #expect(flow.roleEvidence == .portHeuristic)
        #expect(h.handler.stream(1, .serverToClient) == resp)
        #expect(h.handler.stream(1, .clientToServer) == req + req)
        #expect(h.handler.gaps(1, .serverToClient) == [Int.max])
        #expect(h.handler.gaps(1, .clientToServer) == [Int.max])
        #expect(h.handler.closed.map(\.reason) == [.endOfCapture])
        #expect(h.counters["tcp_midstream_pickup"] == 2)
    }

    @Test("mid-stream pickup without port evidence: the first sender is the client")
    func firstPacketRole() throws {
        var h = Harness()
        h.server = Endpoint(address: IPAddress("10.0.0.2")!, port: 50000)
        h.send(false, seq: 1, ack: 1, [.ack, .psh], [1, 2, 3])
        let flow = try #require(h.handler.opened.first)
        #expect(flow.roleEvidence == .firstPacket)
        #expect(flow.client == h.server)
        #expect(h.handler.chunks.first?.direction == .clientToServer)
    }

    @Test("a common service port above 1024 is the server")
    func commonServicePort() throws {
        var h = Harness()
        h.client = Endpoint(address: IPAddress("10.0.0.1")!, port: 51234)
        h.server = Endpoint(address: IPAddress("10.0.0.2")!, port: 8443)
        h.send(false, seq: 1, ack: 1, [.ack, .psh], [1])
        let flow = try #require(h.handler.opened.first)
        #expect(flow.roleEvidence == .portHeuristic)
        #expect(flow.server == h.server)
        #expect(h.handler.chunks.first?.direction == .serverToClient)
    }

    @Test("SYN-ACK captured before the SYN still gives the right roles and no gap")
    func reorderedHandshake() throws {
        var h = Harness()
        h.client = Endpoint(address: IPAddress("10.0.0.1")!, port: 8080)   // misleading port evidence
        h.server = Endpoint(address: IPAddress("10.0.0.2")!, port: 9000)
        let req = Self.request
        h.send(false, seq: 5000, ack: 1001, [.syn, .ack])
        h.send(true, seq: 1000, [.syn])
        h.send(true, seq: 1001, ack: 5001)
        h.send(true, seq: 1001, ack: 5001, [.ack, .psh], req)
        h.send(false, seq: 5001, ack: 1001 + UInt32(req.count), [.ack, .psh], [0x41])
        let flow = try #require(h.handler.opened.first)
        #expect(h.handler.opened.count == 1)
        #expect(flow.roleEvidence == .synAck)
        #expect(flow.client == h.client)
        #expect(flow.server == h.server)
        #expect(h.handler.stream(1, .clientToServer) == req)
        #expect(h.handler.stream(1, .serverToClient) == [0x41])
        #expect(h.handler.chunks.allSatisfy { $0.gapBefore == 0 })
        #expect(h.counters["tcp_port_reuse"] == 0)
    }

    @Test("data in the SYN (TCP Fast Open) is delivered")
    func synData() {
        var h = Harness()
        let tfo = [UInt8]("GET /tfo HTTP/1.1\r\n\r\n")
        h.send(true, seq: 1000, [.syn], tfo)
        h.send(false, seq: 5000, ack: 1001 + UInt32(tfo.count), [.syn, .ack])
        h.send(true, seq: 1001 + UInt32(tfo.count), ack: 5001, [.ack, .psh], [0x42])
        #expect(h.handler.stream(1, .clientToServer) == tfo + [0x42])
        #expect(h.handler.chunks.allSatisfy { $0.gapBefore == 0 })
    }

    @Test("IPv6 endpoints")
    func ipv6() throws {
        var h = Harness()
        h.client = Endpoint(address: IPAddress("2001:db8::10")!, port: 40000)
        h.server = Endpoint(address: IPAddress("2001:db8::1")!, port: 443)
        h.send(true, seq: 1, [.syn])
        h.send(false, seq: 9, ack: 2, [.syn, .ack])
        h.send(true, seq: 2, ack: 10, [.ack], [7, 7])
        let flow = try #require(h.handler.opened.first)
        #expect(flow.client.description == "[2001:db8::10]:40000")
        #expect(h.handler.stream(1, .clientToServer) == [7, 7])
    }
}

extension TCPReassemblerHandshakeTests {
    @Test("mid-stream pickup after the peer's ACK: the first segments may be out of order")
    func midStreamOutOfOrderAfterAck() {
        var h = Harness()
        let data = pattern(200)
        h.send(false, seq: 9000, ack: 2000)                                  // server ACK: client next is 2000
        h.send(true, seq: 2100, ack: 9000, [.ack], Array(data[100..<200]))
        #expect(h.handler.chunks.isEmpty)
        h.send(true, seq: 2000, ack: 9000, [.ack], Array(data[0..<100]))
        #expect(h.handler.stream(1, .clientToServer) == data)
        #expect(h.handler.gaps(1, .clientToServer) == [Int.max])
        #expect(h.counters["tcp_retransmission"] == 0)
    }

    @Test("mid-stream pickup without an ACK first: an earlier segment arriving second is dropped")
    func midStreamOutOfOrderWithoutAck() {
        var h = Harness()
        let data = pattern(200)
        h.send(true, seq: 2100, ack: 9000, [.ack], Array(data[100..<200]))
        h.send(true, seq: 2000, ack: 9000, [.ack], Array(data[0..<100]))
        #expect(h.handler.stream(1, .clientToServer) == Array(data[100..<200]))
        #expect(h.counters["tcp_retransmission"] == 1)
    }
}
