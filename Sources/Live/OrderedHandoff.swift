import Foundation

/// Hands items from one producer thread to one consumer thread, in order, through a bounded queue:
/// the producer (the packet loop) goes on decoding while the consumer (analysis and output) works
/// on what came before. Items travel in batches (`batchSize`) to keep locking rare.
///
/// Bounded two ways: at most `maxQueuedItems` items and `maxQueuedBytes` bytes (the weight the
/// producer declares per item, e.g. a retained body) wait at once; `submit` blocks while the
/// queue is full, so memory stays bounded whatever the speed difference. Nothing is dropped.
/// `finish` hands over what is left and waits until the consumer has handled every item.
package final class OrderedHandoff<Item: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [(items: [Item], bytes: Int)] = []
    private var queuedItems = 0
    private var queuedBytes = 0
    private var batchBytes = 0
    private var closed = false
    private var pending: [Item] = []   // producer side only
    private let batchSize: Int
    private let maxQueuedItems: Int
    private let maxQueuedBytes: Int
    private var consumer: LiveThread?

    /// Starts the consumer thread, which calls `consume` for every item in submission order.
    package init(name: String, batchSize: Int = 64, maxQueuedItems: Int = 4096, maxQueuedBytes: Int = 64 << 20,
                 consume: @escaping @Sendable (Item) -> Void) {
        self.batchSize = max(1, batchSize)
        self.maxQueuedItems = max(self.batchSize, maxQueuedItems)
        self.maxQueuedBytes = maxQueuedBytes
        consumer = LiveThread.spawn(name: name) { [unowned self] in
            while let (batch, bytes) = self.take() {
                for item in batch { consume(item) }
                self.release(items: batch.count, bytes: bytes)
            }
        }
    }

    /// Queues `item` (weighing `bytes`); blocks while the queue is full.
    package func submit(_ item: Item, bytes: Int = 0) {
        pending.append(item)
        batchBytes += bytes
        if pending.count >= batchSize || batchBytes >= maxQueuedBytes / 4 { flush() }
    }

    /// Hands over the last partial batch, then waits until the consumer has handled everything.
    package func finish() {
        flush()
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
        consumer?.join()
        consumer = nil
    }

    private func flush() {
        guard !pending.isEmpty else { return }
        let batch = pending, bytes = batchBytes
        pending.removeAll(keepingCapacity: true)
        batchBytes = 0
        condition.lock()
        // Wait for room; an empty queue always takes a batch, however heavy, so nothing deadlocks.
        while queuedItems > 0, queuedItems + batch.count > maxQueuedItems || queuedBytes + bytes > maxQueuedBytes {
            condition.wait()
        }
        queue.append((batch, bytes))
        queuedItems += batch.count
        queuedBytes += bytes
        condition.broadcast()
        condition.unlock()
    }

    private func take() -> ([Item], Int)? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty {
            if closed { return nil }
            condition.wait()
        }
        let next = queue.removeFirst()
        return (next.items, next.bytes)
    }

    private func release(items: Int, bytes: Int) {
        condition.lock()
        queuedItems -= items
        queuedBytes -= bytes
        condition.broadcast()
        condition.unlock()
    }
}
