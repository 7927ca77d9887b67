import Primitives

/// One entry of the flow table: identity, roles and both directions. Not generic on purpose: the
/// handler's state lives in a parallel array of the reassembler, so that this hot storage has a
/// concrete layout even when the reassembler is used unspecialised from another module.
struct FlowSlot {
    enum List { case free, active, closed }

    // Hot fields first (read or written for every segment), the rest after them.
    var key: FlowKey
    /// Latest packet time seen on the flow (open flows), or the close time (closed flows).
    var lastActivity: Timestamp
    /// `lastActivity` when the flow was last moved to the front of the active list.
    var movedAt = Timestamp.zero
    var prev: Int32 = -1
    var next: Int32 = -1
    var list: List = .active
    /// Whether the client is `key.a`.
    var clientIsA: Bool
    var client = HalfStream()
    var server = HalfStream()
    var info: FlowInfo

    init(key: FlowKey, info: FlowInfo, clientIsA: Bool, lastActivity: Timestamp) {
        self.key = key
        self.info = info
        self.clientIsA = clientIsA
        self.lastActivity = lastActivity
    }
}

/// The reassembler's table: one hash lookup per segment maps the canonical key to a slot (see `FlowTable+Index`).
/// Slot indices are stable while a flow is in the table (the reassembler keys its state array by them).
///
/// Slots live in a contiguous array and are reused through a free list. Two intrusive doubly linked
/// lists order them: `active` (most recently touched first; its tail is the least recently active
/// flow, used for idle expiry and eviction) and `closed` (most recently closed first; expired after
/// the linger time). Touching a flow is O(1) and re-links it at most once per `touchGranularity` of
/// packet time (re-linking costs a few cache misses per packet); `settleTail()` then gives the tail
/// a second chance before it is expired or evicted, so the order is exact to within that granularity.
struct FlowTable {
    var buckets = ContiguousArray<UInt64>(repeating: emptyBucket, count: 64)
    var bucketMask = 63
    var indexCount = 0
    let hashSeed = UInt64.random(in: .min ... .max)
    var slots: ContiguousArray<FlowSlot> = []
    /// The slot `find` returned last (-1: none); reset when that slot is freed.
    var lastFound = -1
    private var freeSlots: [Int32] = []
    private(set) var activeHead: Int32 = -1
    private(set) var activeTail: Int32 = -1
    private(set) var closedHead: Int32 = -1
    private(set) var closedTail: Int32 = -1
    private(set) var activeCount = 0
    let touchGranularity: Int64 = 1_000_000_000

    var count: Int { indexCount }

    /// Adds a flow at the head of the active list and returns its slot.
    mutating func insert(_ slot: FlowSlot) -> Int {
        let i: Int
        if let free = freeSlots.popLast() {
            i = Int(free)
            slots[i] = slot
        } else {
            i = slots.count
            slots.append(slot)
        }
        indexInsert(slot.key, slot: i)
        slots[i].list = .active
        slots[i].movedAt = slots[i].lastActivity
        pushFront(i, list: .active)
        return i
    }

    /// Drops a flow from the table entirely (its slot becomes free).
    mutating func remove(_ i: Int) {
        if lastFound == i { lastFound = -1 }
        unlink(i)
        indexRemove(slots[i].key, slot: i)
        slots[i].client = HalfStream()
        slots[i].server = HalfStream()
        slots[i].list = .free
        freeSlots.append(Int32(i))
    }

    /// Marks an open flow as recently active.
    @inline(__always)
    mutating func touch(_ i: Int, time: Timestamp) {
        if slots[i].lastActivity < time { slots[i].lastActivity = time }
        if slots[i].lastActivity.nanoseconds &- slots[i].movedAt.nanoseconds >= touchGranularity,
           activeHead != Int32(i) {
            unlink(i)
            pushFront(i, list: .active)
            slots[i].movedAt = slots[i].lastActivity
        }
    }

    /// Moves flows at the tail that were touched since their last move to the front, until the tail
    /// is a flow whose position is current; returns it (or -1 when no flow is open).
    mutating func settleTail() -> Int {
        while activeTail >= 0 {
            let t = Int(activeTail)
            guard slots[t].movedAt < slots[t].lastActivity else { return t }
            unlink(t)
            pushFront(t, list: .active)
            slots[t].movedAt = slots[t].lastActivity
        }
        return -1
    }

    /// Moves an open flow to the closed list, stamped with its close time.
    mutating func markClosed(_ i: Int, time: Timestamp) {
        unlink(i)
        slots[i].lastActivity = time
        slots[i].list = .closed
        pushFront(i, list: .closed)
    }

    private mutating func pushFront(_ i: Int, list: FlowSlot.List) {
        let n = Int32(i)
        slots[i].prev = -1
        switch list {
        case .active:
            slots[i].next = activeHead
            if activeHead >= 0 { slots[Int(activeHead)].prev = n } else { activeTail = n }
            activeHead = n
            activeCount += 1
        case .closed:
            slots[i].next = closedHead
            if closedHead >= 0 { slots[Int(closedHead)].prev = n } else { closedTail = n }
            closedHead = n
        case .free:
            preconditionFailure("free slots are not linked")
        }
        slots[i].list = list
    }

    private mutating func unlink(_ i: Int) {
        let p = slots[i].prev, n = slots[i].next
        switch slots[i].list {
        case .active:
            if p >= 0 { slots[Int(p)].next = n } else { activeHead = n }
            if n >= 0 { slots[Int(n)].prev = p } else { activeTail = p }
            activeCount -= 1
        case .closed:
            if p >= 0 { slots[Int(p)].next = n } else { closedHead = n }
            if n >= 0 { slots[Int(n)].prev = p } else { closedTail = p }
        case .free:
            return
        }
        slots[i].prev = -1
        slots[i].next = -1
        slots[i].list = .free
    }
}
