import Synchronization
import Primitives
import Capture
import Engine

/// The threads of a live run and their figures: one capture thread per interface, N workers, and
/// a queue from every capture thread to every worker (each queue single-producer single-consumer).
///
/// `start` spawns the workers first, then the capture threads. `shutdown` stops the capture threads,
/// waits for them, then lets the workers drain their queues, finish their connections (their records
/// come out) and end. `snapshot` gathers every figure for metrics and the periodic log.
package final class LiveRuntime: Sendable {
    package let workers: [LiveWorker]
    package let dispatchers: [CaptureDispatcher]
    package let sink: ForwardSink
    package let analysis: AnalysisBox
    private let threads = Mutex<[LiveThread]>([])
    private let captureThreads = Mutex<[LiveThread]>([])
    private let extra = Mutex<(keylogLines: UInt64, reloads: UInt64, reloadFailures: UInt64)>((0, 0, 0))

    /// `captures`: opened handles by interface name; every queue gets `queuePackets` slots and
    /// `queueBytes` of slab.
    package init(captures: [(String, LiveCapture)], workerCount: Int, queuePackets: Int, queueBytes: Int,
                 analysis: AnalysisBox, sink: ForwardSink) {
        let n = max(1, workerCount)
        let rings = captures.map { _ in (0..<n).map { _ in PacketRing(slots: queuePackets, bytes: queueBytes) } }
        workers = (0..<n).map { w in LiveWorker(index: w, of: n, queues: rings.map { $0[w] }) }
        dispatchers = captures.enumerated().map { i, c in CaptureDispatcher(interface: c.0, capture: c.1, queues: rings[i]) }
        self.analysis = analysis
        self.sink = sink
    }

    /// `keyWait`: see `LiveWorker.run`.
    /// `grace` (nanoseconds): see `LiveWorker.run`.
    package func start(options: HTTPRunOptions, keyWait: Int64, grace: Int64 = 0) {
        let analysis = self.analysis, sink = self.sink
        let ws = workers.map { w in
            LiveThread.spawn(name: "ct-worker-\(w.index)") { w.run(options: options, analysis: analysis, sink: sink, keyWait: keyWait, grace: grace) }
        }
        threads.withLock { $0 = ws }
        let cs = dispatchers.map { d in LiveThread.spawn(name: "ct-cap-\(d.interface)") { d.run() } }
        captureThreads.withLock { $0 = cs }
    }

    /// Whether every capture has ended by itself (interface gone, error).
    package var capturesEnded: Bool { dispatchers.allSatisfy(\.hasEnded) }

    package func post(keyLog text: String, lines: Int) {
        guard !text.isEmpty else { return }
        for w in workers { w.post(keyLog: text) }
        extra.withLock { $0.keylogLines += UInt64(lines) }
    }

    package func noteReload(ok: Bool) {
        extra.withLock { if ok { $0.reloads += 1 } else { $0.reloadFailures += 1 } }
    }

    /// Stops capturing, drains every queue through the workers, finishes every connection.
    package func shutdown() {
        for d in dispatchers { d.stop() }
        for t in captureThreads.withLock({ $0 }) { t.join() }
        for w in workers { w.stop() }
        for t in threads.withLock({ $0 }) { t.join() }
    }

    package func snapshot() -> MetricsSnapshot {
        var s = MetricsSnapshot()
        var kernel: UInt64 = 0, interface: UInt64 = 0
        for d in dispatchers {
            if let st = d.statistics {
                s.kernelReceived[d.interface] = st.received
                kernel += st.droppedByKernel
                interface += st.droppedByInterface
            }
        }
        s.drops["kernel"] = kernel
        s.drops["interface"] = interface
        var full: UInt64 = 0, large: UInt64 = 0
        for d in dispatchers { for q in d.queues { full += q.droppedFull; large += q.droppedTooLarge } }
        s.drops["queue_full"] = full
        s.drops["queue_packet_too_large"] = large
        for w in workers {
            let f = w.figures
            s.packets += f.packets
            s.bytes += f.bytes
            s.activeFlows += f.activeFlows
            s.flows += f.flows
            s.requests += f.requests
            for (name, value) in f.counters.nonZero {
                if MetricsSnapshot.isDrop(name) { s.drops[name, default: 0] += value } else { s.events[name, default: 0] += value }
            }
            s.queueDepth.append(w.queues.reduce(0) { $0 + $1.count })
        }
        let totals = sink.snapshot
        s.forwardsByVendor = totals.forwards
        s.violationsByVendor = totals.violations
        if totals.writeFailures > 0 { s.drops["output_write_failed"] = totals.writeFailures }
        let e = extra.withLock { $0 }
        s.keylogLines = e.keylogLines
        s.reloads = e.reloads
        s.reloadFailures = e.reloadFailures
        return s
    }
}
