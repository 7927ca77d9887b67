import Testing
import Primitives
@testable import Streams

/// Out-of-order delivery, retransmissions, overlaps (first data wins) and wrap-around.
@Suite("TCPReassembler ordering and overlaps")
struct TCPReassemblerOrderingTests {
    /// A connection after its handshake: client data starts at 1001, server data at 5001.
    static func connected() -> Harness {
        var h = Harness()
        h.send(true, seq: 1000, [.syn])
        h.send(false, seq: 5000, ack: 1001, [.syn, .ack])
        h.send(true, seq: 1001, ack: 5001)
        return h
    }

    @Test("out-of-order segments are delivered in order, the in-order one without copying")
    func outOfOrder() {
        var h = Self.connected()
        let data = pattern(30)
        h.send(true, seq: 1001, ack: 5001, [.ack], Array(data[0..<10]))
        h.send(true, seq: 1021, ack: 5001, [.ack], Array(data[20..<30]))
        #expect(h.reassembler.bufferedByteCount == 10)
        h.send(true, seq: 1011, ack: 5001, [.ack], Array(data[10..<20]))
        #expect(h.handler.stream(1, .clientToServer) == data)
        #expect(h.handler.chunks.map(\.firstPacket) == [3, 5, 4])
        #expect(h.handler.chunks.allSatisfy { $0.gapBefore == 0 })
        // The buffered chunk is released by packet 5, so it carries packet 5's time.
        #expect(h.handler.chunks.last?.time == Int64(1_006_000_000))
        #expect(h.reassembler.bufferedByteCount == 0)
        #expect(h.counters["tcp_out_of_order"] == 1)
        #expect(h.counters["tcp_retransmission"] == 0)
    }

    @Test("identical retransmission of delivered data is dropped")
    func identicalRetransmission() {
        var h = Self.connected()
        let data = pattern(20)
        h.send(true, seq: 1001, ack: 5001, [.ack], data)
        h.send(true, seq: 1001, ack: 5001, [.ack], data)
        #expect(h.handler.stream(1, .clientToServer) == data)
        #expect(h.counters["tcp_retransmission"] == 1)
        #expect(h.counters["tcp_overlap_conflict"] == 0)
    }

    @Test("conflicting retransmission of buffered data: first wins, counted")
    func conflictingBuffered() {
        var h = Self.connected()
        let first = [UInt8]("AAAAAAAAAA"), second = [UInt8]("AAAAABBBBB"), head = [UInt8]("0123456789")
        h.send(true, seq: 1011, ack: 5001, [.ack], first)
        h.send(true, seq: 1011, ack: 5001, [.ack], second)
        h.send(true, seq: 1001, ack: 5001, [.ack], head)
        #expect(h.handler.stream(1, .clientToServer) == head + first)
        #expect(h.counters["tcp_overlap_conflict"] == 1)
        #expect(h.counters["tcp_retransmission"] == 1)
    }

    @Test("in-order segment overlapping buffered bytes: buffered bytes win")
    func inOrderOverBuffered() {
        var h = Self.connected()
        h.send(true, seq: 1006, ack: 5001, [.ack], [UInt8]("XXXXX"))          // 1006..<1011 first
        h.send(true, seq: 1001, ack: 5001, [.ack], [UInt8]("hello-world"))    // 1001..<1012 later
        #expect(h.handler.stream(1, .clientToServer) == [UInt8]("helloXXXXXd"))
        #expect(h.counters["tcp_overlap_conflict"] == 1)
        #expect(h.reassembler.bufferedByteCount == 0)
    }

    @Test("in-order segment overlapping identical buffered bytes is no conflict")
    func inOrderOverIdenticalBuffered() {
        var h = Self.connected()
        let data = pattern(40)
        h.send(true, seq: 1011, ack: 5001, [.ack], Array(data[10..<20]))
        h.send(true, seq: 1031, ack: 5001, [.ack], Array(data[30..<40]))
        h.send(true, seq: 1001, ack: 5001, [.ack], Array(data[0..<35]))
        #expect(h.handler.stream(1, .clientToServer) == data)
        #expect(h.counters["tcp_overlap_conflict"] == 0)
    }

    @Test("partial overlap with delivered data keeps only the new bytes")
    func partialOverlap() {
        var h = Self.connected()
        let data = pattern(15)
        h.send(true, seq: 1001, ack: 5001, [.ack], Array(data[0..<10]))
        h.send(true, seq: 1006, ack: 5001, [.ack], Array(data[5..<15]))
        #expect(h.handler.stream(1, .clientToServer) == data)
        #expect(h.counters["tcp_overlap"] == 1)
    }

    @Test("overlapping out-of-order segments fill around each other")
    func overlappingBuffered() {
        var h = Self.connected()
        let data = pattern(60)
        h.send(true, seq: 1021, ack: 5001, [.ack], Array(data[20..<30]))
        h.send(true, seq: 1041, ack: 5001, [.ack], Array(data[40..<50]))
        h.send(true, seq: 1016, ack: 5001, [.ack], Array(data[15..<55]))   // spans both, fills between
        #expect(h.reassembler.bufferedByteCount == 40)
        h.send(true, seq: 1001, ack: 5001, [.ack], Array(data[0..<16]))
        h.send(true, seq: 1056, ack: 5001, [.ack], Array(data[55..<60]))
        #expect(h.handler.stream(1, .clientToServer) == data)
        #expect(h.counters["tcp_overlap_conflict"] == 0)
        #expect(h.handler.chunks.allSatisfy { $0.gapBefore == 0 })
    }

    @Test("sequence numbers wrapping across 2^32, with reordering")
    func wrapAround() {
        var h = Harness()
        let isn: UInt32 = 0xFFFF_FFF0
        let data = pattern(64)
        h.send(true, seq: isn, [.syn])
        h.send(false, seq: 77, ack: isn &+ 1, [.syn, .ack])
        h.send(true, seq: isn &+ 1, ack: 78, [.ack], Array(data[0..<8]))         // 0xFFFFFFF1..
        h.send(true, seq: isn &+ 33, ack: 78, [.ack], Array(data[32..<64]))      // after the wrap
        h.send(true, seq: isn &+ 9, ack: 78, [.ack], Array(data[8..<32]))        // crosses 2^32
        h.send(false, seq: 78, ack: isn &+ 65, [.ack], [1])
        #expect(h.handler.stream(1, .clientToServer) == data)
        #expect(h.handler.chunks.allSatisfy { $0.gapBefore == 0 })
        #expect(h.counters["tcp_gap"] == 0)
    }

    @Test("a segment far beyond the window is dropped, not buffered")
    func outOfWindow() {
        var h = Self.connected()
        h.send(true, seq: 1001 &+ 0x5000_0000, ack: 5001, [.ack], [1, 2, 3])
        #expect(h.reassembler.bufferedByteCount == 0)
        #expect(h.counters["tcp_out_of_window"] == 1)
    }

    @Test("data after the FIN is cut off")
    func dataAfterFin() {
        var h = Self.connected()
        h.send(true, seq: 1001, ack: 5001, [.fin, .ack], [1, 2])
        h.send(true, seq: 1001, ack: 5001, [.ack], [1, 2, 3, 4])
        #expect(h.handler.stream(1, .clientToServer) == [1, 2])
        #expect(h.counters["tcp_data_after_fin"] == 1)
    }
}
