import Foundation
import Synchronization
import Testing
@testable import Live

@Suite("OrderedHandoff")
struct OrderedHandoffTests {
    @Test("every item reaches the consumer once, in submission order, before finish returns")
    func order() {
        let seen = Mutex<[Int]>([])
        let handoff = OrderedHandoff<Int>(name: "test", batchSize: 7, maxQueuedItems: 16) { i in
            seen.withLock { $0.append(i) }
        }
        for i in 0..<10_000 { handoff.submit(i, bytes: i % 3) }
        handoff.finish()
        #expect(seen.withLock { $0 } == Array(0..<10_000))
    }

    @Test("a slow consumer holds the producer back: never more than the byte bound waits")
    func bounded() {
        let inFlight = Mutex<(queued: Int, maxSeen: Int)>((0, 0))
        let handoff = OrderedHandoff<Int>(name: "test", batchSize: 1, maxQueuedItems: 1_000, maxQueuedBytes: 4_000) { bytes in
            usleep(200)
            inFlight.withLock { $0.queued -= bytes }
        }
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
        let handoff = OrderedHandoff<Int>(name: "test", maxQueuedBytes: 10) { _ in count.withLock { $0 += 1 } }
        handoff.submit(1, bytes: 1_000)
        handoff.submit(2, bytes: 1_000)
        handoff.finish()
        #expect(count.withLock { $0 } == 2)
        OrderedHandoff<Int>(name: "empty") { _ in }.finish()
    }
}
