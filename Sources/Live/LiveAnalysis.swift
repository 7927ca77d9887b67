import Synchronization
import Primitives
import Engine
import Consent

/// What turns requests into judged forwards: the analyzer (catalog, first-party domains, hash key)
/// and the optional consent evaluator with its timeline. A value: a reload builds a new one.
package struct LiveAnalysis: Sendable {
    package var analyzer: ForwardAnalyzer
    package var consent: (evaluator: ConsentEvaluator, timeline: ConsentTimeline)?

    package init(analyzer: ForwardAnalyzer, consent: (evaluator: ConsentEvaluator, timeline: ConsentTimeline)?) {
        self.analyzer = analyzer
        self.consent = consent
    }

    /// The forward with its verdict when consent is configured (as `analyze` does).
    package func judge(_ forward: ForwardRecord) -> ForwardRecord {
        guard let consent else { return forward }
        var f = forward
        f.verdict = consent.evaluator.evaluate(ConsentForward(
            category: f.purpose ?? "unknown", time: f.firstPacket.time, subjects: f.subjects,
            hasPersonalData: !f.personalData.isEmpty, inBand: f.inBand, tcfVendorId: f.tcfVendorID),
            timeline: consent.timeline)
        return f
    }
}

/// The current `LiveAnalysis`, replaced on reload and picked up by each worker between packets:
/// workers compare `generation` (an atomic load) and take the lock only when it changed.
package final class AnalysisBox: Sendable {
    private let current: Mutex<LiveAnalysis>
    private let counter = Atomic<UInt64>(0)

    package init(_ analysis: LiveAnalysis) { current = Mutex(analysis) }

    package var generation: UInt64 { counter.load(ordering: .acquiring) }

    package func replace(_ analysis: LiveAnalysis) {
        current.withLock { $0 = analysis }
        counter.add(1, ordering: .releasing)
    }

    /// Changes the current analysis in place (e.g. consent records appended by a follower).
    package func update(_ change: (inout LiveAnalysis) -> Void) {
        current.withLock { change(&$0) }
        counter.add(1, ordering: .releasing)
    }

    package func load() -> (LiveAnalysis, UInt64) {
        current.withLock { ($0, counter.load(ordering: .acquiring)) }
    }
}
