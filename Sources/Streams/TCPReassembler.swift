import Primitives

/// Reassembles both directions of every TCP connection into ordered `StreamChunk`s for a `StreamHandler`.
///
/// Input: `TCPSegment`s in capture order; their payload is borrowed for the call only. Time comes from
/// `segment.packet.time` alone, so the same capture always gives the same chunks.
///
/// Policies (an observer's, not an endpoint's: nothing is rejected for being odd, it is counted):
/// - **Sync**: a direction starts at its SYN (data in the SYN, TCP Fast Open, is delivered), at the
///   peer's SYN+ACK acknowledgment number, or mid-stream at its first data segment, whose chunk then
///   has `gapBefore == Int.max` (`tcp_midstream_pickup`). If the peer's ACK was seen first, the
///   direction starts at that acknowledgment number instead, so its first captured segments may be
///   out of order; without one, an earlier segment arriving second counts as a retransmission.
/// - **Roles**: SYN without ACK => sender is the client; SYN+ACK => sender is the server (so a
///   handshake reordered in the capture still gives the right roles); otherwise port evidence (a
///   well-known port < 1024 or a common service port such as 80, 443, 8000, 8080, 8443 is the
///   server; the lower one when both are), else the first packet's sender is the client.
///   `FlowInfo.roleEvidence` records which rule applied.
/// - **Overlaps: first data wins.** In-order bytes are handed on straight from the borrowed payload
///   and never revisited, so a later retransmission of delivered bytes is dropped
///   (`tcp_retransmission`, `tcp_overlap` when partial) without comparison. Out-of-order bytes are
///   copied into a bounded buffer; a later segment overlapping them is compared and its bytes dropped,
///   and a difference counts `tcp_overlap_conflict`.
/// - **Holes** are declared lost, reported with the next chunk's `gapBefore`, and delivery continues
///   after them when (a) the peer ACKs past the hole (`tcp_hole_skipped_by_ack`): at once when bytes
///   after the hole are buffered, else when the next later bytes arrive (an ACK may precede the data it
///   acknowledges in a capture merged from two taps, and such data is still delivered), (b) buffering the
///   next out-of-order segment would exceed the per-direction or total cap
///   (`tcp_buffer_flow_cap_exceeded`, `tcp_buffer_total_cap_exceeded`), or (c) the flow closes (FIN
///   from both sides, RST, idle timeout, eviction, end of capture). A hole still pending when the flow
///   closes is reported by an empty chunk. Bytes of a hole that arrive after it was declared lost are
///   dropped as retransmissions.
/// - **FIN**: a flow closes with `.fin` once both directions sent FIN and every byte before each FIN
///   was delivered or declared lost. Data beyond a FIN is dropped (`tcp_data_after_fin`).
/// - **RST** closes the flow at once with `.rst` after flushing buffered data. Payload carried by the
///   RST itself is not delivered (`tcp_rst_data_ignored`): RFC 9293 §3.5.3 makes RST data diagnostic
///   text, not stream data, and Suricata also ignores it by default. A RST for an unknown flow opens
///   nothing (`tcp_rst_without_flow`).
/// - **Closed flows linger** for `closedFlowLinger` so late ACKs and retransmissions are dropped
///   (`tcp_data_after_close`) instead of opening a mid-stream flow; a new SYN on a closed or open
///   flow's 4-tuple with a different initial sequence number starts a new flow (`tcp_port_reuse`; an
///   open one is closed with `.evicted`).
/// - **Idle**: flows without a segment for `idleTimeout` of packet time close with `.idleTimeout`;
///   checked at most once per second of packet time from `process`, and on `expireIdle(now:)`;
///   precise to about a second (see `FlowTable`). When `maxFlows` is reached, the oldest lingering
///   closed flow is recycled, else the least recently active open flow is evicted.
///
/// Copies of a reassembler share their handler states (see `FlowStateStore`): use one value.
///
/// Cost: one hash lookup per segment; an in-order segment with nothing buffered is handed on
/// without copying or allocating. Memory is bounded by `StreamLimits`.
public struct TCPReassembler<Handler: StreamHandler> {
    public var handler: Handler
    let limits: StreamLimits
    var table = FlowTable()
    /// The handler's value per table slot (open flows only).
    let states = FlowStateStore<Handler.FlowState>()
    /// `states.base`, kept here so the hot path reads a struct field (no dynamic exclusivity check).
    var stateBase: UnsafeMutablePointer<Handler.FlowState>
    var stats = StreamCounters()
    /// Out-of-order bytes buffered over all flows.
    var totalBuffered = 0
    var nextFlowID: UInt64 = 1
    private var nextExpiryCheck: Int64 = .min

