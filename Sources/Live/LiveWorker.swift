import Synchronization
import Primitives
import Capture
import Engine

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
    package func run(options: HTTPRunOptions, analysis box: AnalysisBox, sink: ForwardSink, keyWait: Int64 = 0,
                     clock: @Sendable () -> Timestamp = wallClock) {
        var (analysis, generation) = box.load()
        var json = JSONWriter()
        var pipelineRef: LivePipeline?
        func emit(_ forward: ForwardRecord?) {
            guard let forward else { return }
            var judged = analysis.judge(forward)
            judged.uid = judged.uid &* UInt64(count) &+ UInt64(index)
            json.reset()
            judged.write(to: &json)
            sink.emit(judged, line: json.bytes)
        }
        let pipeline = LivePipeline(options: options, onTLS: { row in
            emit(analysis.analyzer.analyze(tls: row, learnedHost: pipelineRef?.hosts.name(for: row.server.address)))
        }, onRequest: { request in
            emit(analysis.analyzer.analyze(request, learnedHost: pipelineRef?.hosts.name(for: request.server.address)))
        })
        pipelineRef = pipeline
        var lastPublish = clock()
        var passes: UInt64 = 0
        while true {
            passes &+= 1
            if box.generation != generation { (analysis, generation) = box.load() }
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
                pipeline.tick(now: Timestamp(nanoseconds: now.nanoseconds - keyWait))
                if now.nanoseconds - lastPublish.nanoseconds >= 100_000_000 {
                    publish(pipeline)
                    lastPublish = now
                }
                sleepMicroseconds(200)
            } else if passes & 0x3F == 0 {
                let now = clock()
                if now.nanoseconds - lastPublish.nanoseconds >= 100_000_000 {
                    publish(pipeline)
                    lastPublish = now
                }
            }
        }
        pipeline.finish()
        publish(pipeline, finished: true)
    }

    private func publish(_ pipeline: LivePipeline, finished: Bool = false) {
        let figures = WorkerFigures(packets: pipeline.packets, bytes: pipeline.bytes, activeFlows: pipeline.activeFlows,
                                    flows: pipeline.flows, requests: pipeline.requests, counters: pipeline.counters,
                                    finished: finished)
        published.withLock { $0 = figures }
    }
}
