import Synchronization
import Primitives
import Capture
import Engine
import Consent

/// One worker thread's state: it owns a `LivePipeline` (its share of the flows, its own key log) and
/// consumes its queues, one per capture thread (each queue has one producer and one consumer).
///
/// The loop takes up to 256 packets per queue per pass; when every queue is empty it ticks the
/// pipeline with the wall clock (so idle flows close), publishes its figures and sleeps 200 µs.
/// Key-log text posted with `post(keyLog:)` is added between packets; a new `AnalysisBox`
/// generation is picked up between packets too. After `stop()` it drains its queues, finishes every
/// connection (their records come out) and returns. Figures are published every 100 ms and at the
/// end, for metrics read from other threads.
package final class LiveWorker: Sendable {
    package let index: Int
    package let queues: [PacketRing]
    private let inbox = Mutex<[String]>([])
    private let stopping = Atomic<Bool>(false)
    private let published = Mutex(WorkerFigures())

    package struct WorkerFigures: Sendable {
        package var packets: UInt64 = 0
        package var bytes: UInt64 = 0
        package var activeFlows = 0
        package var flows: UInt64 = 0
        package var requests: UInt64 = 0
        package var counters = CounterSet()
        package var finished = false
    }

    /// Workers in the run: connection uids are made unique across workers as `uid * count + index`.
    package let count: Int

    package init(index: Int, of count: Int, queues: [PacketRing]) {
        self.index = index
        self.count = max(1, count)
        self.queues = queues
    }

    package var figures: WorkerFigures { published.withLock { $0 } }

    /// Hands key-log text (complete lines) to this worker's key log.
    package func post(keyLog text: String) { inbox.withLock { $0.append(text) } }

    package func stop() { stopping.store(true, ordering: .releasing) }

    /// The worker loop; returns after `stop()` once its queues are drained and flushed.
    ///
    /// `keyWait` (nanoseconds): packets are processed only once they are that old by `clock`, so that
    /// key-log lines written by the client as its handshake ends (and followed by polling) reach the
    /// key log before the records they decrypt; 0 processes packets at once.
    ///
    /// `grace` (nanoseconds): with consent configured, forwards carrying personal data wait this long
    /// (by `clock`) in a `ConsentGraceQueue` and are judged when they leave it, with the consent state
    /// of that moment: records that arrive late but are dated before the forward still count.
    package func run(options: HTTPRunOptions, analysis box: AnalysisBox, sink: ForwardSink, keyWait: Int64 = 0,
                     grace: Int64 = 0, clock: @escaping @Sendable () -> Timestamp = wallClock) {
        // Each worker analyses with its own analyzer (its own memo: no lock shared per field).
        func own(_ loaded: (LiveAnalysis, UInt64)) -> (LiveAnalysis, UInt64) {
            var (analysis, generation) = loaded
            analysis.analyzer = ForwardAnalyzer(options: analysis.analyzer.options)
            return (analysis, generation)
        }
        var (analysis, generation) = own(box.load())
        var json = JSONWriter()
        var pipelineRef: LivePipeline?
        var waiting = ConsentGraceQueue<ForwardRecord>(graceSeconds: Double(grace) / 1e9)
        func write(_ forward: ForwardRecord) {
            var judged = analysis.judge(forward)
            judged.uid = judged.uid &* UInt64(count) &+ UInt64(index)
            json.reset()
            judged.write(to: &json)
            sink.emit(judged, line: json.bytes)
        }
        func emit(_ forward: ForwardRecord?) {
            guard let forward else { return }
            guard grace > 0, analysis.consent != nil, !forward.personalData.isEmpty else { return write(forward) }
            // Waiting starts when the forward is seen (its packets may be older by the key wait).
            for early in waiting.add(forward, at: clock()) { write(early) }
        }
        func releaseWaiting(_ now: Timestamp) {
            guard waiting.count > 0 else { return }
            for due in waiting.tick(now: now) { write(due) }
        }
        let pipeline = LivePipeline(options: options, onTLS: { row in
            emit(analysis.analyzer.analyze(tls: row, learnedHost: pipelineRef?.hosts.name(for: row.server.address, before: row.firstPacket)))
        }, onRequest: { request in
            emit(analysis.analyzer.analyze(request, learnedHost: pipelineRef?.hosts.name(for: request.server.address, before: request.firstPacket)))
        })
        pipelineRef = pipeline
        var lastPublish = clock()
        var passes: UInt64 = 0
        while true {
            passes &+= 1
            if box.generation != generation { (analysis, generation) = own(box.load()) }
            let texts = inbox.withLock { t -> [String] in defer { t.removeAll() }; return t }
            for text in texts { pipeline.keyLog.add(text: text) }
            var taken = 0
            let stop = stopping.load(ordering: .acquiring)
            let due = keyWait > 0 && !stop ? clock().nanoseconds - keyWait : Int64.max
            for queue in queues {
                var n = 0
                while n < 256, let t = queue.oldestTimestamp, t.nanoseconds <= due, queue.pop({ pipeline.process($0) }) { n += 1 }
                taken += n
            }
            if taken == 0 {
                if stop, queues.allSatisfy({ $0.count == 0 }) { break }
                let now = clock()
                releaseWaiting(now)
                pipeline.tick(now: Timestamp(nanoseconds: now.nanoseconds - keyWait))
                if now.nanoseconds - lastPublish.nanoseconds >= 100_000_000 {
                    publish(pipeline)
                    lastPublish = now
                }
                sleepMicroseconds(200)
            } else if passes & 0x3F == 0 {
                let now = clock()
                releaseWaiting(now)
                if now.nanoseconds - lastPublish.nanoseconds >= 100_000_000 {
                    publish(pipeline)
                    lastPublish = now
                }
            }
        }
        pipeline.finish()
        for rest in waiting.drain() { write(rest) }
        publish(pipeline, finished: true)
    }

    private func publish(_ pipeline: LivePipeline, finished: Bool = false) {
        let figures = WorkerFigures(packets: pipeline.packets, bytes: pipeline.bytes, activeFlows: pipeline.activeFlows,
                                    flows: pipeline.flows, requests: pipeline.requests, counters: pipeline.counters,
                                    finished: finished)
        published.withLock { $0 = figures }
    }
}