    public init(handler: Handler, limits: StreamLimits = StreamLimits()) {
        self.handler = handler
        self.limits = limits
        self.stateBase = states.base
    }

    /// Counters by stable snake_case name (only non-zero ones are present).
    public var counters: CounterSet { stats.counterSet }

    /// Open flows (not counting closed flows that linger in the table).
    public var activeFlowCount: Int { table.activeCount }

    /// Out-of-order bytes currently buffered over all flows.
    public var bufferedByteCount: Int { totalBuffered }

    /// Feeds one segment; `segment.payload` is borrowed for this call only.
    public mutating func process(_ segment: TCPSegment) {
        let now = segment.packet.time
        // Sweep once per second of packet time (and again if time jumped back by more than that).
        if now.nanoseconds >= nextExpiryCheck || now.nanoseconds < nextExpiryCheck &- 2_000_000_000 {
            expireIdle(now: now)
            nextExpiryCheck = now.nanoseconds &+ 1_000_000_000
        }
        let flags = segment.flags
        let (key, sourceIsA) = FlowKey.make(source: segment.source, destination: segment.destination)
        var slot = -1
        if let found = table.find(key) {
            let newSYN = flags.hasSYN && !flags.hasACK
            if table.slots[found].list == .closed {
                guard newSYN else {
                    if !segment.payload.isEmpty { stats.dataAfterClose += 1 }
                    return
                }
                table.remove(found)
                stats.portReuse += 1
            } else if newSYN, startsNewConnection(found, sourceIsA: sourceIsA, seq: segment.sequenceNumber) {
                closeFlow(found, reason: .evicted, time: now, linger: false)
                stats.portReuse += 1
            } else {
                slot = found
            }
        } else if flags.hasRST {
            stats.rstWithoutFlow += 1
            return
        }
        if slot < 0 { slot = openFlow(segment, key: key, sourceIsA: sourceIsA) }
        table.touch(slot, time: now)
        handle(segment, slot: slot, fromClient: sourceIsA == table.slots[slot].clientIsA)
    }

    /// One segment of a known open flow.
    private mutating func handle(_ segment: TCPSegment, slot: Int, fromClient: Bool) {
        let flags = segment.flags
        let now = segment.packet.time
        if flags.hasRST {
            if !segment.payload.isEmpty { stats.rstDataIgnored += 1 }
            closeFlow(slot, reason: .rst, time: now, linger: true)
            return
        }
        let direction: Direction = fromClient ? .clientToServer : .serverToClient
        var seq = SequenceNumber(segment.sequenceNumber)
        if flags.hasSYN || !segment.payload.isEmpty || flags.hasFIN {
            var sender = takeHalf(slot, direction)
            if flags.hasSYN {
                if !sender.synced {
                    sender.synced = true
                    sender.next = seq.advanced(by: 1)
                }
                if sender.isn == nil { sender.isn = seq }
                seq = seq.advanced(by: 1)
            }
            if !segment.payload.isEmpty || flags.hasFIN {
                if !sender.synced {
                    sender.synced = true
                    sender.next = seq
                    // The peer acknowledged up to `hint`: the data from there on may come out of order.
                    if let hint = sender.ackHint, case let ahead = seq.distance(from: hint), ahead > 0,
                       ahead <= limits.maxBufferedBytesPerFlow {
                        sender.next = hint
                    }
                    if !segment.payload.isEmpty {   // a bare FIN says nothing about missing data
                        sender.addGap(.max)
                        stats.midstreamPickup += 1
                    }
                }
                if flags.hasFIN, sender.finSeq == nil {
                    sender.finSeq = seq.advanced(by: segment.payload.count)
                }
                if !segment.payload.isEmpty {
                    accept(segment.payload, at: seq, half: &sender, slot: slot, direction: direction,
                           packet: segment.packet)
                }
            }
            putHalf(&sender, slot, direction)
        }
        if flags.hasACK {
            acknowledge(SequenceNumber(segment.acknowledgmentNumber), slot: slot, direction: direction.reversed,
                        synAck: flags.hasSYN, time: now)
        }
        if table.slots[slot].client.finished, table.slots[slot].server.finished {
            closeFlow(slot, reason: .fin, time: now, linger: true)
        }
    }

