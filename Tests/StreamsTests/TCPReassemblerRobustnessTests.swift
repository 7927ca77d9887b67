import Testing
import Primitives
@testable import Streams

/// Random input never traps, stays within the caps, and keeps the handler contract.
@Suite("TCPReassembler robustness")
struct TCPReassemblerRobustnessTests {
    @Test("random segments over few flows: caps hold, every flow opens and closes once",
          arguments: 1...4 as ClosedRange<UInt64>)
    func randomSegments(seed: UInt64) {
        var rng = SeededGenerator(state: seed)
        let limits = StreamLimits(maxFlows: 8, maxBufferedBytesPerFlow: 3_000, maxBufferedSegmentsPerFlow: 16,
                                  maxBufferedBytesTotal: 10_000, idleTimeout: 2_000_000_000,
                                  closedFlowLinger: 500_000_000)
        var h = Harness(limits: limits)
        let ports: [UInt16] = [80, 443, 40000, 40001, 50000, 8080]
        let flagChoices: [TCPFlags] = [[.ack], [.ack, .psh], [.syn], [.syn, .ack], [.fin, .ack], [.rst], [.rst, .ack], [.ack]]
        var bases: [UInt32] = (0..<6).map { _ in UInt32.random(in: 0...UInt32.max, using: &rng) }
        var maxActive = 0, maxBuffered = 0
        let bytes = pattern(4_000, seed: seed)
        for step in 0..<3_000 {
            let a = Int.random(in: 0..<6, using: &rng), b = Int.random(in: 0..<6, using: &rng)
            h.client = Endpoint(address: .v4(0x0A00_0001), port: ports[a])
            h.server = Endpoint(address: .v4(0x0A00_0002), port: ports[b])
            let fromClient = Bool.random(using: &rng)
            let k = fromClient ? a : b
            // Mostly near the running sequence number, sometimes anywhere.
            let seq = Int.random(in: 0..<10, using: &rng) == 0
                ? UInt32.random(in: 0...UInt32.max, using: &rng)
                : bases[k] &+ UInt32.random(in: 0..<4_000, using: &rng) &- 1_000
            let size = Int.random(in: 0..<4, using: &rng) == 0 ? 0 : Int.random(in: 1...1_500, using: &rng)
            let flags = flagChoices[Int.random(in: 0..<flagChoices.count, using: &rng)]
            h.send(fromClient, seq: seq, ack: bases[fromClient ? b : a] &+ UInt32.random(in: 0..<3_000, using: &rng),
                   flags, Array(bytes[(step % 2_000)..<(step % 2_000 + size)]), time: 1_000 + Int64(step) * Int64.random(in: 0...3, using: &rng) / 2 + Int64(step))
            if Bool.random(using: &rng) { bases[k] &+= UInt32(size) }
            maxActive = max(maxActive, h.reassembler.activeFlowCount)
            maxBuffered = max(maxBuffered, h.reassembler.bufferedByteCount)
        }
        h.finish()
        #expect(maxActive <= limits.maxFlows)
        #expect(maxBuffered <= limits.maxBufferedBytesTotal)
        #expect(h.reassembler.bufferedByteCount == 0)
        #expect(h.reassembler.activeFlowCount == 0)
        let opened = h.handler.opened.map(\.id), closed = h.handler.closed.map(\.flow)
        #expect(opened == Array(1...UInt64(opened.count)))
        #expect(closed.sorted() == opened)
        #expect(h.handler.stateMismatches == 0)
        // No chunk after its flow closed.
        var closedAt: [UInt64: Int] = [:]
        for (i, c) in h.handler.closed.enumerated() { closedAt[c.flow] = i }
        #expect(h.handler.chunks.allSatisfy { closedAt[$0.flow] != nil })
    }

    @Test("per-direction memory stays within the cap under a flood of tiny out-of-order segments")
    func tinySegmentFlood() {
        var h = Harness(limits: StreamLimits(maxBufferedBytesPerFlow: 64 << 10, maxBufferedSegmentsPerFlow: 256))
        h.send(true, seq: 0, [.syn])
        var maxBuffered = 0
        for k in 0..<6_000 {
            h.send(true, seq: UInt32(2 + 2 * k), [.ack], [UInt8(truncatingIfNeeded: k)])   // every other byte missing
            maxBuffered = max(maxBuffered, h.reassembler.bufferedByteCount)
        }
        #expect(maxBuffered <= 256)
        #expect(h.counters["tcp_buffer_flow_cap_exceeded"] > 0)
        h.finish()
        #expect(h.handler.stream(1, .clientToServer).count == 6_000)
    }
}
