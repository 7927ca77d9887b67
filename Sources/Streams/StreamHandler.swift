import Primitives

/// The consumer of ordered bytes; one `FlowState` value lives next to each flow in the reassembler's table.
///
/// Contract (the gopacket `tcpassembly` shape): `flowOpened` once when the reassembler creates a flow,
/// then `receive` zero or more times per direction with bytes in stream order, then `flowClosed`
/// exactly once. `chunk.bytes` is borrowed for the duration of `receive` only. A chunk may be empty
/// when it only reports a trailing hole (`gapBefore > 0`) at close; its `firstPacket.index` is then
/// `UInt64.max` (no packet carried it). The first chunk of a direction picked up mid-stream has
/// `gapBefore == Int.max` (unknown amount missing). `chunk.time` is the time of the packet that
/// released the bytes (for bytes flushed at close: the close time). All callbacks for one flow
/// happen before `flowClosed` returns; `FlowInfo` never changes during a flow's life.
public protocol StreamHandler {
    associatedtype FlowState
    mutating func flowOpened(_ flow: FlowInfo) -> FlowState
    mutating func receive(_ chunk: StreamChunk, flow: FlowInfo, state: inout FlowState)
    mutating func flowClosed(_ flow: FlowInfo, reason: CloseReason, time: Timestamp, state: inout FlowState)
}
