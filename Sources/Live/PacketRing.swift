import Synchronization
import Primitives
import Capture

/// A bounded single-producer single-consumer queue of packets between a capture thread and a worker.
///
/// Packet bytes are copied into one preallocated byte slab (a ring), their descriptors into a
/// preallocated descriptor ring: nothing is allocated per packet. A packet is stored contiguously
/// (the tail of the slab is skipped when a packet does not fit before the end). When either ring is
/// full, `push` refuses the packet and counts it in `droppedFull`; a packet larger than the slab is
/// counted in `droppedTooLarge`. Exactly one thread may call `push` and exactly one other `pop`;
/// the indices are atomics (release/acquire), so neither side takes a lock.
package final class PacketRing: @unchecked Sendable {
    private struct Descriptor {
        var start: UInt64          // monotonic slab position of the first byte
        var end: UInt64            // monotonic slab position after the packet (padding included)
        var length: Int
        var originalLength: Int
        var timestamp: Timestamp
        var linkType: LinkType
    }

    package let slotCount: Int
    package let byteCapacity: Int
    private let slab: UnsafeMutableRawPointer
    private let slots: UnsafeMutablePointer<Descriptor>
    /// Descriptors published by the producer / consumed by the consumer (monotonic).
    private let published = Atomic<Int>(0)
    private let consumed = Atomic<Int>(0)
    /// Slab bytes released by the consumer (monotonic).
    private let freedBytes = Atomic<UInt64>(0)
    // Producer-private.
    private var writeBytes: UInt64 = 0
    private var producerIndex = 0
    /// Packets refused because the queue was full (read from any thread).
    private let fullDrops = Atomic<UInt64>(0)
    private let largeDrops = Atomic<UInt64>(0)

    /// `slots` is rounded up to a power of two (at least 2); `bytes` is at least 64 KiB.
    package init(slots: Int, bytes: Int) {
        var n = 2
        while n < slots { n <<= 1 }
        slotCount = n
        byteCapacity = max(bytes, 1 << 16)
        slab = UnsafeMutableRawPointer.allocate(byteCount: byteCapacity, alignment: 16)
        self.slots = UnsafeMutablePointer<Descriptor>.allocate(capacity: n)
        self.slots.initialize(repeating: Descriptor(start: 0, end: 0, length: 0, originalLength: 0,
                                                    timestamp: .zero, linkType: .ethernet), count: n)
    }

    deinit {
        slab.deallocate()
        slots.deinitialize(count: slotCount)
        slots.deallocate()
    }

    package var droppedFull: UInt64 { fullDrops.load(ordering: .relaxed) }
    package var droppedTooLarge: UInt64 { largeDrops.load(ordering: .relaxed) }
    /// Packets waiting (approximate when read from a third thread).
    package var count: Int { published.load(ordering: .acquiring) - consumed.load(ordering: .acquiring) }

    /// Producer side: copies the packet in, or counts a drop and returns false.
    @discardableResult
    package func push(_ bytes: UnsafeRawBufferPointer, timestamp: Timestamp, originalLength: Int, linkType: LinkType) -> Bool {
        let length = bytes.count
        guard length <= byteCapacity else {
            largeDrops.add(1, ordering: .relaxed)
            return false
        }
        guard producerIndex - consumed.load(ordering: .acquiring) < slotCount else {
            fullDrops.add(1, ordering: .relaxed)
            return false
        }
        let capacity = UInt64(byteCapacity)
        let position = Int(writeBytes % capacity)
        let padding = position + length > byteCapacity ? UInt64(byteCapacity - position) : 0
        let end = writeBytes + padding + UInt64(length)
        guard end - freedBytes.load(ordering: .acquiring) <= capacity else {
            fullDrops.add(1, ordering: .relaxed)
            return false
        }
        let start = writeBytes + padding
        if length > 0, let base = bytes.baseAddress {
            (slab + Int(start % capacity)).copyMemory(from: base, byteCount: length)
        }
        slots[producerIndex & (slotCount - 1)] = Descriptor(
            start: start, end: end, length: length, originalLength: originalLength, timestamp: timestamp, linkType: linkType)
        writeBytes = end
        producerIndex += 1
        published.store(producerIndex, ordering: .releasing)
        return true
    }

    /// Consumer side: the capture time of the oldest packet, or nil when the queue is empty.
    package var oldestTimestamp: Timestamp? {
        let index = consumed.load(ordering: .relaxed)
        guard index < published.load(ordering: .acquiring) else { return nil }
        return slots[index & (slotCount - 1)].timestamp
    }

    /// Consumer side: hands the oldest packet to `body` (bytes borrowed during the call), then frees
    /// its space. Returns false when the queue is empty.
    @discardableResult
    package func pop(_ body: (CapturedPacket) -> Void) -> Bool {
        let index = consumed.load(ordering: .relaxed)
        guard index < published.load(ordering: .acquiring) else { return false }
        let d = slots[index & (slotCount - 1)]
        let bytes = UnsafeRawBufferPointer(start: slab + Int(d.start % UInt64(byteCapacity)), count: d.length)
        body(CapturedPacket(timestamp: d.timestamp, linkType: d.linkType, bytes: bytes,
                            originalLength: d.originalLength, interfaceIndex: 0))
        freedBytes.store(d.end, ordering: .releasing)
        consumed.store(index + 1, ordering: .releasing)
        return true
    }
}
