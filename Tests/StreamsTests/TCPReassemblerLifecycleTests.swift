import Testing
import Primitives
@testable import Streams

/// FIN/RST, idle time-outs, flow cap eviction and port reuse.
@Suite("TCPReassembler flow lifecycle")
struct TCPReassemblerLifecycleTests {
    @Test("one FIN does not close; FIN from both sides does, and late segments are ignored")
    func finClose() {
        var h = TCPReassemblerOrderingTests.connected()
        h.send(true, seq: 1001, ack: 5001, [.fin, .ack], [1, 2, 3])
        #expect(h.handler.closed.isEmpty)
        h.send(false, seq: 5001, ack: 1005, [.ack, .psh], [4])      // half-closed: server still talks
        h.send(false, seq: 5002, ack: 1005, [.fin, .ack])
        #expect(h.handler.closed.map(\.reason) == [.fin])
        #expect(h.handler.stream(1, .serverToClient) == [4])
        h.send(true, seq: 1005, ack: 5003)                          // last ACK
        h.send(false, seq: 5001, ack: 1005, [.ack, .psh], [4])      // late retransmission
        #expect(h.handler.opened.count == 1)
        #expect(h.handler.closed.count == 1)
        #expect(h.counters["tcp_data_after_close"] == 1)
        #expect(h.reassembler.activeFlowCount == 0)
    }

    @Test("FIN with a hole before it waits until the peer ACKs the FIN")
    func finAfterHole() {
        var h = TCPReassemblerOrderingTests.connected()
        h.send(true, seq: 1011, ack: 5001, [.fin, .ack], [7, 7])     // 1001..<1011 missing
        h.send(false, seq: 5001, ack: 1001, [.fin, .ack])
        #expect(h.handler.closed.isEmpty)
        h.send(true, seq: 1014, ack: 5002)
        h.send(false, seq: 5002, ack: 1014)                          // ACKs everything incl. FIN
        #expect(h.handler.closed.map(\.reason) == [.fin])
        #expect(h.handler.stream(1, .clientToServer) == [7, 7])
        #expect(h.handler.gaps(1, .clientToServer) == [10])
    }

    @Test("RST closes at once and flushes buffered data")
    func rstClose() {
        var h = TCPReassemblerOrderingTests.connected()
        h.send(true, seq: 1001, ack: 5001, [.ack], [1])
        h.send(true, seq: 1005, ack: 5001, [.ack], [5])
        h.send(false, seq: 5001, ack: 1002, [.rst, .ack])
        #expect(h.handler.closed.map(\.reason) == [.rst])
        #expect(h.handler.stream(1, .clientToServer) == [1, 5])
        #expect(h.handler.gaps(1, .clientToServer) == [3])
        #expect(h.counters["tcp_rst_data_ignored"] == 0)
    }

    @Test("payload carried by a RST is not delivered")
    func rstWithData() {
        var h = TCPReassemblerOrderingTests.connected()
        h.send(false, seq: 5001, ack: 1001, [.rst, .ack], [UInt8]("connection reset: diagnostic text"))
        #expect(h.handler.closed.map(\.reason) == [.rst])
        #expect(h.handler.stream(1, .serverToClient).isEmpty)
        #expect(h.counters["tcp_rst_data_ignored"] == 1)
    }

    @Test("a RST for an unknown flow opens nothing")
    func rstWithoutFlow() {
        var h = Harness()
        h.send(false, seq: 1, ack: 1, [.rst])
        #expect(h.handler.opened.isEmpty)
        #expect(h.counters["tcp_rst_without_flow"] == 1)
    }

    @Test("idle timeout by packet time, explicit and from process")
    func idleTimeout() {
        var h = Harness(limits: StreamLimits(idleTimeout: 60_000_000_000))
        h.send(true, seq: 1000, [.syn], time: 1_000)
        h.send(true, seq: 1001, [.ack], [1], time: 2_000)
        h.reassembler.expireIdle(now: Timestamp(nanoseconds: 61_999 * 1_000_000))
        #expect(h.handler.closed.isEmpty)
        h.reassembler.expireIdle(now: Timestamp(nanoseconds: 62_000 * 1_000_000))
        #expect(h.handler.closed.map(\.reason) == [.idleTimeout])
        #expect(h.reassembler.activeFlowCount == 0)

        // A segment of another flow, 60 s later, expires this one from inside `process`.
        h.client = Endpoint(address: IPAddress("10.0.0.3")!, port: 40001)
        h.send(true, seq: 1000, [.syn], time: 100_000)
        let other = Endpoint(address: IPAddress("10.0.0.4")!, port: 40002)
        h.client = other
        h.send(true, seq: 1000, [.syn], time: 161_000)
        #expect(h.handler.closed.map(\.flow) == [1, 2])
        #expect(h.handler.closed.last?.time == Int64(161_000_000_000))
        #expect(h.counters["tcp_idle_timeout"] == 2)
        #expect(h.reassembler.activeFlowCount == 1)
    }

