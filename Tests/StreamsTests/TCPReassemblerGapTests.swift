import Testing
import Primitives
@testable import Streams

/// Holes: filled later, declared lost by ACK, by buffer caps, and at close.
@Suite("TCPReassembler gaps")
struct TCPReassemblerGapTests {
    @Test("a hole filled later reports no gap")
    func holeFilled() {
        var h = TCPReassemblerOrderingTests.connected()
        let data = pattern(30)
        h.send(true, seq: 1001, ack: 5001, [.ack], Array(data[0..<10]))
        h.send(true, seq: 1021, ack: 5001, [.ack], Array(data[20..<30]))
        h.send(false, seq: 5001, ack: 1011)                   // ACK up to the hole only
        h.send(true, seq: 1011, ack: 5001, [.ack], Array(data[10..<20]))
        #expect(h.handler.stream(1, .clientToServer) == data)
        #expect(h.handler.gaps(1, .clientToServer).isEmpty)
        #expect(h.counters["tcp_gap"] == 0)
    }

    @Test("the peer ACKs past a hole that never fills: gap reported, delivery continues")
    func holeSkippedByAck() {
        var h = TCPReassemblerOrderingTests.connected()
        let data = pattern(40)
        h.send(true, seq: 1001, ack: 5001, [.ack], Array(data[0..<10]))
        h.send(true, seq: 1021, ack: 5001, [.ack], Array(data[20..<30]))   // 1011..<1021 never captured
        #expect(h.handler.stream(1, .clientToServer) == Array(data[0..<10]))
        h.send(false, seq: 5001, ack: 1031)                                // server had it all
        h.send(true, seq: 1031, ack: 5001, [.ack], Array(data[30..<40]))
        h.send(true, seq: 1011, ack: 5001, [.ack], Array(data[10..<20]))   // too late: dropped
        #expect(h.handler.stream(1, .clientToServer) == Array(data[0..<10]) + Array(data[20..<40]))
        #expect(h.handler.chunks.filter { $0.direction == .clientToServer }.map(\.gapBefore) == [0, 10, 0])
        #expect(h.counters["tcp_gap"] == 1)
        #expect(h.counters["tcp_gap_bytes"] == 10)
        #expect(h.counters["tcp_hole_skipped_by_ack"] == 1)
        #expect(h.counters["tcp_retransmission"] == 1)
    }

    @Test("an ACK past data that was never captured: the next data carries the gap")
    func ackPastMissingTail() {
        var h = TCPReassemblerOrderingTests.connected()
        h.send(false, seq: 5001, ack: 1001, [.ack], pattern(10))
        h.send(true, seq: 1001, ack: 5021)                         // 5011..<5021 missed
        h.send(false, seq: 5021, ack: 1001, [.ack], [9, 9])
        #expect(h.handler.chunks.map(\.gapBefore) == [0, 10])
        #expect(h.handler.stream(1, .serverToClient) == pattern(10) + [9, 9])
    }

    @Test("an ACK captured before the data it acknowledges (two taps merged) loses nothing")
    func ackBeforeData() {
        var h = TCPReassemblerOrderingTests.connected()
        let data = pattern(30)
        h.send(true, seq: 1001, ack: 5001, [.ack], Array(data[0..<10]))
        h.send(false, seq: 5001, ack: 1031)                               // ahead of the capture
        h.send(true, seq: 1011, ack: 5001, [.ack], Array(data[10..<20]))
        h.send(true, seq: 1021, ack: 5001, [.ack], Array(data[20..<30]))
        #expect(h.handler.stream(1, .clientToServer) == data)
        #expect(h.handler.gaps(1, .clientToServer).isEmpty)
        #expect(h.counters["tcp_gap"] == 0)
        h.finish()
        #expect(h.handler.gaps(1, .clientToServer).isEmpty)
    }

    @Test("an ACK ahead of the data, then later data: the acknowledged hole is skipped")
    func ackThenLaterData() {
        var h = TCPReassemblerOrderingTests.connected()
        let data = pattern(30)
        h.send(true, seq: 1001, ack: 5001, [.ack], Array(data[0..<10]))
        h.send(false, seq: 5001, ack: 1016)                               // 1011..<1016 acknowledged, never seen
        h.send(true, seq: 1021, ack: 5001, [.ack], Array(data[20..<30]))  // 1016..<1021 may still come
        #expect(h.handler.stream(1, .clientToServer) == Array(data[0..<10]))
        h.send(true, seq: 1016, ack: 5001, [.ack], Array(data[15..<20]))
        #expect(h.handler.stream(1, .clientToServer) == Array(data[0..<10]) + Array(data[15..<30]))
        #expect(h.handler.gaps(1, .clientToServer) == [5])
        #expect(h.counters["tcp_hole_skipped_by_ack"] == 1)
    }

    @Test("a trailing hole at close is reported by an empty chunk")
    func trailingHoleAtClose() throws {
        var h = TCPReassemblerOrderingTests.connected()
        h.send(false, seq: 5001, ack: 1001, [.ack], pattern(10))
        h.send(true, seq: 1001, ack: 5021)                         // server data 5011..<5021 missed
        h.finish()
        let last = try #require(h.handler.chunks.last)
        #expect(last.bytes.isEmpty)
        #expect(last.gapBefore == 10)
        #expect(last.direction == .serverToClient)
        #expect(h.handler.closed.map(\.reason) == [.endOfCapture])
    }

