import Foundation

/// Hands items from one producer thread to worker threads and delivers the results in submission
/// order: the producer (the packet loop) goes on decoding while the workers run `transform` (the
/// costly, independent part: analysis, serialisation) in parallel, and `deliver` (the part that needs
/// order: counting, alerting, writing) runs for one batch at a time, in order: a finished batch is
/// parked until the batches before it are delivered, and workers run at most `4 x workers` batches
/// ahead of delivery. Items travel in batches (`batchSize`) to keep locking rare.
///
/// Bounded two ways: at most `maxQueuedItems` items and `maxQueuedBytes` bytes (the weight the
/// producer declares per item, e.g. a retained body) wait at once, plus the batches the workers
/// hold; `submit` blocks while the queue is full, so memory stays bounded whatever the speed
/// difference. Nothing is dropped. `finish` hands over what is left and waits until every result
/// has been delivered.
package final class OrderedHandoff<Item: Sendable, Result>: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [(sequence: Int, items: [Item], bytes: Int)] = []
    private var queuedItems = 0
    private var queuedBytes = 0
    private var nextSequence = 0      // producer side, under the lock
    private var nextToDeliver = 0     // under the lock
    private var ready: [Int: [Result]] = [:]   // finished batches waiting for their turn, under the lock
    private var delivering = false    // a worker is delivering, under the lock
    private var closed = false
    private var pending: [Item] = []  // producer side only
    private var pendingBytes = 0      // producer side only
    private let batchSize: Int
    private let maxQueuedItems: Int
    private let maxQueuedBytes: Int
    private var workers: [LiveThread] = []
    private let maxAhead: Int

    /// Starts `workers` threads (at least one). `transform` may run concurrently on several items
    /// (it is told which worker, 0..<workers, runs it: per-worker state needs no lock); `deliver`
    /// never runs concurrently and sees results in submission order.
    package init(name: String, workers: Int = 1, batchSize: Int = 64, maxQueuedItems: Int = 4096,
                 maxQueuedBytes: Int = 64 << 20, transform: @escaping @Sendable (_ item: Item, _ worker: Int) -> Result,
                 deliver: @escaping @Sendable (Result) -> Void) {
        self.batchSize = max(1, batchSize)
        self.maxQueuedItems = max(self.batchSize, maxQueuedItems)
        self.maxQueuedBytes = maxQueuedBytes
        maxAhead = 4 * max(1, workers)
        for i in 0..<max(1, workers) {
            self.workers.append(LiveThread.spawn(name: "\(name)-\(i)") { [unowned self] in
                while let (sequence, batch, bytes) = self.take() {
                    let results = batch.map { transform($0, i) }
                    self.release(items: batch.count, bytes: bytes)
                    self.complete(sequence, results, deliver)
                }
            })
        }
    }

    /// Queues `item` (weighing `bytes`); blocks while the queue is full.
    package func submit(_ item: Item, bytes: Int = 0) {
        pending.append(item)
        pendingBytes += bytes
        if pending.count >= batchSize || pendingBytes >= maxQueuedBytes / 4 { flush() }
    }

    /// Hands over the last partial batch, then waits until every result has been delivered.
    package func finish() {
        flush()
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
        for w in workers { w.join() }
        workers = []
    }

    private func flush() {
        guard !pending.isEmpty else { return }
        let batch = pending, bytes = pendingBytes
        pending.removeAll(keepingCapacity: true)
        pendingBytes = 0
        condition.lock()
        // Wait for room; an empty queue always takes a batch, however heavy, so nothing deadlocks.
        while queuedItems > 0, queuedItems + batch.count > maxQueuedItems || queuedBytes + bytes > maxQueuedBytes {
            condition.wait()
        }
        queue.append((nextSequence, batch, bytes))
        nextSequence += 1
        queuedItems += batch.count
        queuedBytes += bytes
        condition.broadcast()
        condition.unlock()
    }

    private func take() -> (Int, [Item], Int)? {
        condition.lock()
        defer { condition.unlock() }
        // A worker runs ahead of delivery by a bounded number of batches, so parked results stay bounded.
        while queue.isEmpty || queue[0].sequence >= nextToDeliver + maxAhead {
            if queue.isEmpty, closed { return nil }
            condition.wait()
        }
        let next = queue.removeFirst()
        return (next.sequence, next.items, next.bytes)
    }

    private func release(items: Int, bytes: Int) {
        condition.lock()
        queuedItems -= items
        queuedBytes -= bytes
        condition.broadcast()
        condition.unlock()
    }

    /// Parks a finished batch; whichever worker finds the next batch in order ready delivers it and
    /// every ready batch after it, while the others go on transforming (nobody waits for a turn).
    private func complete(_ sequence: Int, _ results: [Result], _ deliver: (Result) -> Void) {
        condition.lock()
        ready[sequence] = results
        guard !delivering else { condition.unlock(); return }
        delivering = true
        while let batch = ready.removeValue(forKey: nextToDeliver) {
            nextToDeliver += 1
            condition.unlock()
            for r in batch { deliver(r) }
            condition.lock()
        }
        delivering = false
        condition.broadcast()
        condition.unlock()
    }
}