    /// The peer acknowledged `ack` for `direction`: syncs it from a SYN+ACK, or declares holes lost.
    private mutating func acknowledge(_ ack: SequenceNumber, slot: Int, direction: Direction, synAck: Bool,
                                      time: Timestamp) {
        let synced: Bool, next: SequenceNumber, fin: SequenceNumber?, hasAckedBeyond: Bool
        switch direction {
        case .clientToServer:
            (synced, next, fin, hasAckedBeyond) = (table.slots[slot].client.synced, table.slots[slot].client.next,
                                                   table.slots[slot].client.finSeq,
                                                   table.slots[slot].client.ackedBeyond != nil)
        case .serverToClient:
            (synced, next, fin, hasAckedBeyond) = (table.slots[slot].server.synced, table.slots[slot].server.next,
                                                   table.slots[slot].server.finSeq,
                                                   table.slots[slot].server.ackedBeyond != nil)
        }
        guard synced else {
            guard synAck else {
                switch direction {
                case .clientToServer: table.slots[slot].client.ackHint = ack
                case .serverToClient: table.slots[slot].server.ackHint = ack
                }
                return
            }
            var half = takeHalf(slot, direction)
            half.synced = true
            half.next = ack
            half.isn = ack.advanced(by: -1)
            putHalf(&half, slot, direction)
            return
        }
        var target = ack
        if let fin, target.distance(from: fin) > 0 { target = fin }
        let ahead = target.distance(from: next)
        guard ahead > 0, ahead < 1 << 30 else {
            // Caught up: drop stale evidence before sequence numbers wrap and make it look new.
            if hasAckedBeyond, ahead <= 0 {
                switch direction {
                case .clientToServer: table.slots[slot].client.ackedBeyond = nil
                case .serverToClient: table.slots[slot].server.ackedBeyond = nil
                }
            }
            return
        }
        var half = takeHalf(slot, direction)
        if half.segments.isEmpty {
            // Nothing seen after the hole yet: the data may only be late in the capture (directions
            // merged from two taps). Remember the evidence; `accept` and `flush` act on it.
            if half.ackedBeyond.map({ target.distance(from: $0) > 0 }) ?? true { half.ackedBeyond = target }
        } else {
            stats.holeSkippedByAck += 1
            advance(to: target, half: &half, slot: slot, direction: direction, time: time)
        }
        putHalf(&half, slot, direction)
    }

    /// Whether a SYN (without ACK) on an open flow starts a new connection rather than repeating one.
    private func startsNewConnection(_ slot: Int, sourceIsA: Bool, seq: UInt32) -> Bool {
        let fromClient = sourceIsA == table.slots[slot].clientIsA
        let isn = fromClient ? table.slots[slot].client.isn : table.slots[slot].server.isn
        return isn != SequenceNumber(seq)
    }

    /// Client/server assignment for a flow's first segment (see the type's doc comment).
    static func roles(of segment: TCPSegment) -> (sourceIsClient: Bool, evidence: RoleEvidence) {
        let flags = segment.flags
        if flags.hasSYN { return flags.hasACK ? (false, .synAck) : (true, .syn) }
        let s = segment.source.port, d = segment.destination.port
        switch (isServicePort(s), isServicePort(d)) {
        case (true, false): return (false, .portHeuristic)
        case (false, true): return (true, .portHeuristic)
        case (true, true) where s != d: return (d < s, .portHeuristic)
        default: return (true, .firstPacket)
        }
    }
}

// MARK: Flag tests without the cross-module static accessors of `TCPFlags` (measured on the hot path).

extension TCPFlags {
    @inline(__always) var hasSYN: Bool { rawValue & 0x002 != 0 }
    @inline(__always) var hasFIN: Bool { rawValue & 0x001 != 0 }
    @inline(__always) var hasRST: Bool { rawValue & 0x004 != 0 }
    @inline(__always) var hasACK: Bool { rawValue & 0x010 != 0 }
}

/// Well-known ports (1-1023) and common service ports that are not ephemeral client ports.
private func isServicePort(_ port: UInt16) -> Bool {
    if port > 0, port < 1024 { return true }
    switch port {
    case 1080, 1433, 1521, 2375, 3000, 3128, 3306, 5000, 5432, 5601, 6379, 8000, 8008, 8080, 8081, 8088,
         8443, 8888, 9000, 9090, 9200, 9443: return true
    default: return false
    }
}