    @Test("buffered data behind a hole is flushed with a gap at end of capture")
    func holeAtEndOfCapture() {
        var h = TCPReassemblerOrderingTests.connected()
        let data = pattern(30)
        h.send(true, seq: 1001, ack: 5001, [.ack], Array(data[0..<10]))
        h.send(true, seq: 1021, ack: 5001, [.ack], Array(data[20..<30]))
        #expect(h.reassembler.bufferedByteCount == 10)
        h.finish()
        #expect(h.handler.stream(1, .clientToServer) == Array(data[0..<10]) + Array(data[20..<30]))
        #expect(h.handler.gaps(1, .clientToServer) == [10])
        #expect(h.reassembler.bufferedByteCount == 0)
        #expect(h.reassembler.activeFlowCount == 0)
    }

    @Test("per-flow buffer cap: holes before the new segment are declared lost")
    func perFlowCap() {
        var h = Harness(limits: StreamLimits(maxBufferedBytesPerFlow: 25))
        h.send(true, seq: 1000, [.syn])
        h.send(false, seq: 5000, ack: 1001, [.syn, .ack])
        let data = pattern(60)
        h.send(true, seq: 1001, ack: 5001, [.ack], Array(data[0..<10]))
        h.send(true, seq: 1021, ack: 5001, [.ack], Array(data[20..<30]))   // buffered: 10
        h.send(true, seq: 1041, ack: 5001, [.ack], Array(data[40..<50]))   // buffered: 20
        #expect(h.handler.stream(1, .clientToServer) == Array(data[0..<10]))
        h.send(true, seq: 1051, ack: 5001, [.ack], Array(data[50..<60]))   // 30 > 25: skip holes
        #expect(h.handler.stream(1, .clientToServer)
                == Array(data[0..<10]) + Array(data[20..<30]) + Array(data[40..<60]))
        #expect(h.handler.gaps(1, .clientToServer) == [10, 10])
        #expect(h.counters["tcp_buffer_flow_cap_exceeded"] == 1)
        #expect(h.reassembler.bufferedByteCount == 0)
    }

    @Test("per-flow segment-count cap")
    func perFlowSegmentCap() {
        var h = Harness(limits: StreamLimits(maxBufferedSegmentsPerFlow: 2))
        h.send(true, seq: 1000, [.syn])
        for k in 0..<3 { h.send(true, seq: UInt32(1011 + 10 * k), [], [UInt8(k)]) }
        #expect(h.counters["tcp_buffer_flow_cap_exceeded"] == 1)
        #expect(h.handler.stream(1, .clientToServer) == [0, 1, 2])
        #expect(h.handler.gaps(1, .clientToServer) == [10, 9, 9])
    }

    @Test("total buffer cap across flows")
    func totalCap() {
        var h = Harness(limits: StreamLimits(maxBufferedBytesTotal: 25))
        let first = h.client
        h.send(true, seq: 1000, [.syn])
        h.send(true, seq: 1011, [.ack], pattern(20))                      // flow 1 buffers 20
        h.client = Endpoint(address: IPAddress("10.0.0.3")!, port: 40001)
        h.send(true, seq: 3000, [.syn])
        h.send(true, seq: 3011, [.ack], pattern(10))                      // 30 > 25: flow 2 skips its hole
        #expect(h.counters["tcp_buffer_total_cap_exceeded"] == 1)
        #expect(h.handler.stream(2, .clientToServer) == pattern(10))
        #expect(h.handler.gaps(2, .clientToServer) == [10])
        #expect(h.reassembler.bufferedByteCount == 20)
        h.client = first
        h.send(true, seq: 1001, [.ack], pattern(10, seed: 7))
        #expect(h.handler.stream(1, .clientToServer) == pattern(10, seed: 7) + pattern(20))
        #expect(h.reassembler.bufferedByteCount == 0)
    }
}

extension TCPReassemblerGapTests {
    @Test("a bare FIN seen mid-stream reports no unknown gap")
    func bareFinMidStream() {
        var h = Harness()
        h.send(true, seq: 900, ack: 77, [.fin, .ack])
        h.send(false, seq: 77, ack: 901, [.fin, .ack])
        #expect(h.handler.closed.map(\.reason) == [.fin])
        #expect(h.handler.chunks.isEmpty)
        #expect(h.counters["tcp_midstream_pickup"] == 0)
    }
}

extension TCPReassemblerGapTests {
    @Test("ACK evidence is forgotten once the data caught up (no false hole 2^31 bytes later)")
    func staleAckEvidence() {
        var h = Harness(limits: StreamLimits(maxBufferedBytesPerFlow: 0))   // every hole is skipped at once
        h.send(true, seq: 1000, [.syn])
        h.send(false, seq: 5000, ack: 1001, [.syn, .ack])
        h.send(false, seq: 5001, ack: 1011)                               // ahead of the capture
        h.send(true, seq: 1001, ack: 5001, [.ack], pattern(10))          // catches up
        h.send(false, seq: 5001, ack: 1011)                               // evidence now stale
        // Jump the stream 4 * (2^30 - 1) bytes ahead through skipped holes: the old ACK value 1011
        // would read as "ahead" again if it were still remembered.
        var next: UInt32 = 1011
        for _ in 0..<4 {
            next = next &+ 0x3FFF_FFFF
            h.send(true, seq: next, ack: 5001, [.ack], [1])
            next = next &+ 1
        }
        #expect(h.counters["tcp_buffer_flow_cap_exceeded"] == 4)
        #expect(h.counters["tcp_hole_skipped_by_ack"] == 0)
        #expect(h.handler.stream(1, .clientToServer) == pattern(10) + [1, 1, 1, 1])
    }
}
