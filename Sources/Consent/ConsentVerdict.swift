import Primitives

/// The verdict for one forward (or one subject in it).
///
/// Severity order (worst first): violation, no_consent_record, unattributed, allowed.
/// no_personal_data stands alone (nothing personal was sent).
package enum ConsentVerdictKind: String, Equatable, Sendable {
    case allowed, violation
    case noConsentRecord = "no_consent_record"
    case unattributed
    case noPersonalData = "no_personal_data"

    package var severity: Int {
        switch self {
        case .violation: 4
        case .noConsentRecord: 3
        case .unattributed: 2
        case .allowed: 1
        case .noPersonalData: 0
        }
    }
}

/// The verdict for one subject of a forward.
package struct SubjectVerdict: Sendable {
    package var verdict: ConsentVerdictKind
    /// Redacted identifiers (`kind:hash-prefix`), never raw values.
    package var identifiers: [String]
    package var regime: ConsentRegime
    /// The record in force at the forward's time, if any.
    package var record: ConsentRecord?
    package var reasons: [String]

    package var jsonValue: ConsentJSON {
        .object([
            "verdict": .string(verdict.rawValue), "identifiers": .array(identifiers.map { .string($0) }),
            "regime": .string(regime.rawValue), "consent": record?.summaryJSON ?? .null,
            "reasons": .array(reasons.map { .string($0) }),
        ])
    }
}

/// The verdict for one forward: the worst subject verdict, the subjects, the reasons.
package struct ConsentVerdict: Sendable {
    package var verdict: ConsentVerdictKind
    package var category: String
    package var requiredPurposes: [ConsentRegime: [ConsentPurpose]]
    package var subjects: [SubjectVerdict]
    /// Forward-level reasons followed by every subject's reasons.
    package var reasons: [String]

    /// The record used for the worst subject (the one that decided the verdict), if any.
    package var consent: ConsentRecord? {
        subjects.first { $0.verdict == verdict }?.record
    }

    package var jsonValue: ConsentJSON {
        var required: [String: ConsentJSON] = [:]
        for (r, p) in requiredPurposes { required[r.rawValue] = .array(p.map { .string($0.rawValue) }) }
        return .object([
            "verdict": .string(verdict.rawValue), "category": .string(category), "requiredPurposes": .object(required),
            "subjects": .array(subjects.map(\.jsonValue)), "consent": consent?.summaryJSON ?? .null,
            "reasons": .array(reasons.map { .string($0) }),
        ])
    }

    package var json: String { jsonValue.json }
}
