import Primitives

// MARK: Opening, closing, expiring and evicting flows.

extension TCPReassembler {
    /// Closes every flow that saw no segment for `limits.idleTimeout` (reason `.idleTimeout`, close
    /// time `now`) and forgets closed flows older than `limits.closedFlowLinger`.
    ///
    /// Walks the least recently active end of the table only, so a call costs O(flows expired) plus
    /// the flows re-linked lazily (each at most once per second of packet time it was active).
    public mutating func expireIdle(now: Timestamp) {
        while true {
            let i = table.settleTail()
            guard i >= 0, table.slots[i].lastActivity.nanoseconds &+ limits.idleTimeout <= now.nanoseconds else { break }
            stats.idleTimeout += 1
            closeFlow(i, reason: .idleTimeout, time: now, linger: false)
        }
        while table.closedTail >= 0 {
            let i = Int(table.closedTail)
            guard table.slots[i].lastActivity.nanoseconds &+ limits.closedFlowLinger <= now.nanoseconds else { break }
            table.remove(i)
        }
    }

    /// Flushes and closes every open flow with `.endOfCapture` (in order of flow id) and empties the table.
    public mutating func finish(now: Timestamp) {
        var open: [(id: UInt64, slot: Int)] = []
        var i = table.activeHead
        while i >= 0 {
            open.append((table.slots[Int(i)].info.id, Int(i)))
            i = table.slots[Int(i)].next
        }
        open.sort { $0.id < $1.id }
        for (_, slot) in open { closeFlow(slot, reason: .endOfCapture, time: now, linger: false) }
        while table.closedTail >= 0 { table.remove(Int(table.closedTail)) }
    }

    /// Creates a flow for `segment` (making room first when the table is full) and tells the handler.
    mutating func openFlow(_ segment: TCPSegment, key: FlowKey, sourceIsA: Bool) -> Int {
        if table.count >= limits.maxFlows { makeRoom(now: segment.packet.time) }
        let (sourceIsClient, evidence) = Self.roles(of: segment)
        let info = FlowInfo(id: nextFlowID,
                            client: sourceIsClient ? segment.source : segment.destination,
                            server: sourceIsClient ? segment.destination : segment.source,
                            roleEvidence: evidence, firstPacket: segment.packet)
        nextFlowID += 1
        stats.flows += 1
        let state = handler.flowOpened(info)
        let slot = table.insert(FlowSlot(key: key, info: info, clientIsA: sourceIsClient == sourceIsA,
                                         lastActivity: segment.packet.time))
        states.initialize(slot, to: state)
        stateBase = states.base
        return slot
    }

    /// Frees one table entry: the oldest closed flow if any, else the least recently active open flow.
    private mutating func makeRoom(now: Timestamp) {
        if table.closedTail >= 0 {
            table.remove(Int(table.closedTail))
        } else {
            let i = table.settleTail()
            guard i >= 0 else { return }
            stats.flowCapEvicted += 1
            closeFlow(i, reason: .evicted, time: now, linger: false)
        }
    }

    /// Flushes both directions, tells the handler, then keeps the entry as closed (`linger`) or drops it.
    mutating func closeFlow(_ slot: Int, reason: CloseReason, time: Timestamp, linger: Bool) {
        flushDirection(slot, .clientToServer, time: time)
        flushDirection(slot, .serverToClient, time: time)
        let info = table.slots[slot].info
        handler.flowClosed(info, reason: reason, time: time, state: &stateBase[slot])
        states.release(slot)
        if linger { table.markClosed(slot, time: time) } else { table.remove(slot) }
    }

    private mutating func flushDirection(_ slot: Int, _ direction: Direction, time: Timestamp) {
        var half = takeHalf(slot, direction)
        flush(half: &half, slot: slot, direction: direction, time: time)
        putHalf(&half, slot, direction)
    }

    /// Moves one direction's state out of the table (leaving an empty value) without copying its buffer.
    @inline(__always)
    mutating func takeHalf(_ slot: Int, _ direction: Direction) -> HalfStream {
        var half = HalfStream()
        switch direction {
        case .clientToServer: swap(&half, &table.slots[slot].client)
        case .serverToClient: swap(&half, &table.slots[slot].server)
        }
        return half
    }

    /// Puts back a direction's state taken with `takeHalf`.
    @inline(__always)
    mutating func putHalf(_ half: inout HalfStream, _ slot: Int, _ direction: Direction) {
        switch direction {
        case .clientToServer: swap(&half, &table.slots[slot].client)
        case .serverToClient: swap(&half, &table.slots[slot].server)
        }
    }
}
