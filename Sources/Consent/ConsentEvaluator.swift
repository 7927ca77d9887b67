import Primitives

/// One forward to judge: the vendor category, the subjects found (each a list of identifiers),
/// the forward's time, whether personal data was found at all, and the payload's own signals.
package struct ConsentForward: Sendable {
    package var category: String
    package var time: Timestamp
    package var subjects: [[SubjectIdentifier]]
    package var hasPersonalData: Bool
    package var inBand: InBandSignals
    /// The vendor's IAB TCF Global Vendor List id (e.g. 755 Google), when it has one.
    package var tcfVendorId: Int?

    package init(category: String, time: Timestamp, subjects: [[SubjectIdentifier]], hasPersonalData: Bool,
                 inBand: InBandSignals = InBandSignals(), tcfVendorId: Int? = nil) {
        self.tcfVendorId = tcfVendorId
        self.category = category
        self.time = time
        self.subjects = subjects
        self.hasPersonalData = hasPersonalData
        self.inBand = inBand
    }
}

/// Computes the verdict for a forward from the policy, the timeline and the rules.
///
/// Per subject: the record in force at the forward's time (`ConsentTimeline.state`); its regime, or
/// `defaultRegime` when the record has none or there is no record; the purposes the category needs
/// under that regime (`ConsentPolicy`); then `rules`. No record: `no_consent_record` (a violation
/// under opt_in, said in the reasons) unless a rule finds a violation anyway (e.g. GPC). The forward
/// verdict is the worst subject verdict; no subjects but personal data -> `unattributed`; no
/// personal data -> `no_personal_data`.
package struct ConsentEvaluator: Sendable {
    package var policy: ConsentPolicy
    package var defaultRegime: ConsentRegime
    package var rules: AllOfConsentRules
    /// Renders an identifier for output; the default is `kind:sha256-prefix` (never raw).
    package var redact: @Sendable (SubjectIdentifier) -> String

    package init(policy: ConsentPolicy = .embeddedDefault, defaultRegime: ConsentRegime? = nil,
                 rules: AllOfConsentRules = .standard,
                 redact: @escaping @Sendable (SubjectIdentifier) -> String = { $0.description }) {
        self.policy = policy
        self.defaultRegime = defaultRegime ?? policy.defaultRegime
        self.rules = rules
        self.redact = redact
    }

    package func evaluate(_ forward: ConsentForward, timeline: ConsentTimeline) -> ConsentVerdict {
        var required: [ConsentRegime: [ConsentPurpose]] = [:]
        for r in [ConsentRegime.optIn, .optOut] {
            required[r] = policy.requiredPurposes(category: forward.category, regime: r).purposes
        }
        guard forward.hasPersonalData else {
            return ConsentVerdict(verdict: .noPersonalData, category: forward.category, requiredPurposes: required,
                                  subjects: [], reasons: ["no personal data in the forward"])
        }
        let subjects = forward.subjects.filter { !$0.isEmpty }
        guard !subjects.isEmpty else {
            return ConsentVerdict(verdict: .unattributed, category: forward.category, requiredPurposes: required,
                                  subjects: [], reasons: ["personal data sent, but no subject identifier to find a consent record"])
        }
        var results: [SubjectVerdict] = []
        for ids in subjects { results.append(evaluate(subject: ids, forward: forward, timeline: timeline)) }
        let worst = results.max { $0.verdict.severity < $1.verdict.severity }!.verdict
        var reasons: [String] = []
        for (i, s) in results.enumerated() {
            reasons += s.reasons.map { results.count > 1 ? "subject \(i + 1): \($0)" : $0 }
        }
        return ConsentVerdict(verdict: worst, category: forward.category, requiredPurposes: required,
                              subjects: results, reasons: reasons)
    }

    private func evaluate(subject ids: [SubjectIdentifier], forward: ConsentForward, timeline: ConsentTimeline) -> SubjectVerdict {
        let state = timeline.state(for: ids, at: forward.time)
        let regime = state.record?.regime ?? defaultRegime
        let (purposes, key) = policy.requiredPurposes(category: forward.category, regime: regime)
        let input = ConsentRuleInput(category: forward.category, regime: regime, required: purposes,
                                     unknownIsViolation: policy.rules(regime).unknownIsViolation,
                                     record: state.record, inBand: forward.inBand, time: forward.time,
                                     tcfVendorId: forward.tcfVendorId)
        var reasons: [String] = []
        if key == nil { reasons.append("no policy entry for category \(forward.category); nothing required") }
        let result = rules.evaluate(input)
        var verdict: ConsentVerdictKind
        switch result {
        case .violation(let r, let n):
            verdict = .violation
            reasons += r + n
        case .pass(let n):
            verdict = .allowed
            reasons += n
        }
        if state.record == nil && verdict != .violation && purposes.isEmpty {
            reasons.insert("no consent record, but \(forward.category) needs no consent purpose under \(regime.rawValue)", at: 0)
        } else if state.record == nil && verdict != .violation {
            verdict = .noConsentRecord
            var why = "no consent record for this subject at \(String(forward.time.rfc3339.prefix(19)))Z"
            if let next = state.nextRecord { why += "; the first record is dated later (\(next.phrase))" }
            reasons.insert(why, at: 0)
            let needs = purposes.map(\.rawValue).joined(separator: ", ")
            if regime == .optIn && !purposes.isEmpty {
                reasons.insert("a violation under opt_in: \(forward.category) needs consent for \(needs)", at: 1)
            } else if regime == .optOut {
                reasons.insert("allowed by default under opt_out unless the person opted out", at: 1)
            }
        }
        if let next = state.nextRecord, state.record != nil {
            reasons.append("a later record changes this from \(String(next.ts.rfc3339.prefix(19)))Z")
        }
        return SubjectVerdict(verdict: verdict, identifiers: ids.map(redact), regime: regime, record: state.record,
                              reasons: reasons)
    }
}
