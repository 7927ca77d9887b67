import Testing
import Foundation
import Primitives
import Streams

/// A counting handler defined outside the Streams module, as the Engine's will be.
private struct CountingHandler: StreamHandler {
    struct FlowState { var bytes = 0 }
    var total = 0
    var chunks = 0
    mutating func flowOpened(_ flow: FlowInfo) -> FlowState { FlowState() }
    mutating func receive(_ chunk: StreamChunk, flow: FlowInfo, state: inout FlowState) {
        state.bytes &+= chunk.bytes.count
        total &+= chunk.bytes.count
        chunks &+= 1
    }
    mutating func flowClosed(_ flow: FlowInfo, reason: CloseReason, time: Timestamp, state: inout FlowState) {}
}

/// CPU time of the calling thread, in seconds.
private func threadCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// In-order delivery throughput; a measurement, not a timed test. Run it on a release build:
/// `STREAMS_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter TCPReassemblerBenchmark`
@Suite("TCPReassembler benchmark")
struct TCPReassemblerBenchmark {
    @Test("throughput over many interleaved flows",
          .enabled(if: ProcessInfo.processInfo.environment["STREAMS_BENCH"] != nil),
          arguments: [false, true])
    func throughput(swapPairs: Bool) {
        let flows = 4096, rounds = 500, mss = 1460
        let payload = [UInt8](repeating: 0x61, count: mss)
        let server = Endpoint(address: .v4(0x0A00_0001), port: 443)
        let clients = (0..<flows).map { Endpoint(address: .v4(0xC0A8_0000 | UInt32($0 >> 8)), port: UInt16(30000 + $0)) }
        var r = TCPReassembler(handler: CountingHandler())
        var index: UInt64 = 0
        var segments = 0
        let started = ContinuousClock.now
        let cpuStarted = threadCPUSeconds()
        payload.withUnsafeBytes { raw in
            let empty = UnsafeRawBufferPointer(rebasing: raw[0..<0])
            for f in 0..<flows {   // handshakes, so that the first data segment may come out of order
                let t = Timestamp(nanoseconds: 1_000_000_000 + Int64(index) * 1000)
                r.process(TCPSegment(source: clients[f], destination: server, sequenceNumber: 0,
                                     acknowledgmentNumber: 0, flags: [.syn], window: 512,
                                     payload: empty, packet: PacketRef(time: t, index: index)))
                index += 1
            }
            for round in 0..<rounds {
                for f in 0..<flows {
                    let t = Timestamp(nanoseconds: 1_000_000_000 + Int64(index) * 1000)
                    // With `swapPairs`, rounds 2k+1 and 2k trade places: every other segment is buffered.
                    let sent = swapPairs ? round ^ 1 : round
                    let seq = UInt32(1 + sent * mss)
                    r.process(TCPSegment(source: clients[f], destination: server, sequenceNumber: seq,
                                         acknowledgmentNumber: 1, flags: [.ack, .psh], window: 512,
                                         payload: raw, packet: PacketRef(time: t, index: index)))
                    index += 1
                    if round & 1 == 1 {
                        r.process(TCPSegment(source: server, destination: clients[f], sequenceNumber: 1,
                                             acknowledgmentNumber: seq &+ UInt32(mss), flags: [.ack], window: 512,
                                             payload: empty, packet: PacketRef(time: t, index: index)))
                        index += 1
                    }
                }
            }
            segments = Int(index)
        }
        let cpu = threadCPUSeconds() - cpuStarted
        let elapsed = ContinuousClock.now - started
        let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        r.finish(now: Timestamp(nanoseconds: 2_000_000_000_000))
        let bytes = r.handler.total
        #expect(bytes == flows * rounds * mss)
        // Thread CPU time: the machine may be shared, so wall time overstates the cost.
        let label = swapPairs ? "every other segment out of order" : "in order"
        print("streams bench (\(label)): " + String(format: "%d segments, %.1f MB payload, %.3f s CPU (%.3f s wall): %.2f M segments/s, %.1f Gbit/s per core",
                     segments, Double(bytes) / 1e6, cpu, wall, Double(segments) / cpu / 1e6,
                     Double(bytes) * 8 / cpu / 1e9))
    }
}
