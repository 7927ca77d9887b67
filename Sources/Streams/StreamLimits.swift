import Primitives

/// Memory and time bounds of a `TCPReassembler`; every cap that drops or skips data has a counter.
///
/// Defaults:
/// - `maxFlows` = 262_144 table entries (open and lingering closed flows). A new flow beyond it
///   first recycles the oldest closed flow, else evicts the least recently active open flow
///   (`tcp_flow_cap_evicted`, closed with `.evicted`).
/// - `maxBufferedBytesPerFlow` = 2 MiB of out-of-order bytes per direction of a flow, and
///   `maxBufferedSegmentsPerFlow` = 4096 out-of-order pieces per direction. Exceeding either declares
///   the holes before the new segment lost (`tcp_buffer_flow_cap_exceeded`).
/// - `maxBufferedBytesTotal` = 256 MiB of out-of-order bytes over all flows; exceeding it does the same
///   for the flow at hand (`tcp_buffer_total_cap_exceeded`).
/// - `idleTimeout` = 300 s of packet time without a segment closes a flow (`.idleTimeout`).
/// - `closedFlowLinger` = 10 s: a flow closed by FIN or RST keeps its table entry this long so that
///   late retransmissions and ACKs are recognised instead of opening a mid-stream flow.
/// Times are in nanoseconds of packet time.
public struct StreamLimits: Sendable {
    public var maxFlows: Int
    public var maxBufferedBytesPerFlow: Int
    public var maxBufferedSegmentsPerFlow: Int
    public var maxBufferedBytesTotal: Int
    public var idleTimeout: Int64
    public var closedFlowLinger: Int64

    public init(maxFlows: Int = 262_144,
                 maxBufferedBytesPerFlow: Int = 2 << 20,
                 maxBufferedSegmentsPerFlow: Int = 4096,
                 maxBufferedBytesTotal: Int = 256 << 20,
                 idleTimeout: Int64 = 300_000_000_000,
                 closedFlowLinger: Int64 = 10_000_000_000) {
        self.maxFlows = max(1, maxFlows)
        self.maxBufferedBytesPerFlow = max(0, maxBufferedBytesPerFlow)
        self.maxBufferedSegmentsPerFlow = max(0, maxBufferedSegmentsPerFlow)
        self.maxBufferedBytesTotal = max(0, maxBufferedBytesTotal)
        self.idleTimeout = max(0, idleTimeout)
        self.closedFlowLinger = max(0, closedFlowLinger)
    }
}
