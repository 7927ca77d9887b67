/// The handler's per-flow values, indexed by flow-table slot, in manually managed memory.
///
/// Why not an array of optionals: the reassembler is generic over its handler and runs unspecialised
/// when called from another module; every access to `[State?]` then looks up generic metadata
/// (measured: a fifth of the in-order cost). A typed pointer needs only `State`'s own metadata.
/// Reference type on purpose (it owns the memory): copies of a `TCPReassembler` share it, so use
/// one reassembler value per pipeline, as a stage is meant to be used.
final class FlowStateStore<State> {
    private(set) var base: UnsafeMutablePointer<State>
    private var capacity: Int
    /// Which slots hold an initialised value.
    private var live: [Bool] = []

    init() {
        capacity = 16
        base = .allocate(capacity: capacity)
        live = Array(repeating: false, count: capacity)
    }

    deinit {
        for i in 0..<capacity where live[i] { (base + i).deinitialize(count: 1) }
        base.deallocate()
    }

    /// Stores `value` for a slot that holds none (growing the storage when needed).
    func initialize(_ slot: Int, to value: State) {
        if slot >= capacity { grow(toInclude: slot) }
        precondition(!live[slot], "flow state slot \(slot) already in use")
        (base + slot).initialize(to: value)
        live[slot] = true
    }

    /// Destroys the value of a slot, if any.
    func release(_ slot: Int) {
        guard slot < capacity, live[slot] else { return }
        (base + slot).deinitialize(count: 1)
        live[slot] = false
    }

    private func grow(toInclude slot: Int) {
        var newCapacity = capacity
        while newCapacity <= slot { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<State>.allocate(capacity: newCapacity)
        for i in 0..<capacity where live[i] { (newBase + i).moveInitialize(from: base + i, count: 1) }
        base.deallocate()
        base = newBase
        live += Array(repeating: false, count: newCapacity - capacity)
        capacity = newCapacity
    }
}
