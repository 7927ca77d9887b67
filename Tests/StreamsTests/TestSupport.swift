import Primitives
@testable import Streams

/// A handler that records every callback, for assertions.
struct RecordingHandler: StreamHandler {
    struct FlowState { var id: UInt64 }
    struct Chunk {
        var flow: UInt64
        var direction: Direction
        var bytes: [UInt8]
        var gapBefore: Int
        var firstPacket: UInt64
        var time: Int64
    }
    struct Closed { var flow: UInt64; var reason: CloseReason; var time: Int64 }

    var opened: [FlowInfo] = []
    var chunks: [Chunk] = []
    var closed: [Closed] = []
    var stateMismatches = 0

    mutating func flowOpened(_ flow: FlowInfo) -> FlowState {
        opened.append(flow)
        return FlowState(id: flow.id)
    }

    mutating func receive(_ chunk: StreamChunk, flow: FlowInfo, state: inout FlowState) {
        if state.id != flow.id { stateMismatches += 1 }
        chunks.append(Chunk(flow: flow.id, direction: chunk.direction, bytes: Array(chunk.bytes),
                            gapBefore: chunk.gapBefore, firstPacket: chunk.firstPacket.index,
                            time: chunk.time.nanoseconds))
    }

    mutating func flowClosed(_ flow: FlowInfo, reason: CloseReason, time: Timestamp, state: inout FlowState) {
        if state.id != flow.id { stateMismatches += 1 }
        closed.append(Closed(flow: flow.id, reason: reason, time: time.nanoseconds))
    }

    /// All bytes delivered for one direction of a flow, concatenated.
    func stream(_ flow: UInt64 = 1, _ direction: Direction) -> [UInt8] {
        chunks.filter { $0.flow == flow && $0.direction == direction }.flatMap(\.bytes)
    }

    /// `gapBefore` of every chunk of one direction that follows a hole.
    func gaps(_ flow: UInt64 = 1, _ direction: Direction) -> [Int] {
        chunks.filter { $0.flow == flow && $0.direction == direction && $0.gapBefore != 0 }.map(\.gapBefore)
    }
}

/// A hand-built segment of one connection; `time` in milliseconds of packet time.
struct TestSegment {
    var fromClient: Bool
    var seq: UInt32
    var ack: UInt32
    var flags: TCPFlags
    var payload: [UInt8]
    var time: Int64
}

/// Drives a reassembler with hand-built segments between one client and one server.
struct Harness {
    var reassembler: TCPReassembler<RecordingHandler>
    var client = Endpoint(address: IPAddress("10.0.0.1")!, port: 40000)
    var server = Endpoint(address: IPAddress("10.0.0.2")!, port: 80)
    var packetIndex: UInt64 = 0
    var clock: Int64 = 1_000   // ms

    init(limits: StreamLimits = StreamLimits()) {
        reassembler = TCPReassembler(handler: RecordingHandler(), limits: limits)
    }

    var handler: RecordingHandler { reassembler.handler }
    var counters: CounterSet { reassembler.counters }

    /// Sends a segment; `time` defaults to 1 ms after the previous one.
    mutating func send(_ fromClient: Bool, seq: UInt32, ack: UInt32 = 0, _ flags: TCPFlags = [.ack],
                       _ payload: [UInt8] = [], time: Int64? = nil) {
        send(TestSegment(fromClient: fromClient, seq: seq, ack: ack, flags: flags, payload: payload,
                         time: time ?? clock + 1))
    }

    mutating func send(_ s: TestSegment) {
        clock = max(clock, s.time)
        let (src, dst) = s.fromClient ? (client, server) : (server, client)
        let packet = PacketRef(time: Timestamp(nanoseconds: s.time * 1_000_000), index: packetIndex)
        packetIndex += 1
        s.payload.withUnsafeBytes { raw in
            reassembler.process(TCPSegment(source: src, destination: dst, sequenceNumber: s.seq,
                                           acknowledgmentNumber: s.ack, flags: s.flags, window: 65535,
                                           payload: raw, packet: packet))
        }
    }

    mutating func finish() { reassembler.finish(now: Timestamp(nanoseconds: (clock + 1) * 1_000_000)) }
}

/// `count` deterministic pseudo-random bytes (xorshift), so streams are easy to compare.
func pattern(_ count: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> [UInt8] {
    var x = seed | 1
    return (0..<count).map { _ in
        x ^= x << 13; x ^= x >> 7; x ^= x << 17
        return UInt8(truncatingIfNeeded: x)
    }
}

extension Array where Element == UInt8 {
    init(_ text: String) { self = Array(text.utf8) }
}

/// A small deterministic generator for shuffles (SplitMix64).
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