    @Test("flow cap evicts the least recently active flow")
    func flowCap() {
        var h = Harness(limits: StreamLimits(maxFlows: 2))
        func use(_ port: UInt16, _ h: inout Harness) {
            h.client = Endpoint(address: IPAddress("10.0.0.1")!, port: port)
            h.send(true, seq: 1, ack: 1, [.ack], [UInt8(port & 0xff)])
        }
        use(1001, &h)   // flow 1
        use(1002, &h)   // flow 2
        use(1001, &h)   // flow 1 is now the most recent
        use(1003, &h)   // flow 3: evicts flow 2
        #expect(h.handler.closed.map(\.flow) == [2])
        #expect(h.handler.closed.map(\.reason) == [.evicted])
        #expect(h.counters["tcp_flow_cap_evicted"] == 1)
        #expect(h.reassembler.activeFlowCount == 2)
        h.finish()
        #expect(h.handler.closed.map(\.flow) == [2, 1, 3])
    }

    @Test("closed flows are recycled before open flows are evicted")
    func closedRecycledFirst() {
        var h = Harness(limits: StreamLimits(maxFlows: 2))
        h.send(true, seq: 1, ack: 1, [.ack], [1])
        h.send(true, seq: 2, ack: 1, [.rst, .ack])                 // flow 1 closed, lingering
        h.client = Endpoint(address: IPAddress("10.0.0.1")!, port: 2)
        h.send(true, seq: 1, ack: 1, [.ack], [1])
        h.client = Endpoint(address: IPAddress("10.0.0.1")!, port: 3)
        h.send(true, seq: 1, ack: 1, [.ack], [1])
        #expect(h.counters["tcp_flow_cap_evicted"] == 0)
        #expect(h.reassembler.activeFlowCount == 2)
    }

    @Test("a new SYN on a closed flow's 4-tuple starts a new flow")
    func portReuseAfterClose() throws {
        var h = TCPReassemblerOrderingTests.connected()
        h.send(true, seq: 1001, ack: 5001, [.rst])
        h.send(true, seq: 90_000, [.syn])
        h.send(false, seq: 70_000, ack: 90_001, [.syn, .ack])
        h.send(true, seq: 90_001, ack: 70_001, [.ack], [3])
        #expect(h.handler.opened.map(\.id) == [1, 2])
        #expect(h.handler.opened.last?.roleEvidence == .syn)
        #expect(h.handler.stream(2, .clientToServer) == [3])
        #expect(h.counters["tcp_port_reuse"] == 1)
    }

    @Test("a SYN with a new ISN on an open flow replaces it; a repeated SYN does not")
    func portReuseOpen() {
        var h = TCPReassemblerOrderingTests.connected()
        h.send(true, seq: 1000, [.syn])                              // retransmitted SYN
        #expect(h.handler.opened.count == 1)
        h.send(true, seq: 1001, ack: 5001, [.ack], [1])
        h.send(true, seq: 123_456, [.syn])
        #expect(h.handler.opened.count == 2)
        #expect(h.handler.closed.map(\.reason) == [.evicted])
        #expect(h.counters["tcp_port_reuse"] == 1)
    }

    @Test("closed flows are forgotten after the linger time")
    func linger() {
        var h = Harness(limits: StreamLimits(closedFlowLinger: 5_000_000_000))
        h.send(true, seq: 1, ack: 1, [.ack], [1], time: 1_000)
        h.send(true, seq: 2, ack: 1, [.rst, .ack], time: 1_001)
        h.send(true, seq: 2, ack: 1, [.ack], [2], time: 3_000)      // lingering: dropped
        #expect(h.handler.opened.count == 1)
        h.send(true, seq: 3, ack: 1, [.ack], [3], time: 7_000)      // forgotten: a new mid-stream flow
        #expect(h.handler.opened.count == 2)
        #expect(h.handler.stream(2, .clientToServer) == [3])
    }
}
