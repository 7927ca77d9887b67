import Foundation
import Primitives

/// Polls a `ConsentFileSource` on a background thread (`--consent FILE --follow`) and hands each
/// non-empty batch to `handler` (on that thread).
///
/// The interval (default 200 ms) and the sleep function are injected so tests run without
/// waiting on the wall clock. `stop()` returns after the thread has finished its current poll;
/// the source is closed. Safe to call `stop()` more than once.
package final class ConsentFileFollower: @unchecked Sendable {
    package typealias Handler = @Sendable (ConsentFeedBatch) -> Void

    private let lock = NSLock()
    private var source: ConsentFileSource
    private let interval: Duration
    private let sleep: @Sendable (Duration) -> Void
    private let handler: Handler
    private var running = false
    private var stopped = false
    private let finished = DispatchSemaphore(value: 0)
    private var thread: Thread?

    package init(source: ConsentFileSource, interval: Duration = .milliseconds(200),
                 sleep: @escaping @Sendable (Duration) -> Void = { d in
                     let c = d.components
                     usleep(UInt32(min(Int64(c.seconds) * 1_000_000 + c.attoseconds / 1_000_000_000_000, 60_000_000)))
                 },
                 handler: @escaping Handler) {
        self.source = source
        self.interval = interval
        self.sleep = sleep
        self.handler = handler
    }

    /// Starts the polling thread (once).
    package func start() {
        lock.lock()
        defer { lock.unlock() }
        guard !running, !stopped else { return }
        running = true
        let t = Thread { [self] in self.loop() }
        t.name = "consent-file-follower"
        thread = t
        t.start()
    }

    /// One poll, on the caller's thread (also what the loop does).
    package func pollOnce() {
        lock.lock()
        let batch = source.poll()
        lock.unlock()
        if !batch.entries.isEmpty || !batch.problems.isEmpty { handler(batch) }
    }

    /// Stops the loop and waits for it to end.
    package func stop() {
        lock.lock()
        let wasRunning = running && !stopped
        stopped = true
        lock.unlock()
        if wasRunning { finished.wait() }
        lock.lock()
        source.close()
        lock.unlock()
    }

    package var counters: Primitives.CounterSet {
        lock.lock()
        defer { lock.unlock() }
        return source.counters
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    private func loop() {
        while !isStopped {
            pollOnce()
            if isStopped { break }
            sleep(interval)
        }
        finished.signal()
    }
}
