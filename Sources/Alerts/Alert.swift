import Consent
import Primitives

/// One alert about a forward: which vendor got what under which verdict, and why. By
/// construction it carries no raw personal data: subjects are `SubjectKey`s (keyed hashes), the
/// request path is masked (`RequestSummary`), reasons, vendor, verdict and rule pass through
/// `PersonalDataScrubber` (and cannot be changed afterwards), and the rest are times and counts.
///
/// `time` is the forward's time (event time, used by the de-duplicator). `rule` names what fired
/// (default `verdict/category`, e.g. `violation/advertising`). `counts` are small named numbers
/// (personal-data fields by category, subjects, ...). `suppressedRepeats` is set by
/// `AlertDeduplicator`: how many equal alerts were held back before this one (or, for a summary
/// at flush, how many this summary stands for).
package struct Alert: Equatable, Sendable {
    package var time: Timestamp
    package private(set) var vendor: String
    package private(set) var verdict: String
    package private(set) var rule: String
    package private(set) var reasons: [String]
    package var subjects: [SubjectKey]
    package var request: RequestSummary
    package var counts: [String: Int]
    package var suppressedRepeats: Int = 0
    /// True for the summary the de-duplicator emits at flush for held-back repeats.
    package var isRepeatSummary = false

    package init(time: Timestamp, vendor: String, verdict: String, rule: String, reasons: [String],
                 subjects: [SubjectKey], request: RequestSummary, counts: [String: Int] = [:]) {
        self.time = time
        self.vendor = PersonalDataScrubber.scrub(vendor)
        self.verdict = PersonalDataScrubber.scrub(verdict)
        self.rule = PersonalDataScrubber.scrub(rule)
        self.reasons = reasons.map(PersonalDataScrubber.scrub)
        self.subjects = subjects
        self.request = request
        self.counts = counts
    }

    /// An alert from a consent verdict. Subjects are keyed with `subjectKey` (HMAC-SHA-256) when
    /// raw identifiers are given, else taken from the verdict's redacted identifiers.
    package init(verdict v: ConsentVerdict, vendor: String, time: Timestamp, request: RequestSummary,
                 identifiers: [SubjectIdentifier] = [], subjectKey: [UInt8] = [], rule: String? = nil,
                 counts: [String: Int] = [:]) {
        var subjects: [SubjectKey] = identifiers.map { SubjectKey.keyed($0, key: subjectKey) }
        if identifiers.isEmpty {
            subjects = v.subjects.flatMap(\.identifiers).compactMap(SubjectKey.init(redacted:))
        }
        var c = counts
        c["subjects"] = v.subjects.count
        self.init(time: time, vendor: vendor, verdict: v.verdict.rawValue, rule: rule ?? "\(v.verdict.rawValue)/\(v.category)",
                  reasons: v.reasons, subjects: Array(Set(subjects)).sorted { $0.value < $1.value }, request: request,
                  counts: c)
    }

    /// The de-duplication key: vendor, rule and the set of subjects.
    package var dedupKey: String {
        vendor + "\u{1F}" + rule + "\u{1F}" + subjects.map(\.value).sorted().joined(separator: ",")
    }

    package var jsonValue: ConsentJSON {
        var o: [String: ConsentJSON] = [
            "type": .string(isRepeatSummary ? "consent_alert_repeats" : "consent_alert"),
            "ts": .string(time.rfc3339), "vendor": .string(vendor), "verdict": .string(verdict), "rule": .string(rule),
            "reasons": .array(reasons.map { .string($0) }), "subjects": .array(subjects.map { .string($0.value) }),
            "request": .object(["host": .string(request.host), "method": .string(request.method), "path": .string(request.path)]),
            "counts": .object(counts.mapValues { .int($0) }),
        ]
        if suppressedRepeats > 0 || isRepeatSummary { o["suppressedRepeats"] = .int(suppressedRepeats) }
        return .object(o)
    }

    /// One line of compact JSON, keys sorted (no newline).
    package var json: String { jsonValue.json }
}
