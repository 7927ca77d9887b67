import Foundation
import Primitives

/// Takes alerts from the pipeline and delivers them to every sink, de-duplicated, off the
/// pipeline's thread.
///
/// `post` never blocks: alerts go into a bounded queue (`queueCapacity`, default 10 000); when it
/// is full the alert is dropped and counted (`alert_queue_dropped`). One background thread takes
/// them in order, passes them through the `AlertDeduplicator` and sends each survivor to every
/// sink; a sink that throws is counted (`alert_sink_errors`) and the others still get the alert
/// (the webhook sink logs its own give-up line; other sink errors are logged through `log`, at most
/// once per sink until it succeeds again). `close()` drains the queue, sends the de-duplicator's
/// repeat summaries, flushes the sinks and stops the thread. With `threaded: false` everything
/// happens inside `post` (file replays, tests).
package final class AlertDispatcher: @unchecked Sendable {
    private let sinks: [any AlertSink]
    private let capacity: Int
    private let threaded: Bool
    private let log: @Sendable (String) -> Void
    private let condition = NSCondition()
    private var queue: [Alert] = []
    private var head = 0
    private var closing = false
    private var closed = false
    private var dedup: AlertDeduplicator
    private var stats = CounterSet()
    private var failing: Set<Int> = []
    private let finished = DispatchSemaphore(value: 0)

    package init(sinks: [any AlertSink], dedupWindowSeconds: Double = 300, queueCapacity: Int = 10_000,
                 threaded: Bool = true, log: @escaping @Sendable (String) -> Void = WebhookAlertSink.standardError) {
        self.sinks = sinks
        self.capacity = max(1, queueCapacity)
        self.threaded = threaded
        self.log = log
        dedup = AlertDeduplicator(windowSeconds: dedupWindowSeconds)
        if threaded {
            let t = Thread { [self] in self.run() }
            t.name = "consent-alerts"
            t.start()
        }
    }

    /// Queues one alert (or, unthreaded, delivers it now).
    package func post(_ alert: Alert) {
        condition.lock()
        guard !closing else {
            stats.add("alert_posted_after_close")
            condition.unlock()
            return
        }
        stats.add("alert_posted")
        if !threaded {
            condition.unlock()
            deliver(alert)
            return
        }
        if queue.count - head >= capacity {
            stats.add("alert_queue_dropped")
            condition.unlock()
            return
        }
        queue.append(alert)
        condition.signal()
        condition.unlock()
    }

    /// Drains, sends repeat summaries, flushes sinks, stops. Idempotent.
    package func close() {
        condition.lock()
        if closed {
            condition.unlock()
            return
        }
        closing = true
        closed = true
        condition.broadcast()
        condition.unlock()
        if threaded { finished.wait() }
        condition.lock()
        let summaries = dedup.flush()
        condition.unlock()
        for s in summaries { send(s) }
        for sink in sinks { sink.flush() }
    }

    package var counters: CounterSet {
        condition.lock()
        defer { condition.unlock() }
        var c = stats
        c.merge(dedup.counters)
        return c
    }

    private func run() {
        while true {
            condition.lock()
            while head == queue.count && !closing { condition.wait() }
            if head == queue.count && closing {
                condition.unlock()
                finished.signal()
                return
            }
            let alert = queue[head]
            head += 1
            if head > 1024 && head * 2 > queue.count {
                queue.removeFirst(head)
                head = 0
            }
            condition.unlock()
            deliver(alert)
        }
    }

    private func deliver(_ alert: Alert) {
        condition.lock()
        let passed = dedup.admit(alert)
        condition.unlock()
        if let passed { send(passed) }
    }

    private func send(_ alert: Alert) {
        for (i, sink) in sinks.enumerated() {
            do {
                try sink.send(alert)
                condition.lock()
                stats.add("alert_delivered")
                failing.remove(i)
                condition.unlock()
            } catch {
                condition.lock()
                stats.add("alert_sink_errors")
                let first = failing.insert(i).inserted
                condition.unlock()
                if first && error.code != .webhookGaveUp { log("consenttap: alert sink \(sink.name) failed: \(error.message)") }
            }
        }
    }
}
