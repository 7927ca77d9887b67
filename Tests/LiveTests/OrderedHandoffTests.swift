import Foundation
import Synchronization
import Testing
@testable import Live

@Suite("OrderedHandoff")
struct OrderedHandoffTests {
    @Test("every result is delivered once, in submission order, before finish returns, with 1, 2 or 4 workers")
    func order() {
        for workers in [1, 2, 4] {
            let seen = Mutex<[Int]>([])
            let handoff = OrderedHandoff<Int, Int>(
                name: "test", workers: workers, batchSize: 7, maxQueuedItems: 16,
                transform: { i, worker in
                    precondition((0..<workers).contains(worker))
                    if i % 97 == 0 { usleep(50) }   // uneven work: later batches often finish first
                    return i * 2
                },
                deliver: { r in seen.withLock { $0.append(r) } })
            for i in 0..<10_000 { handoff.submit(i, bytes: i % 3) }
            handoff.finish()
            #expect(seen.withLock { $0 } == (0..<10_000).map { $0 * 2 }, "workers \(workers)")
        }
    }

    @Test("a slow consumer holds the producer back: never more than the byte bound waits")
    func bounded() {
        let inFlight = Mutex<(queued: Int, maxSeen: Int)>((0, 0))
        let handoff = OrderedHandoff<Int, Int>(name: "test", batchSize: 1, maxQueuedItems: 1_000, maxQueuedBytes: 4_000,
                                               transform: { item, _ in usleep(200); return item },
                                               deliver: { bytes in inFlight.withLock { $0.queued -= bytes } })
        for _ in 0..<300 {
            inFlight.withLock { $0.queued += 1_000; $0.maxSeen = max($0.maxSeen, $0.queued) }
            handoff.submit(1_000, bytes: 1_000)
        }
        handoff.finish()
        // Queued bytes (4,000) + the batch being handed over + the one being consumed.
        #expect(inFlight.withLock { $0.maxSeen } <= 6_000)
        #expect(inFlight.withLock { $0.queued } == 0)
    }

    @Test("an item heavier than the whole bound still passes (no deadlock); finish without items returns")
    func heavyItem() {
        let count = Mutex(0)
        let handoff = OrderedHandoff<Int, Int>(name: "test", workers: 2, maxQueuedBytes: 10, transform: { item, _ in item },
                                               deliver: { _ in count.withLock { $0 += 1 } })
        handoff.submit(1, bytes: 1_000)
        handoff.submit(2, bytes: 1_000)
        handoff.finish()
        #expect(count.withLock { $0 } == 2)
        OrderedHandoff<Int, Int>(name: "empty", transform: { item, _ in item }, deliver: { _ in }).finish()
    }
}
